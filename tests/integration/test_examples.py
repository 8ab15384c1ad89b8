"""Every module's EXAMPLES run as written against an emulator, with credentials from EC_ENDPOINT and EC_API_KEY.

Each module must have an entry in ``SETUPS`` (a test fails for one that has none): the emulator options its
examples need and the tasks that create what they refer to (a project called search-prod, ...). HOME is a
scratch directory with an empty ``~/.elastic`` for the examples that write credentials files there.
"""

import importlib
import json
import os
import stat
from dataclasses import dataclass, field

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import REPO_ROOT, explain, run_playbook

SEARCH_PROD = {
    "name": "The project the examples refer to",
    "elastic_cloud.cloud.project": {"name": "search-prod", "region_id": "aws-us-east-1", "wait": False},
    "no_log": True,
}


EXTENSION_ARCHIVE = "PK synonyms of the examples"
EXTENSION_FILE = [
    {"name": "A directory for the archive", "ansible.builtin.file": {"path": "{{ playbook_dir }}/files", "state": "directory"}},
    {"name": "The archive the examples upload",
     "ansible.builtin.copy": {"dest": "{{ playbook_dir }}/files/synonyms.zip", "content": EXTENSION_ARCHIVE, "mode": "0600"}},
]  # fmt: skip
SYNONYMS_EXTENSION = {
    "name": "The extension the examples read",
    "elastic_cloud.cloud.deployment_extension": {"name": "synonyms", "extension_type": "bundle", "version": "8.*",
                                                 "download_url": "https://example.com/synonyms.zip"},
}  # fmt: skip
OFFICE_RULESET = {
    "name": "The deployment traffic filter the examples refer to",
    "elastic_cloud.cloud.deployment_traffic_filter": {
        "name": "office", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.0/24"}],
    },
}


def assert_private_credentials(home, name):
    credentials = home / ".elastic" / name
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    assert json.loads(credentials.read_text())["username"] == "admin"


def deleted_types(journal):
    return sorted(entry["path"].split("/")[-2] for entry in journal if entry["method"] == "DELETE")


def project_examples_did(journal, state, home):
    """Created search-prod with its credentials file, renamed it, linked soc to it, deleted logs."""
    assert_private_credentials(home, "search-prod.json")
    assert [project["name"] for project in state["projects"]["elasticsearch"]] == ["search-production"]
    assert [project["name"] for project in state["projects"]["security"]] == ["soc"]
    search_production = state["projects"]["elasticsearch"][0]["id"]
    assert list(state["projects"]["security"][0]["linked"]["projects"]) == [search_production]
    assert deleted_types(journal) == ["observability"]


def projects_examples_did(journal, state, home):
    """Created three with a credentials file for one, then deleted two of them (without waiting until gone)."""
    assert_private_credentials(home, "elasticsearch-search-prod.json")
    assert deleted_types(journal) == ["observability", "security"]
    assert [project["name"] for project in state["projects"]["elasticsearch"]] == ["search-prod"]


def extension_examples_did(journal, state, home):
    """Created synonyms with its file uploaded, and analysis-custom from its URL, then deleted analysis-custom."""
    assert [(entry["method"], entry["path"].count("/")) for entry in journal if entry["method"] != "GET"] == [
        ("POST", 4), ("PUT", 5), ("POST", 4), ("DELETE", 5)]
    (synonyms,) = state["extensions"]
    assert synonyms["name"] == "synonyms" and synonyms["file"]["size"] == len(EXTENSION_ARCHIVE)


def deployment_examples_did(journal, state, home):
    """Created logging, reset its password to a file, changed it (three PUTs), shut it down, restored it, deleted it."""
    writes = [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in journal
              if entry["method"] != "GET" and not entry["path"].endswith("_search")]  # fmt: skip
    assert [method for method, _last in writes] == ["POST", "POST", "PUT", "PUT", "PUT", "POST", "POST", "POST", "DELETE"]
    assert [last for _method, last in writes][1] == "_reset-password"
    assert [last for _method, last in writes][5:8] == ["_shutdown", "_restore", "_shutdown"]
    assert state["deployments"] == []
    credentials = home / ".elastic" / "deployment-logging.json"
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    assert json.loads(credentials.read_text())["username"] == "elastic"


def organization_member_examples_did(journal, state, home):
    """Invited two people with their roles; nobody to remove."""
    invited = {invitation["email"]: invitation["role_assignments"] for invitation in state["organization_invitations"]}
    assert sorted(invited) == ["dev@example.com", "jane@example.com"]
    assert [role["role_id"] for role in invited["jane@example.com"]["organization"]] == ["billing-admin"]
    assert [role["role_id"] for role in invited["dev@example.com"]["project"]["elasticsearch"]] == ["elasticsearch-developer"]
    assert not [entry for entry in journal if entry["method"] == "DELETE"]


