"""Hosted deployments: ``/api/v1/deployments`` (cloud API).

A deployment holds resources of several kinds (Elasticsearch, Kibana, Integrations Server, ...), each
with its own plans (see ``deployment_plans``). Resources are shown by ``deployment_views``.
"""

import copy
import re
import secrets

from .. import clock
from ..errors import ApiError, bad_request, conflict, not_found
from ..reply import json_reply
from ..routing import CLOUD, Route
from . import catalogue, deployment_plans, deployment_search, deployment_templates, stack_versions
from .deployment_migration import migration
from .deployment_views import KINDS, STATELESS_KINDS, deployment, resource_info, resource_summaries, version_headers

BASE = "/api/v1/deployments"
ONE = f"{BASE}/{{deployment_id}}"
DEPLOYMENT = "deployment"


# -- loading and settling -------------------------------------------------------------------
def _settle(call, record):
    now = clock.now()
    changed = [deployment_plans.settle(resource, now) for kind in KINDS for resource in record["resources"][kind]]
    if any(changed):
        call.store.update(DEPLOYMENT, record["id"], record)
    return record


def _load(call):
    deployment_id = call.params["deployment_id"]
    record = call.store.get(DEPLOYMENT, deployment_id, org=call.organization_id)
    if record is None:
        raise not_found("deployments.deployment_not_found", f"Deployment '{deployment_id}' was not found")
    return _settle(call, record)


def _resource(record, kind, ref_id, code="deployments.deployment_resource_not_found"):
    found = next((resource for resource in record["resources"].get(kind, []) if resource["ref_id"] == ref_id), None)
    if found is None:
        raise not_found(code, f"Resource [{kind}/{ref_id}] was not found in the deployment")
    return found


def _touch(call, record):
    record["version"] += 1
    record["last_modified"] = clock.now()
    call.store.update(DEPLOYMENT, record["id"], record)


# -- payloads: checked and completed from the template ---------------------------------------
def _template_of(payload, template_id=None):
    plan = payload["plan"]
    template_id = (plan.get("deployment_template") or {}).get("id") or template_id
    if template_id is None:
        raise bad_request("Elasticsearch plans need plan.deployment_template.id", ["plan.deployment_template"])
    template = deployment_templates.find(template_id, payload["region"])
    if template is None:
        raise bad_request(f"Deployment template [{template_id}] does not exist in region [{payload['region']}]",
                          ["plan.deployment_template.id"])  # fmt: skip
    plan["deployment_template"] = {"id": template_id}
    return template


def _complete_topology(kind, plan, template):
    """Topology elements the payload leaves incomplete take the template's values (by ``id`` for Elasticsearch)."""
    defaults = template["deployment_template"]["resources"][kind][0]["plan"]["cluster_topology"] if kind in (
        template["deployment_template"]["resources"]) else []  # fmt: skip
    if not plan.get("cluster_topology"):
        plan["cluster_topology"] = copy.deepcopy(defaults)
        return
    for position, element in enumerate(plan["cluster_topology"]):
        default = next((d for d in defaults if d.get("id") == element.get("id")), None) if kind == "elasticsearch" else (
            defaults[0] if defaults else None)  # fmt: skip
        for name, value in (default or {}).items():
            element.setdefault(name, copy.deepcopy(value))


def _check_version(version, field):
    if not stack_versions.exists(version):
        raise bad_request(f"Stack version [{version}] does not exist", [field])
    return version


