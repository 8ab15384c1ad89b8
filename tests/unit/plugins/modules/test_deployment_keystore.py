"""deployment_keystore: values write-only, on_create idempotent, always re-sends, absent, restart, never a value shown."""

import json

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import scrub_credentials
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import DeploymentError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_keystore import DeploymentKeystore

from .fake_cloud import FakeClock, ScriptedClient, api_error, attempt, es_plan, hosted_deployment, run_module

ID = "d" * 32
ONE = "/api/v1/deployments/" + ID
SEARCH = "/api/v1/deployments/_search"
KEYSTORE = ONE + "/elasticsearch/main-elasticsearch/keystore"
RESTART = ONE + "/elasticsearch/main-elasticsearch/_restart"
SECRET = "s3cret-value-9"
SETTINGS = {"s3.client.backups.secret_key": {"value": SECRET}}


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(DeploymentKeystore, "sleep", staticmethod(clock.sleep))
    return clock


def cloud(stored=None, routes=None):
    answers = {("GET", ONE): hosted_deployment(), ("GET", KEYSTORE): {"secrets": stored or {}},
               ("PATCH", KEYSTORE): {"secrets": {}}}  # fmt: skip
    answers.update(routes or {})
    return ScriptedClient(answers)


def patches(client):
    return [call["body"] for call in client.calls if call["method"] == "PATCH"]


def test_a_missing_setting_is_set_once_then_left_alone():
    client = cloud()
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings=SETTINGS)
    assert result["changed"] is True
    assert patches(client) == [{"secrets": {"s3.client.backups.secret_key": {"value": SECRET, "as_file": False}}}]
    assert result["keystore"] == {"deployment_id": ID, "deployment_name": "logging", "ref_id": "main-elasticsearch",
                                  "settings": {"s3.client.backups.secret_key": {"as_file": False}}, "restarted": False}
    assert SECRET not in json.dumps(result)
    again = cloud(stored={"s3.client.backups.secret_key": {"as_file": False}})
    assert run_module(DeploymentKeystore, again, deployment_id=ID, settings=SETTINGS)["changed"] is False
    assert again.writes() == []


def test_always_resends_and_reports_changed_without_showing_the_value():
    client = cloud(stored={"s3.client.backups.secret_key": {"as_file": False}})
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings=SETTINGS, update_value="always")
    assert result["changed"] is True and len(patches(client)) == 1
    assert result["diff"]["after"]["settings"]["s3.client.backups.secret_key"] == {"as_file": False, "value": "(not shown)"}
    assert SECRET not in json.dumps(result)


def test_a_dictionary_is_stored_as_a_file_and_as_file_differences_are_changes():
    client = cloud(stored={"gcs.client.default.credentials_file": {"as_file": False}})
    settings = {"gcs.client.default.credentials_file": {"value": {"type": "service_account"}}}
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings=settings)
    assert result["changed"] is True
    assert patches(client)[0]["secrets"]["gcs.client.default.credentials_file"]["as_file"] is True


def test_absent_removes_only_the_settings_there():
    client = cloud(stored={"a": {"as_file": False}, "b": {"as_file": True}})
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings={"a": None, "c": None}, state="absent")
    assert result["changed"] is True and patches(client) == [{"secrets": {"a": {}}}]
    assert result["keystore"]["settings"] == {"b": {"as_file": True}}
    assert result["diff"] == {"before": {"settings": {"a": {"as_file": False}, "b": {"as_file": True}}},
                              "after": {"settings": {"b": {"as_file": True}}}}  # fmt: skip
    again = cloud(stored={"b": {"as_file": True}})
    assert run_module(DeploymentKeystore, again, deployment_id=ID, settings={"a": None}, state="absent")["changed"] is False


def test_check_mode_sends_nothing():
    client = cloud()
    result = run_module(DeploymentKeystore, client, check_mode=True, deployment_id=ID, settings=SETTINGS, restart=True)
    assert result["changed"] is True and client.writes() == []
    assert result["keystore"]["settings"] == {"s3.client.backups.secret_key": {"as_file": False}}