def keystore_examples_did(journal, state, home):
    """Set two S3 settings (then restarted), a GCS file, and removed the file."""
    assert [entry["path"].rsplit("/", 1)[-1] for entry in journal if entry["method"] in ("PATCH", "POST")
            and not entry["path"].endswith(("_search", "deployments"))] == ["keystore", "_restart", "keystore", "keystore"]
    assert state["deployments"][0]["keystores"]["main-elasticsearch"] == [
        "s3.client.backups.access_key", "s3.client.backups.secret_key"]


def remote_clusters_examples_did(journal, state, home):
    """Set one remote cluster on search, then none."""
    puts = [entry["body"]["resources"] for entry in journal if entry["method"] == "PUT"]
    assert [[remote["alias"] for remote in resources] for resources in puts] == [["logging"], []]


def deployment_reset_examples_did(journal, state, home):
    """Reset the password once, and kept it in a private file."""
    assert len([entry for entry in journal if entry["path"].endswith("_reset-password")]) == 1


PLANS_ON_THE_CLOCK = ("--plan-delay", "2", "--clock-step", "1")


@dataclass
class Setup:
    emulator_args: tuple = ("--phase-delay", "0.5", "--delete-delay", "0.2")
    prepare: list = field(default_factory=list)
    did: object = None  # checks of what the examples left behind: did(journal, state, home)


SETUPS = {
    "account": Setup(),
    "api_key": Setup(),
    "api_key_info": Setup(),
    "billing_costs_info": Setup(),
    "comment": Setup(),
    "credentials_reset": Setup(prepare=[SEARCH_PROD]),
    "deployment": Setup(emulator_args=("--plan-delay", "2", "--clock-step", "1"), did=deployment_examples_did),
    "deployment_extension": Setup(prepare=EXTENSION_FILE, did=extension_examples_did),
    "deployment_extension_info": Setup(prepare=[SYNONYMS_EXTENSION]),
    "deployment_credentials_reset": Setup(emulator_args=PLANS_ON_THE_CLOCK, did=deployment_reset_examples_did),
    "deployment_info": Setup(emulator_args=("--plan-delay", "2", "--clock-step", "1")),
    "deployment_keystore": Setup(emulator_args=PLANS_ON_THE_CLOCK, did=keystore_examples_did),
    "deployment_remote_clusters": Setup(emulator_args=PLANS_ON_THE_CLOCK, did=remote_clusters_examples_did),
    "deployment_template_info": Setup(),
    "deployment_traffic_filter": Setup(),
    "deployment_traffic_filter_info": Setup(prepare=[OFFICE_RULESET]),
    "organization_info": Setup(),
    "organization_member": Setup(did=organization_member_examples_did),
    "project": Setup(did=project_examples_did),
    "project_info": Setup(prepare=[SEARCH_PROD]),
    "projects": Setup(did=projects_examples_did),
    "region_info": Setup(),
    "stack_version_info": Setup(),
    "traffic_filter": Setup(),
    "traffic_filter_info": Setup(),
    "traffic_filter_metadata_info": Setup(),
}


def examples(module):
    source = importlib.import_module("ansible_collections.elastic_cloud.cloud.plugins.modules.%s" % module)
    return yaml.safe_load(source.EXAMPLES)


def run_examples(module, tmp_path):
    """Run the module's examples in one play; ``(result, journal, state, home)``."""
    tasks = examples(module)
    assert tasks and any("elastic_cloud.cloud.%s" % module in task for task in tasks)
    setup = SETUPS[module]
    play = [{"name": "Examples of %s" % module, "hosts": "localhost", "connection": "local", "gather_facts": False,
             "tasks": setup.prepare + tasks}]  # fmt: skip
    path = tmp_path / "examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    home = tmp_path / "home"
    (home / ".elastic").mkdir(parents=True)
    with Emulator(*setup.emulator_args) as emulator:
        env = {"HOME": str(home), "EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key}
        result = run_playbook(str(path), emulator, env=env)
        return result, emulator.journal(), emulator.state(), home


def test_every_module_has_its_examples_run():
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(REPO_ROOT, "plugins", "modules")) if name.endswith(".py"))
    assert sorted(SETUPS) == modules


@pytest.mark.parametrize("module", sorted(SETUPS))
def test_examples_run(module, tmp_path):
    result, journal, state, home = run_examples(module, tmp_path)
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
    if SETUPS[module].did:
        SETUPS[module].did(journal, state, home)