def _payloads(body, template_id=None, creating=True):
    """The request's resources by kind; with ``template_id``, the template's when the request has none."""
    resources = body.get("resources") or {}
    if template_id and not any(resources.get(kind) for kind in KINDS):
        region = body.get("region")
        if region is None or catalogue.region(region) is None:
            raise bad_request("Creating from template_id needs a known region", ["region"])
        template = deployment_templates.find(template_id, region)
        if template is None:
            raise bad_request(
                f"Deployment template [{template_id}] does not exist in region [{region}]", ["template_id"]
            )
        resources = copy.deepcopy(template["deployment_template"]["resources"])
    payloads = {kind: copy.deepcopy(resources.get(kind) or []) for kind in KINDS}
    if creating and not payloads["elasticsearch"]:
        raise bad_request("A deployment needs an Elasticsearch resource", ["resources.elasticsearch"])
    for kind in KINDS:
        ref_ids = [payload["ref_id"] for payload in payloads[kind]]
        if len(set(ref_ids)) != len(ref_ids):
            raise bad_request(f"Duplicate ref_id among the {kind} resources", [f"resources.{kind}"])
        for position, payload in enumerate(payloads[kind]):
            if catalogue.region(payload["region"]) is None:
                raise bad_request(
                    f"Region [{payload['region']}] does not exist", [f"resources.{kind}.{position}.region"]
                )
    return payloads


# -- creating ------------------------------------------------------------------------------
def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "deployment"


def _new_resource(kind, payload):
    resource = {"kind": kind, "ref_id": payload["ref_id"], "id": secrets.token_hex(16), "region": payload["region"],
                "stopped": False, "current": None, "pending": None, "history": [], "attempts": 0}  # fmt: skip
    if kind != "elasticsearch":
        resource["elasticsearch_cluster_ref_id"] = payload["elasticsearch_cluster_ref_id"]
    if payload.get("display_name"):
        resource["display_name"] = payload["display_name"]
    return resource


def _apply_payload(call, record, kind, payload, action, default_version):
    """Start a plan for one payload (a new resource, or a changed plan); returns the resource."""
    resource = next((r for r in record["resources"][kind] if r["ref_id"] == payload["ref_id"]), None)
    if resource is None:
        resource = _new_resource(kind, payload)
        record["resources"][kind].append(resource)
    plan = payload["plan"]
    if kind == "elasticsearch":
        template = _template_of(payload, record.get("template_id"))
        record.setdefault("template_id", template["id"])
    else:
        if not any(
            es["ref_id"] == payload["elasticsearch_cluster_ref_id"] for es in record["resources"]["elasticsearch"]
        ):
            raise bad_request(f"No Elasticsearch resource has ref_id [{payload['elasticsearch_cluster_ref_id']}]",
                              [f"resources.{kind}.elasticsearch_cluster_ref_id"])  # fmt: skip
        template = deployment_templates.find(record["template_id"], payload["region"])
    _complete_topology(kind, plan, template)
    field = f"resources.{kind}.plan.{kind}.version"
    version = _check_version(deployment_plans.plan_version(plan, kind) or default_version(resource), field)
    plan.setdefault(kind, {})["version"] = version
    latest = resource.get("pending") or resource.get("current")
    if latest is not None and latest["plan"] == plan and not resource["stopped"]:
        return resource  # nothing changed: no new plan
    deployment_plans.start(resource, plan, version, template, call.settings.plan_delay, action, call.user_id)
    resource["stopped"] = False
    return resource


def _version_for(record, body):
    """Default versions: a resource keeps its own; a new Elasticsearch takes the request's or the latest;
    a new stateless resource takes its Elasticsearch's."""

    def default(resource):
        running = deployment_plans.running_version(resource) or (resource.get("pending") or {}).get("version")
        if running:
            return running
        if resource["kind"] == "elasticsearch":
            return body.get("version") or stack_versions.latest()
        es = next(
            es
            for es in record["resources"]["elasticsearch"]
            if es["ref_id"] == resource["elasticsearch_cluster_ref_id"]
        )
        return (es.get("pending") or es.get("current"))["version"]

    return default


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
    default = _version_for(record, body)
    payloads = _payloads(body, template_id)
    for kind in KINDS:  # Elasticsearch first: the others name it
        for payload in payloads[kind]:
            _apply_payload(call, record, kind, payload, "deployments.create-deployment", default)
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
    if call.query.get("validate_only"):
        answer = {"id": record["id"], "name": record["name"], "alias": record["alias"], "created": False,
                  "resources": resource_summaries(record)}  # fmt: skip
        return json_reply(answer, status=200)
    lookup = f"{call.organization_id}/{request_id}" if request_id else None
    call.store.insert(DEPLOYMENT, record["id"], record, org=call.organization_id, owner=call.user_id, lookup=lookup)
    answer = {"id": record["id"], "name": record["name"], "alias": record["alias"], "created": True,
              "resources": resource_summaries(record, credentials=record["passwords"])}  # fmt: skip
    return json_reply(answer, status=201, **_header_kwargs(record))


