"""Deployment extensions (custom bundles and plugins): ``/api/v1/deployments/extensions`` (cloud API).

What the spec leaves open follows Elastic's guide "Managing plugins and extensions through the API"
(ec-plugins-guide): ids are numeric strings, ``url`` is ``repo://<id>`` (what a plan's ``user_bundles`` and
``user_plugins`` name), an update cannot change ``extension_type``, and deleting an extension a deployment
plan uses answers 400 ``extensions.extension_in_use``.
"""

import hashlib
import secrets
from urllib.parse import urlsplit

from .. import clock
from ..errors import ApiError, bad_request
from ..reply import json_reply
from ..routing import CLOUD, Route
from .deployment_records import DEPLOYMENT, all_resources, settle

EXTENSION = "extension"
BASE = "/api/v1/deployments/extensions"
ONE = f"{BASE}/{{extension_id}}"
FETCH_FAILED = "extensions.request_execution_failed"
# The temporary download URL of an uploaded file (a signed link on the real service); the emulator serves none.
FILE_HOST = "https://extensions.emulator.invalid"


def _headers(record):
    return {
        "x_cloud_resource_version": str(record["resource_version"]),
        "x_cloud_resource_created": clock.iso(record["created"]),
        "x_cloud_resource_last_modified": clock.iso(record["modified"]),
    }


def _shown(record, deployments=None):
    shown = {key: record[key] for key in ("id", "name", "extension_type", "version", "url") if key in record}
    for key in ("description", "download_url"):
        if record.get(key) is not None:
            shown[key] = record[key]
    if record.get("file"):
        stored = record["file"]
        shown["file_metadata"] = {
            "size": stored["size"],
            "last_modified_date": clock.iso(stored["modified"]),
            "url": f"{FILE_HOST}/{record['id']}/{stored['name']}?expires={int(stored['modified']) + 3600}",
        }
    if deployments is not None:
        shown["deployments"] = deployments
    return shown


def _load(call):
    extension_id = call.params["extension_id"]
    return call.owned(EXTENSION, extension_id, "extensions.not_found", f"Extension [{extension_id}] was not found")


def _load_own(call):
    record = _load(call)
    if record["owner"] != call.user_id:
        raise ApiError(401, "extensions.unauthorised", "The extension does not belong to you")
    return record


def _fetched(record, download_url, now):
    """Copy the archive at ``download_url`` into the repository (the spec's usage pattern A).

    The guide accepts http and https only. The emulator fetches nothing: the stored file stands in for the
    archive, and its size is that of this stand-in.
    """
    if urlsplit(download_url).scheme not in ("http", "https") or not urlsplit(download_url).netloc:
        raise bad_request(f"Could not download the extension from [{download_url}]", ["download_url"], FETCH_FAILED)
    content = f"archive from {download_url}".encode()
    name = urlsplit(download_url).path.rsplit("/", 1)[-1] or "extension.zip"
    record["download_url"] = download_url
    record["file"] = _file(name, content, now)


def _file(name, content, now):
    return {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest(), "modified": now}


def _touch(call, record, now):
    record["resource_version"] += 1
    record["modified"] = now
    call.store.update(EXTENSION, record["id"], record)


def _new_id(call):
    while True:
        candidate = str(secrets.randbelow(9 * 10**9) + 10**9)  # ten digits, like the guide's examples
        if call.store.get(EXTENSION, candidate) is None:
            return candidate


def create_extension(call):
    body, now = call.body, clock.now()
    extension_id = _new_id(call)
    record = {"id": extension_id, "name": body["name"], "extension_type": body["extension_type"],
              "version": body["version"], "description": body.get("description"), "url": f"repo://{extension_id}",
              "owner": call.user_id, "created": now, "modified": now, "resource_version": 1}  # fmt: skip
    if body.get("download_url"):
        _fetched(record, body["download_url"], now)
    call.store.insert(EXTENSION, extension_id, record, org=call.organization_id, owner=call.user_id)
    return json_reply(_shown(record), status=201, **_headers(record))


def list_extensions(call):
    records = [record for _seq, record in call.store.list(EXTENSION, org=call.organization_id)]
    return json_reply({"extensions": [_shown(record) for record in records]})


def get_extension(call):
    record = _load(call)
    deployments = [user["id"] for user in _users(call, record)] if call.query.get("include_deployments") else None
    return json_reply(_shown(record, deployments), **_headers(record))


def update_extension(call):
    record, body, now = _load_own(call), call.body, clock.now()
    # The guide: "Updating extension_type has no effect. You cannot change the extension's type ... after the
    # initial creation", so the stored type stays. A description left out is cleared: the request replaces
    # the extension's metadata (the collection always sends it, so this reading costs nothing).
    record.update(name=body["name"], version=body["version"], description=body.get("description"))
    if body.get("download_url"):
        _fetched(record, body["download_url"], now)  # the guide re-runs this POST to fetch a new file
    _touch(call, record, now)
    return json_reply(_shown(record), **_headers(record))


def upload_extension(call):
    record, now = _load_own(call), clock.now()
    part = call.body["file"]
    if not part["content"]:
        raise bad_request("Could not accept the extensions file: it is empty", ["file"], FETCH_FAILED)
    record["file"] = _file(part["filename"] or "extension.zip", part["content"], now)
    _touch(call, record, now)
    return json_reply(_shown(record), **_headers(record))


def delete_extension(call):
    record = _load_own(call)
    users = _users(call, record)
    if users:
        # The guide: "Only extensions not currently referenced in a deployment plan can be deleted", with
        # this 400, code and message (naming the deployments); the spec lists no 400 for this DELETE.
        names = ", ".join(user["name"] for user in users)
        raise bad_request(f"Cannot delete extension [{record['id']}]. It is used by deployments [{names}].",
                          code="extensions.extension_in_use")  # fmt: skip
    call.store.delete(EXTENSION, record["id"])
    return json_reply({}, **_headers(record))


def _users(call, record):
    """The deployments whose current or pending Elasticsearch plan names the extension's ``url``."""
    users = []
    for _seq, deployment in call.store.list(DEPLOYMENT, org=call.organization_id):
        settle(call, deployment)
        if any(record["url"] in _extension_urls(resource) for resource in all_resources(deployment)):
            users.append(deployment)
    return users


def _extension_urls(resource):
    urls = set()
    for attempt in (resource.get("current"), resource.get("pending")):
        plan = (attempt or {}).get("plan") or {}
        configs = [plan.get("elasticsearch") or {}]
        configs += [element.get("elasticsearch") or {} for element in plan.get("cluster_topology") or []]
        for config in configs:
            for extension in (config.get("user_bundles") or []) + (config.get("user_plugins") or []):
                urls.add(extension.get("url"))
    return urls


def dump(store):
    return {"extensions": [record for _seq, record in store.list(EXTENSION)]}


ROUTES = [
    Route("GET", BASE, list_extensions, api=CLOUD),
    Route("POST", BASE, create_extension, api=CLOUD),
    Route("GET", ONE, get_extension, api=CLOUD),
    Route("POST", ONE, update_extension, api=CLOUD),
    Route("PUT", ONE, upload_extension, api=CLOUD),
    Route("DELETE", ONE, delete_extension, api=CLOUD),
]
