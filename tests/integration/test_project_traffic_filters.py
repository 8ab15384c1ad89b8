"""project attaches traffic filters by name or id; the role converges from one listing per type."""

import requests

from .runner import explain, run_tasks

FILTERS = "/api/v1/serverless/traffic-filters"


def create_filter(emulator, name, region="aws-us-east-1"):
    body = {"name": name, "region": region, "type": "ip", "rules": [{"source": "10.0.0.0/8"}]}
    response = requests.post(emulator.url + FILTERS, json=body, headers=emulator.auth_header, timeout=10)
    response.raise_for_status()
    return response.json()["id"]


def test_filters_by_name_resolve_to_ids_and_rerun_only_reads(emulator, tmp_path):
    office = create_filter(emulator, "office")
    vpn = create_filter(emulator, "vpn")
    create_filter(emulator, "office", region="gcp-us-central1")  # same name, other region: not ambiguous
    project = {"name": "filtered", "region_id": "aws-us-east-1", "traffic_filters": ["office", vpn], "wait": False}
    task = {"elastic_cloud.cloud.project": project, "register": "out"}
    check = {"ansible.builtin.assert": {"that": ["out.project.traffic_filters | map(attribute='id') | sort == %r" % sorted([office, vpn])]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)

    emulator.clear_journal()
    rerun = {"elastic_cloud.cloud.project": project, "register": "again"}
    result = run_tasks([rerun, {"ansible.builtin.assert": {"that": ["again is not changed"]}}], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    # A name needs one listing of the region's filters (for each include_by_default value); ids already attached none.
    calls = [(r["method"], r["path"], r["query"]) for r in emulator.journal()]
    assert calls == [
        ("GET", "/api/v1/serverless/projects/elasticsearch", ""),
        ("GET", FILTERS, "include_by_default=false&region=aws-us-east-1"),
        ("GET", FILTERS, "include_by_default=true&region=aws-us-east-1"),
    ]

    emulator.clear_journal()
    by_id = dict(project, traffic_filters=[office, vpn])
    result = run_tasks([{"elastic_cloud.cloud.project": by_id}], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r for r in emulator.journal() if r["path"].startswith(FILTERS)] == []


def test_unknown_filter_name_is_a_clear_failure_without_a_write(emulator, tmp_path):
    task = {
        "elastic_cloud.cloud.project": {"name": "filtered", "region_id": "aws-us-east-1", "traffic_filters": ["nope"]},
        "register": "out",
        "ignore_errors": True,
    }
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('nope')"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r for r in emulator.journal() if r["method"] != "GET"] == []


def test_role_rerun_reads_one_listing_per_type_and_writes_nothing(emulator, tmp_path):
    projects = [
        {"name": "p%d" % index, "type": kind, "region_id": "aws-us-east-1"}
        for index, kind in enumerate(["elasticsearch", "observability", "security"] * 3)
    ]
    role = {
        "ansible.builtin.include_role": {"name": "elastic_cloud.cloud.serverless_projects"},
        "vars": {"serverless_projects_list": projects},
    }
    result = run_tasks([role], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    emulator.clear_journal()
    result = run_tasks([role], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert "changed=0" in result.stdout, explain(result)
    calls = [(r["method"], r["path"]) for r in emulator.journal()]
    assert sorted(calls) == [("GET", "/api/v1/serverless/projects/" + kind) for kind in ("elasticsearch", "observability", "security")]
