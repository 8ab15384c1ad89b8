"""Each integration target runs through real ansible-playbook: against its own emulator, and against a real API.

A target is ``targets/<name>/`` (an ansible-test style role): ``tasks/main.yml`` runs
``prepare.yml``, then ``test.yml``, and ``cleanup.yml`` always. The play gives it
``ec_endpoint``, ``ec_api_key`` and ``ec_prefix`` (every resource a target makes is named
after it, so cleanup removes only what the run made), and ``emulator_url`` when the emulator's
hooks are there: assertions that need the hooks sit in blocks guarded by
``when: emulator_url is defined``. An optional ``emulator_args`` file adds emulator options;
an ``aliases`` file names the platforms that serve the target (``platform/ess``, ``platform/ece``).

Three runs of each target:

- with the emulator and its hooks (everything is checked);
- with the emulator but without its hooks, as a real API would be: this proves the guarded
  blocks are the only ones that need the emulator;
- against a real Elastic Cloud (or ECE) account when ``EC_TEST_API_KEY`` is set (``make
  integration-real``); skipped otherwise.
"""

import os

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_target, target_emulator_args, target_platforms, targets

REAL_API_KEY = os.environ.get("EC_TEST_API_KEY", "")
REAL_ENDPOINT = os.environ.get("EC_TEST_ENDPOINT", "https://api.elastic-cloud.com")
REAL_PLATFORM = os.environ.get("EC_TEST_PLATFORM", "ess")


def assert_passed(result):
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)


@pytest.mark.parametrize("target", targets())
def test_target(target, tmp_path):
    with Emulator(*target_emulator_args(target)) as emulator:
        assert_passed(run_target(target, tmp_path, emulator))


@pytest.mark.parametrize("target", targets())
def test_target_without_hooks(target, tmp_path):
    with Emulator(*target_emulator_args(target)) as emulator:
        assert_passed(run_target(target, tmp_path, emulator, hooks=False))


@pytest.mark.skipif(not REAL_API_KEY, reason="EC_TEST_API_KEY is not set: no real API to run against")
@pytest.mark.parametrize("target", targets())
def test_target_real_api(target, tmp_path):
    if REAL_PLATFORM not in target_platforms(target):
        pytest.skip("%s is not served by the %s platform" % (target, REAL_PLATFORM))
    assert_passed(run_target(target, tmp_path, endpoint=REAL_ENDPOINT, api_key=REAL_API_KEY))
