"""Organization members, invitations and role assignments, checked against the spec."""

import pytest
from spec_client import Client, error_code

from elastic_cloud_emulator.control import Emulator

ORG = "/api/v1/organizations/org-emulator"
MEMBERS = f"{ORG}/members"
INVITATIONS = f"{ORG}/invitations"
OWNER = {"role_id": "organization-admin", "organization_id": "org-emulator"}
BILLING = {"role_id": "billing-admin", "organization_id": "org-emulator"}
VIEW_ALL = {"role_id": "deployment-viewer", "organization_id": "org-emulator", "all": True}
ES_DEV = {"role_id": "elasticsearch-developer", "organization_id": "org-emulator", "project_ids": ["p-1"]}


def invite(client, email="new@example.com", **body):
    response = client.post(INVITATIONS, json={"emails": [email], **body})
    assert response.status_code == 201, response.text
    return response.json()["invitations"][0]


def roles(client, user_id):
    return next(m for m in client.get(MEMBERS).json()["members"] if m["user_id"] == user_id)["role_assignments"]


def test_the_emulator_user_is_the_seed_owner(client):
    members = client.get(MEMBERS).json()["members"]
    assert [(m["user_id"], m["email"], m["role_assignments"]) for m in members] == [
        ("admin", "admin@emulator.example", {"organization": [OWNER]})
    ]
    assert client.get(INVITATIONS).json() == {"invitations": []}


def test_another_organization_is_not_found(client):
    response = client.get("/api/v1/organizations/org-other/members")
    assert response.status_code == 404 and error_code(response) == "organization.not_found"


def test_invite_list_get_and_delete(client, emulator):
    emulator.clock(freeze=True)
    made = invite(client, expires_in="7d", role_assignments={"organization": [BILLING], "project": {"elasticsearch": [ES_DEV]}})
    assert made["email"] == "new@example.com" and made["expired"] is False
    assert made["role_assignments"] == {"organization": [BILLING], "project": {"elasticsearch": [ES_DEV]}}
    assert made["organization"]["id"] == "org-emulator"
    assert client.get(INVITATIONS).json()["invitations"] == [made]
    assert client.get(f"/api/v1/organizations/invitations/{made['token']}").json() == made
    assert client.delete(f"{INVITATIONS}/{made['token']}").json() == {}
    missing = client.delete(f"{INVITATIONS}/{made['token']}")
    assert missing.status_code == 404 and error_code(missing) == "organization.invitation_not_found"


def test_invitations_expire_on_the_emulator_clock(client, emulator):
    emulator.clock(freeze=True)
    invite(client)  # three days by default
    emulator.clock(advance=3 * 86400 + 1)
    assert client.get(INVITATIONS).json()["invitations"][0]["expired"] is True
    again = invite(client)  # an expired invitation may be replaced
    assert again["expired"] is False and len(client.get(INVITATIONS).json()["invitations"]) == 1


@pytest.mark.parametrize(
    "body, code",
    [
        ({"emails": ["not-an-email"]}, "organization.invitation_invalid_email"),
        ({"emails": ["admin@emulator.example"]}, "organization.user_organization_already_belongs"),
        ({"emails": ["a@example.com"], "expires_in": "soon"}, "root.invalid_data"),
        ({"emails": ["a@example.com"], "role_assignments": {"organization": [{"role_id": "owner", "organization_id": "org-emulator"}]}},
         "root.invalid_data"),
        ({"emails": ["a@example.com"], "role_assignments": {"deployment": [{"role_id": "deployment-admin", "organization_id": "org-emulator"}]}},
         "root.invalid_data"),
    ],
)
def test_invalid_invitations_are_refused(client, body, code):
    response = client.post(INVITATIONS, json=body)
    assert response.status_code == 400 and error_code(response) == code
    assert client.get(INVITATIONS).json() == {"invitations": []}


def test_inviting_again_is_refused_by_default(client):
    invite(client)
    response = client.post(INVITATIONS, json={"emails": ["new@example.com"]})
    assert response.status_code == 400 and error_code(response) == "organization.invitation_already_exists"


