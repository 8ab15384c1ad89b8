"""Hosted deployments (cloud API): every answer checked against the spec, time driven by the clock hook."""

import copy

import pytest

from spec_client import error_code

BASE = "/api/v1/deployments"
REGION = "aws-us-east-1"
PLAN_DELAY = 2.0  # the emulator's default --plan-delay


@pytest.fixture
def frozen(emulator):
    emulator.clock(freeze=True)
    return emulator


def create(client, query=None, **fields):
    body = {"name": "shop", "region": REGION, **fields}
    params = {"template_id": "aws-general-purpose", **(query or {})}
    response = client.post(BASE, params=params, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def settled(client, emulator, deployment_id, **params):
    emulator.clock(advance=PLAN_DELAY + 1)
    return client.get(f"{BASE}/{deployment_id}", params=params).json()


def es_of(shown):
    return shown["resources"]["elasticsearch"][0]


def payload(shown, kind):
    """The resource's current plan as an update payload entry."""
    resource = shown["resources"][kind][0]
    plan = copy.deepcopy(resource["info"]["plan_info"]["current"]["plan"])
    entry = {"ref_id": resource["ref_id"], "region": resource["region"], "plan": plan}
    if kind != "elasticsearch":
        entry["elasticsearch_cluster_ref_id"] = resource["elasticsearch_cluster_ref_id"]
    return entry


def update(client, deployment_id, resources, prune_orphans=False, **params):
    return client.put(
        f"{BASE}/{deployment_id}", params=params, json={"prune_orphans": prune_orphans, "resources": resources}
    )


def test_create_gives_credentials_once_and_plans_apply_on_the_clock(client, frozen):
    created = client.post(BASE, params={"template_id": "aws-general-purpose"}, json={"name": "shop", "region": REGION})
    assert created.status_code == 201 and created.headers["x-cloud-resource-version"] == "1"
    answer = created.json()
    assert answer["created"] is True and answer["alias"].startswith("shop-")
    es = next(resource for resource in answer["resources"] if resource["kind"] == "elasticsearch")
    assert es["credentials"]["username"] == "elastic" and len(es["credentials"]["password"]) >= 20
    assert {resource["kind"] for resource in answer["resources"]} == {"elasticsearch", "kibana", "integrations_server"}
    url = f"{BASE}/{answer['id']}"
    pending = client.get(url, params={"show_plan_logs": "true"}).json()
    assert pending["healthy"] is False and es_of(pending)["info"]["status"] == "initializing"
    assert es_of(pending)["info"]["plan_info"]["pending"]["plan_attempt_log"][-1]["status"] == "pending"
    assert "password" not in client.get(url).text
    frozen.clock(advance=PLAN_DELAY)
    shown = client.get(url, params={"show_plan_logs": "true", "show_metadata": "true", "show_settings": "true"}).json()
    assert shown["healthy"] is True and es_of(shown)["info"]["status"] == "started"
    current = es_of(shown)["info"]["plan_info"]["current"]
    assert current["plan_attempt_log"][-1]["step_id"] == "plan-completed"
    assert current["plan_attempt_log"][-1]["status"] == "success"
    assert current["plan"]["elasticsearch"]["version"] == "9.1.2"
    assert es_of(shown)["info"]["topology"]["instances"]
    assert shown["metadata"]["organization_id"] == "org-emulator" and shown["settings"]["auto_ops"]
    kibana = client.get(f"{url}/kibana/main-kibana").json()
    assert kibana["info"]["status"] == "started" and kibana["elasticsearch_cluster_ref_id"] == "main-elasticsearch"
    assert client.get(f"{url}/kibana/nope").status_code == 404


def test_request_id_never_creates_twice(client, frozen):
    token = "r" * 32
    first = create(client, query={"request_id": token})
    again = client.post(
        BASE,
        params={"template_id": "aws-general-purpose", "request_id": token},
        json={"name": "shop", "region": REGION},
    )
    assert again.status_code == 202
    assert again.json()["id"] == first["id"] and again.json()["created"] is False
    assert all("credentials" not in resource for resource in again.json()["resources"])
    assert len(client.get(BASE).json()["deployments"]) == 1
    short = client.post(BASE, params={"template_id": "aws-general-purpose", "request_id": "x"}, json={"region": REGION})
    assert short.status_code == 400


def test_validate_only_and_create_errors(client, frozen):
    dry = client.post(
        BASE, params={"template_id": "aws-general-purpose", "validate_only": "true"}, json={"region": REGION}
    )
    assert dry.status_code == 200 and dry.json()["created"] is False
    assert client.get(BASE).json() == {"deployments": []}
    for params, body in [
        ({"template_id": "aws-general-purpose"}, {"region": "aws-mars-1"}),
        ({"template_id": "gcp-general-purpose"}, {"region": REGION}),
        ({"template_id": "aws-general-purpose"}, {"region": REGION, "version": "6.0.0"}),
        ({}, {"name": "empty"}),
        (
            {},
            {
                "resources": {
                    "elasticsearch": [
                        {"ref_id": "es", "region": REGION, "plan": {"cluster_topology": [], "elasticsearch": {}}}
                    ]
                }
            },
        ),
    ]:
        assert client.post(BASE, params=params, json=body).status_code == 400, (params, body)


def test_get_options_history_and_transient(client, frozen):
    deployment_id = create(client)["id"]
    shown = settled(client, frozen, deployment_id, show_plans="false")
    assert es_of(shown)["info"]["plan_info"] == {"healthy": True, "history": []}
    history = client.get(f"{BASE}/{deployment_id}", params={"show_plan_history": "true"}).json()
    assert len(es_of(history)["info"]["plan_info"]["history"]) == 1
    missing = client.get(f"{BASE}/{'0' * 32}")
    assert missing.status_code == 404 and error_code(missing) == "deployments.deployment_not_found"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda plan: plan["cluster_topology"][0]["size"].update(value=3000), "does not allow size [3000]"),
        (
            lambda plan: plan["cluster_topology"][0].update(instance_configuration_id="gcp.es.datahot.x"),
            "is not part of",
        ),
        (lambda plan: plan["elasticsearch"].update(version="8.19.3"), "downgrades are not supported"),
    ],
)
def test_plans_that_fail_keep_the_current_plan(client, frozen, change, message):
    deployment_id = create(client)["id"]
    shown = settled(client, frozen, deployment_id)
    es = payload(shown, "elasticsearch")
    change(es["plan"])
    assert update(client, deployment_id, {"elasticsearch": [es]}).status_code == 200
    after = settled(client, frozen, deployment_id, show_plan_logs="true", show_plan_history="true")
    info = es_of(after)["info"]
    assert info["healthy"] is False and after["healthy"] is False
    failed = info["plan_info"]["history"][-1]
    assert failed["plan_attempt_log"][-1]["step_id"] == "plan-completed"
    assert failed["plan_attempt_log"][-1]["status"] == "error" and message in failed["error"]["message"]
    assert info["plan_info"]["current"]["plan"] == es_of(shown)["info"]["plan_info"]["current"]["plan"]


