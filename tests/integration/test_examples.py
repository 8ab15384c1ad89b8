"""Module EXAMPLES run as written, with credentials from EC_ENDPOINT and EC_API_KEY, against an emulator.

Each module listed here has examples that need nothing but the emulator's seed state.
"""

import importlib

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_playbook

MODULES = ["account", "billing_costs_info", "traffic_filter", "traffic_filter_info"]


def examples(module):
    source = importlib.import_module("ansible_collections.elastic_cloud.cloud.plugins.modules.%s" % module)
    return yaml.safe_load(source.EXAMPLES)


@pytest.mark.parametrize("module", MODULES)
def test_examples_run(module, tmp_path):
    tasks = examples(module)
    assert tasks and all("elastic_cloud.cloud.%s" % module in task or "ansible.builtin.debug" in task for task in tasks)
    play = [{"name": "Examples of %s" % module, "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]
    path = tmp_path / "examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    with Emulator() as emulator:
        result = run_playbook(str(path), emulator, env={"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key})
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
