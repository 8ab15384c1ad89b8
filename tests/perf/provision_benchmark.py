"""Benchmark: the collection's provision playbook against the hand-written ``uri`` way.

Both provision the same N projects of mixed types, an API key and a comment against
the same emulator (3 s initialising time unless --phase-delay says otherwise), then
run again for idempotence. Prints wall time and API calls of each, their ratios, and
the per-task overhead of one ``project_info`` task against one ``uri`` GET.

    .venv/bin/python tests/perf/provision_benchmark.py [--sizes 1 10 50] [--phase-delay 3]

Figures, not a test: nothing here passes or fails on speed.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO_ROOT)
os.environ.setdefault("ELASTIC_CLOUD_COLLECTIONS_PATH", os.path.join(REPO_ROOT, ".cache", "collection-link"))

# pylint: disable=wrong-import-position
from tests.conftest import COLLECTIONS_PATH  # noqa: E402  (links the collection for ansible)
from elastic_cloud_emulator.control import Emulator  # noqa: E402
from tests.integration.runner import explain, run_playbook  # noqa: E402

PERF_DIR = os.path.dirname(os.path.abspath(__file__))
PROVISION = os.path.join(REPO_ROOT, "playbooks", "provision.yml")
URI_PROVISION = os.path.join(PERF_DIR, "uri_provision.yml")
REGIONS = {"elasticsearch": "aws-us-east-1", "observability": "gcp-us-central1", "security": "azure-eastus"}
TYPES = list(REGIONS)


def projects(count):
    """``count`` projects cycling through the three types."""
    return [
        {"name": "bench-%03d" % index, "type": TYPES[index % 3], "region_id": REGIONS[TYPES[index % 3]]}
        for index in range(count)
    ]


def timed_run(playbook, emulator, variables):
    emulator.clear_journal()
    started = time.monotonic()
    credentials = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key}
    result = run_playbook(playbook, emulator, extra_vars=variables, env=credentials)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (os.path.basename(playbook), explain(result)))
    calls = len([entry for entry in emulator.journal() if entry["path"].startswith("/api/")])
    return seconds, calls


def measure(playbook, size, phase_delay, variables):
    """First run and re-run of ``playbook`` on a fresh emulator: [(seconds, calls), (seconds, calls)]."""
    with Emulator("--phase-delay", str(phase_delay), "--delete-delay", "0.2", "--page-size", "100") as emulator:
        return [timed_run(playbook, emulator, variables), timed_run(playbook, emulator, variables)]


def collection_variables(size):
    return {
        "provision_projects": projects(size),
        "provision_api_keys": [{"description": "bench-key"}],
        "provision_comment_project": "bench-000",
        "provision_discard_credentials": True,  # the benchmark measures calls and time, not where secrets go
    }


def uri_variables(size):
    return {"provision_projects": projects(size)}


def overhead(repeats=15):
    """Median seconds of one project_info task and of one uri GET task."""
    with Emulator() as emulator, tempfile.TemporaryDirectory() as scratch:
        created = emulator_create_project(emulator)
        timer_file = os.path.join(scratch, "timings.jsonl")
        env = {
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(PERF_DIR, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "task_timer",
            "TASK_TIMER_FILE": timer_file,
        }
        result = run_playbook(
            os.path.join(PERF_DIR, "overhead.yml"),
            emulator,
            extra_vars={"overhead_project_id": created, "overhead_repeats": repeats},
            env=env,
        )
        if result.returncode != 0:
            raise SystemExit("overhead.yml failed:\n%s" % explain(result))
        with open(timer_file) as handle:
            timings = [json.loads(line) for line in handle]
    by_task = {}
    for timing in timings:
        by_task.setdefault(timing["task"], []).append(timing["seconds"])
    return statistics.median(by_task["Read one project with project_info"]), statistics.median(by_task["Read one project with uri"])


def emulator_create_project(emulator):
    import requests  # pylint: disable=import-outside-toplevel

    response = requests.post(
        emulator.url + "/api/v1/serverless/projects/elasticsearch",
        json={"name": "overhead", "region_id": "aws-us-east-1"},
        headers=emulator.auth_header,
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["id"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--phase-delay", type=float, default=3.0)
    options = parser.parse_args()
    print("collections path: %s" % COLLECTIONS_PATH)
    header = "%5s | %-10s | %9s %6s | %9s %6s | %12s %12s"
    print(header % ("N", "run", "a: sec", "calls", "b: sec", "calls", "time a/b", "calls b/a"))
    print("-" * 84)
    for size in options.sizes:
        ours = measure(PROVISION, size, options.phase_delay, collection_variables(size))
        theirs = measure(URI_PROVISION, size, options.phase_delay, uri_variables(size))
        for label, (a_sec, a_calls), (b_sec, b_calls) in zip(("first run", "re-run"), ours, theirs):
            print(
                header
                % (size, label, "%.1f" % a_sec, a_calls, "%.1f" % b_sec, b_calls, "%.2f" % (a_sec / b_sec), "%.1f" % (b_calls / max(a_calls, 1)))
            )
        sys.stdout.flush()
        if size == 10:
            first = ours[0][0]
            print(
                "%5s   N=10 first run: %.1f s = %.2f x the %.1f s initialising time (target: under 2 x it plus the per-task overhead)"
                % ("", first, first / options.phase_delay, options.phase_delay)
            )
    module_seconds, uri_seconds = overhead()
    print("\nper-task overhead (median of 15): project_info %.3f s, uri GET %.3f s" % (module_seconds, uri_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