def test_major_upgrade_needs_rolling_all_and_leaves_kibana_behind(client, frozen):
    deployment_id = create(client, version="8.19.3")["id"]
    shown = settled(client, frozen, deployment_id)
    es = payload(shown, "elasticsearch")
    es["plan"]["elasticsearch"]["version"] = "9.1.2"
    update(client, deployment_id, {"elasticsearch": [es]})
    refused = settled(client, frozen, deployment_id, show_plan_history="true")
    assert "__all__" in es_of(refused)["info"]["plan_info"]["history"][-1]["error"]["message"]
    es["plan"]["transient"] = {"strategy": {"rolling": {"group_by": "__all__"}}}
    update(client, deployment_id, {"elasticsearch": [es], "kibana": [payload(shown, "kibana")]})
    upgraded = settled(client, frozen, deployment_id, clear_transient="true")
    assert es_of(upgraded)["info"]["plan_info"]["current"]["plan"]["elasticsearch"]["version"] == "9.1.2"
    assert "transient" not in es_of(upgraded)["info"]["plan_info"]["current"]["plan"]
    kibana = upgraded["resources"]["kibana"][0]["info"]["plan_info"]["current"]["plan"]["kibana"]
    assert kibana["version"] == "8.19.3"
    answer = client.post(f"{BASE}/{deployment_id}/kibana/main-kibana/_upgrade")
    assert answer.status_code == 202 and answer.json()["stack_version"] == "9.1.2"
    later = settled(client, frozen, deployment_id)
    assert later["resources"]["kibana"][0]["info"]["plan_info"]["current"]["plan"]["kibana"]["version"] == "9.1.2"
    assert (
        later["resources"]["integrations_server"][0]["info"]["topology"]["instances"][0]["service_version"] == "8.19.3"
    )
    assert client.post(f"{BASE}/{deployment_id}/toaster/main/_upgrade").status_code in (400, 404)


