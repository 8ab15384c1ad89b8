# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hosted deployments on the API (private): paths, lookups, reads, writes and what a deployment looks like."""

from __future__ import annotations

import hashlib

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError, single_match
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._retry import AMBIGUOUS_STATUSES

DEPLOYMENTS_PATH = "/api/v1/deployments"
TEMPLATE_PATH = "/api/v1/deployments/templates/{}"
KINDS = ("elasticsearch", "kibana", "apm", "appsearch", "enterprise_search", "integrations_server")
# Names of the endpoints returned, by resource kind.
ENDPOINT_NAMES = {"elasticsearch": "elasticsearch", "kibana": "kibana", "apm": "apm", "integrations_server": "fleet",
                  "enterprise_search": "enterprise_search"}  # fmt: skip
SEARCH_PAGE = 100
# A create whose answer was lost is sent again with the same request_id: the API answers the first one's deployment.
CREATE_ATTEMPTS = 3
# What refuses a DELETE where users may not delete deployments: Elastic Cloud answered 405 (ecctl issue 231, "the
# deployment delete command is meant for ECE only"), and an organization's roles may answer 403.
DELETE_REFUSED = (403, 405)


class DeploymentError(UsageError):
    """A failure that still has something to return, such as the id of a deployment created before it failed."""

    def __init__(self, message, result=None):
        super().__init__(message)
        self.result = result or {}


# -- paths and reads --------------------------------------------------------------------------
def deployment_path(deployment_id=None, suffix=None):
    path = DEPLOYMENTS_PATH
    if deployment_id is not None:
        path += api_path("/{}", deployment_id)
    return path + ("/" + suffix if suffix else "")


def read_deployment(client, deployment_id, history=False):
    """The deployment with its plans (with ``history``: past attempts and logs too), or None when there is none."""
    params = {"show_plans": "true", "show_metadata": "true", "show_settings": "true", "clear_transient": "true"}
    if history:
        params.update(show_plan_history="true", show_plan_logs="true")
    response = client.get_optional(deployment_path(deployment_id), params=params)
    return None if response is None else response.data


def search(client, query):
    """Every deployment the search ``query`` matches (all pages)."""
    found, start = [], 0
    while True:
        body = {"query": query, "from": start, "size": SEARCH_PAGE}
        page = client.post(deployment_path(suffix="_search"), body=body).data or {}
        deployments = page.get("deployments") or []
        found.extend(deployments)
        start += len(deployments)
        if not deployments or start >= page.get("match_count", 0):
            return found


def search_by_name(client, name):
    """Every deployment named exactly ``name`` (the search matches words; the exact name is checked here)."""
    matched = search(client, {"match": {"name": {"query": name, "operator": "and"}}})
    return [deployment for deployment in matched if deployment.get("name") == name]


def search_query(name_prefix=None, tags=None):
    """The query of a name prefix and tags (each tag a nested query on ``metadata.tags``, as terraform-provider-ec
    builds it); ``match_all`` without either."""
    must = [{"prefix": {"name": {"value": name_prefix}}}] if name_prefix else []
    for key, value in sorted((tags or {}).items()):
        must.append({"nested": {"path": "metadata.tags", "query": {"bool": {"must": [
            {"term": {"metadata.tags.key": {"value": str(key)}}},
            {"term": {"metadata.tags.value": {"value": str(value)}}},
        ]}}}})  # fmt: skip
    return {"bool": {"must": must}} if must else {"match_all": {}}


def find_deployment(client, id=None, name=None, id_option="id"):  # pylint: disable=redefined-builtin
    """The deployment with ``id``, else the one named exactly ``name`` (two is a UsageError naming both and the
    ``id_option`` that chooses one), or None.

    Read with its plan history, so that the plans a change starts can be told from the ones before it.
    """
    if not id:
        hint = "set %s to choose one" % id_option
        match = single_match(search_by_name(client, name), "deployments", "are named %r" % name, hint)
        if match is None:
            return None
        id = match["id"]
    return read_deployment(client, id, history=True)


def read_template(client, template_id, region):
    response = client.get_optional(api_path(TEMPLATE_PATH, template_id), params={"region": region})
    if response is None:
        raise UsageError("deployment_template_id %s is not a deployment template of region %s" % (template_id, region))
    return response.data


# -- writes ---------------------------------------------------------------------------------
def request_id_for(*inputs):
    """A request_id (32 to 128 characters) that the same task always derives the same way."""
    digest = hashlib.sha256("\0".join(str(value) for value in inputs).encode("utf-8")).hexdigest()
    return "ansible-%s" % digest


def create(client, body, request_id):
    """POST the deployment; ``(answer, created)``. ``created`` is False when the request_id had already made it."""
    for attempt in range(CREATE_ATTEMPTS):
        try:
            response = client.post(deployment_path(), body=body, params={"request_id": request_id})
            break
        except ElasticCloudError as exc:
            if exc.status not in AMBIGUOUS_STATUSES or attempt == CREATE_ATTEMPTS - 1:
                raise
    answer = response.data or {}
    return answer, bool(answer.get("created", response.status == 201))


