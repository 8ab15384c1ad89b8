"""Comments on platform resources: ``/api/v1/comments/{resource_type}/{resource_id}`` (cloud API).

Each comment carries a version; PUT/DELETE with ``?version=`` fail with 409 when it is stale.
"""

import secrets

from .. import clock
from ..errors import ApiError, conflict, not_found
from ..reply import json_reply
from ..routing import CLOUD, ECE, Route

COMMENT = "comment"
BASE = "/api/v1/comments/{resource_type}/{resource_id}"
RESOURCE_TYPES = (
    "elasticsearch",
    "kibana",
    "apm",
    "appsearch",
    "enterprise_search",
    "integrations_server",
    "allocator",
    "constructor",
    "runner",
    "proxy",
)


def _version_headers(record):
    metadata = record["metadata"]
    return {
        "x-cloud-resource-version": metadata["version"],
        "x-cloud-resource-created": metadata["created_time"],
        "x-cloud-resource-last-modified": metadata["modified_time"],
    }


def _on_resource(call, record):
    return (record["resource_type"], record["resource_id"]) == (
        call.params["resource_type"],
        call.params["resource_id"],
    )


def _load(call):
    comment_id = call.params["comment_id"]
    record = call.store.get(COMMENT, comment_id, org=call.organization_id)
    if record is None or not _on_resource(call, record):
        raise not_found("comments.comment_does_not_exist", f"Comment '{comment_id}' does not exist")
    return record


def _load_for_change(call):
    """The comment, if the caller wrote it and ?version= (when given) is current."""
    record = _load(call)
    if record["comment"]["user_id"] != call.user_id:
        raise ApiError(401, "comments.unauthorised", "The comment does not belong to you")
    expected = call.query.get("version")
    if expected is not None and expected != record["metadata"]["version"]:
        raise conflict(
            "comments.version_conflict",
            f"Version {expected} does not match the stored version {record['metadata']['version']}",
            ["version"],
        )
    return record


def list_comments(call):
    values = [
        {"comment": record["comment"], "metadata": record["metadata"]}
        for _seq, record in call.store.list(COMMENT, org=call.organization_id)
        if _on_resource(call, record)
    ]
    return json_reply({"values": values})


def create_comment(call):
    if call.params["resource_type"] not in RESOURCE_TYPES:
        raise not_found(
            "comments.resource_does_not_exist",
            f"No resource of type '{call.params['resource_type']}' can hold comments",
        )
    now = clock.iso(clock.now())
    comment = {"id": secrets.token_hex(10), "user_id": call.user_id, "message": call.body["message"]}
    record = {
        "comment": comment,
        "metadata": {"created_time": now, "modified_time": now, "version": "1"},
        "resource_type": call.params["resource_type"],
        "resource_id": call.params["resource_id"],
    }
    call.store.insert(COMMENT, comment["id"], record, org=call.organization_id, owner=call.user_id)
    return json_reply(comment, status=201, **_version_headers(record))


def get_comment(call):
    record = _load(call)
    return json_reply(record["comment"], **_version_headers(record))


def update_comment(call):
    record = _load_for_change(call)
    record["comment"]["message"] = call.body["message"]
    metadata = record["metadata"]
    metadata.update(modified_time=clock.iso(clock.now()), version=str(int(metadata["version"]) + 1))
    call.store.update(COMMENT, record["comment"]["id"], record)
    return json_reply(record["comment"], **_version_headers(record))


def delete_comment(call):
    record = _load_for_change(call)
    call.store.delete(COMMENT, record["comment"]["id"])
    return json_reply({}, **_version_headers(record))


def dump(store):
    return {"comments": [record for _seq, record in store.list(COMMENT)]}


# Comments on platform resources (allocators, runners...) are an ECE administration feature.
ECE_ONLY = (ECE,)
ROUTES = [
    Route("GET", BASE, list_comments, api=CLOUD, platforms=ECE_ONLY),
    Route("POST", BASE, create_comment, api=CLOUD, platforms=ECE_ONLY),
    Route("GET", f"{BASE}/{{comment_id}}", get_comment, api=CLOUD, platforms=ECE_ONLY),
    Route("PUT", f"{BASE}/{{comment_id}}", update_comment, api=CLOUD, platforms=ECE_ONLY),
    Route("DELETE", f"{BASE}/{{comment_id}}", delete_comment, api=CLOUD, platforms=ECE_ONLY),
]