def test_update_version_check_prune_and_validate_only(client, frozen):
    deployment_id = create(client)["id"]
    shown = settled(client, frozen, deployment_id)
    version = client.get(f"{BASE}/{deployment_id}").headers["x-cloud-resource-version"]
    es = payload(shown, "elasticsearch")
    stale = update(client, deployment_id, {"elasticsearch": [es]}, version="999")
    assert stale.status_code == 409
    same = update(client, deployment_id, {"elasticsearch": [es]}, version=version)
    assert same.status_code == 200 and same.json()["shutdown_resources"]["kibana"] == []
    assert "pending" not in es_of(client.get(f"{BASE}/{deployment_id}").json())["info"]["plan_info"]  # nothing changed
    dry = update(client, deployment_id, {"elasticsearch": [es]}, prune_orphans=True, validate_only="true")
    assert dry.json()["shutdown_resources"]["kibana"]
    assert client.get(f"{BASE}/{deployment_id}/kibana/main-kibana").json()["info"]["status"] == "started"
    kibana = payload(shown, "kibana")
    kibana["plan"]["cluster_topology"][0]["size"]["value"] = 2048
    assert update(client, deployment_id, {"kibana": [kibana]}).status_code == 200
    resized = settled(client, frozen, deployment_id)["resources"]["kibana"][0]["info"]["topology"]["instances"]
    assert resized[0]["memory"]["instance_capacity"] == 2048
    pruned = update(client, deployment_id, {"elasticsearch": [es]}, prune_orphans=True, skip_snapshot="true")
    assert len(pruned.json()["shutdown_resources"]["kibana"]) == 1
    assert client.get(f"{BASE}/{deployment_id}/kibana/main-kibana").json()["info"]["status"] == "stopping"
    assert settled(client, frozen, deployment_id)["resources"]["kibana"][0]["info"]["status"] == "stopped"


def statuses(client, url):
    shown = client.get(url).json()
    return {resource["info"]["status"] for kind in shown["resources"].values() for resource in kind}


def test_shutdown_is_a_plan_and_delete_waits_for_it(client, frozen):
    deployment_id = create(client)["id"]
    settled(client, frozen, deployment_id)
    url = f"{BASE}/{deployment_id}"
    running = client.delete(url)
    assert running.status_code == 400 and error_code(running) == "deployments.deployment_not_shutdown"
    assert client.post(f"{url}/_shutdown", params={"skip_snapshot": "true"}).json()["id"] == deployment_id
    assert statuses(client, url) == {"stopping"}
    pending = es_of(client.get(url, params={"show_plan_logs": "true"}).json())["info"]
    assert pending["plan_info"]["pending"]["source"]["action"] == "deployments.shutdown-deployment"
    assert pending["plan_info"]["pending"]["plan_attempt_log"][-1]["status"] == "pending"
    assert pending["topology"]["instances"]  # still running until the shutdown plan completes
    assert client.delete(url).status_code == 400
    restore = client.post(f"{url}/_restore")
    assert restore.status_code == 400 and error_code(restore) == "deployments.resource_not_shutdown"
    frozen.clock(advance=PLAN_DELAY)
    stopped = es_of(client.get(url, params={"show_plan_history": "true"}).json())["info"]
    assert statuses(client, url) == {"stopped"} and stopped["topology"]["instances"] == []
    assert stopped["plan_info"]["history"][-1]["source"]["action"] == "deployments.shutdown-deployment"
    assert "pending" not in stopped["plan_info"]
    deleted = client.delete(url)
    assert deleted.status_code == 200 and deleted.json()["id"] == deployment_id
    assert client.get(url).status_code == 404


def test_restore_is_a_plan(client, frozen):
    deployment_id = create(client)["id"]
    settled(client, frozen, deployment_id)
    url = f"{BASE}/{deployment_id}"
    client.post(f"{url}/_shutdown")
    frozen.clock(advance=PLAN_DELAY)
    assert client.post(f"{url}/_restore").json() == {"id": deployment_id}
    assert statuses(client, url) == {"restarting"}
    assert client.delete(url).status_code == 400  # a restore is still pending
    assert es_of(client.get(url).json())["info"]["topology"]["instances"] == []
    restored = es_of(settled(client, frozen, deployment_id))["info"]
    assert statuses(client, url) == {"started"} and restored["topology"]["instances"]
    assert restored["plan_info"]["current"]["source"]["action"] == "deployments.restore-deployment"


def test_reset_password_and_cancel_pending_plan(client, frozen):
    answer = create(client)
    deployment_id = answer["id"]
    first = next(r for r in answer["resources"] if r["kind"] == "elasticsearch")["credentials"]["password"]
    reset = client.post(f"{BASE}/{deployment_id}/elasticsearch/main-elasticsearch/_reset-password")
    assert reset.json()["username"] == "elastic" and reset.json()["password"] != first
    assert client.post(f"{BASE}/{deployment_id}/elasticsearch/other/_reset-password").status_code == 404
    cancelled = client.delete(f"{BASE}/{deployment_id}/kibana/main-kibana/plan/pending")
    assert cancelled.status_code == 200 and cancelled.json()["ref_id"] == "main-kibana"
    again = client.delete(f"{BASE}/{deployment_id}/kibana/main-kibana/plan/pending")
    assert again.status_code == 400 and error_code(again) == "deployments.resource_does_not_have_a_pending_plan"
    kibana = settled(client, frozen, deployment_id)["resources"]["kibana"][0]["info"]
    assert kibana["status"] == "initializing" and kibana["healthy"] is False


