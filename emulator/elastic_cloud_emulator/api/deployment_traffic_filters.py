"""Deployment traffic filter rulesets and their associations: ``/api/v1/deployments/traffic-filter`` (cloud API).

Apart from the serverless traffic filters (``traffic_filters``). An association of a ruleset with a deployment is
kept in one place, the deployment's ``settings.traffic_filter_settings.rulesets``, so the deployment GET (with
show_settings) and the association endpoints always agree.
"""

import ipaddress
import secrets

from ..errors import ApiError, bad_request, not_found
from ..reply import json_reply
from ..routing import CLOUD, Route
from . import catalogue
from .deployment_records import DEPLOYMENT

BASE = "/api/v1/deployments/traffic-filter"
RULESETS = f"{BASE}/rulesets"
ONE = f"{RULESETS}/{{ruleset_id}}"
RULESET = "deployment_ruleset"
ENTITY_TYPE = "deployment"
# Which cloud providers offer each ruleset type (Elastic's "Traffic filtering" docs: VPC endpoints on AWS, Private
# Link on Azure, Private Service Connect on GCP; IP and remote-cluster filters everywhere), and what rules must name.
TYPE_PROVIDERS = {
    "ip": ("aws", "gcp", "azure"),
    "vpce": ("aws",),
    "azure_private_endpoint": ("azure",),
    "gcp_private_service_connect_endpoint": ("gcp",),
    "remote_cluster": ("aws", "gcp", "azure"),
}
RULE_FIELDS = {
    "ip": ("source",),
    "vpce": ("source",),
    "azure_private_endpoint": ("azure_endpoint_name", "azure_endpoint_guid"),
    "gcp_private_service_connect_endpoint": ("source",),
    "remote_cluster": ("remote_cluster_id", "remote_cluster_org_id"),
}


# -- the rulesets a deployment names --------------------------------------------------------------
def deployment_region(record):
    """A deployment's region: its Elasticsearch resource's (every resource of a deployment shares it)."""
    resources = record["resources"].get("elasticsearch") or [r for rs in record["resources"].values() for r in rs]
    return resources[0]["region"] if resources else None


def attached(record):
    return list(((record.get("settings") or {}).get("traffic_filter_settings") or {}).get("rulesets") or [])


def _set_attached(record, ruleset_ids):
    record.setdefault("settings", {})["traffic_filter_settings"] = {"rulesets": ruleset_ids}


def settle_create(call, record):
    """Check the rulesets a new deployment names and add those its region includes by default.

    The spec's DeploymentCreateSettings.traffic_filter_settings: "the traffic filter rulesets to apply to this
    deployment"; TrafficFilterRulesetRequest.include_by_default: "automatically included in the new deployments".
    """
    region = deployment_region(record)
    named = attached(record)
    for position, ruleset_id in enumerate(named):
        ruleset = call.store.get(RULESET, ruleset_id, org=call.organization_id)
        if ruleset is None:
            raise bad_request(f"Traffic filter ruleset [{ruleset_id}] was not found",
                              [f"settings.traffic_filter_settings.rulesets.{position}"], code="traffic_filter.not_found")  # fmt: skip
        _check_same_region(ruleset, record["id"], region)
    defaults = [r["id"] for _seq, r in call.store.list(RULESET, org=call.organization_id)
                if r["include_by_default"] and r["region"] == region]  # fmt: skip
    combined = named + [ruleset_id for ruleset_id in defaults if ruleset_id not in named]
    if combined or named:
        _set_attached(record, combined)


def _check_same_region(ruleset, deployment_id, region):
    # Elastic's docs: "traffic filters can only be associated with deployments in the same region".
    if ruleset["region"] != region:
        raise bad_request(
            f"Traffic filter ruleset [{ruleset['id']}] is in region [{ruleset['region']}]; deployment "
            f"[{deployment_id}] is in region [{region}]",
            ["region"],
            code="traffic_filter.invalid_region",
        )


