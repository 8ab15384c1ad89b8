"""traffic_filter: idempotent by name and region, rules as a set, PATCH only what differs."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.traffic_filter import TrafficFilter

from .fake_cloud import ScriptedClient, api_error, collection_routes, run_module

BASE = "/api/v1/serverless/traffic-filters"
OFFICE = {
    "id": "a" * 32,
    "name": "office",
    "region": "aws-us-east-1",
    "type": "ip",
    "description": "Office",
    "include_by_default": False,
    "rules": [{"source": "192.0.2.0/24", "description": "main"}, {"source": "198.51.100.7"}],
}
OFFICE_PATH = BASE + "/" + OFFICE["id"]


class FilterClient(ScriptedClient):
    """Scripted client with the list call paginate makes."""

    def paginate(self, path, items_key, params=None):
        return (self.get(path, params=params).data or {}).get(items_key) or []


def client_with(filters, routes=None):
    return FilterClient(collection_routes(BASE, "items", filters, routes))


def patched(call):
    return dict(OFFICE, **call["body"])


def run(client, check_mode=False, **params):
    return run_module(TrafficFilter, client, check_mode=check_mode, **params)


def test_create_sends_the_spec_fields_and_dedupes_rules():
    client = client_with([], {("POST", BASE): lambda call: dict(call["body"], id="b" * 32, include_by_default=False)})
    rules = [{"source": "10.0.0.0/8", "description": None}, {"source": "10.0.0.0/8"}]
    result = run(client, name="lab", region="aws-us-east-1", type="ip", rules=rules)
    assert result["changed"] is True
    assert client.calls[-1]["body"] == {"name": "lab", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "10.0.0.0/8"}]}
    # Both include_by_default values are listed: a plain list may leave out the filters included by default.
    assert [call["params"] for call in client.calls[:2]] == [
        {"region": "aws-us-east-1", "include_by_default": "false"},
        {"region": "aws-us-east-1", "include_by_default": "true"},
    ]
    assert result["traffic_filter"]["id"] == "b" * 32
    assert result["diff"]["before"] == {} and result["diff"]["after"] == result["traffic_filter"]


def test_create_in_check_mode_writes_nothing_and_predicts_the_filter():
    client = client_with([])
    result = run(client, check_mode=True, name="lab", region="aws-us-east-1", type="ip", include_by_default=True)
    assert result["changed"] is True
    assert result["traffic_filter"]["id"] is None
    assert result["traffic_filter"]["include_by_default"] is True
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_same_rules_in_another_order_change_nothing(check_mode):
    client = client_with([OFFICE])
    rules = [{"source": "198.51.100.7"}, {"source": "192.0.2.0/24", "description": "main"}]
    result = run(client, check_mode=check_mode, name="office", region="aws-us-east-1", type="ip", description="Office", rules=rules)
    assert result["changed"] is False
    assert client.writes() == []


def test_patch_sends_only_what_differs():
    client = client_with([OFFICE], {("PATCH", OFFICE_PATH): patched})
    result = run(client, name="office", region="aws-us-east-1", description="Office", include_by_default=True)
    assert client.writes() == [("PATCH", OFFICE_PATH)]
    assert client.calls[-1]["body"] == {"include_by_default": True}
    assert result["diff"]["before"]["include_by_default"] is False
    assert result["diff"]["after"]["include_by_default"] is True


def test_changed_rules_are_sent_whole():
    client = client_with([OFFICE], {("PATCH", OFFICE_PATH): patched})
    run(client, name="office", region="aws-us-east-1", rules=[{"source": "192.0.2.0/24"}])
    assert client.calls[-1]["body"] == {"rules": [{"source": "192.0.2.0/24"}]}


def test_empty_rules_remove_every_rule():
    client = client_with([OFFICE], {("PATCH", OFFICE_PATH): patched})
    result = run(client, name="office", region="aws-us-east-1", rules=[])
    assert client.calls[-1]["body"] == {"rules": []}
    assert result["traffic_filter"]["rules"] == []


def test_update_in_check_mode_predicts_the_same_as_a_real_run():
    options = dict(name="office", region="aws-us-east-1", description="", rules=[{"source": "203.0.113.1"}])
    real = run(client_with([OFFICE], {("PATCH", OFFICE_PATH): patched}), **options)
    checked_client = client_with([OFFICE])
    checked = run(checked_client, check_mode=True, **options)
    assert checked == real
    assert checked_client.writes() == []


def test_rename_by_id_uses_one_get():
    client = client_with([OFFICE], {("PATCH", OFFICE_PATH): patched})
    result = run(client, id=OFFICE["id"], name="head-office")
    assert [(c["method"], c["path"]) for c in client.calls] == [("GET", OFFICE_PATH), ("PATCH", OFFICE_PATH)]
    assert client.calls[-1]["body"] == {"name": "head-office"}
    assert result["traffic_filter"]["name"] == "head-office"


@pytest.mark.parametrize("option, value", [("type", "vpce"), ("region", "aws-eu-west-1")])
def test_type_and_region_cannot_change(option, value):
    client = client_with([OFFICE])
    with pytest.raises(UsageError, match="has %s %s; it cannot change to %s" % (option, OFFICE[option], value)):
        run(client, **{"id": OFFICE["id"], option: value})
    assert client.writes() == []


def test_two_filters_with_the_name_in_the_region_is_an_error():
    twin = dict(OFFICE, id="c" * 32)
    client = client_with([OFFICE, twin])
    with pytest.raises(UsageError, match="2 traffic filters are named 'office' in region aws-us-east-1"):
        run(client, name="office", region="aws-us-east-1", type="ip")
    assert client.writes() == []


def test_a_filter_of_another_region_is_not_a_match():
    elsewhere = dict(OFFICE, region="aws-eu-west-1")
    client = client_with([elsewhere], {("POST", BASE): lambda call: dict(call["body"], id="d" * 32)})
    result = run(client, name="office", region="aws-us-east-1", type="ip")
    assert result["changed"] is True
    assert client.writes() == [("POST", BASE)]


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(name="office"), "region is required to find traffic filter 'office'"),
        (dict(name="lab", region="aws-us-east-1"), "type is required to create a traffic filter"),
        (dict(id="f" * 32), "No traffic filter has the id '%s'" % ("f" * 32)),
        (dict(name="lab", region="aws-us-east-1", type="ip", rules=[{"description": "x"}]), r"rules\[0\].source is required for ip"),
        (
            dict(name="lab", region="azure-eastus", type="private_endpoint", rules=[{"azure_endpoint_name": "pe"}]),
            r"rules\[0\].azure_endpoint_guid is required for private_endpoint",
        ),
    ],
)
def test_clear_errors_before_any_write(params, message):
    client = client_with([OFFICE])
    with pytest.raises(UsageError, match=message):
        run(client, **params)
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_absent_deletes_once(check_mode):
    client = client_with([OFFICE], {("DELETE", OFFICE_PATH): None})
    result = run(client, check_mode=check_mode, name="office", region="aws-us-east-1", state="absent")
    assert result["changed"] is True
    assert result["traffic_filter"] == {}
    assert result["diff"]["before"]["id"] == OFFICE["id"] and result["diff"]["after"] == {}
    assert client.writes() == ([] if check_mode else [("DELETE", OFFICE_PATH)])


def test_absent_when_missing_is_no_change():
    client = client_with([])
    assert run(client, name="office", region="aws-us-east-1", state="absent") == {"traffic_filter": {}, "changed": False}
    assert run(client, id="f" * 32, state="absent") == {"traffic_filter": {}, "changed": False}


def test_absent_tolerates_a_filter_deleted_meanwhile():
    gone = api_error(404, "traffic_filters.not_found", method="DELETE", path=OFFICE_PATH)
    client = client_with([OFFICE], {("DELETE", OFFICE_PATH): gone})
    assert run(client, id=OFFICE["id"], state="absent")["changed"] is True


def test_absent_reports_a_filter_still_in_use():
    in_use = api_error(409, "traffic_filters.in_use", method="DELETE", path=OFFICE_PATH)
    client = client_with([OFFICE], {("DELETE", OFFICE_PATH): in_use})
    with pytest.raises(ElasticCloudError) as error:
        run(client, id=OFFICE["id"], state="absent")
    assert error.value.status == 409


def test_a_lost_create_answer_adopts_the_filter_it_made(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    made = dict(OFFICE)
    posted = []

    def lost_post(call):
        posted.append(call)  # the server makes the filter, the answer is lost
        return ElasticCloudError("connection reset", status=None)

    def listing(call):
        return {"items": [made] if posted and call["params"]["include_by_default"] == "false" else []}

    client = client_with([], {("POST", BASE): lost_post, ("GET", BASE): listing})
    result = run(client, name="office", region="aws-us-east-1", type="ip", rules=OFFICE["rules"])
    assert result["changed"] is True and result["traffic_filter"]["id"] == OFFICE["id"]
    assert [call["method"] for call in client.calls].count("POST") == 1
    assert "was found and adopted" in result["warnings"][0]


@pytest.mark.parametrize("in_place", [True, False])
def test_a_lost_patch_answer_is_checked_by_reading_the_filter_again(in_place):
    after = dict(OFFICE, description="New") if in_place else OFFICE
    reads = [OFFICE, after]
    client = client_with([OFFICE], {("PATCH", OFFICE_PATH): ElasticCloudError("PATCH timed out", status=None)})
    client.routes[("GET", OFFICE_PATH)] = lambda call: reads.pop(0) if len(reads) > 1 else reads[0]
    if in_place:
        result = run(client, id=OFFICE["id"], description="New")
        assert result["changed"] is True and result["traffic_filter"]["description"] == "New"
        assert "the change is in place" in result["warnings"][0]
    else:
        with pytest.raises(ElasticCloudError, match="does not have the change: run the task again"):
            run(client, id=OFFICE["id"], description="New")
