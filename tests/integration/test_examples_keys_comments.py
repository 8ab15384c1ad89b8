"""EXAMPLES of api_key, api_key_info, comment and credentials_reset run as written against an emulator.

Credentials come from EC_ENDPOINT and EC_API_KEY (and the ``ec_api_key`` variable the
examples use). credentials_reset's examples need a project called search-prod, which a
first task creates.
"""

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_playbook
from .test_examples import examples

PREPARE = {
    "credentials_reset": [
        {
            "name": "The project the examples reset",
            "elastic_cloud.cloud.project": {"name": "search-prod", "region_id": "aws-us-east-1", "wait": False},
            "no_log": True,
        }
    ],
}


@pytest.mark.parametrize("module", ["api_key", "api_key_info", "comment", "credentials_reset"])
def test_examples_run(module, tmp_path):
    tasks = examples(module)
    assert tasks and any("elastic_cloud.cloud.%s" % module in task for task in tasks)
    play = [
        {
            "name": "Examples of %s" % module,
            "hosts": "localhost",
            "connection": "local",
            "gather_facts": False,
            "tasks": PREPARE.get(module, []) + tasks,
        }
    ]
    path = tmp_path / "examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    with Emulator("--phase-delay", "0.5") as emulator:
        result = run_playbook(str(path), emulator, env={"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key})
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
