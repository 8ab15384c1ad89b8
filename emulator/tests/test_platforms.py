"""--platform ess|ece: which routes exist, who may own and create API keys, who sees costs, deleting many keys."""

import pytest
from spec_client import Client

from elastic_cloud_emulator.control import Emulator

AUTH = "/api/v1/users/auth"
KEYS = f"{AUTH}/keys"
PROJECTS = "/api/v1/serverless/projects/elasticsearch"
CHARTS = "/api/v1/billing/costs/org-emulator/charts"
COMMENTS = "/api/v1/comments/allocator/a-1"
ORGANIZATIONS = "/api/v1/organizations"


def error(response):
    return response.json()["errors"][0]


def login(client, username, password):
    response = client.post(f"{AUTH}/_login", json={"username": username, "password": password}, auth="")
    assert response.status_code == 200, response.text
    return "Bearer " + response.json()["token"]


@pytest.fixture(scope="module")
def ess():
    with Emulator(
        "--platform", "ess", "--clock-step", "0.1", "--key-delete-rate", "1/s",
        "--api-key", "owner-key", "--api-key", "viewer-key:organization-viewer", "--api-key", "billing-key:billing-admin",
    ) as running:  # fmt: skip
        yield running


@pytest.fixture(scope="module")
def ece():
    with Emulator("--platform", "ece", "--ece-user", "alice:alice-password") as running:
        yield running


@pytest.fixture
def ess_client(ess):
    ess.reset()
    return Client(ess)


@pytest.fixture
def ece_client(ece):
    ece.reset()
    return Client(ece)


def test_ess_serves_serverless_billing_account_and_organizations_but_no_login(ess_client):
    assert ess_client.get(PROJECTS).status_code == 200
    assert ess_client.get(CHARTS).status_code == 200
    account = ess_client.get("/api/v1/account").json()
    organizations = ess_client.get(ORGANIZATIONS).json()["organizations"]
    assert organizations == [{"id": "org-emulator", "name": "Emulator organization"}]
    assert account["id"] != organizations[0]["id"]
    for method, path in (("POST", f"{AUTH}/_login"), ("GET", COMMENTS)):
        response = ess_client.request(method, path, validate=False, json={"username": "admin", "password": "x"}, auth="")
        assert response.status_code == 404 and error(response)["code"] == "root.resource_not_found", path


def test_ece_serves_login_comments_and_keys_but_no_serverless_billing_or_account(ece_client):
    admin = login(ece_client, "admin", "admin-password")
    assert ece_client.get(COMMENTS, auth=admin).status_code == 200
    assert ece_client.get(KEYS, auth=admin).status_code == 200
    for path in (PROJECTS, "/api/v1/serverless/regions", CHARTS, "/api/v1/account", ORGANIZATIONS):
        response = ece_client.get(path, validate=False, auth=admin)
        assert response.status_code == 404 and error(response)["message"] == f"No API resource found at {path}"


def test_ece_built_in_users_cannot_create_keys_but_platform_users_can(ece_client):
    admin = login(ece_client, "admin", "admin-password")
    refused = ece_client.post(KEYS, json={"description": "mine"}, auth=admin)
    assert refused.status_code == 403 and "not available for the built-in users" in error(refused)["message"]
    alice = login(ece_client, "alice", "alice-password")
    created = ece_client.post(KEYS, json={"description": "mine"}, auth=alice)
    assert created.status_code == 201 and created.json()["user_id"] == "alice"
    # The --api-key key belongs to the first platform user, not to admin.
    assert [key["user_id"] for key in ece_client.get(KEYS).json()["keys"]] == ["alice", "alice"]


def test_ess_only_organization_owners_create_keys(ess_client):
    for key in ("viewer-key", "billing-key"):
        refused = ess_client.post(KEYS, json={"description": "k"}, auth=f"ApiKey {key}")
        assert refused.status_code == 403 and "Only organization owners" in error(refused)["message"]
    assert ess_client.post(KEYS, json={"description": "k"}).status_code == 201


def test_ess_costs_need_the_billing_admin_or_owner_role(ess_client):
    assert ess_client.get(CHARTS, auth="ApiKey billing-key").status_code == 200
    refused = ess_client.get(CHARTS, auth="ApiKey viewer-key")
    assert refused.status_code == 403 and error(refused)["code"] == "organization.invalid_access"
    assert "Billing admin" in error(refused)["message"]


def test_multi_delete_removes_the_listed_keys_in_one_call(ess_client):
    ids = [ess_client.post(KEYS, json={"description": f"k{n}"}).json()["id"] for n in range(3)]
    assert ess_client.request("DELETE", KEYS, json={"keys": ids[:2]}).json() == {}
    assert [key["id"] for key in ess_client.get(KEYS).json()["keys"] if key["id"] in ids] == ids[2:]


def test_single_deletes_faster_than_the_rate_answer_500(ess, ess_client):
    ids = [ess_client.post(KEYS, json={"description": f"k{n}"}).json()["id"] for n in range(2)]
    assert ess_client.delete(f"{KEYS}/{ids[0]}").status_code == 200
    too_soon = ess_client.delete(f"{KEYS}/{ids[1]}")  # 0.1 s later on the stepped clock
    assert too_soon.status_code == 500 and error(too_soon)["code"] == "root.unexpected_error"
    ess.clock(advance=1)
    assert ess_client.delete(f"{KEYS}/{ids[1]}").status_code == 200


def test_without_a_rate_single_deletes_follow_each_other(ece, ece_client):
    alice = login(ece_client, "alice", "alice-password")
    ids = [ece_client.post(KEYS, json={"description": f"k{n}"}, auth=alice).json()["id"] for n in range(2)]
    assert [ece_client.delete(f"{KEYS}/{key_id}", auth=alice).status_code for key_id in ids] == [200, 200]
