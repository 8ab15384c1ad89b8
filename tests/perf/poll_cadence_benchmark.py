"""Benchmark: waiting for N new projects with the collection's status polling, against a fixed 5 s poll.

N projects are created at once on an emulator whose projects take --phase-delay seconds to initialise
(60 by default, a realistic time), then each way of polling waits for all of them:

- ``collection``: ``wait_for_phases`` as the ``projects`` module runs it (first read 1 s after the
  creates, then 2, 4 and every 5 s; a round stops at the first project not ready);
- ``fixed 5 s``: each project read every 5 s on its own, as Elastic's Terraform provider polls;
- ``before``: the cadence of earlier releases (first read at once, 0.25 s growing by 1.5 to 4 s).

The emulator's clock is frozen and each poller's sleeps advance it instead of waiting, so a 60 s wait
takes a moment and the figures do not depend on the machine: "seconds" are emulator seconds from the
creates to the moment the poller saw every project ready; the time calls take (milliseconds) is left
out. ``--real`` also runs the ``projects`` module for real (waiting the whole initialising time) and
reports its wall time and status calls.

    .venv/bin/python tests/perf/poll_cadence_benchmark.py [--size 10] [--phase-delay 60] [--real]

Figures, not a test: nothing here passes or fails on speed.
"""

import argparse
import os
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO_ROOT)
os.environ.setdefault("ELASTIC_CLOUD_COLLECTIONS_PATH", os.path.join(REPO_ROOT, ".cache", "collection-link"))

# pylint: disable=wrong-import-position
from tests.conftest import COLLECTIONS_PATH  # noqa: E402  (links the collection, puts it on sys.path)
from elastic_cloud_emulator.control import Emulator  # noqa: E402
from tests.perf.emulator_time import EmulatorTime  # noqa: E402
from tests.integration.runner import explain, run_tasks  # noqa: E402

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api  # noqa: E402
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ElasticCloudClient  # noqa: E402

REGION = "aws-us-east-1"
FIXED_INTERVAL = 5.0


def create(client, size):
    """``size`` new projects, created at the same emulator instant; their wait targets in creation order."""
    return [
        ("elasticsearch", project_api.create_project(client, "elasticsearch", {"name": "bench-%02d" % index, "region_id": REGION})[0]["id"], "initialized")
        for index in range(size)
    ]


def collection(client, targets, emulated):
    project_api.wait_for_phases(client, targets, timeout=900, sleep=emulated.sleep, clock=emulated, after_change=True)


def fixed_poll(client, targets, emulated):
    """Every project read on its own every FIXED_INTERVAL seconds, until each is ready."""
    pending = list(targets)
    while pending:
        emulated.sleep(FIXED_INTERVAL)
        pending = [
            target for target in pending
            if project_api.read_status(client, target[0], target[1]).get("phase") != target[2]
        ]


def before(client, targets, emulated):
    """The cadence of earlier releases: first round at once, then 0.25 s growing by 1.5 up to 4 s."""
    saved = project_api.poll_delays, project_api.POLL_FIRST
    project_api.poll_delays = lambda: saved[0](first=0.25, factor=1.5, maximum=4.0)
    project_api.POLL_FIRST = 0.25
    try:
        project_api.wait_for_phases(client, targets, timeout=900, sleep=emulated.sleep, clock=emulated)
    finally:
        project_api.poll_delays, project_api.POLL_FIRST = saved


def status_calls(emulator):
    return len([entry for entry in emulator.journal() if entry["path"].endswith("/status")])


def emulated_wait(poller, size, phase_delay):
    """(emulator seconds until all were seen ready, status calls) of one poller, on a fresh emulator."""
    with Emulator("--phase-delay", str(phase_delay)) as emulator:
        emulator.clock(freeze=True)
        client = ElasticCloudClient(endpoint=emulator.url, api_key=emulator.api_key)
        targets = create(client, size)
        emulator.clear_journal()
        emulated = EmulatorTime(emulator)
        poller(client, targets, emulated)
        return emulated.elapsed, status_calls(emulator)


def real_run(size, phase_delay):
    """(wall seconds, status calls) of one ``projects`` task creating ``size`` projects and waiting for them."""
    items = [{"name": "bench-%02d" % index, "region_id": REGION} for index in range(size)]
    task = {"elastic_cloud.cloud.projects": {"projects": items}, "no_log": True}
    with Emulator("--phase-delay", str(phase_delay)) as emulator, tempfile.TemporaryDirectory() as directory:
        started = time.monotonic()
        result = run_tasks([task], emulator, directory)
        seconds = time.monotonic() - started
        if result.returncode != 0:
            raise SystemExit("the projects task failed:\n%s" % explain(result))
        return seconds, status_calls(emulator)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--phase-delay", type=float, default=60.0)
    parser.add_argument("--real", action="store_true", help="also run the projects module, waiting for real")
    args = parser.parse_args()
    print("collections path: %s" % COLLECTIONS_PATH)
    print("N=%d projects, %g s initialising time (emulator seconds: sleeps advance the frozen clock)\n"
          % (args.size, args.phase_delay))
    print("%-34s %12s %14s" % ("poller", "seconds", "status calls"))
    print("-" * 62)
    for label, poller in (
        ("collection (1, 2, 4, then 5 s)", collection),
        ("fixed 5 s per project (reference)", fixed_poll),
        ("before (0.25 s growing to 4 s)", before),
    ):
        seconds, calls = emulated_wait(poller, args.size, args.phase_delay)
        print("%-34s %12.2f %14d" % (label, seconds, calls))
    if args.real:
        seconds, calls = real_run(args.size, args.phase_delay)
        print("\nprojects module for real (wall time, creates and start-up included): %.1f s, %d status calls"
              % (seconds, calls))


if __name__ == "__main__":
    main()
