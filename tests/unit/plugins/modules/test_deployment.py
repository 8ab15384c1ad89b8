"""deployment: create once, re-run unchanged, resize, check mode, shutdown, restore, delete."""

import json

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
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


# -- credentials_dir ----------------------------------------------------------------------------------
def test_credentials_dir_keeps_the_new_password_in_a_private_file_before_a_later_call_fails(tmp_path):
    directory = tmp_path / "secrets"
    read_fails = api_error(500, "root.unavailable", method="GET", path=ONE)
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): ApiResponse(201, CREATED, {}), ("GET", ONE): read_fails})  # fmt: skip
    with pytest.raises(ElasticCloudError):
        run_module(Deployment, client, wait=False, credentials_dir=str(directory), **CREATE)
    path = directory / "deployment-logging.json"
    assert oct(directory.stat().st_mode & 0o777) == "0o700" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert json.loads(path.read_text()) == {"username": "elastic", "password": "s3cret-pass", "id": ID,
                                            "name": "logging", "endpoints": {}, "cloud_id": None}  # fmt: skip


def test_credentials_dir_leaves_the_password_out_and_adds_the_endpoints_once_read(tmp_path):
    client = ScriptedClient({("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): TEMPLATE,
                             ("POST", BASE): ApiResponse(201, CREATED, {}), ("GET", ONE): hosted_deployment()})  # fmt: skip
    result = run_module(Deployment, client, credentials_dir=str(tmp_path), **CREATE)
    path = tmp_path / "deployment-logging.json"
    assert result["credentials"] == {"file": str(path)} and "s3cret-pass" not in str(result)
    record = json.loads(path.read_text())
    assert record["password"] == "s3cret-pass" and record["endpoints"] == result["deployment"]["endpoints"]
    assert record["cloud_id"] == result["deployment"]["cloud_id"]


def test_credentials_dir_keeps_a_reset_password_and_check_mode_writes_nothing(tmp_path):
    reset = ONE + "/elasticsearch/main-elasticsearch/_reset-password"
    directory = tmp_path / "new"
    checked = ScriptedClient({("GET", ONE): hosted_deployment()})
    run_module(Deployment, checked, check_mode=True, id=ID, reset_elasticsearch_password=True, credentials_dir=str(directory))
    assert not directory.exists() and checked.writes() == []
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("POST", reset): {"username": "elastic", "password": "n3w"}})
    result = run_module(Deployment, client, id=ID, reset_elasticsearch_password=True, credentials_dir=str(directory))
    path = directory / ("deployment-%s.json" % result["deployment"]["name"])
    assert result["credentials"] == {"file": str(path)} and json.loads(path.read_text())["password"] == "n3w"


def test_an_unwritable_credentials_dir_fails_before_any_call(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("a file, not a directory")  # unwritable even for root, unlike a mode
    client = ScriptedClient({})
    with pytest.raises(UsageError, match="credentials_dir .* could not be created"):
        run_module(Deployment, client, credentials_dir=str(taken), **CREATE)
    with pytest.raises(UsageError, match="cannot name its credentials file"):
        slashed = dict(CREATE, credentials_dir=str(tmp_path))
        slashed["name"] = "team/b"
        run_module(Deployment, client, **slashed)
    assert client.calls == []


# -- strategy, extensions, observability, resources, plan outcome ------------------------------------
def put_body(client):
    return [call for call in client.calls if call["method"] == "PUT"][0]["body"]


def test_a_strategy_is_sent_with_the_update_and_never_compared():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    run_module(Deployment, client, id=ID, elasticsearch=dict(hot("4g"), strategy="grow_and_shrink"))
    assert put_body(client)["resources"]["elasticsearch"][0]["plan"]["transient"] == {"strategy": {"grow_and_shrink": {}}}
    alone = ScriptedClient({("GET", ONE): hosted_deployment()})
    assert run_module(Deployment, alone, id=ID, elasticsearch={"strategy": "rolling_all"})["changed"] is False
    assert alone.writes() == []


def test_a_strategy_other_than_rolling_all_on_a_major_upgrade_fails_before_any_write():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("GET", STACK): {"upgradable_to": ["9.1.2"]}})
    with pytest.raises(UsageError, match="a major upgrade .8.19.3 to 9.1.2. needs the rolling_all strategy, not autodetect"):
        run_module(Deployment, client, id=ID, version="9.1.2", elasticsearch={"strategy": "autodetect"})
    assert client.writes() == []


