"""Serverless traffic filters: ``/api/v1/serverless/traffic-filters``."""

import ipaddress
import secrets
from urllib.parse import parse_qsl

from ..errors import bad_request, conflict, not_found
from ..reply import Reply, etag, json_reply
from ..routing import Route
from . import catalogue
from . import projects

BASE = "/api/v1/serverless/traffic-filters"
# Which cloud providers offer each filter type, and what each rule must name.
TYPE_PROVIDERS = {"ip": ("aws", "gcp", "azure"), "vpce": ("aws", "gcp"), "private_endpoint": ("azure",)}
RULE_FIELDS = {
    "ip": ("source",),
    "vpce": ("source",),
    "private_endpoint": ("azure_endpoint_name", "azure_endpoint_guid"),
}
# What PatchTrafficFilterRequest declares: type and region cannot change after creation.
PATCHABLE = ("name", "description", "include_by_default", "rules")
TRAFFIC_FILTER = "traffic_filter"


# -- what other resources may ask of traffic filters ------------------------------------------
def find(store, org, filter_id):
    """The organization's filter of that id, or None."""
    return store.get(TRAFFIC_FILTER, filter_id, org=org)


def included_by_default(store, org, region_id):
    """The filters new projects of that region get when they name none."""
    return [
        record
        for _seq, record in store.list(TRAFFIC_FILTER, org=org)
        if record["include_by_default"] and record["region"] == region_id
    ]


def _load(call):
    filter_id = call.params["id"]
    record = find(call.store, call.organization_id, filter_id)
    if record is None:
        raise not_found("traffic_filters.not_found", f"Traffic filter '{filter_id}' was not found")
    return record


def _check_rules(filter_type, rules):
    for position, rule in enumerate(rules):
        for name in RULE_FIELDS[filter_type]:
            if not rule.get(name):
                raise bad_request(f"Rules of {filter_type} filters need '{name}'", [f"rules.{position}.{name}"])
        if filter_type == "ip":
            try:
                ipaddress.ip_network(rule["source"], strict=False)
            except ValueError:
                raise bad_request(
                    f"'{rule['source']}' is not an IP address or CIDR block", [f"rules.{position}.source"]
                )


def _check_unique_name(call, record):
    for _seq, other in call.store.list(TRAFFIC_FILTER, org=call.organization_id):
        if other["id"] != record["id"] and other["name"] == record["name"] and other["region"] == record["region"]:
            raise conflict(
                "traffic_filters.name_conflict", f"A traffic filter named '{record['name']}' already exists", ["name"]
            )


def list_filters(call):
    # The spec gives include_by_default "default: false" ("Retrieves a list of resources that have include_by_default
    # set or not set"): a server applying it hides included-by-default filters from a plain list, so that is the
    # default here. --traffic-filter-list-all shows the other reading: filter only when the client sent the flag.
    supplied = dict(parse_qsl(call.raw_query))
    include_by_default = call.query.get("include_by_default", False)
    if call.settings.traffic_filter_list_all and "include_by_default" not in supplied:
        include_by_default = None
    region = call.query.get("region")
    items = [
        record
        for _seq, record in call.store.list(TRAFFIC_FILTER, org=call.organization_id)
        if (region is None or record["region"] == region)
        and (include_by_default is None or record["include_by_default"] == include_by_default)
    ]
    return json_reply({"items": items})


def create_filter(call):
    request = call.body
    region = catalogue.region(request["region"])
    if region is None:
        raise bad_request(f"Region '{request['region']}' does not exist", ["region"])
    if region["csp"] not in TYPE_PROVIDERS[request["type"]]:
        raise bad_request(f"{request['type']} filters are not available on {region['csp']}", ["type"])
    rules = request.get("rules", [])
    _check_rules(request["type"], rules)
    record = {
        "id": secrets.token_hex(16),
        "name": request["name"],
        "type": request["type"],
        "include_by_default": request.get("include_by_default", False),
        "region": region["id"],
        "rules": rules,
    }
    if "description" in request:
        record["description"] = request["description"]
    _check_unique_name(call, record)
    call.store.insert(TRAFFIC_FILTER, record["id"], record, org=call.organization_id, owner=call.user_id)
    return json_reply(record, status=201, ETag=etag(record))


def get_filter(call):
    record = _load(call)
    return json_reply(record, ETag=etag(record))


def patch_filter(call):
    record = _load(call)
    unknown = sorted(name for name in call.body if name not in PATCHABLE)
    if unknown:
        raise bad_request(f"Traffic filters cannot be patched with: {', '.join(unknown)}", unknown)
    record.update(call.body)
    _check_rules(record["type"], record["rules"])
    _check_unique_name(call, record)
    call.store.update(TRAFFIC_FILTER, record["id"], record)
    return json_reply(record, ETag=etag(record))


def delete_filter(call):
    record = _load(call)
    users = projects.using_traffic_filter(call.store, call.organization_id, record["id"])
    if users:
        raise conflict("traffic_filters.in_use", f"The traffic filter is attached to projects: {', '.join(users)}")
    call.store.delete(TRAFFIC_FILTER, record["id"])
    return Reply(204, None, {"ETag": etag(record)})


def metadata(call):
    region, csp = call.query.get("region"), call.query.get("csp")
    regions = [
        catalogue.privatelink_metadata(entry["id"])
        for entry in catalogue.all_regions()
        if (region is None or entry["id"] == region) and (csp is None or entry["csp"] == csp)
    ]
    return json_reply({"regions": regions})


def dump(store):
    return {"traffic_filters": [record for _seq, record in store.list(TRAFFIC_FILTER)]}


ROUTES = [
    Route("GET", BASE, list_filters),
    Route("POST", BASE, create_filter),
    Route("GET", f"{BASE}/metadata", metadata),
    Route("GET", f"{BASE}/{{id}}", get_filter),
    Route("PATCH", f"{BASE}/{{id}}", patch_filter),
    Route("DELETE", f"{BASE}/{{id}}", delete_filter),
]
