"""Each module against the platform that serves it (emulator --platform ess / ece), and the errors of the other.

Elastic Cloud (ess) serves the Serverless API, billing, the account and organizations, and takes API keys only;
only organization owners create keys and costs need the Billing admin (or owner) role. Elastic Cloud Enterprise
(ece) has password login and no Serverless API, and its built-in admin and readonly users cannot own API keys.
"""

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, play, run_playbook

ADMIN_PASSWORD = "ece-admin-Pa55-p3t"
ALICE_PASSWORD = "alice-Pa55-r8w"
KEYS = "/api/v1/users/auth/keys"


def a_play(name, tasks, **credentials):
    return play(tasks, name=name, credentials=credentials)


def run_plays(plays, emulator, tmp_path, **extra_vars):
    path = tmp_path / "plays.yml"
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    result = run_playbook(str(path), emulator, extra_vars=extra_vars)
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
    return result


def failing(name, module, args, register):
    return {"name": name, module: args, "register": register, "ignore_errors": True}


def check(name, *conditions):
    return {"name": name, "ansible.builtin.assert": {"that": list(conditions)}}


@pytest.fixture
def ess():
    with Emulator(
        "--platform", "ess", "--key-delete-rate", "1/s", "--api-key", "owner-key",
        "--api-key", "viewer-key:organization-viewer", "--api-key", "billing-key:billing-admin",
    ) as running:  # fmt: skip
        yield running


@pytest.fixture
def ece():
    with Emulator("--platform", "ece", "--admin-password", ADMIN_PASSWORD, "--ece-user", f"alice:{ALICE_PASSWORD}") as running:
        yield running


def test_on_elastic_cloud_api_keys_work_logins_fail_and_roles_are_explained(ess, tmp_path):
    with_keys = [
        {"name": "Regions", "elastic_cloud.cloud.region_info": {}, "register": "regions"},
        {"name": "Projects", "elastic_cloud.cloud.project_info": {"type": "elasticsearch"}, "register": "projects"},
        {"name": "Costs as the owner", "elastic_cloud.cloud.billing_costs_info": {}, "register": "owner_costs"},
        {"name": "Costs as a billing admin", "elastic_cloud.cloud.billing_costs_info": {"api_key": "billing-key"},
         "register": "billing_costs"},  # fmt: skip
        failing("Costs as a viewer", "elastic_cloud.cloud.billing_costs_info", {"api_key": "viewer-key"}, "viewer_costs"),
        failing("A key created by a viewer", "elastic_cloud.cloud.api_key", {"api_key": "viewer-key", "description": "v"},
                "viewer_key"),  # fmt: skip
        check(
            "Serverless and billing work with the right keys; the others are told what they need",
            "regions.regions | length > 0",
            "projects is succeeded",
            "owner_costs.costs.organization_id == 'org-emulator'",
            "billing_costs.costs.organization_id == 'org-emulator'",
            "viewer_costs is failed",
            "viewer_costs.msg is search('need an API key with the Billing admin .billing-admin. or Organization owner')",
            "viewer_key is failed",
            "viewer_key.msg is search('only organization owners .role organization-admin. can create API keys')",
        ),
    ]
    with_login = [
        failing("Keys after a login", "elastic_cloud.cloud.api_key_info", {}, "keys"),
        failing("Projects after a login", "elastic_cloud.cloud.project_info", {"type": "elasticsearch"}, "projects"),
        check(
            "A login fails: at the API for the keys, before any call for the Serverless API",
            "keys is failed",
            "keys.msg is search('failed: the endpoint has no password login')",
            "keys.msg is search('Elastic Cloud accepts API keys only')",
            "projects is failed",
            "projects.msg is search('^project_info needs an API key .api_key or EC_API_KEY., not username and password')",
        ),
    ]
    plays = [
        a_play("API keys", with_keys, api_key="owner-key"),
        a_play("Login", with_login, username="admin", password="admin-password"),
    ]
    run_plays(plays, ess, tmp_path)
    calls = [(entry["method"], entry["path"]) for entry in ess.journal()]
    assert ("GET", "/api/v1/organizations") in calls and ("GET", "/api/v1/account") not in calls
    assert [path for method, path in calls if path.endswith("/_login")] == ["/api/v1/users/auth/_login"]