EXTENSIONS = [{"name": "synonyms", "type": "bundle", "version": "8.*", "url": "https://example.com/synonyms.zip"},
              {"name": "analysis", "type": "plugin", "version": "8.19.3", "url": "https://example.com/analysis.zip"}]


def with_extensions():
    deployment = hosted_deployment()
    config = deployment["resources"]["elasticsearch"][0]["info"]["plan_info"]["current"]["plan"]["elasticsearch"]
    config["user_bundles"] = [{"name": "synonyms", "elasticsearch_version": "8.*", "url": "https://example.com/synonyms.zip"}]
    config["user_plugins"] = [{"name": "analysis", "elasticsearch_version": "8.19.3", "url": "https://example.com/analysis.zip"}]
    return deployment


def test_extensions_map_to_user_bundles_and_plugins_and_compare_as_a_set():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    assert run_module(Deployment, client, id=ID, elasticsearch={"extensions": EXTENSIONS})["changed"] is True
    config = put_body(client)["resources"]["elasticsearch"][0]["plan"]["elasticsearch"]
    assert config["user_bundles"] == [{"name": "synonyms", "elasticsearch_version": "8.*", "url": "https://example.com/synonyms.zip"}]
    assert [plugin["name"] for plugin in config["user_plugins"]] == ["analysis"]
    again = ScriptedClient({("GET", ONE): with_extensions()})
    assert run_module(Deployment, again, id=ID, elasticsearch={"extensions": EXTENSIONS[::-1]})["changed"] is False


def test_an_extension_named_twice_fails_before_any_call():
    with pytest.raises(UsageError, match="each name may appear once; synonyms appears more"):
        run_module(Deployment, ScriptedClient({}), id=ID, elasticsearch={"extensions": [EXTENSIONS[0], EXTENSIONS[0]]})


def observed(deployment_id):
    deployment = hosted_deployment()
    destination = {"destination": {"deployment_id": deployment_id, "ref_id": "main-elasticsearch"}}
    deployment["settings"] = {"observability": {"logging": destination, "metrics": destination}}
    return deployment


