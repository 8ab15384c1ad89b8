"""API calls the ``project`` module makes, counted from the emulator's journal.

Starts its own emulator, creates projects behind the module's back where a
scenario needs many, runs the module through real ``ansible`` ad-hoc commands and
prints, for each scenario, the calls it made (method and path kind).

    .venv/bin/python tests/perf/project_api_calls.py [--page-size 100] [--projects 250]

Figures, not a test: nothing here passes or fails.
"""

import argparse
import collections
import os
import sys

import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO_ROOT)

# pylint: disable=wrong-import-position
import tests.conftest  # pylint: disable=unused-import  # noqa: E402,F401 (links the collection for ansible)
from elastic_cloud_emulator.control import Emulator  # noqa: E402
from tests.integration.runner import explain, run_adhoc  # noqa: E402

ES = "/api/v1/serverless/projects/elasticsearch"


def kind(entry):
    """``GET list``, ``GET project``, ``GET status``, ``PATCH project``... from a journal entry."""
    path = entry["path"]
    if path == ES:
        what = "list" if entry["method"] == "GET" else "project"
    elif path.endswith("/status"):
        what = "status"
    else:
        what = path.rsplit("/", 1)[-1] if path.rsplit("/", 1)[-1].startswith("_") else "project"
    return "%s %s" % (entry["method"], what)


def run_counted(emulator, args):
    emulator.clear_journal()
    env = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key}
    result = run_adhoc("elastic_cloud.cloud.project", args, emulator, env=env)
    if result.returncode != 0:
        sys.exit("project %s failed:\n%s" % (args, explain(result)))
    counts = collections.Counter(kind(entry) for entry in emulator.journal())
    return sum(counts.values()), counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-size", type=int, default=100, help="projects per list page (emulator --page-size)")
    parser.add_argument("--projects", type=int, default=250, help="other elasticsearch projects in the account")
    options = parser.parse_args()

    with Emulator("--phase-delay", "0.5", "--delete-delay", "0.2", "--page-size", str(options.page_size)) as emulator:
        session = requests.Session()
        session.headers.update(emulator.auth_header)
        for number in range(options.projects):
            reply = session.post(emulator.url + ES, json={"name": "filler-%04d" % number, "region_id": "aws-us-east-1"})
            reply.raise_for_status()
        pages = options.projects // options.page_size + 1
        base = "name=bench region_id=aws-us-east-1 tags={'env':'bench'}"

        total, counts = run_counted(emulator, base)
        project_id = [p for p in emulator.state()["projects"]["elasticsearch"] if p["name"] == "bench"][0]["id"]
        scenarios = [("create by name (wait: true)", total, counts)]
        for label, args in (
            ("no-op by id, wait: true", "id=%s tags={'env':'bench'}" % project_id),
            ("no-op by id, wait: false", "id=%s tags={'env':'bench'} wait=false" % project_id),
            ("no-op by name, wait: true", base),
            ("no-op by name, wait: false", base + " wait=false"),
            ("update one field by id, wait: false", "id=%s tags={'env':'other'} wait=false" % project_id),
            ("update one field by name, wait: false", base + " wait=false"),
            ("delete by id, wait: true", "id=%s state=absent" % project_id),
            ("delete again by id", "id=%s state=absent" % project_id),
        ):
            scenarios.append((label,) + run_counted(emulator, args))

    print("project module API calls: %d other projects, %d per page (%d list pages)" % (options.projects, options.page_size, pages))
    print()
    width = max(len(scenario[0]) for scenario in scenarios)
    for label, total, counts in scenarios:
        detail = ", ".join("%s %s" % (counts[name], name) for name in sorted(counts))
        print("{0:<{1}}  {2:>3} calls  ({3})".format(label, width, total, detail))
    print()
    print("Status polls after a create depend on the emulator's 0.5 s initialisation (first poll 1 s after the change).")


if __name__ == "__main__":
    main()