class RestartingDeployment:
    """GETs of the deployment: its restart plan pends on the first two reads after the restart, then is done."""

    def __init__(self):
        self.reads_after_restart = 0
        self.restarted = False

    def restart(self, call):
        self.restarted = True
        return {}

    def read(self, call):
        if not self.restarted:
            return hosted_deployment()
        self.reads_after_restart += 1
        return hosted_deployment(pending=attempt(es_plan(), "restart") if self.reads_after_restart <= 2 else None)


def test_restart_after_a_change_waits_for_its_plan(no_real_sleep):
    fake = RestartingDeployment()
    client = cloud(routes={("GET", ONE): fake.read, ("POST", RESTART): fake.restart})
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings=SETTINGS, restart=True)
    assert result["keystore"]["restarted"] is True
    assert client.writes() == [("PATCH", KEYSTORE), ("POST", RESTART)]
    assert fake.reads_after_restart >= 4  # pending twice, then two quiet reads and the final one
    assert no_real_sleep.sleeps


def test_no_restart_without_a_change():
    client = cloud(stored={"s3.client.backups.secret_key": {"as_file": False}}, routes={("POST", RESTART): {}})
    result = run_module(DeploymentKeystore, client, deployment_id=ID, settings=SETTINGS, restart=True)
    assert result["changed"] is False and result["keystore"]["restarted"] is False and client.writes() == []


@pytest.mark.parametrize("entry, message", [
    ("plain", "settings.s3.client.backups.secret_key must be a dictionary with value and optionally as_file"),
    ({"value": ""}, "settings.s3.client.backups.secret_key.value must be a non-empty string or dictionary"),
    ({"value": SECRET, "as_file": "yes"}, "settings.s3.client.backups.secret_key.as_file must be true or false"),
    ({"value": SECRET, "extra": SECRET}, "must be a dictionary with value and optionally as_file"),
])  # fmt: skip
def test_bad_settings_fail_before_any_call_without_the_value(entry, message):
    client = cloud()
    with pytest.raises(UsageError, match=message) as failure:
        run_module(DeploymentKeystore, client, deployment_id=ID, settings={"s3.client.backups.secret_key": entry})
    assert SECRET not in str(failure.value) and client.calls == []


def test_an_api_failure_never_quotes_the_value():
    error = api_error(500, "deployments.metadata_internal_error", "We have failed you", "PATCH", KEYSTORE)
    client = cloud(routes={("PATCH", KEYSTORE): error})
    with pytest.raises(Exception) as failure:
        run_module(DeploymentKeystore, client, deployment_id=ID, settings=SETTINGS)
    assert SECRET not in str(failure.value)


def test_a_missing_deployment_or_resource_is_named():
    client = ScriptedClient({("POST", SEARCH): {"deployments": [], "match_count": 0}})
    with pytest.raises(DeploymentError, match="No deployment is named 'nope'"):
        run_module(DeploymentKeystore, client, deployment_name="nope", settings=SETTINGS)
    with pytest.raises(DeploymentError, match="has no Elasticsearch resource 'other'; it has: main-elasticsearch"):
        run_module(DeploymentKeystore, cloud(), deployment_id=ID, ref_id="other", settings=SETTINGS)


def test_two_deployments_of_the_name_fail_naming_both():
    two = [hosted_deployment("a" * 32), hosted_deployment("b" * 32)]
    client = ScriptedClient({("POST", SEARCH): {"deployments": two, "match_count": 2}})
    with pytest.raises(UsageError, match="2 deployments are named 'logging' \\(ids a+, b+\\); set deployment_id to choose one"):
        run_module(DeploymentKeystore, client, deployment_name="logging", settings=SETTINGS)


def test_failure_texts_mask_every_form_of_the_values():
    value = "it's\\a-secret"
    secrets = DeploymentKeystore.secrets_in({"settings": {"a": {"value": value}, "b": {"value": {"key": "nested-secret"}}}})
    assert secrets == [value, "nested-secret"]
    text = "PATCH returned 400: bad value %r, %s" % (value, "nested-secret")
    scrubbed = scrub_credentials(text, {}, secrets)
    assert "secret" not in scrubbed and scrubbed.startswith("PATCH returned 400: bad value ")
