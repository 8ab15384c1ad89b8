"""Secrets never reach ``-vvv`` output, of succeeding or failing runs, unless returned to a task without no_log.

The secrets: the API key and password the modules authenticate with, the bearer
tokens they get, API key secrets and project credentials the API hands out. The
tasks that receive secrets as return values use ``no_log: true``, as the module
documentation tells users to; every other task runs without it. Secrets come from
variables, as in real playbooks: around a failing task Ansible quotes the
playbook's own source, so a secret typed into it literally would show there.
"""

import json
import re

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_playbook
from .runner import play as runner_play

API_KEY = "sk-test-5f0c9e1a-api-key-value"
PASSWORD = "Adm1n-Secret-Pa55-w0rd"
WRONG_KEY = "sk-wrong-77e1-api-key-value"
WRONG_PASSWORD = "Wr0ng-Secret-Pa55-q4z"
# Key secrets of the emulator start with essu_; bearer tokens are JWTs, whose header starts with eyJ.
SECRET_MARKERS = ("essu_", "eyJ")
MASKED = ("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "********")


@pytest.fixture
def emulator():
    with Emulator("--api-key", API_KEY, "--admin-password", PASSWORD, "--phase-delay", "3", "--delete-delay", "0.3") as running:
        yield running


def play(name, tasks, login=False):
    credentials = {"username": "admin", "password": "{{ admin_password }}"} if login else None
    return runner_play(tasks, name=name, credentials=credentials)


def run(emulator, tmp_path, plays, password=PASSWORD):
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    return run_playbook(
        str(path), emulator, extra_vars={"admin_password": password, "wrong_key": WRONG_KEY, "out": str(tmp_path)}, options=["-vvv", "--diff"]
    )


def assert_no_secrets(output, secrets):
    for secret in secrets:
        assert secret not in output, "a secret appears in the output"
    for marker in SECRET_MARKERS:
        assert marker not in output, "%s... appears in the output" % marker
    for value in re.findall(r'"(?:password|key|token)":\s*"([^"]*)"', output):
        assert value in MASKED, "an unmasked password, key or token field appears in the output"


def test_succeeding_run_shows_no_secret(emulator, tmp_path):
    with_key = [
        {"name": "Create a key", "elastic_cloud.cloud.api_key": {"description": "vvv"}, "register": "key", "no_log": True},
        {
            "name": "Keep its secret",
            "ansible.builtin.copy": {"content": "{{ key.api_key.key }}", "dest": "{{ out }}/key.txt", "mode": "0600"},
            "no_log": True,
        },
        {"name": "The key again (no secret returned)", "elastic_cloud.cloud.api_key": {"description": "vvv"}},
        {"name": "List keys", "elastic_cloud.cloud.api_key_info": {}},
        {"name": "Authenticate with the new key", "elastic_cloud.cloud.api_key_info": {"api_key": "{{ key.api_key.key }}"}},
        {
            "name": "Create a project",
            "elastic_cloud.cloud.project": {
                "name": "vvv", "region_id": "aws-us-east-1", "credentials_file": "{{ out }}/project.json",
            },
            "register": "project",
            "no_log": True,
        },
        {"name": "Read the project", "elastic_cloud.cloud.project_info": {"id": "{{ project.project.id }}"}},
        {
            "name": "Reset its credentials",
            "elastic_cloud.cloud.credentials_reset": {
                "type": "elasticsearch", "name": "vvv", "credentials_file": "{{ out }}/reset.json",
            },
            "no_log": True,
        },
        {
            "name": "Reset in check mode (no credentials returned)",
            "elastic_cloud.cloud.credentials_reset": {"type": "elasticsearch", "name": "vvv"},
            "check_mode": True,
        },
        {"name": "Delete the key", "elastic_cloud.cloud.api_key": {"description": "vvv", "state": "absent"}},
    ]
    with_login = [
        {"name": "List keys after logging in", "elastic_cloud.cloud.api_key_info": {}},
        {
            "name": "Comment after logging in",
            "elastic_cloud.cloud.comment": {"resource_type": "allocator", "resource_id": "a-1", "text": "vvv"},
        },
    ]
    result = run(emulator, tmp_path, [play("API key", with_key), play("Login", with_login, login=True)])
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)

    key_secret = (tmp_path / "key.txt").read_text()
    first = json.loads((tmp_path / "project.json").read_text())["password"]
    second = json.loads((tmp_path / "reset.json").read_text())["password"]
    assert key_secret.startswith("essu_") and first != second
    output = result.stdout + result.stderr
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in output  # -vvv did print module arguments, masked
    assert_no_secrets(output, [API_KEY, PASSWORD, key_secret, first, second])