def test_observability_is_set_compared_with_self_and_removed_by_neither_logs_nor_metrics():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, id=ID, observability={"deployment_id": "self", "logs": True, "metrics": False})
    assert result["changed"] is True
    assert put_body(client)["settings"] == {"observability": {"logging": {"destination": {"deployment_id": "self"}}}}
    same = ScriptedClient({("GET", ONE): observed(ID)})
    assert run_module(Deployment, same, id=ID, observability={"deployment_id": "self", "logs": True, "metrics": True})["changed"] is False
    removed = ScriptedClient({("GET", ONE): observed(ID), ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, removed, id=ID, observability={"logs": False, "metrics": False})
    assert result["changed"] is True and result["diff"]["after"] == {"observability": None}
    assert put_body(removed)["settings"] == {"observability": {}}


def without(kind, deployment=None):
    deployment = deployment or hosted_deployment()
    deployment["resources"][kind] = []
    return deployment


def test_a_resource_set_on_a_deployment_without_it_is_added_from_the_template():
    template_path = BASE + "/templates/aws-storage-optimized"
    client = ScriptedClient({("GET", ONE): without("kibana"), ("GET", template_path): TEMPLATE, ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, id=ID, kibana={"size": "2g"})
    assert result["changed"] is True
    assert result["diff"] == {"before": {"kibana": {"state": "absent"}}, "after": {"kibana": {"size": "2g", "state": "present"}}}
    body = put_body(client)
    assert body["prune_orphans"] is False
    kibana = body["resources"]["kibana"][0]
    assert kibana["ref_id"] == "main-kibana" and kibana["elasticsearch_cluster_ref_id"] == "main-elasticsearch"
    assert kibana["plan"]["cluster_topology"][0]["size"]["value"] == 2048 and kibana["plan"]["kibana"]["version"] == "8.19.3"


def test_state_absent_removes_a_resource_with_prune_orphans_only_then():
    client = ScriptedClient({("GET", ONE): hosted_deployment(), ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, id=ID, integrations_server={"state": "absent"})
    assert result["changed"] is True and result["diff"]["after"] == {"integrations_server": {"state": "absent"}}
    body = put_body(client)
    assert body["prune_orphans"] is True and sorted(body["resources"]) == ["elasticsearch", "kibana"]
    stopped = hosted_deployment()
    stopped["resources"]["integrations_server"][0]["info"]["status"] = "stopped"
    again = ScriptedClient({("GET", ONE): stopped})
    assert run_module(Deployment, again, id=ID, integrations_server={"state": "absent"})["changed"] is False
    assert again.writes() == []


def test_a_removed_resource_is_left_out_of_later_updates():
    stopped = hosted_deployment()
    stopped["resources"]["kibana"][0]["info"]["status"] = "stopped"
    client = ScriptedClient({("GET", ONE): stopped, ("PUT", ONE): {"id": ID}})
    run_module(Deployment, client, id=ID, elasticsearch=hot("4g"))
    body = put_body(client)
    assert body["prune_orphans"] is False and sorted(body["resources"]) == ["elasticsearch", "integrations_server"]


def test_enterprise_search_on_9x_fails_before_any_call():
    client = ScriptedClient({("POST", SEARCH): found()})
    with pytest.raises(UsageError, match="Enterprise Search does not exist from stack version 9.0 on .asked for 9.1.2."):
        run_module(Deployment, client, enterprise_search={"size": "2g"}, name="logging", region="aws-us-east-1",
                   deployment_template_id="aws-storage-optimized", version="9.1.2")  # fmt: skip
    assert client.writes() == [("POST", SEARCH)]


def test_enterprise_search_is_created_only_when_set():
    template = {"deployment_template": dict(TEMPLATE["deployment_template"], resources=dict(
        TEMPLATE["deployment_template"]["resources"], enterprise_search=[
            {"ref_id": "main-enterprise_search", "elasticsearch_cluster_ref_id": "main-elasticsearch",
             "region": "aws-us-east-1", "plan": stateless_plan("enterprise_search", 2048)}]))}  # fmt: skip
    routes = {("POST", SEARCH): found(), ("GET", TEMPLATE_PATH): template, ("POST", BASE): ApiResponse(201, CREATED, {}),
              ("GET", ONE): hosted_deployment()}  # fmt: skip
    plain = ScriptedClient(dict(routes))
    run_module(Deployment, plain, **CREATE)
    assert sorted([c for c in plain.calls if c["path"] == BASE][0]["body"]["resources"]) == ["elasticsearch", "kibana"]
    asked = ScriptedClient(dict(routes))
    run_module(Deployment, asked, enterprise_search={"size": "4g"}, kibana={"state": "absent"}, **CREATE)
    resources = [c for c in asked.calls if c["path"] == BASE][0]["body"]["resources"]
    assert sorted(resources) == ["elasticsearch", "enterprise_search"]
    assert resources["enterprise_search"][0]["plan"]["cluster_topology"][0]["size"]["value"] == 4096


def test_the_plan_outcome_is_returned():
    reads = [hosted_deployment(), without("kibana", hosted_deployment(hot=4096))]
    reads[1]["resources"]["elasticsearch"][0]["info"]["plan_info"]["current"]["plan_attempt_id"] = "new"
    client = ScriptedClient({("GET", ONE): lambda call: reads.pop(0) if len(reads) > 1 else reads[0], ("PUT", ONE): {"id": ID}})
    result = run_module(Deployment, client, id=ID, elasticsearch=hot("4g"))
    assert result["plan"] == {"outcome": "success", "resources": [
        {"kind": "elasticsearch", "ref_id": "main-elasticsearch", "status": "success", "message": "plan-completed: done"}]}
    same = ScriptedClient({("GET", ONE): hosted_deployment()})
    assert run_module(Deployment, same, id=ID)["plan"] == {"outcome": "none", "resources": []}
