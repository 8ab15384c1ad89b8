"""Collection metadata agrees with the code: action group, version."""

import os

import yaml

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import COLLECTION_VERSION

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_yaml(*parts):
    with open(os.path.join(REPO_ROOT, *parts)) as handle:
        return yaml.safe_load(handle)


def module_names():
    directory = os.path.join(REPO_ROOT, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(directory) if name.endswith(".py") and not name.startswith("_"))


def test_action_group_lists_exactly_the_modules():
    runtime = load_yaml("meta", "runtime.yml")
    assert sorted(runtime["action_groups"]["all"]) == module_names()


def test_action_group_is_sorted_and_has_no_duplicates():
    group = load_yaml("meta", "runtime.yml")["action_groups"]["all"]
    assert group == sorted(set(group))


def test_user_agent_version_matches_galaxy_version():
    assert load_yaml("galaxy.yml")["version"] == COLLECTION_VERSION


def test_execution_environment_installs_the_runtime_requirements():
    definition = load_yaml("meta", "execution-environment.yml")
    requirements_file = definition["dependencies"]["python"]
    with open(os.path.join(REPO_ROOT, requirements_file)) as handle:
        requirements = [line.split(">")[0].split("=")[0].strip() for line in handle if line.strip() and not line.startswith("#")]
    assert "requests" in requirements
