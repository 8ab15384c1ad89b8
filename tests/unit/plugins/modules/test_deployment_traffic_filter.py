"""deployment_traffic_filter: found by name in its region, rules as a set, PUT of the whole ruleset, detach then delete."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_traffic_filter import DeploymentTrafficFilter

from .fake_cloud import ScriptedClient, collection_routes, run_module

BASE = "/api/v1/deployments/traffic-filter/rulesets"
OFFICE = {"id": "a" * 32, "name": "office", "region": "aws-us-east-1", "type": "ip", "description": "Office",
          "include_by_default": False, "associations": [], "total_associations": 0,
          "rules": [{"id": "r1", "source": "192.0.2.0/24", "description": "main"}, {"id": "r2", "source": "198.51.100.7"}]}  # fmt: skip
ONE = BASE + "/" + OFFICE["id"]
RULES = [{"source": "198.51.100.7"}, {"source": "192.0.2.0/24", "description": "main"}, {"source": "198.51.100.7"}]


def client_with(rulesets, routes=None):
    return ScriptedClient(collection_routes(BASE, "rulesets", rulesets, routes))


def run(client, check_mode=False, **params):
    return run_module(DeploymentTrafficFilter, client, check_mode=check_mode, **params)


def test_create_sends_every_required_field_then_reads_the_ruleset():
    created = dict(OFFICE, id="b" * 32)
    client = client_with([], {("POST", BASE): ApiResponse(201, {"id": "b" * 32}, {}), ("GET", BASE + "/" + "b" * 32): created})
    result = run(client, name="office", region="aws-us-east-1", type="ip", rules=RULES)
    assert result["changed"] is True
    post = [call for call in client.calls if call["method"] == "POST"][0]
    assert post["body"] == {"name": "office", "region": "aws-us-east-1", "type": "ip", "include_by_default": False,
                            "rules": [{"source": "198.51.100.7"}, {"source": "192.0.2.0/24", "description": "main"}]}  # fmt: skip
    assert result["deployment_traffic_filter"]["id"] == "b" * 32
    assert result["diff"] == {"before": {}, "after": result["deployment_traffic_filter"]}


def test_check_mode_create_writes_nothing():
    client = client_with([])
    result = run(client, check_mode=True, name="office", region="aws-us-east-1", type="ip", rules=RULES)
    assert result["changed"] is True and result["deployment_traffic_filter"]["id"] is None
    assert client.writes() == []


def test_same_rules_in_another_order_change_nothing():
    client = client_with([OFFICE])
    result = run(client, name="office", region="aws-us-east-1", type="ip", description="Office", rules=RULES)
    assert result["changed"] is False and client.writes() == []
    assert result["deployment_traffic_filter"]["rules"] == [{"source": "192.0.2.0/24", "description": "main"},
                                                            {"source": "198.51.100.7"}]  # fmt: skip


def test_an_update_puts_the_whole_ruleset_without_rule_ids():
    client = client_with([OFFICE], {("PUT", ONE): {"id": OFFICE["id"]}})
    result = run(client, name="office", region="aws-us-east-1", include_by_default=True, rules=[{"source": "10.0.0.1"}])
    assert result["changed"] is True
    put = [call for call in client.calls if call["method"] == "PUT"][0]
    assert put["body"] == {"name": "office", "region": "aws-us-east-1", "type": "ip", "description": "Office",
                           "include_by_default": True, "rules": [{"source": "10.0.0.1"}]}  # fmt: skip
    assert result["diff"]["before"]["include_by_default"] is False


def test_check_mode_update_writes_nothing_and_shows_the_diff():
    client = client_with([OFFICE])
    result = run(client, check_mode=True, id=OFFICE["id"], name="head-office")
    assert result["changed"] is True and client.writes() == []
    assert (result["diff"]["before"]["name"], result["diff"]["after"]["name"]) == ("office", "head-office")


def test_twins_in_a_region_fail_naming_both():
    client = client_with([OFFICE, dict(OFFICE, id="c" * 32)])
    with pytest.raises(UsageError, match="2 deployment traffic filters are named 'office' in region aws-us-east-1 .ids a+ .*, c+"):
        run(client, name="office", region="aws-us-east-1")


def test_type_cannot_change():
    with pytest.raises(UsageError, match="has type ip; it cannot change to vpce"):
        run(client_with([OFFICE]), name="office", region="aws-us-east-1", type="vpce")


def test_absent_detaches_each_deployment_then_deletes():
    used = dict(OFFICE, associations=[{"entity_type": "deployment", "id": "d" * 32}], total_associations=1)
    detach = ONE + "/associations/deployment/" + "d" * 32
    client = client_with([used], {("DELETE", detach): {}, ("DELETE", ONE): {}})
    result = run(client, name="office", region="aws-us-east-1", state="absent")
    assert result["changed"] is True and result["deployment_traffic_filter"] == {}
    assert client.writes() == [("DELETE", detach), ("DELETE", ONE)]
    assert result["diff"]["before"]["deployments"] == ["d" * 32]
    gone = client_with([])
    assert run(gone, name="office", region="aws-us-east-1", state="absent")["changed"] is False


def test_check_mode_absent_writes_nothing():
    client = client_with([OFFICE])
    assert run(client, check_mode=True, id=OFFICE["id"], state="absent")["changed"] is True
    assert client.writes() == []


def test_a_name_needs_a_region():
    with pytest.raises(UsageError, match="region is required"):
        run(client_with([]), name="office")
