"""Lists under the readings the real API allows: a page cursor it may ignore, a traffic-filter list that may hide
the filters included by default. Each terminates, lists every item once, and warns when it had to stop early."""

import json

import pytest
import requests

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks
from .test_inventory import create_project, inventory, plain, write_inventory

FILTERS = "/api/v1/serverless/traffic-filters"
INCOMPLETE = "the list may be incomplete"
QUICK = ("--phase-delay", "0.5", "--delete-delay", "0.3")


@pytest.fixture(params=["same-token", "fresh-token"])
def cursorless(request):
    """An emulator whose project lists ignore the cursor, two projects a page, with five projects."""
    with Emulator(*QUICK, "--page-size", "2", "--ignore-page-cursor", request.param) as emulator:
        ids = [create_project(emulator, "elasticsearch", "p%d" % number)["id"] for number in range(5)]
        emulator.clear_journal()
        yield emulator, ids


def test_project_info_ends_without_repeats_and_warns(cursorless, tmp_path):
    emulator, ids = cursorless
    listing = {"elastic_cloud.cloud.project_info": {"type": "elasticsearch"}, "register": "listing"}
    by_name = {"elastic_cloud.cloud.project_info": {"type": "elasticsearch", "name": "p1"}, "register": "by_name"}
    checks = {
        "ansible.builtin.assert": {
            "that": [
                "listing.projects | map(attribute='id') | list == %r" % ids[:2],
                "by_name.projects | map(attribute='id') | list == %r" % ids[1:2],
            ]
        }
    }
    result = run_tasks([listing, by_name, checks], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert INCOMPLETE in result.stdout + result.stderr, explain(result)
    # The first page, then the cursor once more: the repeat is noticed at once.
    lists = [r for r in emulator.journal() if r["method"] == "GET" and r["path"].endswith("/elasticsearch")]
    assert len(lists) == 4


def test_project_found_by_name_on_the_first_page_is_not_created_again(cursorless, tmp_path):
    emulator, ids = cursorless
    task = {"elastic_cloud.cloud.project": {"name": "p0", "region_id": "aws-us-east-1", "wait": False}, "register": "out"}
    check = {"ansible.builtin.assert": {"that": ["out is not changed", "out.project.id == %r" % ids[0]]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert INCOMPLETE in result.stdout + result.stderr, explain(result)
    assert [r for r in emulator.journal() if r["method"] != "GET"] == []


@pytest.mark.parametrize("state", ["present", "absent"])
def test_a_name_beyond_the_pages_listed_changes_nothing(cursorless, tmp_path, state):
    # p4 exists past the first page: creating would make a second p4, deleting nothing would be a false "gone".
    emulator, _ids = cursorless
    project = {"name": "p4", "region_id": "aws-us-east-1", "wait": False, "state": state}
    task = {"elastic_cloud.cloud.project": project, "register": "out", "ignore_errors": True}
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('cut short')", "'Traceback' not in out.msg"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r for r in emulator.journal() if r["method"] != "GET"] == []


def test_inventory_ends_without_repeats_and_warns(cursorless, tmp_path):
    emulator, ids = cursorless
    path = write_inventory(tmp_path, types=["elasticsearch"])
    result = inventory(emulator, path, "--list")
    assert result.returncode == 0, explain(result)
    assert "WARNING" in result.stderr and INCOMPLETE in result.stderr, explain(result)
    hostvars = plain(json.loads(result.stdout))["_meta"]["hostvars"]
    assert sorted(host["ec_id"] for host in hostvars.values()) == sorted(ids[:2])


@pytest.fixture(params=[[], ["--traffic-filter-list-all"]], ids=["spec-default", "list-all"])
def filter_reading(request):
    with Emulator(*QUICK, *request.param) as emulator:
        yield emulator


def test_filter_included_by_default_is_made_once_and_found_by_name(filter_reading, tmp_path):
    emulator = filter_reading
    spec = {
        "name": "corp",
        "region": "aws-us-east-1",
        "type": "ip",
        "include_by_default": True,
        "rules": [{"source": "10.0.0.0/8"}],
    }
    tasks = [
        {"elastic_cloud.cloud.traffic_filter": spec, "register": "first"},
        {"elastic_cloud.cloud.traffic_filter": spec, "register": "second"},
        {"elastic_cloud.cloud.traffic_filter_info": {"name": "corp"}, "register": "info"},
        {
            "elastic_cloud.cloud.project": {
                "name": "filtered", "region_id": "aws-us-east-1", "traffic_filters": ["corp"], "wait": False
            },
            "register": "project",
        },
        {
            "ansible.builtin.assert": {
                "that": [
                    "first is changed",
                    "second is not changed",
                    "second.traffic_filter.id == first.traffic_filter.id",
                    "info.traffic_filters | map(attribute='id') | list == [first.traffic_filter.id]",
                    "project.project.traffic_filters | map(attribute='id') | list == [first.traffic_filter.id]",
                ]
            }
        },
    ]
    result = run_tasks(tasks, emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    made = requests.get(
        emulator.url + FILTERS, params={"include_by_default": "true"}, headers=emulator.auth_header, timeout=10
    ).json()["items"]
    assert [item["name"] for item in made] == ["corp"]