def _header_kwargs(record):
    return {name.replace("-", "_"): value for name, value in version_headers(record).items()}


# -- reading -------------------------------------------------------------------------------
def _options(call):
    query = call.query
    return {
        "show_plans": query.get("show_plans", True),
        "show_logs": query.get("show_plan_logs", False),
        "show_history": query.get("show_plan_history", False),
        "clear_transient": query.get("clear_transient", False),
    }


def get_deployment(call):
    record = _load(call)
    shown = deployment(
        record, _options(call), call.query.get("show_metadata", False), call.query.get("show_settings", False)
    )
    return json_reply(shown, **_header_kwargs(record))


def get_resource(kind):
    def handler(call):
        record = _load(call)
        # The spec documents only deployments.deployment_not_found for a missing resource here.
        resource = _resource(record, kind, call.params["ref_id"], code="deployments.deployment_not_found")
        return json_reply(resource_info(record, resource, _options(call)))

    return handler


def _all(call):
    return [_settle(call, record) for _seq, record in call.store.list(DEPLOYMENT, org=call.organization_id)]


def list_deployments(call):
    listed = [{"id": r["id"], "name": r["name"], "resources": resource_summaries(r)} for r in _all(call)]
    return json_reply({"deployments": listed})


def search_deployments(call):
    request = call.body or {}
    found = [record for record in _all(call) if deployment_search.matches(record, request.get("query"))]
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
        return _header_kwargs({"version": 0, "created": now, "last_modified": now})
    return _header_kwargs(newest)


# -- changing ------------------------------------------------------------------------------
def _check_version_header(call, record):
    expected = call.query.get("version")
    if expected is not None and expected != str(record["version"]):
        raise conflict("deployments.version_conflict",
                       f"Deployment version [{expected}] does not match the current version [{record['version']}]",
                       ["version"])  # fmt: skip


def _stop(resource):
    if resource.get("pending"):
        deployment_plans.cancel(resource)
    resource["stopped"] = True


def _orphans(record, payloads):
    orphaned = {kind: [] for kind in KINDS}
    for kind in KINDS:
        kept = {payload["ref_id"] for payload in payloads[kind]}
        for resource in record["resources"][kind]:
            if resource["ref_id"] not in kept and not resource["stopped"]:
                _stop(resource)
                orphaned[kind].append(
                    {"id": resource["id"], "dependents": []} if kind == "elasticsearch" else resource["id"]
                )
    return orphaned


def update_deployment(call):
    record = _load(call)
    _check_version_header(call, record)
    body = call.body
    changed = copy.deepcopy(record)
    default = _version_for(changed, body)
    payloads = _payloads(body, creating=False)  # with prune_orphans false, a PUT may name only what changes
    for kind in KINDS:
        for payload in payloads[kind]:
            _apply_payload(call, changed, kind, payload, "deployments.update-deployment", default)
    orphaned = _orphans(changed, payloads) if body["prune_orphans"] else {kind: [] for kind in KINDS}
    for name in ("name", "alias"):
        changed[name] = body.get(name) or changed[name]
    changed["metadata"].update(body.get("metadata") or {})
    changed["settings"].update(body.get("settings") or {})
    answer = {"id": changed["id"], "name": changed["name"], "alias": changed["alias"],
              "resources": resource_summaries(changed), "shutdown_resources": orphaned}  # fmt: skip
    if call.query.get("validate_only"):
        return json_reply(answer, **_header_kwargs(record))
    _touch(call, changed)
    return json_reply(answer, **_header_kwargs(changed))


