"""Hosted deployments: ``/api/v1/deployments`` (cloud API).

A deployment holds resources of several kinds (Elasticsearch, Kibana, Integrations Server, ...), each
with its own plans (see ``deployment_plans``). Payloads are checked and applied by ``deployment_payloads``,
resources shown by ``deployment_views``; shutdown, restore and delete live in ``deployment_lifecycle``,
per-resource actions in ``deployment_resource_actions``.
"""

import copy
import re
import secrets

from .. import clock
from ..errors import bad_request, conflict
from ..reply import json_reply
from ..routing import CLOUD, Route
from . import deployment_elasticsearch, deployment_search, deployment_traffic_filters
from .deployment_lifecycle import (
    delete_deployment,
    is_listed,
    restore_deployment,
    shut_down_orphans,
    shutdown_deployment,
)
from .deployment_migration import migration
from .deployment_payloads import apply_payload, default_versions, payloads_of
from .deployment_records import DEPLOYMENT, header_kwargs, load, load_all, touch
from .deployment_resource_actions import (
    cancel_pending_plan,
    get_resource,
    plan_options,
    reset_password,
    upgrade_stateless,
)
from .deployment_views import KINDS, deployment, resource_summaries

BASE = "/api/v1/deployments"
ONE = f"{BASE}/{{deployment_id}}"


# -- creating ------------------------------------------------------------------------------
def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "deployment"


def _build(call, body, template_id):
    now = clock.now()
    deployment_id = secrets.token_hex(16)
    name = body.get("name") or deployment_id
    record = {"id": deployment_id, "name": name, "alias": body.get("alias") or f"{_slug(name)}-{deployment_id[:6]}",
              "created": now, "last_modified": now, "version": 1, "org": call.organization_id, "owner": call.user_id,
              "metadata": copy.deepcopy(body.get("metadata") or {}), "settings": copy.deepcopy(body.get("settings") or {}),
              "resources": {kind: [] for kind in KINDS}, "passwords": {}}  # fmt: skip
    if template_id:
        record["template_id"] = template_id
    default = default_versions(record, body)
    payloads = payloads_of(body, template_id)
    for kind in KINDS:  # Elasticsearch first: the others name it
        for payload in payloads[kind]:
            apply_payload(call, record, kind, payload, "deployments.create-deployment", default)
    for es in record["resources"]["elasticsearch"]:
        record["passwords"][es["ref_id"]] = secrets.token_urlsafe(18)
    return record


def _existing_request(call, request_id):
    if not 32 <= len(request_id) <= 128:
        raise bad_request("request_id must be 32 to 128 characters long", ["request_id"])
    return call.store.find(DEPLOYMENT, f"{call.organization_id}/{request_id}")


def create_deployment(call):
    body = call.body or {}
    request_id = call.query.get("request_id")
    if request_id is not None:
        existing = _existing_request(call, request_id)
        if existing is not None:
            # The spec's request_id: "the second request will return the info of that deployment (in the same
            # format ..., but with blanks for auth-related fields)"; 202 is "creation had already been started".
            answer = {"id": existing["id"], "name": existing["name"], "alias": existing["alias"], "created": False,
                      "resources": resource_summaries(existing)}  # fmt: skip
            return json_reply(answer, status=202)
    record = _build(call, body, call.query.get("template_id"))
    deployment_traffic_filters.settle_create(call, record)
    if call.query.get("validate_only"):
        answer = {"id": record["id"], "name": record["name"], "alias": record["alias"], "created": False,
                  "resources": resource_summaries(record)}  # fmt: skip
        return json_reply(answer, status=200)
    lookup = f"{call.organization_id}/{request_id}" if request_id else None
    call.store.insert(DEPLOYMENT, record["id"], record, org=call.organization_id, owner=call.user_id, lookup=lookup)
    answer = {"id": record["id"], "name": record["name"], "alias": record["alias"], "created": True,
              "resources": resource_summaries(record, credentials=record["passwords"])}  # fmt: skip
    return json_reply(answer, status=201, **header_kwargs(record))


# -- reading -------------------------------------------------------------------------------
def get_deployment(call):
    record = load(call)
    shown = deployment(
        record, plan_options(call), call.query.get("show_metadata", False), call.query.get("show_settings", False)
    )
    if call.settings.resolve_observability_self:
        _resolve_self(shown)
    return json_reply(shown, **header_kwargs(record))


def _resolve_self(shown):
    """The spec lets a destination's deployment_id be "the deployment's ID or 'self'" and does not say which a GET
    answers after 'self' was set: by default the emulator answers what was set, with --resolve-observability-self
    the deployment's own id."""
    if "settings" not in shown:
        return
    shown["settings"] = copy.deepcopy(shown["settings"])  # the stored record keeps what was set
    for setting in (shown["settings"].get("observability") or {}).values():
        destination = (setting or {}).get("destination") or {}
        if destination.get("deployment_id") == "self":
            destination["deployment_id"] = shown["id"]