def test_failing_runs_show_no_secret(emulator, tmp_path):
    faults = [
        {"method": "POST", "path": "_reset-credentials$", "action": "drop_after_commit", "count": 3},
        {"method": "POST", "path": "users/auth/keys$", "action": "status", "status": 503},
    ]
    tasks = [
        {
            "name": "Arm faults",
            "ansible.builtin.uri": {
                "url": "{{ emulator_url }}/_emulator/faults", "method": "POST", "body_format": "json",
                "body": faults, "status_code": 201,
            },
        },
        {"name": "A wrong API key", "elastic_cloud.cloud.api_key_info": {"api_key": "{{ wrong_key }}"}, "ignore_errors": True},
        {"name": "Key creation answered 503", "elastic_cloud.cloud.api_key": {"description": "vvv"}, "ignore_errors": True},
        {
            "name": "A project whose wait times out after it was created, its credentials safe in a file",
            "elastic_cloud.cloud.project": {
                "name": "vvv", "region_id": "aws-us-east-1", "wait_timeout": 1, "credentials_file": "{{ out }}/vvv.json",
            },
            "ignore_errors": True,
        },
        {
            "name": "A reset whose answer is lost every time",
            "elastic_cloud.cloud.credentials_reset": {"type": "elasticsearch", "name": "vvv"},
            "ignore_errors": True,
        },
        {
            "name": "A comment that does not exist",
            "elastic_cloud.cloud.comment": {
                "resource_type": "allocator", "resource_id": "a-1", "comment_id": "missing", "text": "vvv",
            },
            "ignore_errors": True,
        },
    ]
    login = [{"name": "A wrong password", "elastic_cloud.cloud.api_key_info": {}, "ignore_errors": True}]
    result = run(emulator, tmp_path, [play("API key", tasks), play("Login", login, login=True)], password=WRONG_PASSWORD)
    assert result.returncode == 0, explain(result)
    assert "ignored=6" in result.stdout, explain(result)
    output = result.stdout + result.stderr
    assert "Login as 'admin'" in output and "returned 401" in output and "returned 503" in output, explain(result)
    assert "Timed out after 1 seconds" in output, explain(result)
    assert_no_secrets(output, [API_KEY, PASSWORD, WRONG_KEY, WRONG_PASSWORD])


KEYSTORE_VALUE = "ks-Secret-v4lue-81f3e2"


def test_keystore_values_and_deployment_passwords_are_never_shown(tmp_path):
    deployment = {"deployment_name": "vvv"}
    tasks = [
        {"name": "A deployment", "elastic_cloud.cloud.deployment": {
            "name": "vvv", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
            "version": "8.19.3"}, "no_log": True},
        # No no_log on these tasks: the module's own no_log on settings must hide the value.
        {"name": "Set a keystore value", "elastic_cloud.cloud.deployment_keystore": dict(
            deployment, settings={"s3.client.default.secret_key": {"value": "{{ keystore_value }}"}})},
        {"name": "Send it again", "elastic_cloud.cloud.deployment_keystore": dict(
            deployment, settings={"s3.client.default.secret_key": {"value": "{{ keystore_value }}"}},
            update_value="always")},
        {"name": "Arm a fault on the keystore", "ansible.builtin.uri": {
            "url": "{{ emulator_url }}/_emulator/faults", "method": "POST", "body_format": "json", "status_code": 201,
            "body": [{"method": "PATCH", "path": "keystore$", "action": "status", "status": 500}]}},
        {"name": "A keystore write that fails", "elastic_cloud.cloud.deployment_keystore": dict(
            deployment, settings={"s3.client.default.access_key": {"value": "{{ keystore_value }}"}}),
         "ignore_errors": True},
        {"name": "Reset the elastic password", "elastic_cloud.cloud.deployment_credentials_reset": dict(
            deployment, credentials_file="{{ out }}/deployment.json"), "no_log": True},
        {"name": "Reset in check mode (no credentials returned)",
         "elastic_cloud.cloud.deployment_credentials_reset": deployment, "check_mode": True},
    ]
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump([play("Deployment secrets", tasks)], sort_keys=False))
    with Emulator("--api-key", API_KEY, "--plan-delay", "2", "--clock-step", "1") as emulator:
        result = run_playbook(str(path), emulator, extra_vars={"keystore_value": KEYSTORE_VALUE, "out": str(tmp_path)},
                              options=["-vvv", "--diff"])  # fmt: skip
    assert result.returncode == 0, explain(result)
    assert "ignored=1" in result.stdout and "returned 500" in result.stdout, explain(result)
    password = json.loads((tmp_path / "deployment.json").read_text())["password"]
    assert_no_secrets(result.stdout + result.stderr, [API_KEY, KEYSTORE_VALUE, password])


def test_a_deployment_create_that_fails_waiting_keeps_its_password_hidden_not_lost(tmp_path):
    # The API returns the elastic password to the create only: a failed wait must still hand it to the task.
    tasks = [
        {"name": "A deployment whose plan outlasts wait_timeout", "elastic_cloud.cloud.deployment": {
            "name": "vvv", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
            "version": "8.19.3", "wait_timeout": 1}, "register": "made", "no_log": True, "ignore_errors": True},
        {"name": "Keep its password", "ansible.builtin.copy": {
            "content": "{{ made.credentials | to_json }}", "dest": "{{ out }}/elastic.json", "mode": "0600"},
         "no_log": True},
        {"name": "It failed", "ansible.builtin.assert": {"that": ["made is failed", "made.deployment.id is defined"]}},
    ]
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump([play("Failed create", tasks)], sort_keys=False))
    with Emulator("--api-key", API_KEY, "--plan-delay", "600", "--clock-step", "1") as emulator:
        result = run_playbook(str(path), emulator, extra_vars={"out": str(tmp_path)}, options=["-vvv", "--diff"])
    assert result.returncode == 0, explain(result)
    assert "ignored=1" in result.stdout, explain(result)
    credentials = json.loads((tmp_path / "elastic.json").read_text())
    assert credentials["username"] == "elastic" and credentials["password"]
    assert_no_secrets(result.stdout + result.stderr, [API_KEY, credentials["password"]])
