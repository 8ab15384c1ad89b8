"""Many runs at once against an API that rate limits each credential and sends no Retry-After.

The emulator's clock moves 0.1 s per API request and allows 8 requests per second per key: every ten
requests with the shared key, two are refused with 429, whatever the machine's speed. So 429s are certainly
served, and projects are ready five requests after their creation.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

RUNS, PER_RUN = 4, 5


@pytest.fixture
def limited_emulator():
    with Emulator("--rate-limit", "8/s", "--clock-step", "0.1", "--phase-delay", "0.5") as running:
        yield running


def provision(emulator, directory, run):
    os.makedirs(directory)
    items = [{"name": "load-%d-%d" % (run, index), "region_id": "aws-us-east-1"} for index in range(PER_RUN)]
    task = {"elastic_cloud.cloud.projects": {"projects": items}, "register": "out", "no_log": True}
    check = {"ansible.builtin.assert": {"that": ["out is changed", "out.projects | map(attribute='status.phase') | unique == ['initialized']"]}}
    return run_tasks([task, check], emulator, directory)


def test_parallel_runs_under_a_rate_limit_without_retry_after_all_succeed(limited_emulator, tmp_path):
    with ThreadPoolExecutor(RUNS) as pool:
        results = list(pool.map(lambda run: provision(limited_emulator, str(tmp_path / str(run)), run), range(RUNS)))
    for result in results:
        assert result.returncode == 0, explain(result)
    names = sorted(p["name"] for p in limited_emulator.state()["projects"]["elasticsearch"])
    assert names == sorted("load-%d-%d" % (run, index) for run in range(RUNS) for index in range(PER_RUN))
    journal = limited_emulator.journal()
    refused = [entry for entry in journal if entry["status"] == 429]
    assert len(refused) >= len(journal) // 10  # two of every ten requests: not a vacuous pass
    posts = [entry for entry in journal if entry["method"] == "POST" and entry["status"] == 201]
    assert len(posts) == RUNS * PER_RUN  # a refused create was sent again, never twice made
