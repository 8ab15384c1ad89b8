"""Benchmark: tracking a new deployment's plan with the collection's cadence, against two fixed polls.

One deployment is created on an emulator whose plans stay pending --plan-delay seconds (60 by default;
several values may be given), then each way of tracking waits until the plan is done:

- ``collection``: ``wait_for_plans`` as the ``deployment`` module runs it (first read 1 s after the
  create, then 2, 4 and every 5 s; done when no resource has a pending plan on two reads in a row, the
  confirming read 1 s after the first quiet one; then one more read with the plan history, for failures);
- ``terraform``: a read every 2 s, done after 4 quiet reads in a row (terraform-provider-ec's tracker);
- ``ecctl``: a read every 5 s, done after 3 quiet reads in a row.

The fixed pollers read first one interval after the create (a ticker), and count only reads of the
deployment. The emulator's clock is frozen and each poller's sleeps advance it instead of waiting, so a
60 s plan takes a moment and the figures do not depend on the machine. "Latency" is emulator seconds from
the moment the plan really finished (create + plan delay) to the moment the poller declared it done.

    .venv/bin/python tests/perf/plan_tracking_benchmark.py [--plan-delay 30 60 180]

Figures, not a test: nothing here passes or fails on speed.
"""

import argparse
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO_ROOT)
os.environ.setdefault("ELASTIC_CLOUD_COLLECTIONS_PATH", os.path.join(REPO_ROOT, ".cache", "collection-link"))

# pylint: disable=wrong-import-position
from tests.conftest import COLLECTIONS_PATH  # noqa: E402  (links the collection, puts it on sys.path)
from elastic_cloud_emulator.control import Emulator  # noqa: E402
from tests.perf.emulator_time import EmulatorTime  # noqa: E402

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_api as api  # noqa: E402
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ElasticCloudClient  # noqa: E402
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_payload import create_body  # noqa: E402
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_plan import (  # noqa: E402
    latest_attempts,
    wait_for_plans,
)

PARAMS = {"name": "bench", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
          "version": "8.19.3"}  # fmt: skip


def create(client):
    """A new deployment from its template, as the module builds it; its id."""
    template = api.read_template(client, PARAMS["deployment_template_id"], PARAMS["region"])
    answer, _created = api.create(client, create_body(template, PARAMS, {}), api.request_id_for("bench"))
    return answer["id"]


def collection(client, deployment_id, emulated):
    before = latest_attempts(api.read_deployment(client, deployment_id))
    emulated.emulator.clear_journal()  # the read above is the module's, before the change: not tracking
    wait_for_plans(client, deployment_id, before, timeout=3600, sleep=emulated.sleep, clock=emulated)


def fixed_poll(interval, confirmations):
    """A tracker reading every ``interval`` seconds, done after ``confirmations`` quiet reads in a row."""

    def poller(client, deployment_id, emulated):
        quiet = 0
        while quiet < confirmations:
            emulated.sleep(interval)
            quiet = quiet + 1 if not api.pending_plans(api.read_deployment(client, deployment_id)) else 0

    return poller


def deployment_reads(emulator, deployment_id):
    return len([entry for entry in emulator.journal() if entry["path"].rstrip("/").endswith(deployment_id)])


def tracked(poller, plan_delay):
    """(API calls, detection latency in emulator seconds) of one poller, on a fresh emulator."""
    with Emulator("--plan-delay", str(plan_delay)) as emulator:
        emulator.clock(freeze=True)
        client = ElasticCloudClient(endpoint=emulator.url, api_key=emulator.api_key)
        deployment_id = create(client)
        emulator.clear_journal()
        emulated = EmulatorTime(emulator)
        poller(client, deployment_id, emulated)
        return deployment_reads(emulator, deployment_id), emulated.elapsed - plan_delay


POLLERS = (
    ("collection (1, 2, 4, then 5 s; 2 quiet)", collection),
    ("terraform-provider-ec (2 s; 4 quiet)", fixed_poll(2.0, 4)),
    ("ecctl (5 s; 3 quiet)", fixed_poll(5.0, 3)),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--plan-delay", type=float, nargs="+", default=[60.0])
    args = parser.parse_args()
    print("collections path: %s" % COLLECTIONS_PATH)
    print("one new deployment (emulator seconds: sleeps advance the frozen clock)\n")
    print("%10s  %-40s %10s %12s" % ("plan delay", "tracker", "API calls", "latency (s)"))
    print("-" * 76)
    for plan_delay in args.plan_delay:
        for label, poller in POLLERS:
            calls, latency = tracked(poller, plan_delay)
            print("%10g  %-40s %10d %12.2f" % (plan_delay, label, calls, latency))


if __name__ == "__main__":
    main()
