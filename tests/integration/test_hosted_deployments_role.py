"""The hosted_deployments role: plans run together, passwords go to private files, errors show, check writes nothing."""

import json
import os

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def deployment(name, **extra):
    return dict(
        {"name": name, "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized", "version": "8.19.3"},
        **extra,
    )


def role(deployments, credentials_dir=None, entry="main", **variables):
    variables = dict(variables, hosted_deployments_list=deployments)
    if credentials_dir:
        variables["hosted_deployments_credentials_dir"] = str(credentials_dir)
    return [
        {
            "name": "Converge the deployments",
            "ansible.builtin.include_role": {"name": "elastic_cloud.cloud.hosted_deployments", "tasks_from": entry},
            "vars": variables,
        },
        {"name": "Show the result", "ansible.builtin.debug": {"var": "hosted_deployments_result"}},
    ]


def writes(cloud):
    """Requests that change something: not reads, searches, or creates and updates sent only to be validated."""
    return [(r["method"], r["path"]) for r in cloud.journal() if r["method"] in WRITES
            and not r["path"].endswith("/_search") and "validate_only" not in str(r["query"])]  # fmt: skip


@pytest.fixture
def cloud():
    # The emulator's clock moves 1 s per request: plans end after a fixed number of reads, whatever the machine.
    with Emulator("--plan-delay", "4", "--clock-step", "1") as running:
        yield running


def test_check_then_create_then_rerun_then_delete(cloud, tmp_path):
    credentials = tmp_path / "credentials"
    names = ["alpha", "beta", "gamma"]
    check = run_tasks(role([deployment(name) for name in names], credentials), cloud, tmp_path, options=["--check"])
    assert check.returncode == 0, explain(check)
    assert writes(cloud) == [] and not credentials.exists()

    first = run_tasks(role([deployment(name) for name in names], credentials), cloud, tmp_path)
    assert first.returncode == 0, explain(first)
    deployments = cloud.state()["deployments"]
    assert sorted(d["name"] for d in deployments) == names
    assert sorted(os.listdir(credentials)) == ["deployment-%s.json" % name for name in names]
    for name in names:
        path = credentials / ("deployment-%s.json" % name)
        assert path.stat().st_mode & 0o777 == 0o600
        secret = json.loads(path.read_text())
        assert secret["username"] == "elastic" and secret["password"] not in first.stdout + first.stderr
    assert "censored" not in first.stdout.split("Show the result")[1]
    creates = [path for method, path in writes(cloud) if method == "POST"]
    assert len(creates) == 3

    cloud.clear_journal()
    again = run_tasks(role([deployment(name) for name in names], credentials), cloud, tmp_path, options=["--diff"])
    assert again.returncode == 0, explain(again)
    assert "changed=0" in again.stdout and writes(cloud) == []
    # Per deployment: the search by name and its read; nothing pending, so the wait step reads nothing more.
    assert len([r for r in cloud.journal() if r["path"].startswith("/api/")]) == 2 * len(names)

    gone = run_tasks(role([{"name": name, "state": "absent"} for name in names]), cloud, tmp_path)
    assert gone.returncode == 0, explain(gone)
    assert cloud.state()["deployments"] == []