def create_once(client, body, inputs, tries=3):
    """POST with a request_id derived from the task's ``inputs``; ``(answer, created)``.

    The spec says a second create with the same request_id answers the first one's deployment. It does not say
    whether it still does once that deployment is deleted: if the deployment answered is gone, its id joins the
    inputs, so the next request_id is new, and a re-run of the task derives that same one again.
    """
    for _attempt in range(tries):
        answer, created = create(client, body, request_id_for(*inputs))
        if created or read_deployment(client, answer["id"]) is not None:
            return answer, created
        inputs = tuple(inputs) + (answer["id"],)
    raise DeploymentError("The API keeps answering the create of %r with deleted deployments (last %s)"
                          % (body.get("name"), answer["id"]))  # fmt: skip


def validate_create(client, body):
    return client.post(deployment_path(), body=body, params={"validate_only": "true"}).data or {}


def update(client, deployment_id, body, validate_only=False):
    params = {"validate_only": "true"} if validate_only else None
    return client.put(deployment_path(deployment_id), body=body, params=params).data or {}


def migrate_template(client, deployment_id, template_id):
    """The update request that moves the deployment onto ``template_id`` (its instance configurations)."""
    return client.get(deployment_path(deployment_id, "migrate_template"), params={"template_id": template_id}).data or {}


def reset_password(client, deployment_id, ref_id):
    """New credentials (``username``, ``password``) of the elastic user of an Elasticsearch resource."""
    answer = client.post(deployment_path(deployment_id, api_path("elasticsearch/{}/_reset-password", ref_id))).data or {}
    return {"username": answer.get("username"), "password": answer.get("password")}


def shutdown(client, deployment_id):
    client.post(deployment_path(deployment_id, "_shutdown"))


def restore(client, deployment_id):
    client.post(deployment_path(deployment_id, "_restore"))


def delete(client, deployment_id):
    """DELETE; True when done (or already gone), False when the API refuses deletes to this user."""
    try:
        client.delete(deployment_path(deployment_id), missing_ok=True)
        return True
    except ElasticCloudError as exc:
        if exc.status in DELETE_REFUSED:
            return False
        raise


# -- what a deployment looks like ----------------------------------------------------------------
def resources(deployment):
    """``(kind, resource)`` of every resource of a deployment read with GET."""
    return [(kind, resource) for kind in KINDS for resource in (deployment.get("resources") or {}).get(kind) or []]


def plan_info(resource):
    return (resource.get("info") or {}).get("plan_info") or {}


def pending_plans(deployment):
    """``(kind, resource)`` of the resources with a pending plan."""
    return [(kind, resource) for kind, resource in resources(deployment) if plan_info(resource).get("pending")]


def status_of(resource):
    return (resource.get("info") or {}).get("status")


def is_shut_down(deployment):
    """Every resource stopped, and none being restarted."""
    found = resources(deployment)
    return bool(found) and not pending_plans(deployment) and all(status_of(r) == "stopped" for _kind, r in found)


def latest_plan(resource):
    """The plan a resource is heading for: its pending plan, else its current one (None when it has neither)."""
    info = plan_info(resource)
    return (info.get("pending") or info.get("current") or {}).get("plan")


def resource_version(kind, resource):
    current = plan_info(resource).get("current") or {}
    return ((current.get("plan") or {}).get(kind) or {}).get("version")


def tags_of(deployment):
    return {tag["key"]: tag["value"] for tag in (deployment.get("metadata") or {}).get("tags") or []}


def summary(deployment):
    """What the modules return of a deployment."""
    described, endpoints, cloud_id = [], {}, None
    for kind, resource in resources(deployment):
        info = resource.get("info") or {}
        described.append({"kind": kind, "ref_id": resource.get("ref_id"), "id": resource.get("id"),
                          "status": info.get("status"), "healthy": info.get("healthy"),
                          "version": resource_version(kind, resource)})  # fmt: skip
        url = (info.get("metadata") or {}).get("service_url")
        if url and kind in ENDPOINT_NAMES:
            endpoints.setdefault(ENDPOINT_NAMES[kind], url)
        cloud_id = cloud_id or (info.get("metadata") or {}).get("cloud_id")
    es = [resource for kind, resource in resources(deployment) if kind == "elasticsearch"]
    return {
        "id": deployment.get("id"),
        "name": deployment.get("name"),
        "alias": deployment.get("alias"),
        "healthy": deployment.get("healthy"),
        "status": status_of(es[0]) if es else None,
        "version": resource_version("elasticsearch", es[0]) if es else None,
        "deployment_template_id": ((latest_plan(es[0]) or {}).get("deployment_template") or {}).get("id") if es else None,
        "tags": tags_of(deployment),
        "resources": described,
        "endpoints": endpoints,
        "cloud_id": cloud_id,
    }


def credentials_of(answer):
    """The ``elastic`` user's credentials a create answer carries (only the first answer ever does)."""
    for resource in answer.get("resources") or []:
        if resource.get("kind") == "elasticsearch" and resource.get("credentials"):
            return dict(resource["credentials"])
    return None
