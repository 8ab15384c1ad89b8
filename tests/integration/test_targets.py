"""Each integration target runs through real ansible-playbook against its own emulator.

A target is ``targets/<name>/tasks/main.yml`` (an ansible-test style role). The
play gives it ``emulator_url``, ``ec_endpoint`` and ``ec_api_key`` and sets the
connection options for every module through ``group/elastic_cloud.cloud.all``.
An optional ``targets/<name>/emulator_args`` file adds emulator options.
"""

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_playbook, target_emulator_args, target_playbook, targets


@pytest.mark.parametrize("target", targets())
def test_target(target, tmp_path):
    with Emulator(*target_emulator_args(target)) as emulator:
        result = run_playbook(target_playbook(target, str(tmp_path)), emulator, options=["--diff"])
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
