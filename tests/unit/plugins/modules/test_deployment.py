"""deployment: create once, re-run unchanged, resize, check mode, shutdown, restore, delete."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment import Deployment

from .fake_cloud import FakeClock, ScriptedClient, api_error, es_plan, hosted_deployment, run_module, stateless_plan

ID = "d" * 32
BASE = "/api/v1/deployments"
ONE = BASE + "/" + ID
SEARCH = BASE + "/_search"
TEMPLATE_PATH = BASE + "/templates/aws-storage-optimized"
TEMPLATE = {"deployment_template": {"resources": {
    "elasticsearch": [{"ref_id": "main-elasticsearch", "region": "aws-us-east-1", "plan": es_plan(8192)}],
    "kibana": [{"ref_id": "main-kibana", "elasticsearch_cluster_ref_id": "main-elasticsearch", "region": "aws-us-east-1",
                "plan": stateless_plan("kibana")}],
}}}  # fmt: skip
CREATE = dict(name="logging", region="aws-us-east-1", deployment_template_id="aws-storage-optimized", version="8.19.3")
CREATED = {"id": ID, "name": "logging", "alias": "logging-ddd", "created": True,
           "resources": [{"kind": "elasticsearch", "ref_id": "main-elasticsearch", "id": "es",
                          "credentials": {"username": "elastic", "password": "s3cret-pass"}}]}  # fmt: skip


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(Deployment, "sleep", staticmethod(clock.sleep))
    return clock


def found(*deployments):
    return {"deployments": list(deployments), "match_count": len(deployments), "return_count": len(deployments)}


def hot(size):
    return {"hot_content": {"size": size, "zone_count": None, "instance_configuration_id": None}}


def test_create_sends_a_request_id_of_the_task_and_returns_the_password_once():
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): ApiResponse(201, CREATED, {}), ("GET", ONE): hosted_deployment()})  # fmt: skip
    result = run_module(Deployment, client, elasticsearch=hot("4g"), **CREATE)
    assert result["changed"] is True
    assert result["credentials"] == {"username": "elastic", "password": "s3cret-pass"}
    assert result["deployment"]["id"] == ID and result["deployment"]["status"] == "started"
    post = [call for call in client.calls if call["path"] == BASE][0]
    assert post["params"]["request_id"].startswith("ansible-") and len(post["params"]["request_id"]) == 72
    assert post["body"]["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][0]["size"]["value"] == 4096
    assert "s3cret-pass" not in str(result["diff"])
    again = ScriptedClient(dict(client.routes))
    run_module(Deployment, again, elasticsearch=hot("4g"), **CREATE)
    assert [c for c in again.calls if c["path"] == BASE][0]["params"]["request_id"] == post["params"]["request_id"]


def test_a_create_answered_for_an_earlier_request_adopts_it_without_credentials():
    answer = dict(CREATED, created=False, resources=[{"kind": "elasticsearch", "ref_id": "main-elasticsearch"}])
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): ApiResponse(202, answer, {}), ("GET", ONE): hosted_deployment()})  # fmt: skip
    result = run_module(Deployment, client, **CREATE)
    assert result["changed"] is True and "credentials" not in result


def test_a_create_needs_region_template_and_version_before_any_call():
    client = ScriptedClient({("POST", SEARCH): found()})
    with pytest.raises(UsageError, match="No deployment is named 'logging'; to create it, set region, deployment_template_id"):
        run_module(Deployment, client, name="logging", version="8.19.3")
    assert client.writes() == [("POST", SEARCH)]  # the search is a read


def test_check_mode_create_only_validates():
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): {"name": "logging", "alias": "logging-abc"}})  # fmt: skip
    result = run_module(Deployment, client, check_mode=True, **CREATE)
    assert result["changed"] is True
    writes = [call for call in client.calls if call["path"] == BASE]
    assert [call["params"] for call in writes] == [{"validate_only": "true"}]


def test_the_same_options_again_change_nothing():
    client = ScriptedClient({("POST", SEARCH): found(hosted_deployment()), ("GET", ONE): hosted_deployment()})
    result = run_module(Deployment, client, elasticsearch=hot("8192m"), **CREATE)
    assert result["changed"] is False and "credentials" not in result
    assert client.writes() == [("POST", SEARCH)]


def test_two_deployments_with_the_name_fail_naming_both():
    client = ScriptedClient({("POST", SEARCH): found(hosted_deployment("a" * 32), hosted_deployment("b" * 32))})
    with pytest.raises(UsageError, match="2 deployments are named 'logging' .ids a+, b+.; set id to choose one"):
        run_module(Deployment, client, name="logging")


def test_a_resize_puts_every_resource_and_waits():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, id=ID, elasticsearch=hot("4g"))
    assert result["changed"] is True
    assert result["diff"] == {"before": {"elasticsearch": {"hot_content": {"size": "8g"}}},
                              "after": {"elasticsearch": {"hot_content": {"size": "4g"}}}}  # fmt: skip
    put = [call for call in client.calls if call["method"] == "PUT"][0]
    assert put["params"] is None and put["body"]["prune_orphans"] is False
    assert sorted(put["body"]["resources"]) == ["elasticsearch", "integrations_server", "kibana"]


def test_check_mode_resize_validates_only():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, check_mode=True, id=ID, elasticsearch=hot("4g"))
    assert result["changed"] is True
    assert [(c["method"], c["params"]) for c in client.calls if c["method"] != "GET"] == [("PUT", {"validate_only": "true"})]


STACK = "/api/v1/stack/versions/8.19.3"


@pytest.mark.parametrize("version, message", [
    ("8.18.2", "runs 8.19.3, and versions cannot be downgraded .to 8.18.2.; it can be upgraded to 9.1.2"),
    ("9.0.4", "runs 8.19.3, which cannot be upgraded to 9.0.4; it can be upgraded to 9.1.2"),
])  # fmt: skip
def test_a_version_outside_upgradable_to_fails_before_any_write(version, message):
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("GET", STACK): {"upgradable_to": ["9.1.2"]}})
    with pytest.raises(UsageError, match=message):
        run_module(Deployment, client, id=ID, version=version)
    assert client.writes() == []


def upgraded(version, kibana_version=None):
    deployment = hosted_deployment()
    for kind, resources in deployment["resources"].items():
        plan = resources[0]["info"]["plan_info"]["current"]["plan"]
        plan[kind]["version"] = kibana_version if kind == "kibana" and kibana_version else version
    return deployment


def test_a_major_upgrade_names_the_version_in_every_plan_with_the_rolling_strategy():
    reads = [hosted_deployment()] + [upgraded("9.1.2")] * 4
    client = ScriptedClient({("GET", ONE): lambda call: reads.pop(0) if len(reads) > 1 else reads[0],
                             ("GET", STACK): {"upgradable_to": ["9.1.2"]}, ("PUT", ONE): {"id": ID}})  # fmt: skip
    result = run_module(Deployment, client, id=ID, version="9.1.2")
    assert result["changed"] is True and result["deployment"]["version"] == "9.1.2"
    assert result["diff"] == {"before": {"version": "8.19.3"}, "after": {"version": "9.1.2"}}
    body = [call for call in client.calls if call["method"] == "PUT"][0]["body"]
    assert body["resources"]["elasticsearch"][0]["plan"]["transient"] == {"strategy": {"rolling": {"group_by": "__all__"}}}
    assert {kind: payloads[0]["plan"][kind]["version"] for kind, payloads in body["resources"].items()} == {
        "elasticsearch": "9.1.2", "kibana": "9.1.2", "integrations_server": "9.1.2"}
    assert "warnings" not in result


def test_a_lagging_kibana_is_upgraded_and_the_task_says_so():
    client = ScriptedClient({("GET", ONE): upgraded("9.1.2", kibana_version="8.19.3"),
                             ("POST", ONE + "/kibana/main-kibana/_upgrade"): {"stack_version": "9.1.2"}})  # fmt: skip
    result = run_module(Deployment, client, id=ID, version="9.1.2")
    assert result["changed"] is True
    assert client.writes() == [("POST", ONE + "/kibana/main-kibana/_upgrade")]
    assert result["warnings"] == ["kibana main-kibana of deployment %s was on 8.19.3 after Elasticsearch reached 9.1.2: "
                                  "upgraded it with _upgrade" % ID]  # fmt: skip


def test_the_same_version_again_changes_nothing():
    client = ScriptedClient({("GET", ONE): hosted_deployment()})
    assert run_module(Deployment, client, id=ID, version="8.19.3")["changed"] is False
    assert client.writes() == []


def test_another_template_puts_the_migration_request():
    migration = {"name": "logging", "prune_orphans": False, "resources": {
        "elasticsearch": [{"ref_id": "main-elasticsearch", "region": "aws-us-east-1", "plan": es_plan(8192, template="aws-cpu-optimized")}],
        "kibana": [], "apm": []}}  # fmt: skip
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("GET", ONE + "/migrate_template"): migration,
                             ("PUT", ONE): {"id": ID}})  # fmt: skip
    result = run_module(Deployment, client, id=ID, deployment_template_id="aws-cpu-optimized")
    assert result["changed"] is True
    assert result["diff"]["after"] == {"deployment_template_id": "aws-cpu-optimized"}
    migrate = [call for call in client.calls if call["path"].endswith("migrate_template")][0]
    assert migrate["params"] == {"template_id": "aws-cpu-optimized"}
    put = [call for call in client.calls if call["method"] == "PUT"][0]["body"]
    assert put["resources"]["elasticsearch"][0]["plan"]["deployment_template"] == {"id": "aws-cpu-optimized"}


def test_shutdown_then_shutdown_again():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("POST", ONE + "/_shutdown"): {"id": ID}})
    assert run_module(Deployment, client, id=ID, state="shutdown")["changed"] is True
    stopped = ScriptedClient({("GET", ONE): hosted_deployment(status="stopped")})
    assert run_module(Deployment, stopped, id=ID, state="shutdown")["changed"] is False
    assert stopped.writes() == []


def test_present_restores_a_shut_down_deployment():
    client = ScriptedClient({("GET", ONE): hosted_deployment(status="stopped"), ("POST", ONE + "/_restore"): {"id": ID}})
    result = run_module(Deployment, client, id=ID)
    assert result["changed"] is True and result["diff"]["after"] == {"status": "started"}
    assert client.writes() == [("POST", ONE + "/_restore")]


def test_absent_shuts_down_waits_then_deletes():
    states = [hosted_deployment(), hosted_deployment(status="stopped")]
    client = ScriptedClient({("GET", ONE): lambda call: states[0] if len(client.calls) == 1 else states[1],
                             ("POST", ONE + "/_shutdown"): {"id": ID}, ("DELETE", ONE): {"id": ID}})  # fmt: skip
    result = run_module(Deployment, client, id=ID, state="absent")
    assert result["changed"] is True and result["removed"] is True
    assert client.writes() == [("POST", ONE + "/_shutdown"), ("DELETE", ONE)]


def test_a_refused_delete_is_a_warning_and_the_deployment_stays_shut_down():
    refused = api_error(405, "root.method_not_allowed", method="DELETE", path=ONE)
    client = ScriptedClient({("GET", ONE): hosted_deployment(status="stopped"), ("DELETE", ONE): refused})
    result = run_module(Deployment, client, id=ID, state="absent")
    assert result["changed"] is False and result["removed"] is False
    assert "refused to delete it" in result["warnings"][0]


def test_absent_when_gone_changes_nothing():
    client = ScriptedClient({("POST", SEARCH): found()})
    assert run_module(Deployment, client, name="logging", state="absent") == {"changed": False}


def test_a_request_id_answered_with_a_deleted_deployment_is_derived_anew():
    gone = "e" * 32
    answers = [ApiResponse(202, dict(CREATED, id=gone, created=False, resources=[]), {}), ApiResponse(201, CREATED, {})]
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): lambda call: answers.pop(0), ("GET", ONE): hosted_deployment()})  # fmt: skip
    result = run_module(Deployment, client, **CREATE)
    request_ids = [call["params"]["request_id"] for call in client.calls if call["path"] == BASE]
    assert len(set(request_ids)) == 2
    assert result["credentials"]["username"] == "elastic"
    assert ("GET", BASE + "/" + gone) in [(call["method"], call["path"]) for call in client.calls]


def test_a_password_reset_is_explicit_and_returns_the_new_credentials():
    reset = ONE + "/elasticsearch/main-elasticsearch/_reset-password"
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("POST", reset): {"username": "elastic", "password": "n3w"}})
    result = run_module(Deployment, client, id=ID, reset_elasticsearch_password=True)
    assert result["changed"] is True and result["credentials"] == {"username": "elastic", "password": "n3w"}
    assert "n3w" not in str(result.get("diff"))
    checked = ScriptedClient({("GET", ONE): hosted_deployment()})
    assert run_module(Deployment, checked, check_mode=True, id=ID, reset_elasticsearch_password=True)["changed"] is True
    assert checked.writes() == []
