"""Check mode of the hosted-deployment, organization and project-link changes: every change predicted, no write sent.

One playbook of check-mode tasks, each a change its module would make for real, against an emulator holding what
they change; the journal then shows reads only. Two POSTs are reads: the deployment search (``_search``) and the
create validation (``validate_only=true``), which creates nothing.
"""

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

REGION = "aws-us-east-1"
DEPLOYMENT = {"region": REGION, "deployment_template_id": "aws-storage-optimized", "version": "8.19.3", "wait": False}
FILTER = {"name": "office", "region": REGION, "type": "ip", "rules": [{"source": "192.0.2.0/24"}]}
INVITE = {"email": "new@example.com", "organization_role": "billing-admin"}
PROJECTS = "/api/v1/serverless/projects/elasticsearch"


def is_a_read(entry):
    if entry["method"] in ("GET", "HEAD"):
        return True
    validation = entry["path"] == "/api/v1/deployments" and "validate_only=true" in str(entry.get("query"))
    return entry["method"] == "POST" and (entry["path"].endswith("/_search") or validation)


def setup(emulator, tmp_path):
    archive = tmp_path / "synonyms.zip"
    archive.write_bytes(b"PK synonyms archive\n")
    extension = {"name": "synonyms", "extension_type": "bundle", "version": "8.*", "file_path": str(archive)}
    tasks = [
        {"elastic_cloud.cloud.deployment": dict(DEPLOYMENT, name=name), "no_log": True} for name in ("web", "logs")
    ] + [
        {"elastic_cloud.cloud.deployment_traffic_filter": FILTER},
        {"elastic_cloud.cloud.deployment_extension": extension},
        {"elastic_cloud.cloud.organization_member": dict(INVITE, email="old@example.com")},
        {"elastic_cloud.cloud.project": {"name": "search", "region_id": REGION, "wait": False}, "no_log": True},
        {"elastic_cloud.cloud.project": {"name": "other", "region_id": REGION, "wait": False}, "no_log": True},
        {"elastic_cloud.cloud.project": {"name": "sleepy", "region_id": REGION, "wait": False}, "no_log": True},
    ]
    result = run_tasks(tasks, emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    state = emulator.state()
    sleepy = [p for p in state["projects"]["elasticsearch"] if p["name"] == "sleepy"][0]
    emulator.suspend("elasticsearch", sleepy["id"])
    return extension


def test_check_mode_runs_of_every_change_send_no_write(tmp_path):
    with Emulator("--plan-delay", "2", "--clock-step", "1", "--phase-delay", "0.5") as emulator:
        extension = setup(emulator, tmp_path)
        before = emulator.state()
        changes = [
            ("deployment", dict(DEPLOYMENT, name="new-dep")),
            ("deployment", {"name": "web", "traffic_filters": ["office"], "wait": False}),
            ("deployment", {"name": "web", "state": "shutdown", "wait": False}),
            ("deployment_traffic_filter", dict(FILTER, name="branch")),
            ("deployment_traffic_filter", dict(FILTER, description="Office")),
            ("deployment_traffic_filter", dict(FILTER, state="absent")),
            ("deployment_keystore", {"deployment_name": "web", "settings": {"a.b": {"value": "check-mode-value"}}}),
            ("deployment_remote_clusters", {"deployment_name": "web",
                                            "remote_clusters": [{"alias": "logs", "deployment_name": "logs"}]}),
            ("deployment_credentials_reset", {"deployment_name": "web"}),
            ("deployment_extension", dict(extension, name="new-extension")),
            ("deployment_extension", dict(extension, description="Synonyms")),
            ("deployment_extension", {"name": "synonyms", "state": "absent"}),
            ("organization_member", INVITE),
            ("organization_member", {"email": "old@example.com", "state": "absent"}),
            ("project", {"name": "search", "linked_projects": ["other"], "wait": False}),
            ("project", {"name": "sleepy", "state": "resumed", "wait": False}),
        ]  # fmt: skip
        tasks = []
        for index, (module, args) in enumerate(changes):
            tasks.append({"name": "change %d" % index, "elastic_cloud.cloud." + module: args,
                          "check_mode": True, "register": "out", "no_log": module == "deployment_credentials_reset"})
            tasks.append({"ansible.builtin.assert": {"that": ["out is changed", "out is not failed"],
                                                     "fail_msg": "change %d (%s) is not predicted" % (index, module)}})
        emulator.clear_journal()
        result = run_tasks(tasks, emulator, tmp_path)
        assert result.returncode == 0, explain(result)
        writes = [(r["method"], r["path"]) for r in emulator.journal() if not is_a_read(r)]
        assert writes == [], writes
        after = emulator.state()
    for kind in ("deployment_rulesets", "extensions", "organization_invitations", "organization_members"):
        assert after[kind] == before[kind], kind
    assert [(d["id"], d["name"], d["keystores"]) for d in after["deployments"]] == \
        [(d["id"], d["name"], d["keystores"]) for d in before["deployments"]]  # fmt: skip
