"""A deployment's Elasticsearch keystore and remote clusters, and restarting resources as plans."""

import pytest

from spec_client import error_code
from test_deployments import BASE, PLAN_DELAY, create, es_of, settled, statuses


@pytest.fixture
def frozen(emulator):
    emulator.clock(freeze=True)
    return emulator


@pytest.fixture
def running(client, frozen):
    deployment_id = create(client)["id"]
    settled(client, frozen, deployment_id)
    return deployment_id


def es_url(deployment_id, ref_id="main-elasticsearch"):
    return f"{BASE}/{deployment_id}/elasticsearch/{ref_id}"


def test_keystore_shows_names_never_values(client, running, emulator):
    url = f"{es_url(running)}/keystore"
    assert client.get(url).json() == {"secrets": {}}
    secrets = {"s3.client.default.secret_key": {"value": "hunter2"},
               "gcs.client.default.credentials_file": {"value": {"type": "service_account"}},
               "xpack.notification.slack.account.a.secure_url": {"value": "https://hooks", "as_file": True}}  # fmt: skip
    answer = client.patch(url, json={"secrets": secrets})
    assert answer.status_code == 200
    expected = {"s3.client.default.secret_key": {"as_file": False},
                "gcs.client.default.credentials_file": {"as_file": True},
                "xpack.notification.slack.account.a.secure_url": {"as_file": True}}  # fmt: skip
    assert answer.json() == {"secrets": expected} and client.get(url).json() == {"secrets": expected}
    assert "hunter2" not in client.get(url).text and "hunter2" not in str(emulator.state())
    assert emulator.state()["deployments"][0]["keystores"]["main-elasticsearch"] == sorted(expected)


def test_keystore_patch_adds_and_removes(client, running):
    url = f"{es_url(running)}/keystore"
    client.patch(url, json={"secrets": {"a": {"value": "1"}, "b": {"value": "2"}, "c": {"value": "3"}}})
    # Unnamed settings stay; a setting without a value (the spec) or null (ecctl's docs) is removed.
    answer = client.patch(url, json={"secrets": {"a": {}, "b": None, "d": {"value": "4"}}})
    assert answer.json() == {"secrets": {"c": {"as_file": False}, "d": {"as_file": False}}}


def test_keystore_errors(client, running):
    assert client.get(f"{es_url(running, 'nope')}/keystore").status_code == 404
    missing = client.get(f"{BASE}/{'0' * 32}/elasticsearch/main-elasticsearch/keystore")
    assert missing.status_code == 404 and error_code(missing) == "deployments.deployment_not_found"
    assert client.patch(f"{es_url(running)}/keystore", json={}).status_code == 400


def test_remote_clusters_put_replaces_the_list(client, running, frozen):
    other = create(client, name="other")["id"]
    url = f"{es_url(running)}/remote-clusters"
    assert client.get(url).json() == {"resources": []}
    remotes = [{"deployment_id": other, "elasticsearch_ref_id": "main-elasticsearch", "alias": "other"},
               {"deployment_id": other, "elasticsearch_ref_id": "main-elasticsearch", "alias": "again",
                "skip_unavailable": True}]  # fmt: skip
    answer = client.put(url, json={"resources": remotes})
    assert answer.status_code == 202
    shown = client.get(url).json()["resources"]
    assert [(r["alias"], r["skip_unavailable"]) for r in shown] == [("other", False), ("again", True)]
    assert shown[0]["info"]["connected"] is True
    assert client.put(url, json={"resources": remotes[1:]}).status_code == 202
    assert [r["alias"] for r in client.get(url).json()["resources"]] == ["again"]
    assert client.put(url, json={"resources": []}).status_code == 202
    assert client.get(url).json() == {"resources": []}


def test_remote_clusters_errors(client, running):
    url = f"{es_url(running)}/remote-clusters"
    remote = {"deployment_id": running, "elasticsearch_ref_id": "main-elasticsearch", "alias": "self"}
    gone = client.put(url, json={"resources": [{**remote, "deployment_id": "f" * 32}]})
    assert gone.status_code == 404 and error_code(gone) == "deployments.deployment_not_found"
    assert client.put(url, json={"resources": [{**remote, "elasticsearch_ref_id": "nope"}]}).status_code == 404
    assert client.put(url, json={"resources": [{**remote, "alias": "bad alias"}]}).status_code == 400
    assert client.put(url, json={"resources": [remote, remote]}).status_code == 400
    assert client.put(url, json={"resources": [{"alias": "x"}]}).status_code == 400
    assert client.get(url).json() == {"resources": []}  # nothing of the failed requests stayed


def test_restart_is_a_plan(client, running, frozen):
    url = f"{BASE}/{running}"
    answer = client.post(f"{es_url(running)}/_restart")
    assert answer.status_code == 202
    pending = es_of(client.get(url).json())["info"]
    assert pending["status"] == "reconfiguring"
    assert pending["plan_info"]["pending"]["source"]["action"] == "deployments.restart-elasticsearch"
    refused = client.post(f"{es_url(running)}/_restart")
    assert refused.status_code == 422 and error_code(refused) == "deployments.deployment_resource_plan_change_error"
    assert client.post(f"{es_url(running)}/_restart", params={"cancel_pending": "true"}).status_code == 202
    done = es_of(settled(client, frozen, running))["info"]
    assert done["status"] == "started"
    assert done["plan_info"]["current"]["source"]["action"] == "deployments.restart-elasticsearch"
    kibana = client.post(f"{url}/kibana/main-kibana/_restart")
    assert kibana.status_code == 202 and client.get(f"{url}/kibana/main-kibana").json()["info"]["status"] == "reconfiguring"
    assert client.post(f"{url}/toaster/main/_restart").status_code in (400, 404)
    assert client.post(f"{es_url(running, 'nope')}/_restart").status_code == 404


def test_restart_starts_a_shut_down_resource(client, running, frozen):
    url = f"{BASE}/{running}"
    client.post(f"{url}/_shutdown")
    frozen.clock(advance=PLAN_DELAY)
    assert client.post(f"{es_url(running)}/_restart").status_code == 202
    assert es_of(client.get(url).json())["info"]["status"] == "restarting"
    assert es_of(settled(client, frozen, running))["info"]["status"] == "started"
    assert "stopped" in statuses(client, url)  # the other resources stay down


def test_keystore_writes_are_journaled_without_values(client, running, emulator):
    client.patch(f"{es_url(running)}/keystore", json={"secrets": {"a": {"value": "hunter2", "as_file": False}, "b": None}})
    patch = [entry for entry in emulator.journal() if entry["method"] == "PATCH"][-1]
    assert patch["body"] == {"secrets": {"a": {"value": "<hidden>", "as_file": False}, "b": None}}
