"""A playbook run through ansible-runner the way AWX runs a job, with the credential types of docs/awx.md.

The credentials reach the job only as ``envvars`` rendered from the documented injectors (never in the playbook,
the inventory or a file), and must appear in no job event and no artifact but the runner's own ``command`` record.
"""

import json
import os
import re
import stat
import subprocess
import sys

import jinja2
import pytest
import yaml

from elastic_cloud_emulator.control import Emulator
from tests.integration.runner import REPO_ROOT, ansible_env, explain

API_KEY = "ec-runner-test-key-5b1e0d7c"
PASSWORD = "ece-runner-test-password-93af"
AWX_DOC = os.path.join(REPO_ROOT, "docs", "awx.md")

PLAYBOOK = """\
- name: List the API keys (a module that both credential types serve)
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read the keys
      elastic_cloud.cloud.api_key_info:
      register: keys

    - name: Check the answer
      ansible.builtin.assert:
        that:
          - keys.api_keys | length > 0
"""

# Run in a child process: ansible-runner's Python API, as AWX calls it. The envvars arrive on stdin.
DRIVER = """\
import json, sys
import ansible_runner
job = json.load(sys.stdin)
result = ansible_runner.run(
    private_data_dir=job["private_data_dir"], playbook="site.yml", ident="job", envvars=job["envvars"],
    suppress_env_files=True, verbosity=3, quiet=True,
)
print(json.dumps({"rc": result.rc, "status": result.status}))
"""


def credential_types():
    """``(inputs, injectors)`` of each credential type documented in docs/awx.md, in order."""
    with open(AWX_DOC) as handle:
        blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", handle.read(), re.S)]
    inputs = [block for block in blocks if isinstance(block, dict) and "fields" in block]
    injectors = [block for block in blocks if isinstance(block, dict) and set(block) == {"env"}]
    assert len(inputs) == len(injectors) == 2
    return list(zip(inputs, injectors))


def injected_env(credential_type, values):
    """The environment AWX builds from a credential: every injector rendered over the inputs."""
    inputs, injectors = credential_type
    fields = {field["id"]: field for field in inputs["fields"]}
    assert set(inputs["required"]) <= set(values), "the test must fill every required field"
    namespace = {name: values.get(name, field.get("default")) for name, field in fields.items()}
    return {name: jinja2.Template(template).render(**namespace) for name, template in injectors["env"].items()}


def run_job(private_data_dir, envvars, emulator):
    job = json.dumps({"private_data_dir": str(private_data_dir), "envvars": envvars})
    return subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=job,
        env=ansible_env(emulator),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def private_data_dir(tmp_path):
    directory = tmp_path / "job"
    (directory / "project").mkdir(parents=True)
    (directory / "inventory").mkdir()
    (directory / "project" / "site.yml").write_text(PLAYBOOK)
    (directory / "inventory" / "hosts").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable
    )
    return directory


def events(directory):
    events_dir = directory / "artifacts" / "job" / "job_events"
    loaded = []
    for name in sorted(os.listdir(events_dir)):
        with open(events_dir / name) as handle:
            loaded.append(json.load(handle))
    return loaded


def files_containing(directory, secret):
    found = []
    for root, _dirs, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                if secret.encode() in handle.read():
                    found.append(os.path.relpath(path, directory))
    return sorted(found)


@pytest.mark.parametrize(
    "type_index, values, secret",
    [
        (0, {"api_key": API_KEY}, API_KEY),
        (1, {"username": "admin", "password": PASSWORD}, PASSWORD),
    ],
    ids=["api_key", "ece_login"],
)
def test_job_succeeds_with_injected_credentials_and_leaks_no_secret(tmp_path, type_index, values, secret):
    with Emulator("--api-key", API_KEY, "--admin-password", PASSWORD) as emulator:
        envvars = injected_env(credential_types()[type_index], dict(values, endpoint=emulator.url))
        directory = private_data_dir(tmp_path)
        result = run_job(directory, envvars, emulator)
        journal = emulator.journal()
    assert result.returncode == 0, explain(result)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"rc": 0, "status": "successful"}, explain(result)
    assert ("GET", "/api/v1/users/auth/keys") in [(entry["method"], entry["path"]) for entry in journal]

    job_events = events(directory)
    ok = [event for event in job_events if event["event"] == "runner_on_ok" and event["event_data"]["task"] == "Read the keys"]
    assert len(ok) == 1
    module_args = ok[0]["event_data"]["res"]["invocation"]["module_args"]
    assert module_args["endpoint"] == emulator.url
    hidden = "api_key" if type_index == 0 else "password"
    assert module_args[hidden] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"

    # The runner's record of the process environment is the one place that holds it, readable by its owner only.
    assert files_containing(directory, secret) == ["artifacts/job/command"]
    assert stat.S_IMODE(os.stat(directory / "artifacts" / "job" / "command").st_mode) == 0o600
    assert secret not in result.stdout + result.stderr


def test_the_documented_injectors_set_only_variables_the_collection_reads():
    read = {"EC_ENDPOINT", "EC_API_KEY", "EC_USERNAME", "EC_PASSWORD", "EC_INSECURE"}
    for inputs, injectors in credential_types():
        assert set(injectors["env"]) <= read
        assert all(field["id"] in inputs["required"] for field in inputs["fields"] if field["type"] == "string")


PROVISION = """\
- name: Provision through the collection's playbook
  ansible.builtin.import_playbook: elastic_cloud.cloud.provision
"""

PROVISION_VARS = {
    "provision_projects": [
        {"name": "awx-search", "type": "elasticsearch", "region_id": "aws-us-east-1"},
        {"name": "awx-security", "type": "security", "region_id": "azure-eastus"},
    ],
    "provision_api_keys": [{"description": "awx-job-key"}],
    "provision_comment_project": "awx-search",
    "provision_discard_credentials": True,  # this job checks secrets never leak, not where they are kept
}


def test_provision_playbook_as_an_awx_job_creates_everything_and_leaks_no_secret(tmp_path):
    with Emulator("--api-key", API_KEY, "--phase-delay", "0.3") as emulator:
        envvars = injected_env(credential_types()[0], {"api_key": API_KEY, "endpoint": emulator.url})
        directory = private_data_dir(tmp_path)
        (directory / "project" / "site.yml").write_text(PROVISION)
        (directory / "env").mkdir()
        (directory / "env" / "extravars").write_text(json.dumps(PROVISION_VARS))
        result = run_job(directory, envvars, emulator)
        state = emulator.state()
    assert result.returncode == 0, explain(result)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"rc": 0, "status": "successful"}, explain(result)
    assert [p["name"] for p in state["projects"]["elasticsearch"]] == ["awx-search"]
    assert [p["name"] for p in state["projects"]["security"]] == ["awx-security"]
    assert [k["description"] for k in state["api_keys"] if k["description"] == "awx-job-key"] == ["awx-job-key"]
    assert len(state["comments"]) == 1

    # New project passwords and the new key's secret were returned to the job but hidden from its events.
    events_text = json.dumps(events(directory))
    assert '"password": "' not in events_text
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in events_text or "censored" in events_text
    assert files_containing(directory, API_KEY) == ["artifacts/job/command"]