def test_search_by_name_and_tags(client, frozen):
    create(client, name="shop frontend", metadata={"tags": [{"key": "team", "value": "web"}]})
    create(client, name="billing", metadata={"tags": [{"key": "team", "value": "pay"}, {"key": "env", "value": "web"}]})

    def names(query):
        answer = client.post(f"{BASE}/_search", json={"query": query}).json()
        assert answer["return_count"] == len(answer["deployments"])
        return sorted(deployment["name"] for deployment in answer["deployments"])

    assert names({"match": {"name": {"query": "frontend"}}}) == ["shop frontend"]
    assert names({"term": {"name": {"value": "billing"}}}) == ["billing"]
    assert names({"term": {"name": {"value": "shop"}}}) == []
    assert names({"prefix": {"name": {"value": "bil"}}}) == ["billing"]
    tag = {
        "bool": {
            "must": [
                {"term": {"metadata.tags.key": {"value": "team"}}},
                {"term": {"metadata.tags.value": {"value": "web"}}},
            ]
        }
    }
    assert names({"nested": {"path": "metadata.tags", "query": tag}}) == ["shop frontend"]
    assert names(tag) == ["billing", "shop frontend"]  # without nested, key and value may come from different tags
    assert names({"bool": {"must": [{"match_all": {}}], "must_not": [{"match": {"name": {"query": "shop"}}}]}}) == [
        "billing"
    ]
    assert client.post(f"{BASE}/_search", json={"query": {"range": {"name": {}}}}).status_code == 400


def test_migrate_template(client, frozen):
    deployment_id = create(client)["id"]
    settled(client, frozen, deployment_id)
    migration = client.get(
        f"{BASE}/{deployment_id}/migrate_template", params={"template_id": "aws-cpu-optimized"}
    ).json()
    es = migration["resources"]["elasticsearch"][0]
    assert es["plan"]["deployment_template"] == {"id": "aws-cpu-optimized"}
    assert es["plan"]["cluster_topology"][0]["instance_configuration_id"] == "aws.es.datahot.c5d"
    assert update(client, deployment_id, migration["resources"]).status_code == 200
    wrong = client.get(f"{BASE}/{deployment_id}/migrate_template", params={"template_id": "nope"})
    assert wrong.status_code == 400


def test_faults_apply_to_deployments(client, emulator):
    emulator.add_fault(method="POST", path="deployments$", action="status", status=503)
    failed = client.post(BASE, params={"template_id": "aws-general-purpose"}, json={"region": REGION})
    assert failed.status_code == 503
    assert client.get(BASE).json() == {"deployments": []}


def test_enterprise_search_runs_on_8x_and_its_plan_fails_from_9_0(client, frozen):
    on_8 = create(client, version="8.19.3")
    assert "enterprise_search" in {resource["kind"] for resource in on_8["resources"]}
    on_8_shown = settled(client, frozen, on_8["id"])
    assert on_8_shown["resources"]["enterprise_search"][0]["info"]["status"] == "started"
    on_9 = create(client, version="9.1.2")
    assert "enterprise_search" not in {resource["kind"] for resource in on_9["resources"]}  # 9.x templates: none
    shown = settled(client, frozen, on_9["id"])
    entsearch = payload(on_8_shown, "enterprise_search")
    entsearch["elasticsearch_cluster_ref_id"] = es_of(shown)["ref_id"]
    entsearch["plan"]["enterprise_search"]["version"] = "9.1.2"
    assert update(client, on_9["id"], {"enterprise_search": [entsearch]}).status_code == 200
    failed = settled(client, frozen, on_9["id"], show_plan_history="true")["resources"]["enterprise_search"][0]
    assert "does not exist from 9.0 on" in failed["info"]["plan_info"]["history"][-1]["error"]["message"]
    assert failed["info"]["healthy"] is False


def test_observability_settings_are_stored_shown_and_removed_by_an_empty_object(client, frozen):
    deployment_id = create(client)["id"]
    shown = settled(client, frozen, deployment_id)
    url = f"{BASE}/{deployment_id}"
    observability = {"logging": {"destination": {"deployment_id": "self"}},
                     "metrics": {"destination": {"deployment_id": "self"}}}  # fmt: skip
    body = {"prune_orphans": False, "resources": {"elasticsearch": [payload(shown, "elasticsearch")]},
            "settings": {"observability": observability}}  # fmt: skip
    assert client.put(url, json=body).status_code == 200
    assert client.get(url, params={"show_settings": "true"}).json()["settings"]["observability"] == observability
    body["settings"] = {"observability": {}}
    assert client.put(url, json=body).status_code == 200
    assert "observability" not in client.get(url, params={"show_settings": "true"}).json()["settings"]
