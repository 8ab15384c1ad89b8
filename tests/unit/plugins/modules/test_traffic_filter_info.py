"""traffic_filter_info: filters sent to the API, matched client-side for id lookups, metadata on request."""

from ansible_collections.elastic_cloud.cloud.plugins.modules.traffic_filter_info import TrafficFilterInfo

from .fake_cloud import ScriptedClient, run_module

BASE = "/api/v1/serverless/traffic-filters"
EAST = {"id": "a" * 32, "name": "office", "region": "aws-us-east-1", "type": "ip", "include_by_default": False, "rules": []}
WEST = dict(EAST, id="b" * 32, region="aws-eu-west-1", include_by_default=True)
METADATA = {"regions": [{"region": "aws-us-east-1", "vpc_service_name": "svc", "private_hosted_zone_domain_name": "z", "availability_zones": []}]}


class FilterClient(ScriptedClient):
    def paginate(self, path, items_key, params=None):
        return (self.get(path, params=params).data or {}).get(items_key) or []


def matches(item, params):
    """The list's query filters; a plain list applies the spec's include_by_default=false."""
    wanted_default = params.get("include_by_default", "false") == "true"
    return item["region"] == params.get("region", item["region"]) and item["include_by_default"] is wanted_default


def client():
    return FilterClient(
        {
            ("GET", BASE): lambda call: {"items": [f for f in (EAST, WEST) if matches(f, call["params"] or {})]},
            ("GET", BASE + "/" + EAST["id"]): EAST,
            ("GET", BASE + "/metadata"): METADATA,
        }
    )


def test_everything_with_a_list_call_per_include_by_default_value_and_no_metadata():
    scripted = client()
    result = run_module(TrafficFilterInfo, scripted)
    assert result == {"traffic_filters": [EAST, WEST], "changed": False}
    assert [(c["method"], c["path"], c["params"]) for c in scripted.calls] == [
        ("GET", BASE, {"include_by_default": "false"}),
        ("GET", BASE, {"include_by_default": "true"}),
    ]


def test_region_and_flag_are_sent_as_query_parameters():
    scripted = client()
    result = run_module(TrafficFilterInfo, scripted, region="aws-eu-west-1", include_by_default=True)
    assert result["traffic_filters"] == [WEST]
    assert scripted.calls[0]["params"] == {"region": "aws-eu-west-1", "include_by_default": "true"}


def test_name_is_matched_in_every_region():
    assert run_module(TrafficFilterInfo, client(), name="office")["traffic_filters"] == [EAST, WEST]
    assert run_module(TrafficFilterInfo, client(), name="lab")["traffic_filters"] == []


def test_id_lookup_honours_the_other_options():
    assert run_module(TrafficFilterInfo, client(), id=EAST["id"])["traffic_filters"] == [EAST]
    assert run_module(TrafficFilterInfo, client(), id=EAST["id"], region="aws-eu-west-1")["traffic_filters"] == []
    assert run_module(TrafficFilterInfo, client(), id=EAST["id"], include_by_default=True)["traffic_filters"] == []
    assert run_module(TrafficFilterInfo, client(), id="f" * 32)["traffic_filters"] == []


def test_metadata_of_the_region_on_request():
    scripted = client()
    result = run_module(TrafficFilterInfo, scripted, region="aws-us-east-1", privatelink_metadata=True)
    assert result["privatelink_metadata"] == METADATA["regions"]
    assert scripted.calls[-1]["path"] == BASE + "/metadata"
    assert scripted.calls[-1]["params"] == {"region": "aws-us-east-1"}
