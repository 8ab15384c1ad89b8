"""The playbooks in playbooks/: check mode writes nothing, a second run changes nothing."""

import json
import os
import re

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import REPO_ROOT, explain, run_playbook

PLAYBOOKS = os.path.join(REPO_ROOT, "playbooks")
EXAMPLE_VARS = "@" + os.path.join(PLAYBOOKS, "vars", "example.yml")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def cloud():
    # The emulator's clock moves 1 s per request: project phases and deployment plans end after a fixed number of
    # requests, whatever the machine, and the waits still see them pending first.
    with Emulator("--phase-delay", "2", "--delete-delay", "1", "--plan-delay", "4", "--clock-step", "1") as running:
        yield running


def run(cloud, name, *options):
    result = run_playbook(
        os.path.join(PLAYBOOKS, name + ".yml"),
        cloud,
        options=["-e", EXAMPLE_VARS, *options],
        env={"EC_ENDPOINT": cloud.url, "EC_API_KEY": cloud.api_key},
    )
    assert result.returncode == 0, explain(result)
    return result


def changed(result):
    return int(re.search(r"localhost\s+: ok=\d+\s+changed=(\d+)", result.stdout).group(1))


def writes(cloud):
    """Requests that change something: not reads, deployment searches, or changes sent only to be validated."""
    return [(r["method"], r["path"]) for r in cloud.journal() if r["method"] in WRITES
            and not r["path"].endswith("/_search") and "validate_only" not in str(r["query"])]  # fmt: skip


def test_provision_check_then_run_then_rerun_then_teardown(cloud, tmp_path):
    check = run(cloud, "provision", "--check", "--diff")
    assert changed(check) > 0 and writes(cloud) == []

    credentials_dir = str(tmp_path / "credentials")
    first = run(cloud, "provision", "-e", "provision_credentials_dir=" + credentials_dir)
    assert changed(first) > 0
    state = cloud.state()
    assert [len(state["projects"][kind]) for kind in ("elasticsearch", "observability", "security")] == [1, 1, 1]
    assert [deployment["name"] for deployment in state["deployments"]] == ["demo-logging"]
    assert state["deployments"][0]["keystores"]["main-elasticsearch"] == ["s3.client.backups.access_key"]
    assert sorted(os.listdir(credentials_dir)) == [
        "demo-ci-pipeline.key",
        "deployment-demo-logging.json",
        "elasticsearch-demo-search.json",
        "observability-demo-o11y.json",
        "security-demo-security.json",
    ]
    assert all(os.stat(os.path.join(credentials_dir, name)).st_mode & 0o077 == 0 for name in os.listdir(credentials_dir))

    cloud.clear_journal()
    again = run(cloud, "provision", "--diff", "-e", "provision_credentials_dir=" + credentials_dir)
    assert changed(again) == 0 and writes(cloud) == []

    teardown_check = run(cloud, "teardown", "--check")
    assert changed(teardown_check) > 0 and writes(cloud) == []
    assert changed(run(cloud, "teardown")) > 0
    assert all(cloud.state()["projects"][kind] == [] for kind in ("elasticsearch", "observability", "security"))
    assert cloud.state()["deployments"] == []
    assert changed(run(cloud, "teardown")) == 0


def test_rotate_credentials_check_writes_nothing_and_run_rotates(cloud, tmp_path):
    credentials_dir = str(tmp_path / "credentials")
    run(cloud, "provision", "-e", "provision_credentials_dir=" + credentials_dir)
    search = os.path.join(credentials_dir, "elasticsearch-demo-search.json")
    with open(search) as handle:
        before = json.load(handle)["password"]
    with open(os.path.join(credentials_dir, "deployment-demo-logging.json")) as handle:
        deployment_before = json.load(handle)["password"]

    cloud.clear_journal()
    check = run(cloud, "rotate_credentials", "--check", "-e", "provision_credentials_dir=" + credentials_dir)
    assert changed(check) > 0 and writes(cloud) == []

    run(cloud, "rotate_credentials", "-e", "provision_credentials_dir=" + credentials_dir)
    with open(search) as handle:
        assert json.load(handle)["password"] != before
    resets = [path for method, path in writes(cloud) if path.endswith("/_reset-credentials")]
    assert len(resets) == 3
    assert len([path for method, path in writes(cloud) if path.endswith("/_reset-password")]) == 1
    with open(os.path.join(credentials_dir, "deployment-demo-logging.json")) as handle:
        assert json.load(handle)["password"] != deployment_before


def test_provision_without_a_credentials_dir_refuses_before_any_call(cloud):
    result = run_playbook(os.path.join(PLAYBOOKS, "provision.yml"), cloud, options=["-e", EXAMPLE_VARS])
    assert result.returncode != 0, explain(result)
    assert "provision_credentials_dir is empty" in result.stdout, explain(result)
    assert cloud.journal() == []
    assert changed(run(cloud, "provision", "-e", "provision_discard_credentials=true")) > 0


def test_rotate_credentials_without_a_credentials_dir_refuses_before_any_write(cloud):
    run(cloud, "provision", "-e", "provision_discard_credentials=true")
    cloud.clear_journal()
    result = run_playbook(
        os.path.join(PLAYBOOKS, "rotate_credentials.yml"),
        cloud,
        options=["-e", EXAMPLE_VARS],
        env={"EC_ENDPOINT": cloud.url, "EC_API_KEY": cloud.api_key},
    )
    assert result.returncode != 0
    assert "would be kept nowhere" in result.stdout, explain(result)
    assert writes(cloud) == []


@pytest.mark.parametrize("verbosity", [[], ["-vvv"]], ids=["normal", "vvv"])
def test_provision_with_a_wrong_region_shows_the_api_message_and_no_secret(cloud, tmp_path, verbosity):
    variables = tmp_path / "vars.yml"
    variables.write_text(json.dumps({
        "provision_projects": [{"name": "good", "region_id": "aws-us-east-1"}, {"name": "lost", "region_id": "mars-north-1"}],
        "provision_credentials_dir": str(tmp_path / "credentials"),
    }))  # fmt: skip
    result = run_playbook(
        os.path.join(PLAYBOOKS, "provision.yml"), cloud, options=["-e", "@" + str(variables), *verbosity],
        env={"EC_ENDPOINT": cloud.url, "EC_API_KEY": cloud.api_key},
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "censored" not in output, explain(result)
    assert "projects[1] (elasticsearch lost)" in output and "mars-north-1" in output, explain(result)
    password = json.loads((tmp_path / "credentials" / "elasticsearch-good.json").read_text())["password"]
    assert password not in output and cloud.api_key not in output
