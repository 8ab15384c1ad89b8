"""deployment_credentials_reset: always changed, check mode sends nothing, the file is private."""

import json
import os
import stat

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_credentials_reset import DeploymentCredentialsReset

from .fake_cloud import ScriptedClient, hosted_deployment, run_module

ID = "d" * 32
ONE = "/api/v1/deployments/" + ID
RESET = ONE + "/elasticsearch/main-elasticsearch/_reset-password"
PASSWORD = "n3w-pass-word"


def cloud():
    return ScriptedClient({("GET", ONE): hosted_deployment(), ("POST", RESET): {"username": "elastic", "password": PASSWORD}})


def test_reset_returns_the_new_credentials_every_time():
    client = cloud()
    result = run_module(DeploymentCredentialsReset, client, deployment_id=ID)
    assert result["changed"] is True and result["credentials"] == {"username": "elastic", "password": PASSWORD}
    assert result["deployment"] == {"id": ID, "name": "logging", "ref_id": "main-elasticsearch",
                                    "endpoint": "https://elasticsearch.example", "cloud_id": "logging:abc"}  # fmt: skip
    assert "diff" not in result
    run_module(DeploymentCredentialsReset, client, deployment_id=ID)
    assert client.writes() == [("POST", RESET)] * 2


def test_check_mode_sends_nothing_and_returns_no_credentials(tmp_path):
    client = cloud()
    path = tmp_path / "creds.json"
    result = run_module(DeploymentCredentialsReset, client, check_mode=True, deployment_id=ID, credentials_file=str(path))
    assert result["changed"] is True and "credentials" not in result and client.writes() == []
    assert not path.exists()


def test_the_credentials_file_is_private(tmp_path):
    path = tmp_path / "creds.json"
    result = run_module(DeploymentCredentialsReset, cloud(), deployment_id=ID, credentials_file=str(path))
    assert result["credentials_file"] == str(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    record = json.loads(path.read_text())
    assert record["password"] == PASSWORD and record["deployment"]["id"] == ID


def test_an_unwritable_file_fails_before_the_reset(tmp_path):
    client = cloud()
    with pytest.raises(UsageError, match="credentials_file"):
        run_module(DeploymentCredentialsReset, client, deployment_id=ID, credentials_file=str(tmp_path / "no" / "c.json"))
    assert client.calls == []