def list_deployments(call):
    listed = [{"id": r["id"], "name": r["name"], "resources": resource_summaries(r)} for r in load_all(call)
              if is_listed(call, r)]  # fmt: skip
    return json_reply({"deployments": listed})


def search_deployments(call):
    request = call.body or {}
    found = [record for record in load_all(call)
             if is_listed(call, record) and deployment_search.matches(record, request.get("query"))]  # fmt: skip
    start, size = request.get("from", 0), request.get("size", 100)
    page = found[start : start + size]
    options = {"show_plans": True}
    shown = [deployment(record, options, show_metadata=True) for record in page]
    answer = {"return_count": len(shown), "match_count": len(found), "deployments": shown}
    return json_reply(answer, **_search_headers(found))


def _search_headers(found):
    """The spec documents the resource-version headers on search answers too: the newest match's."""
    now = clock.now()
    newest = max(found, key=lambda record: record["last_modified"], default=None)
    if newest is None:
        return header_kwargs({"version": 0, "created": now, "last_modified": now})
    return header_kwargs(newest)


# -- changing ------------------------------------------------------------------------------
def _check_version_header(call, record):
    # The spec lists no 409 and no code for this PUT; Elastic's other optimistic-locking endpoints answer 409
    # with ``<area>.version_conflict`` (extensions, comments, templates, ...). Both are guesses by that
    # analogy, so match the status, not the code.
    expected = call.query.get("version")
    if expected is not None and expected != str(record["version"]):
        raise conflict("deployments.version_conflict",
                       f"Deployment version [{expected}] does not match the current version [{record['version']}]",
                       ["version"])  # fmt: skip


def update_deployment(call):
    record = load(call)
    _check_version_header(call, record)
    body = call.body
    # skip_snapshot is accepted and changes nothing: the emulator takes no snapshots before shutting orphans down.
    changed = copy.deepcopy(record)
    default = default_versions(changed, body)
    payloads = payloads_of(body, creating=False)  # with prune_orphans false, a PUT may name only what changes
    for kind in KINDS:
        for payload in payloads[kind]:
            apply_payload(call, changed, kind, payload, "deployments.update-deployment", default)
    orphaned = shut_down_orphans(call, changed, payloads) if body["prune_orphans"] else {kind: [] for kind in KINDS}
    for name in ("name", "alias"):
        changed[name] = body.get(name) or changed[name]
    changed["metadata"].update(body.get("metadata") or {})
    _update_settings(changed, body.get("settings") or {})
    answer = {"id": changed["id"], "name": changed["name"], "alias": changed["alias"],
              "resources": resource_summaries(changed), "shutdown_resources": orphaned}  # fmt: skip
    if call.query.get("validate_only"):
        return json_reply(answer, **header_kwargs(record))
    touch(call, changed)
    return json_reply(answer, **header_kwargs(changed))


def _update_settings(record, settings):
    """The spec's DeploymentUpdateSettings.observability: "If provided it will change observability settings, if null
    observability will be removed from the deployment, otherwise will stay the same". An empty object provided sets
    neither logs nor metrics: no observability left, as null."""
    record["settings"].update(settings)
    if "observability" in settings and not settings["observability"]:
        record["settings"].pop("observability")


def migrate_template(call):
    """The update request that moves a deployment onto another template of its region."""
    record = load(call)
    return json_reply(migration(record, call.query.get("template_id")))


def dump(store):
    deployments = []
    for _seq, record in store.list(DEPLOYMENT):
        shown = {key: value for key, value in record.items() if key not in ("passwords", "keystores")}
        shown["keystores"] = deployment_elasticsearch.redact(record)  # setting names only, never values
        deployments.append(shown)
    return {"deployments": deployments}


ROUTES = [
    Route("GET", BASE, list_deployments, api=CLOUD),
    Route("POST", BASE, create_deployment, api=CLOUD),
    Route("POST", f"{BASE}/_search", search_deployments, api=CLOUD),
    Route("GET", ONE, get_deployment, api=CLOUD),
    Route("PUT", ONE, update_deployment, api=CLOUD),
    Route("DELETE", ONE, delete_deployment, api=CLOUD),
    Route("POST", f"{ONE}/_shutdown", shutdown_deployment, api=CLOUD),
    Route("POST", f"{ONE}/_restore", restore_deployment, api=CLOUD),
    Route("GET", f"{ONE}/migrate_template", migrate_template, api=CLOUD),
    Route("POST", f"{ONE}/elasticsearch/{{ref_id}}/_reset-password", reset_password, api=CLOUD),
    Route("POST", f"{ONE}/{{stateless_resource_kind}}/{{ref_id}}/_upgrade", upgrade_stateless, api=CLOUD),
    Route("DELETE", f"{ONE}/{{resource_kind}}/{{ref_id}}/plan/pending", cancel_pending_plan, api=CLOUD),
    *[Route("GET", f"{ONE}/{kind}/{{ref_id}}", get_resource(kind), api=CLOUD) for kind in KINDS],
]
