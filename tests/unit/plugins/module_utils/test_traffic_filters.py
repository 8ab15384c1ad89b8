"""Traffic filter lookup: by id, by name and region, and refusing to guess."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _filter_rules as fr
from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _traffic_filters as tf
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError

OFFICE = {"id": "a" * 32, "name": "office", "region": "aws-us-east-1", "type": "ip", "rules": []}
VPN = {"id": "b" * 32, "name": "vpn", "region": "aws-us-east-1", "type": "ip", "rules": []}
OFFICE_EU = {"id": "c" * 32, "name": "office", "region": "aws-eu-west-1", "type": "ip", "rules": []}
TWIN = {"id": "d" * 32, "name": "vpn", "region": "aws-us-east-1", "type": "ip", "rules": []}


class FakeClient:
    """Answers list and get calls from a fixed set of filters, and records them.

    A plain list applies the spec's include_by_default=false, unless ``list_all`` (the other reading).
    """

    def __init__(self, filters, list_all=False):
        self.filters = list(filters)
        self.list_all = list_all
        self.calls = []

    def paginate(self, path, items_key, params=None):
        params = dict(params or {})
        self.calls.append(("list", path, params))
        assert items_key == "items"
        region = params.get("region")
        default = params.get("include_by_default", None if self.list_all else "false")
        return [
            item
            for item in self.filters
            if (region is None or item["region"] == region)
            and (default is None or str(item.get("include_by_default", False)).lower() == default)
        ]

    def get_optional(self, path, params=None):
        self.calls.append(("get", path))
        for item in self.filters:
            if path == tf.filter_path(item["id"]):
                return ApiResponse(200, item, {})
        return None


def test_resolves_names_and_ids_in_order_without_repeats():
    client = FakeClient([OFFICE, VPN, OFFICE_EU])
    ids = tf.resolve_traffic_filter_ids(client, ["vpn", OFFICE["id"], "office", "vpn"], "aws-us-east-1")
    assert ids == [VPN["id"], OFFICE["id"]]
    assert client.calls == [
        ("list", tf.TRAFFIC_FILTERS_PATH, {"region": "aws-us-east-1", "include_by_default": "false"}),
        ("list", tf.TRAFFIC_FILTERS_PATH, {"region": "aws-us-east-1", "include_by_default": "true"}),
    ]


@pytest.mark.parametrize("list_all", [False, True], ids=["spec-default", "list-all"])
def test_filters_included_by_default_are_found_once_under_either_reading(list_all):
    default_vpn = dict(VPN, include_by_default=True)
    client = FakeClient([OFFICE, default_vpn], list_all=list_all)
    assert tf.resolve_traffic_filter_ids(client, ["vpn", "office"], "aws-us-east-1") == [VPN["id"], OFFICE["id"]]
    assert tf.find_traffic_filter(client, name="vpn", region="aws-us-east-1") == default_vpn
    assert sorted(item["id"] for item in tf.list_traffic_filters(client)) == [OFFICE["id"], VPN["id"]]


def test_nothing_to_resolve_makes_no_call():
    client = FakeClient([OFFICE])
    assert tf.resolve_traffic_filter_ids(client, [], "aws-us-east-1") == []
    assert tf.resolve_traffic_filter_ids(client, None, "aws-us-east-1") == []
    assert client.calls == []


def test_a_name_is_looked_up_in_the_region_only():
    client = FakeClient([OFFICE, OFFICE_EU])
    assert tf.resolve_traffic_filter_ids(client, ["office"], "aws-eu-west-1") == [OFFICE_EU["id"]]


def test_a_shared_name_is_an_error_listing_the_candidates():
    client = FakeClient([VPN, TWIN])
    with pytest.raises(UsageError) as error:
        tf.resolve_traffic_filter_ids(client, ["vpn"], "aws-us-east-1")
    message = str(error.value)
    assert "2 traffic filters are named 'vpn' in region aws-us-east-1" in message
    assert VPN["id"] in message and TWIN["id"] in message


def test_same_name_in_two_regions_is_ambiguous_without_a_region():
    client = FakeClient([OFFICE, OFFICE_EU])
    with pytest.raises(UsageError, match="2 traffic filters are named 'office'"):
        tf.resolve_traffic_filter_ids(client, ["office"])


def test_unknown_name_is_an_error_naming_it_and_the_region():
    client = FakeClient([OFFICE])
    with pytest.raises(UsageError, match="No traffic filter has the id or name 'lab' in region aws-us-east-1"):
        tf.resolve_traffic_filter_ids(client, ["lab"], "aws-us-east-1")
    assert [call[0] for call in client.calls] == ["list", "list"]  # both include_by_default values


def test_id_of_another_region_says_which_region_it_is_in():
    client = FakeClient([OFFICE, OFFICE_EU])
    with pytest.raises(UsageError) as error:
        tf.resolve_traffic_filter_ids(client, [OFFICE_EU["id"]], "aws-us-east-1")
    assert str(error.value) == (
        "Traffic filter %s (office) is in region aws-eu-west-1; it cannot be attached to a project in region aws-us-east-1"
        % OFFICE_EU["id"]
    )


def test_find_by_id_uses_one_get():
    client = FakeClient([OFFICE, VPN])
    assert tf.find_traffic_filter(client, filter_id=VPN["id"]) == VPN
    assert tf.find_traffic_filter(client, filter_id="e" * 32) is None
    assert [call[0] for call in client.calls] == ["get", "get"]


def test_find_by_name_and_region():
    client = FakeClient([OFFICE, OFFICE_EU])
    assert tf.find_traffic_filter(client, name="office", region="aws-eu-west-1") == OFFICE_EU
    assert tf.find_traffic_filter(client, name="lab", region="aws-eu-west-1") is None


def test_list_passes_include_by_default_as_text():
    client = FakeClient([])
    tf.list_traffic_filters(client, include_by_default=False)
    tf.list_traffic_filters(client, region="gcp-us-central1", include_by_default=True)
    assert client.calls[0][2] == {"include_by_default": "false"}
    assert client.calls[1][2] == {"region": "gcp-us-central1", "include_by_default": "true"}


def test_api_errors_are_not_swallowed():
    class Failing(FakeClient):
        def paginate(self, path, items_key, params=None):
            raise ElasticCloudError("GET %s returned 500" % path, status=500)

    with pytest.raises(ElasticCloudError):
        tf.resolve_traffic_filter_ids(Failing([]), ["office"], "aws-us-east-1")


def test_rules_compare_as_a_set_ignoring_order_blanks_and_repeats():
    api = [{"source": "10.0.0.0/8", "description": ""}, {"source": "192.168.0.1", "description": "office"}]
    wanted = [{"source": "192.168.0.1", "description": "office"}, {"source": " 10.0.0.0/8", "description": None}]
    assert fr.rule_set(api) == fr.rule_set(wanted + wanted)
    assert fr.rule_set(api) != fr.rule_set([{"source": "10.0.0.0/8"}, {"source": "192.168.0.1"}])


def test_rules_for_api_drop_repeats_and_blank_fields_keeping_order():
    wanted = [
        {"source": "2.2.2.2", "description": None, "azure_endpoint_name": None, "azure_endpoint_guid": None},
        {"source": "1.1.1.1", "description": "x"},
        {"source": "2.2.2.2"},
    ]
    assert fr.rules_for_api(wanted) == [{"source": "2.2.2.2"}, {"source": "1.1.1.1", "description": "x"}]
    assert fr.sorted_rules(wanted) == [{"source": "1.1.1.1", "description": "x"}, {"source": "2.2.2.2"}]


def test_looks_like_id():
    assert tf.looks_like_id("0123456789abcdef0123456789abcdef")
    assert not tf.looks_like_id("office")
    assert not tf.looks_like_id(None)


# -- what the serverless and the deployment filter modules share ------------------------------------------------
def test_has_values_ignores_unset_options_and_compares_booleans_by_truth():
    item = {"name": "office", "region": "aws-us-east-1"}
    assert fr.has_values(item, {"name": "office", "region": None, "include_by_default": False})
    assert not fr.has_values(item, {"name": "office", "include_by_default": True})
    assert not fr.has_values(item, {"region": "aws-eu-west-1"})


def test_resolve_ids_takes_ids_then_names_in_order_without_repeats():
    items = [OFFICE, VPN]
    assert fr.resolve_ids(items, ["vpn", OFFICE["id"], "office"], None, "filters", str) == [VPN["id"], OFFICE["id"]]


def test_resolve_ids_words_a_missing_entry_with_the_callers_message_and_refuses_a_shared_name():
    with pytest.raises(UsageError, match="^nothing called gone$"):
        fr.resolve_ids([OFFICE], ["gone"], None, "filters", lambda ref: "nothing called %s" % ref)
    with pytest.raises(UsageError, match="vpn"):
        fr.resolve_ids([VPN, TWIN], ["vpn"], "aws-us-east-1", "filters", str)


def test_filter_view_keeps_the_managed_fields_with_rules_in_a_stable_order():
    record = dict(OFFICE, description=None, rules=[{"id": "r2", "source": "198.51.100.7"}, {"source": "192.0.2.0/24"}])
    view = fr.filter_view(record)
    assert view == {"id": OFFICE["id"], "name": "office", "region": "aws-us-east-1", "type": "ip", "description": "",
                    "include_by_default": False, "rules": [{"source": "192.0.2.0/24"}, {"source": "198.51.100.7"}]}  # fmt: skip
    assert fr.filter_view(None) == {}


def test_find_existing_needs_a_region_for_a_name_and_a_known_id_to_be_present():
    params = {"id": None, "name": "office", "region": None, "state": "present"}
    with pytest.raises(UsageError, match="^region is required to find traffic filter 'office' by name; or give its id$"):
        fr.find_existing(params, lambda: None, "traffic filter")
    params = dict(params, id="x", region=None)
    with pytest.raises(UsageError, match="^No ruleset has the id 'x'$"):
        fr.find_existing(params, lambda: None, "ruleset")
    assert fr.find_existing(dict(params, state="absent"), lambda: None, "ruleset") is None


def test_checks_name_the_option_rule_field_and_fixed_field():
    with pytest.raises(UsageError, match="^type is required to create a ruleset$"):
        fr.check_create_options({"name": "n", "region": "r", "type": None}, "ruleset")
    with pytest.raises(UsageError, match=r"^rules\[1\]\.source is required for ip rulesets$"):
        fr.check_rule_fields({"ip": ("source",)}, "ip", [{"source": "192.0.2.1"}, {"source": " "}], "rulesets")
    with pytest.raises(UsageError, match="^Deployment traffic filter a+ \\(office\\) has region aws-us-east-1; it cannot change"):
        fr.check_fixed_fields({"type": None, "region": "aws-eu-west-1"}, OFFICE, "deployment traffic filter")