def shutdown_deployment(call):
    record = _load(call)
    for kind in KINDS:
        for resource in record["resources"][kind]:
            _stop(resource)
    _touch(call, record)
    return json_reply({"id": record["id"], "name": record["name"]})


def restore_deployment(call):
    record = _load(call)
    if any(not es["stopped"] for es in record["resources"]["elasticsearch"]):
        raise bad_request("There are Elasticsearch resources in the deployment which are not shut down",
                          code="deployments.resource_not_shutdown")  # fmt: skip
    for kind in KINDS:
        for resource in record["resources"][kind]:
            last = resource.get("current")
            if last is None:
                continue
            template = deployment_templates.find(record["template_id"], resource["region"])
            deployment_plans.start(resource, last["plan"], last["version"], template, call.settings.plan_delay,
                                   "deployments.restore-deployment", call.user_id)  # fmt: skip
            resource["stopped"] = False
    _touch(call, record)
    return json_reply({"id": record["id"]})


def delete_deployment(call):
    record = _load(call)
    running = [
        resource["ref_id"] for kind in KINDS for resource in record["resources"][kind] if not resource["stopped"]
    ]
    if running:
        # The spec's 400 for this operation: "The Deployment resources have not been shutdown yet." It names
        # no error code; this one is the emulator's own.
        raise bad_request(f"The Deployment resources have not been shutdown yet: {', '.join(running)}",
                          code="deployments.deployment_not_shutdown")  # fmt: skip
    call.store.delete(DEPLOYMENT, record["id"])
    return json_reply({"id": record["id"], "name": record["name"]})


def reset_password(call):
    record = _load(call)
    es = _resource(record, "elasticsearch", call.params["ref_id"])
    record["passwords"][es["ref_id"]] = secrets.token_urlsafe(18)
    _touch(call, record)
    return json_reply({"username": "elastic", "password": record["passwords"][es["ref_id"]]})


def _stateless_kind(call):
    kind = call.params["stateless_resource_kind"]
    if kind not in STATELESS_KINDS:
        raise not_found("deployments.deployment_resource_not_found", f"Unknown resource kind [{kind}]")
    return kind


def upgrade_stateless(call):
    """Bring a stateless resource to its Elasticsearch's version (which a plain Elasticsearch upgrade does not)."""
    record = _load(call)
    kind = _stateless_kind(call)
    resource = _resource(record, kind, call.params["ref_id"])
    es = _resource(record, "elasticsearch", resource["elasticsearch_cluster_ref_id"])
    target = deployment_plans.running_version(es)
    if target is None:
        raise ApiError(
            409, "deployments.deployment_resource_plan_change_error", "Elasticsearch has no running plan yet"
        )
    if not call.query.get("validate_only"):
        plan = copy.deepcopy((resource.get("current") or resource["pending"])["plan"])
        template = deployment_templates.find(record["template_id"], resource["region"])
        deployment_plans.start(resource, plan, target, template, call.settings.plan_delay,
                               "deployments.upgrade-stateless-resource", call.user_id)  # fmt: skip
        _touch(call, record)
    return json_reply({"resource_id": resource["id"], "stack_version": target}, status=202)


def cancel_pending_plan(call):
    record = _load(call)
    kind = call.params["resource_kind"]
    resource = _resource(record, kind, call.params["ref_id"])
    if resource.get("pending") is None:
        raise bad_request(f"Resource [{kind}/{resource['ref_id']}] has no pending plan",
                          code="deployments.resource_does_not_have_a_pending_plan")  # fmt: skip
    deployment_plans.cancel(resource)
    _touch(call, record)
    return json_reply({"id": resource["id"], "kind": kind, "ref_id": resource["ref_id"]})


def migrate_template(call):
    """The update request that moves a deployment onto another template of its region."""
    record = _load(call)
    return json_reply(migration(record, call.query.get("template_id")))


def dump(store):
    deployments = []
    for _seq, record in store.list(DEPLOYMENT):
        shown = {key: value for key, value in record.items() if key != "passwords"}
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
