"""deployment's traffic_filters: names resolved at run time, additive keeps what others attached, exclusive does not."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_associations import target_ids
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment import Deployment

from .fake_cloud import FakeClock, ScriptedClient, es_plan, hosted_deployment, run_module

ID = "d" * 32
DEPLOYMENTS = "/api/v1/deployments"
ONE = DEPLOYMENTS + "/" + ID
RULESETS = "/api/v1/deployments/traffic-filter/rulesets"
ATTACHED = "/api/v1/deployments/traffic-filter/associations/deployment/%s/rulesets" % ID
OFFICE = {"id": "a" * 32, "name": "office", "region": "aws-us-east-1", "type": "ip", "rules": []}
VPN = {"id": "b" * 32, "name": "vpn", "region": "aws-us-east-1", "type": "ip", "rules": []}
CONSOLE = {"id": "c" * 32, "name": "console-made", "region": "aws-us-east-1", "type": "ip", "rules": []}
ELSEWHERE = {"id": "e" * 32, "name": "eu", "region": "aws-eu-west-1", "type": "ip", "rules": []}


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch):
    monkeypatch.setattr(Deployment, "sleep", staticmethod(FakeClock().sleep))


def client(attached, routes=None):
    scripted = {("GET", ONE): hosted_deployment(), ("GET", RULESETS): {"rulesets": [OFFICE, VPN, CONSOLE]},
                ("GET", ATTACHED): {"rulesets": list(attached)}, ("GET", RULESETS + "/" + ELSEWHERE["id"]): ELSEWHERE}  # fmt: skip
    for ruleset in (OFFICE, VPN, CONSOLE):
        scripted[("POST", RULESETS + "/%s/associations" % ruleset["id"])] = ApiResponse(201, {}, {})
        scripted[("DELETE", RULESETS + "/%s/associations/deployment/%s" % (ruleset["id"], ID))] = {}
    scripted.update(routes or {})
    return ScriptedClient(scripted)


def run(scripted, check_mode=False, **params):
    return run_module(Deployment, scripted, check_mode=check_mode, id=ID, **params)


@pytest.mark.parametrize("mode, wanted, expected", [
    ("additive", ["a", "b"], ["c", "a", "b"]),
    ("additive", [], ["c"]),
    ("exclusive", ["a", "c"], ["c", "a"]),
    ("exclusive", [], []),
])  # fmt: skip
def test_target_ids(mode, wanted, expected):
    assert target_ids(["c"], wanted, mode) == expected


def test_additive_attaches_by_name_and_leaves_what_others_attached():
    scripted = client([CONSOLE["id"]])
    result = run(scripted, traffic_filters=["office", VPN["id"]])
    assert result["changed"] is True
    assert scripted.writes() == [("POST", RULESETS + "/%s/associations" % OFFICE["id"]),
                                 ("POST", RULESETS + "/%s/associations" % VPN["id"])]  # fmt: skip
    assert scripted.calls[-1]["body"] == {"entity_type": "deployment", "id": ID}
    assert result["diff"]["before"]["traffic_filters"] == [CONSOLE["id"]]
    assert result["diff"]["after"]["traffic_filters"] == [CONSOLE["id"], OFFICE["id"], VPN["id"]]


def test_exclusive_detaches_the_others():
    scripted = client([CONSOLE["id"], OFFICE["id"]])
    result = run(scripted, traffic_filters=["office"], traffic_filters_mode="exclusive")
    assert result["changed"] is True
    assert scripted.writes() == [("DELETE", RULESETS + "/%s/associations/deployment/%s" % (CONSOLE["id"], ID))]


def test_attached_already_changes_nothing_and_check_mode_writes_nothing():
    assert run(client([OFFICE["id"]]), traffic_filters=["office"], traffic_filters_mode="exclusive")["changed"] is False
    scripted = client([])
    result = run(scripted, check_mode=True, traffic_filters=["office"])
    assert result["changed"] is True and scripted.writes() == []


def test_unknown_names_and_filters_of_another_region_fail_naming_them():
    with pytest.raises(UsageError, match="No deployment traffic filter has the id or name 'nope' in region aws-us-east-1"):
        run(client([]), traffic_filters=["nope"])
    with pytest.raises(UsageError, match="is in region aws-eu-west-1; it cannot be attached to a deployment in region aws-us-east-1"):
        run(client([]), traffic_filters=[ELSEWHERE["id"]])


def test_left_out_the_filters_are_not_read():
    scripted = client([])
    run(scripted)
    assert not [call for call in scripted.calls if "traffic-filter" in call["path"]]


def test_a_create_sends_the_rulesets_in_its_settings_and_exclusive_detaches_the_defaults():
    template_path = DEPLOYMENTS + "/templates/aws-storage-optimized"
    template = {"deployment_template": {"resources": {
        "elasticsearch": [{"ref_id": "main-elasticsearch", "region": "aws-us-east-1", "plan": es_plan(8192)}]}}}  # fmt: skip
    created = {"id": ID, "name": "logging", "created": True, "resources": [{"kind": "elasticsearch", "ref_id": "main-elasticsearch"}]}
    scripted = client([OFFICE["id"], CONSOLE["id"]], {
        ("POST", DEPLOYMENTS + "/_search"): {"deployments": [], "match_count": 0, "return_count": 0},
        ("GET", template_path): template, ("POST", DEPLOYMENTS): ApiResponse(201, created, {})})  # fmt: skip
    result = run_module(Deployment, scripted, name="logging", region="aws-us-east-1", version="8.19.3",
                        deployment_template_id="aws-storage-optimized", traffic_filters=["office"],
                        traffic_filters_mode="exclusive")  # fmt: skip
    post = [call for call in scripted.calls if call["path"] == DEPLOYMENTS][0]
    assert post["body"]["settings"]["traffic_filter_settings"] == {"rulesets": [OFFICE["id"]]}
    assert result["diff"]["after"]["traffic_filters"] == [OFFICE["id"]]
    assert ("DELETE", RULESETS + "/%s/associations/deployment/%s" % (CONSOLE["id"], ID)) in scripted.writes()
