"""Benchmark: N hosted deployments with the hosted_deployments role, against the hand-written ``uri`` way.

Both converge the same N new deployments on an emulator whose plans stay pending --plan-delay seconds (180 by
default), then run again with nothing to change. Each way is replayed call for call, in process:

- ``role``: the calls of the role's tasks, through the module's own code: per deployment a search by name, the
  template, the create and a read (first loop, ``wait: false``); then per deployment whose first result shows
  something pending (created, changed or a plan running) a read by id and, while a plan is pending,
  ``wait_for_plans`` with the module's cadence (second loop, ``wait: true``). A re-run sends one search and one
  read per deployment, and no wait.
- ``uri``: what a playbook of ``ansible.builtin.uri`` tasks does: per deployment a search by name and the create;
  then per deployment ``until`` no plan is pending, a read at once and then every --uri-delay seconds (10 by
  default), one deployment after the other.

The emulator's clock is frozen and every sleep advances it instead of waiting, so the time printed is the time
the play spends waiting on the API, in emulator seconds, whatever the machine (Ansible's own per-task overhead,
about 0.1 s per task and loop item, is not in it).

    .venv/bin/python tests/perf/deployment_provision_benchmark.py [--sizes 1 5 20] [--plan-delay 180]

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
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_payload import (  # noqa: E402
    create_body,
    wanted,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_plan import (  # noqa: E402
    latest_attempts,
    wait_for_plans,
)

TEMPLATE = ("aws-storage-optimized", "aws-us-east-1")


def params(index):
    return {"name": "bench-%03d" % index, "region": TEMPLATE[1], "deployment_template_id": TEMPLATE[0],
            "version": "8.19.3", "elasticsearch": None, "kibana": None, "integrations_server": None}  # fmt: skip


def role(client, count, emulated, _template):
    """The role's two loops: every create or change first (wait false), then a wait per deployment with one pending."""
    ids = []
    for index in range(count):
        item = params(index)
        found = api.find_deployment(client, None, item["name"])
        if found is None:
            template = api.read_template(client, item["deployment_template_id"], item["region"])
            body = create_body(template, item, wanted(item))
            answer, _created = api.create_once(client, body, (item["name"], item["region"], item["deployment_template_id"]))
            found = api.read_deployment(client, answer["id"])
            ids.append(found["id"])
        elif api.pending_plans(found):  # unchanged and settled: the role skips its wait step
            ids.append(found["id"])
    for deployment_id in ids:
        found = api.find_deployment(client, deployment_id, None)
        if api.pending_plans(found):
            wait_for_plans(client, deployment_id, latest_attempts(found), 3600, sleep=emulated.sleep, clock=emulated,
                           after_change=False)  # fmt: skip


def uri_way(delay):
    """Search, create when missing (the body written out: no template read), then poll each deployment in turn."""

    def uri(client, count, emulated, template):
        ids = []
        for index in range(count):
            item = params(index)
            hits = api.search_by_name(client, item["name"])
            if not hits:
                answer = client.post(api.deployment_path(), body=create_body(template, item, wanted(item))).data
            ids.append(hits[0]["id"] if hits else answer["id"])
        for deployment_id in ids:  # until/retries/delay: read at once, then again after each delay
            while api.pending_plans(api.read_deployment(client, deployment_id)):
                emulated.sleep(delay)

    return uri


def api_calls(emulator):
    return len([entry for entry in emulator.journal() if entry["path"].startswith("/api/")])


def measure(way, count, plan_delay):
    """[(emulator seconds, API calls) of the first run, of the re-run] on a fresh emulator."""
    with Emulator("--plan-delay", str(plan_delay)) as emulator:
        emulator.clock(freeze=True)
        client = ElasticCloudClient(endpoint=emulator.url, api_key=emulator.api_key)
        template = api.read_template(client, *TEMPLATE)
        runs = []
        for _run in range(2):
            emulator.clear_journal()
            emulated = EmulatorTime(emulator)
            way(client, count, emulated, template)
            runs.append((emulated.elapsed, api_calls(emulator)))
        return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--plan-delay", type=float, default=180.0)
    parser.add_argument("--uri-delay", type=float, default=10.0)
    args = parser.parse_args()
    print("collections path: %s" % COLLECTIONS_PATH)
    print("N new deployments, plans of %g s (emulator seconds: sleeps advance the frozen clock)\n" % args.plan_delay)
    header = "%4s | %-9s | %9s %6s | %9s %6s | %9s %9s"
    print(header % ("N", "run", "role: s", "calls", "uri: s", "calls", "time r/u", "calls u/r"))
    print("-" * 80)
    for count in args.sizes:
        ours = measure(role, count, args.plan_delay)
        theirs = measure(uri_way(args.uri_delay), count, args.plan_delay)
        for label, (r_sec, r_calls), (u_sec, u_calls) in zip(("first run", "re-run"), ours, theirs):
            ratio = "%.2f" % (r_sec / u_sec) if u_sec else "-"
            print(header % (count, label, "%.0f" % r_sec, r_calls, "%.0f" % u_sec, u_calls, ratio,
                            "%.1f" % (u_calls / max(r_calls, 1))))  # fmt: skip
        sys.stdout.flush()


if __name__ == "__main__":
    main()