def _associations(call, ruleset_id):
    return [{"entity_type": ENTITY_TYPE, "id": record["id"]}
            for _seq, record in call.store.list(DEPLOYMENT, org=call.organization_id)
            if ruleset_id in attached(record)]  # fmt: skip


# -- rulesets -------------------------------------------------------------------------------------
def _load(call):
    ruleset_id = call.params["ruleset_id"]
    return call.owned(RULESET, ruleset_id, "traffic_filter.not_found", f"Traffic filter ruleset [{ruleset_id}] was not found")


def _shown(call, record, include_associations):
    shown = dict(record)
    if include_associations:
        shown["associations"] = _associations(call, record["id"])
        shown["total_associations"] = len(shown["associations"])
    return shown


def _checked(request):
    """The stored form of a TrafficFilterRulesetRequest, after the checks the real API makes."""
    region = catalogue.region(request["region"])
    if region is None:
        raise bad_request(f"Region [{request['region']}] does not exist", ["region"], code="traffic_filter.invalid_input")
    ruleset_type = request["type"]
    if ruleset_type not in TYPE_PROVIDERS:
        raise bad_request(f"Unknown traffic filter type [{ruleset_type}]", ["type"], code="traffic_filter.invalid_input")
    if region["csp"] not in TYPE_PROVIDERS[ruleset_type]:
        raise bad_request(f"{ruleset_type} rulesets are not available on {region['csp']}", ["type"],
                          code="traffic_filter.invalid_input")  # fmt: skip
    rules = [dict(rule) for rule in request["rules"]]
    for position, rule in enumerate(rules):
        _check_rule(ruleset_type, rule, position)
        rule.setdefault("id", secrets.token_hex(16))
    stored = {key: request[key] for key in ("name", "type", "include_by_default", "region")}
    stored["rules"] = rules
    if "description" in request:
        stored["description"] = request["description"]
    return stored


def _check_rule(ruleset_type, rule, position):
    for name in RULE_FIELDS[ruleset_type]:
        if not rule.get(name):
            raise bad_request(f"Rules of {ruleset_type} rulesets need [{name}]", [f"rules.{position}.{name}"],
                              code="traffic_filter.invalid_input")  # fmt: skip
    if ruleset_type == "ip":
        try:
            ipaddress.ip_network(rule["source"], strict=False)
        except ValueError:
            raise bad_request(f"[{rule['source']}] is not an IP address or CIDR block", [f"rules.{position}.source"],
                              code="traffic_filter.invalid_input")  # fmt: skip


def list_rulesets(call):
    region = call.query.get("region")
    include = call.query.get("include_associations", False)
    rulesets = [_shown(call, record, include) for _seq, record in call.store.list(RULESET, org=call.organization_id)
                if region is None or record["region"] == region]  # fmt: skip
    return json_reply({"rulesets": rulesets})


def create_ruleset(call):
    # Names need not be unique: the spec and the console set no such rule, so clients must cope with twins.
    record = {"id": secrets.token_hex(16), **_checked(call.body)}
    call.store.insert(RULESET, record["id"], record, org=call.organization_id, owner=call.user_id)
    return json_reply({"id": record["id"]}, status=201)


def get_ruleset(call):
    return json_reply(_shown(call, _load(call), call.query.get("include_associations", False)))


def update_ruleset(call):
    record = _load(call)
    changed = _checked(call.body)
    for key in ("type", "region"):
        # The console offers neither change; a region change would strand the associated deployments.
        if changed[key] != record[key]:
            raise bad_request(f"The {key} of a traffic filter ruleset cannot change", [key], code="traffic_filter.invalid_input")
    stored = {"id": record["id"], **changed}
    call.store.update(RULESET, record["id"], stored)
    return json_reply({"id": record["id"]})