def test_several_keys_go_in_one_multi_key_delete_despite_a_delete_rate(ess, tmp_path):
    create = {"ansible.builtin.uri": {
        "url": "{{ ec_endpoint }}" + KEYS, "method": "POST", "body_format": "json", "body": {"description": "temporary"},
        "headers": {"Authorization": "ApiKey owner-key"}, "status_code": 201}, "loop": [1, 2, 3]}  # fmt: skip
    tasks = [
        dict(create, name="Three keys sharing a description"),
        {"name": "Delete them all", "elastic_cloud.cloud.api_key": {"description": "temporary", "all": True, "state": "absent"},
         "register": "deleted"},  # fmt: skip
        {"name": "Again", "elastic_cloud.cloud.api_key": {"description": "temporary", "all": True, "state": "absent"},
         "register": "again"},  # fmt: skip
        check("All three went, and a second run has nothing to do",
              "deleted is changed and deleted.removed | length == 3", "again is not changed"),  # fmt: skip
    ]
    ess.clear_journal()
    run_plays([a_play("Keys", tasks, api_key="owner-key")], ess, tmp_path)
    deletes = [entry for entry in ess.journal() if entry["method"] == "DELETE"]
    assert [(entry["path"], entry["status"]) for entry in deletes] == [(KEYS, 200)]
    assert [key["description"] for key in ess.state()["api_keys"]].count("temporary") == 0


def test_on_ece_logins_work_built_in_users_own_no_keys_and_serverless_is_missing(ece, tmp_path):
    as_admin = [
        {"name": "A comment", "elastic_cloud.cloud.comment": {"resource_type": "allocator", "resource_id": "a-1",
                                                              "text": "from ECE"}, "register": "comment"},  # fmt: skip
        failing("A key for admin", "elastic_cloud.cloud.api_key", {"description": "admin-key"}, "admin_key"),
        failing("Regions after a login", "elastic_cloud.cloud.region_info", {}, "regions"),
        check(
            "Comments work; a key and the Serverless API are refused, saying why",
            "comment is changed",
            "admin_key is failed",
            "admin_key.msg is search('403')",
            "admin_key.msg is search('built-in admin and readonly users cannot own API keys, so log in as another')",
            "regions is failed",
            "regions.msg is search('^region_info needs an API key')",
        ),
    ]
    as_alice = [
        {"name": "A key for a platform user", "elastic_cloud.cloud.api_key": {"description": "alice-key"},
         "register": "alice_key", "no_log": True},  # fmt: skip
        check("It is created", "alice_key is changed", "alice_key.api_key.user_id == 'alice'"),
    ]
    with_key = [
        failing("Regions with an API key", "elastic_cloud.cloud.region_info", {}, "regions"),
        failing("Costs with an API key", "elastic_cloud.cloud.billing_costs_info", {}, "costs"),
        check(
            "ECE has no Serverless API and no organizations",
            "regions is failed",
            "regions.msg is search('returned 404')",
            "regions.msg is search('the endpoint has no Serverless API')",
            "costs is failed",
            "costs.msg is search('GET /api/v1/organizations returned 404')",
        ),
    ]
    plays = [
        a_play("Admin", as_admin, username="admin", password="{{ admin_password }}"),
        a_play("Platform user", as_alice, username="alice", password="{{ alice_password }}"),
        a_play("API key of the platform user", with_key, api_key="{{ ec_api_key }}"),
    ]
    run_plays(plays, ece, tmp_path, admin_password=ADMIN_PASSWORD, alice_password=ALICE_PASSWORD)
    journal = ece.journal()
    assert not [entry for entry in journal if entry["auth"] == "bearer" and "/serverless/" in entry["path"]]
    created = [entry for entry in journal if (entry["method"], entry["path"]) == ("POST", KEYS)]
    assert [entry["status"] for entry in created] == [403, 201]


def test_on_ece_a_login_reads_stack_versions_and_templates(ece, tmp_path):
    """Deployments exist on both platforms, so their info modules take a login (the emulator's ECE keeps its regions)."""
    as_admin = [
        {"name": "Stack versions", "elastic_cloud.cloud.stack_version_info": {}, "register": "stacks"},
        {"name": "Templates", "elastic_cloud.cloud.deployment_template_info": {"region": "aws-us-east-1"},
         "register": "templates"},  # fmt: skip
        check(
            "Both read after a login",
            "stacks.stack_versions | length >= 1",
            "templates.deployment_templates | length >= 1",
        ),
    ]
    run_plays([a_play("Admin", as_admin, username="admin", password="{{ admin_password }}")], ece, tmp_path,
              admin_password=ADMIN_PASSWORD)  # fmt: skip
    reads = [entry for entry in ece.journal() if entry["path"].startswith(("/api/v1/stack/", "/api/v1/deployments/"))]
    assert [(entry["method"], entry["auth"], entry["status"]) for entry in reads] == [("GET", "bearer", 200)] * 2
