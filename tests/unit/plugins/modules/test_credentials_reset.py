"""credentials_reset: always changed, nothing sent in check mode, a lost answer reset once more."""

import json
import os
import stat

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.credentials_reset import CredentialsReset

from .fake_cloud import ScriptedClient, api_error, run_module

ES = "/api/v1/serverless/projects/elasticsearch"
PID = "a" * 32
PROJECT = {
    "id": PID,
    "name": "search",
    "type": "elasticsearch",
    "alias": "search-aaaaaa",
    "cloud_id": "c:1",
    "endpoints": {"elasticsearch": "https://es"},
}
RESET = ES + "/" + PID + "/_reset-credentials"
STATUS = ES + "/" + PID + "/status"
NEW = {"username": "admin", "password": "new-secret-password"}
READY = {"phase": "initialized", "phase_change_timestamp": "t"}


def project_client(**extra):
    routes = {
        ("GET", ES + "/" + PID): PROJECT,
        ("GET", ES): {"items": [PROJECT]},
        ("POST", RESET): NEW,
        ("GET", STATUS): READY,
    }
    routes.update(extra)
    return ScriptedClient(routes)


def test_resets_by_id_and_is_always_changed():
    client = project_client()
    for _run in range(2):
        result = run_module(CredentialsReset, client, type="elasticsearch", id=PID)
        assert result["changed"] is True
        assert result["credentials"] == NEW
        assert "diff" not in result
    assert client.writes() == [("POST", RESET), ("POST", RESET)]


def test_resets_by_name():
    client = project_client()
    result = run_module(CredentialsReset, client, type="elasticsearch", name="search")
    assert result["project"]["id"] == PID
    assert [c["path"] for c in client.calls] == [ES, STATUS, RESET]


def test_without_wait_the_reset_is_sent_at_once():
    client = project_client()
    run_module(CredentialsReset, client, type="elasticsearch", name="search", wait=False)
    assert [c["path"] for c in client.calls] == [ES, RESET]


def test_a_409_while_initializing_is_sent_again_once_initialized():
    # The status said initialized, yet the reset met a 409 and the status now says initializing (the API's
    # phases need not agree at once): the reset is sent again once the project is initialized.
    client = project_client()
    phases = ["initialized", "initializing", "initialized"]
    answers = [api_error(409, "projects.initializing", "still initializing"), NEW]
    client.routes[("GET", STATUS)] = lambda call: {"phase": phases.pop(0), "phase_change_timestamp": "t"}
    client.routes[("POST", RESET)] = lambda call: answers.pop(0)
    result = run_module(CredentialsReset, client, type="elasticsearch", id=PID)
    assert result["credentials"] == NEW
    assert [c["path"] for c in client.calls][1:] == [STATUS, RESET, STATUS, STATUS, RESET]


def test_a_409_while_initializing_without_wait_says_how_to_retry():
    client = project_client()
    client.routes[("POST", RESET)] = api_error(409, "projects.initializing", "still initializing")
    client.routes[("GET", STATUS)] = {"phase": "initializing"}
    with pytest.raises(ElasticCloudError) as caught:
        run_module(CredentialsReset, client, type="elasticsearch", id=PID, wait=False)
    assert "still initializing: with wait=true this is retried once it is initialized" in caught.value.message
    assert len(client.writes()) == 1


def test_check_mode_reports_changed_and_sends_nothing_not_even_the_wait():
    client = project_client()
    result = run_module(CredentialsReset, client, check_mode=True, type="elasticsearch", id=PID, wait=True)
    assert result["changed"] is True
    assert "credentials" not in result
    assert [c["path"] for c in client.calls] == [ES + "/" + PID]


def test_waits_for_initialized_first():
    client = project_client()
    client.routes[("GET", ES + "/" + PID + "/status")] = {"phase": "initialized", "phase_change_timestamp": "t"}
    result = run_module(CredentialsReset, client, type="elasticsearch", id=PID, wait=True)
    assert result["project"]["status"]["phase"] == "initialized"
    assert [c["path"] for c in client.calls][-2:] == [ES + "/" + PID + "/status", RESET]


@pytest.mark.parametrize("params, message", [
    ({"id": PID}, "No elasticsearch project has id " + PID),
    ({"name": "gone"}, "No elasticsearch project is named 'gone'"),
])
def test_a_missing_project_is_a_clear_error(params, message):
    client = ScriptedClient({("GET", ES + "/" + PID): api_error(404, "projects.not_found"), ("GET", ES): {"items": []}})
    with pytest.raises(UsageError) as caught:
        run_module(CredentialsReset, client, type="elasticsearch", **params)
    assert str(caught.value) == message
    assert client.writes() == []


@pytest.mark.parametrize("status", [None, 502, 504])
def test_a_lost_answer_is_followed_by_one_more_reset(status):
    answers = [ElasticCloudError("lost", status=status), NEW]
    client = project_client()
    client.routes[("POST", RESET)] = lambda call: answers.pop(0)
    result = run_module(CredentialsReset, client, type="elasticsearch", id=PID)
    assert result["credentials"] == NEW
    assert client.writes() == [("POST", RESET), ("POST", RESET)]


def test_other_errors_are_not_retried_and_name_the_project():
    client = project_client()
    client.routes[("POST", RESET)] = api_error(409, "projects.deletion_in_progress", "The project is being deleted")
    client.routes[("GET", STATUS)] = {"phase": "deleting"}
    with pytest.raises(ElasticCloudError) as caught:
        run_module(CredentialsReset, client, type="elasticsearch", id=PID, wait=False)
    assert caught.value.message.startswith("Resetting the credentials of the elasticsearch project %s failed: " % PID)
    assert "being deleted" in caught.value.message
    assert len(client.writes()) == 1


def test_credentials_file_is_private_and_complete(tmp_path):
    path = str(tmp_path / "creds.json")
    result = run_module(CredentialsReset, project_client(), type="elasticsearch", id=PID, credentials_file=path)
    assert result["credentials_file"] == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path) as handle:
        written = json.load(handle)
    assert written == dict(
        NEW, id=PID, type="elasticsearch", alias="search-aaaaaa", cloud_id="c:1", endpoints={"elasticsearch": "https://es"}
    )


def test_an_unwritable_credentials_file_fails_before_the_reset(tmp_path):
    client = project_client()
    with pytest.raises(UsageError, match="does not exist or is not writable"):
        run_module(CredentialsReset, client, type="elasticsearch", id=PID, credentials_file=str(tmp_path / "no" / "c.json"))
    assert client.calls == []