def delete_ruleset(call):
    record = _load(call)
    users = _associations(call, record["id"])
    if users and not call.query.get("ignore_associations", False):
        raise _in_use(call, record, users)
    for user in users:
        _detach(call, call.store.get(DEPLOYMENT, user["id"]), record["id"])
    call.store.delete(RULESET, record["id"])
    return json_reply({})


def _in_use(call, record, users):
    # ecctl's --ignore-associations: "delete the ruleset even if it has associated rules", so without it the delete
    # fails; terraform-provider-ec deletes every association before deleting a ruleset for that reason. Neither
    # shows the status: the spec documents only 500 traffic_filter.request_execution_failed for this DELETE, the
    # default here; --ruleset-in-use-conflict answers 409 traffic_filter.in_use instead.
    ids = ", ".join(user["id"] for user in users)
    message = f"Traffic filter ruleset [{record['id']}] is associated with deployments [{ids}]"
    if call.settings.ruleset_in_use_conflict:
        return ApiError(409, "traffic_filter.in_use", message)
    return ApiError(500, "traffic_filter.request_execution_failed", message)


# -- associations ---------------------------------------------------------------------------------
def _check_entity_type(entity_type):
    if entity_type != ENTITY_TYPE:
        raise bad_request(f"Invalid association type [{entity_type}]", ["entity_type"],
                          code="traffic_filter.invalid_association_type")  # fmt: skip


def _deployment(call, deployment_id):
    return call.owned(DEPLOYMENT, deployment_id, "traffic_filter.not_found", f"Deployment [{deployment_id}] was not found")


def _detach(call, deployment, ruleset_id):
    _set_attached(deployment, [other for other in attached(deployment) if other != ruleset_id])
    call.store.update(DEPLOYMENT, deployment["id"], deployment)


def list_associations(call):
    record = _load(call)
    associations = _associations(call, record["id"])
    return json_reply({"associations": associations, "total_associations": len(associations)})


def create_association(call):
    record = _load(call)
    _check_entity_type(call.body["entity_type"])
    deployment = _deployment(call, call.body["id"])
    _check_same_region(record, deployment["id"], deployment_region(deployment))
    rulesets = attached(deployment)
    if record["id"] in rulesets:
        return json_reply({}, status=200)  # the spec: 200 when "the association already exists"
    _set_attached(deployment, rulesets + [record["id"]])
    call.store.update(DEPLOYMENT, deployment["id"], deployment)
    return json_reply({}, status=201)


def delete_association(call):
    record = _load(call)
    _check_entity_type(call.params["association_type"])
    deployment = call.store.get(DEPLOYMENT, call.params["associated_entity_id"], org=call.organization_id)
    if deployment is None or record["id"] not in attached(deployment):
        raise not_found("traffic_filter.not_found", "The traffic filter ruleset association was not found")
    _detach(call, deployment, record["id"])
    return json_reply({})


def rulesets_of_entity(call):
    _check_entity_type(call.params["association_type"])
    deployment = _deployment(call, call.params["associated_entity_id"])
    return json_reply({"rulesets": attached(deployment)})


def dump(store):
    return {"deployment_rulesets": [record for _seq, record in store.list(RULESET)]}


ROUTES = [
    Route("GET", RULESETS, list_rulesets, api=CLOUD),
    Route("POST", RULESETS, create_ruleset, api=CLOUD),
    Route("GET", ONE, get_ruleset, api=CLOUD),
    Route("PUT", ONE, update_ruleset, api=CLOUD),
    Route("DELETE", ONE, delete_ruleset, api=CLOUD),
    Route("GET", f"{ONE}/associations", list_associations, api=CLOUD),
    Route("POST", f"{ONE}/associations", create_association, api=CLOUD),
    Route("DELETE", f"{ONE}/associations/{{association_type}}/{{associated_entity_id}}", delete_association, api=CLOUD),
    Route("GET", f"{BASE}/associations/{{association_type}}/{{associated_entity_id}}/rulesets", rulesets_of_entity,
          api=CLOUD),  # fmt: skip
]