def test_invitation_exists_refresh_refreshes_it():
    with Emulator("--platform", "ess", "--invitation-exists", "refresh") as running:
        client = Client(running)
        first = invite(client)
        second = invite(client, role_assignments={"organization": [BILLING]})
        assert second["token"] == first["token"] and second["role_assignments"] == {"organization": [BILLING]}
        assert len(client.get(INVITATIONS).json()["invitations"]) == 1


def test_accepting_makes_a_member_with_the_invitation_roles(client, emulator):
    made = invite(client, role_assignments={"deployment": [VIEW_ALL]})
    member = emulator.accept_invitation(made["token"], name="New Person")
    assert (member["email"], member["name"], member["role_assignments"]) == ("new@example.com", "New Person", {"deployment": [VIEW_ALL]})
    assert client.get(INVITATIONS).json() == {"invitations": []}
    assert len(client.get(MEMBERS).json()["members"]) == 2
    # The API's own _accept is the invited user's, and every emulator user already belongs to the organization.
    assert client.post(f"/api/v1/organizations/invitations/{made['token']}/_accept").status_code == 404
    again = client.post(f"/api/v1/organizations/invitations/{invite(client, 'x@example.com')['token']}/_accept")
    assert again.status_code == 400 and error_code(again) == "organization.user_organization_already_belongs"


def test_role_assignments_are_added_and_removed(client, emulator):
    user_id = emulator.accept_invitation(invite(client)["token"])["user_id"]
    url = f"/api/v1/users/{user_id}/role_assignments"
    assert client.post(url, json={"organization": [BILLING], "deployment": [VIEW_ALL]}).json() == {}
    assert client.post(url, json={"organization": [BILLING]}).json() == {}  # held already: no duplicate
    assert client.post(url, json={"project": {"elasticsearch": [ES_DEV]}}).json() == {}
    assert roles(client, user_id) == {"organization": [BILLING], "deployment": [VIEW_ALL], "project": {"elasticsearch": [ES_DEV]}}
    assert client.delete(url, json={"deployment": [VIEW_ALL], "project": {"elasticsearch": [ES_DEV]}}).json() == {}
    assert roles(client, user_id) == {"organization": [BILLING]}
    unknown = client.post("/api/v1/users/nobody/role_assignments", json={"organization": [BILLING]})
    assert unknown.status_code == 400 and error_code(unknown) == "role_assignments.invalid_target_user_id"


def test_members_are_removed_but_never_the_last_owner(client, emulator):
    user_id = emulator.accept_invitation(invite(client)["token"])["user_id"]
    assert client.delete(f"{MEMBERS}/{user_id}").json() == {}
    missing = client.delete(f"{MEMBERS}/{user_id}")
    assert missing.status_code == 404 and error_code(missing) == "organization.membership_not_found"
    last = client.delete(f"{MEMBERS}/admin")
    assert last.status_code == 400 and error_code(last) == "root.invalid_data"
    demoted = client.delete("/api/v1/users/admin/role_assignments", json={"organization": [OWNER]})
    assert demoted.status_code == 400
    assert roles(client, "admin") == {"organization": [OWNER]}


def test_last_owner_removable_lets_the_last_owner_go():
    with Emulator("--platform", "ess", "--last-owner-removable") as running:
        client = Client(running)
        assert client.delete("/api/v1/users/admin/role_assignments", json={"organization": [OWNER]}).json() == {}
        assert client.delete(f"{MEMBERS}/admin").json() == {}


def test_only_owners_manage_members():
    with Emulator("--platform", "ess", "--api-key", "billing-key:billing-admin") as running:
        client = Client(running, auth="ApiKey billing-key")
        assert client.get(MEMBERS).status_code == 200
        response = client.post(INVITATIONS, json={"emails": ["a@example.com"]})
        assert response.status_code == 403 and error_code(response) == "root.invalid_authentication"
        response = client.post("/api/v1/users/admin/role_assignments", json={"organization": [BILLING]})
        assert response.status_code == 403 and error_code(response) == "role_assignments.unauthorized_role_assignments"