def test_a_failing_item_shows_its_message_after_the_others_passwords_are_kept(cloud, tmp_path):
    credentials = tmp_path / "credentials"
    items = [deployment("good"), deployment("lost", region="mars-north-1"), deployment("broken", elasticsearch={"hot_content": {"size": "3g"}})]
    result = run_tasks(role(items, credentials), cloud, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "deployment lost:" in output and "mars-north-1" in output, explain(result)
    password = json.loads((credentials / "deployment-good.json").read_text())["password"]
    assert password not in output and cloud.api_key not in output
    assert "deployment broken: unhealthy once its plans ended" in output, explain(result)
    assert sorted(d["name"] for d in cloud.state()["deployments"]) == ["broken", "good"]


def test_rotate_writes_new_passwords_and_check_sends_nothing(cloud, tmp_path):
    credentials = tmp_path / "credentials"
    items = [deployment("alpha"), deployment("beta")]
    assert run_tasks(role(items, credentials), cloud, tmp_path).returncode == 0
    before = json.loads((credentials / "deployment-alpha.json").read_text())["password"]

    cloud.clear_journal()
    check = run_tasks(role(items, credentials, entry="rotate"), cloud, tmp_path, options=["--check"])
    assert check.returncode == 0 and writes(cloud) == [], explain(check)
    assert json.loads((credentials / "deployment-alpha.json").read_text())["password"] == before

    rotated = run_tasks(role(items, credentials, entry="rotate"), cloud, tmp_path)
    assert rotated.returncode == 0, explain(rotated)
    after = json.loads((credentials / "deployment-alpha.json").read_text())
    assert after["password"] != before and after["password"] not in rotated.stdout
    assert len([path for _method, path in writes(cloud) if path.endswith("/_reset-password")]) == 2


def test_rotate_without_a_credentials_dir_refuses_before_any_call(cloud, tmp_path):
    result = run_tasks(role([deployment("alpha")], entry="rotate"), cloud, tmp_path)
    assert result.returncode != 0 and "would be kept nowhere" in result.stdout, explain(result)
    assert cloud.journal() == []


def test_a_name_listed_twice_is_refused_before_any_call(cloud, tmp_path):
    result = run_tasks(role([deployment("alpha"), deployment("beta"), deployment("alpha", version="9.1.0")]), cloud, tmp_path)
    assert result.returncode != 0
    assert "names a deployment more than once: alpha" in result.stdout, explain(result)
    assert cloud.journal() == []


OFFICE = {
    "name": "The traffic filter the deployment names",
    "elastic_cloud.cloud.deployment_traffic_filter": {
        "name": "office", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.0/24"}],
    },
}


def test_a_traffic_filter_and_a_keystore_setting_converge_once_and_check_writes_nothing(cloud, tmp_path):
    secret = "AKIA-not-a-real-key"
    item = deployment("guarded", traffic_filters=["office"], traffic_filters_mode="exclusive",
                      keystore={"s3.client.backups.access_key": {"value": secret}})  # fmt: skip
    assert run_tasks([OFFICE], cloud, tmp_path).returncode == 0
    cloud.clear_journal()

    check = run_tasks(role([item], tmp_path / "credentials"), cloud, tmp_path, options=["--check"])
    assert check.returncode == 0, explain(check)
    assert writes(cloud) == [] and cloud.state()["deployments"] == []

    first = run_tasks(role([item], tmp_path / "credentials"), cloud, tmp_path)
    assert first.returncode == 0, explain(first)
    assert secret not in first.stdout + first.stderr
    (made,) = cloud.state()["deployments"]
    assert made["keystores"]["main-elasticsearch"] == ["s3.client.backups.access_key"]
    office = next(ruleset["id"] for ruleset in cloud.state()["deployment_rulesets"] if ruleset["name"] == "office")
    assert made["settings"]["traffic_filter_settings"]["rulesets"] == [office]

    cloud.clear_journal()
    again = run_tasks(role([item], tmp_path / "credentials"), cloud, tmp_path)
    assert again.returncode == 0, explain(again)
    assert "changed=0" in again.stdout and writes(cloud) == []

    cloud.clear_journal()
    checked_again = run_tasks(role([item], tmp_path / "credentials"), cloud, tmp_path, options=["--check"])
    assert checked_again.returncode == 0 and "changed=0" in checked_again.stdout and writes(cloud) == []


def test_a_keystore_failure_is_reported_without_its_value(cloud, tmp_path):
    secret = "AKIA-not-a-real-key"
    item = deployment("stored", keystore={"s3.client.backups.access_key": {"value": secret, "as_file": "yes-ish"}})
    result = run_tasks(role([item], tmp_path / "credentials"), cloud, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "deployment stored:" in output, explain(result)
    assert secret not in output
    assert (tmp_path / "credentials" / "deployment-stored.json").exists()
