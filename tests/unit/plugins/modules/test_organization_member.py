"""organization_member: invite, re-invite when roles differ, converge a member's roles, remove; check mode."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.organization_member import OrganizationMember
from ansible_collections.elastic_cloud.cloud.plugins.modules.organization_info import OrganizationInfo

from .fake_cloud import ScriptedClient, run_module

ORG = "org-1"
MEMBERS = "/api/v1/organizations/org-1/members"
INVITATIONS = "/api/v1/organizations/org-1/invitations"
ROLES = "/api/v1/users/u-7/role_assignments"
OWNER = {"role_id": "organization-admin", "organization_id": ORG}
BILLING = {"role_id": "billing-admin", "organization_id": ORG}
VIEW_ALL = {"role_id": "deployment-viewer", "organization_id": ORG, "all": True}


def member(role_assignments, email="jane@example.com"):
    return {"user_id": "u-7", "email": email, "name": "Jane", "organization_id": ORG, "member_since": "2026-01-01T00:00:00Z",
            "role_assignments": role_assignments}  # fmt: skip


def invitation(role_assignments, token="t-1", expired=False, email="jane@example.com"):
    return {"token": token, "email": email, "expired": expired, "expires_at": "2026-06-01T00:00:00Z",
            "created_at": "2026-05-29T00:00:00Z", "organization": {"id": ORG, "name": "o"},
            "role_assignments": role_assignments}  # fmt: skip


def cloud(members=(), invitations=(), extra=None):
    routes = {
        ("GET", "/api/v1/organizations"): {"organizations": [{"id": ORG, "name": "o"}]},
        ("GET", MEMBERS): {"members": list(members)},
        ("GET", INVITATIONS): {"invitations": list(invitations)},
        ("POST", INVITATIONS): lambda call: {"invitations": [invitation(call["body"].get("role_assignments"), token="t-new")]},
        ("POST", ROLES): {},
        ("DELETE", ROLES): {},
    }
    routes.update(extra or {})
    return ScriptedClient(routes)


def run(client, check_mode=False, **params):
    return run_module(OrganizationMember, client, check_mode=check_mode, **dict({"email": "jane@example.com"}, **params))


def test_a_stranger_is_invited_with_the_roles_in_api_terms():
    client = cloud()
    result = run(client, organization_role="billing-admin", deployment_roles=[{"role": "viewer", "all": True}],
                 project_roles={"elasticsearch": [{"role": "developer", "project_ids": ["p-2", "p-1"]}]})  # fmt: skip
    assert result["changed"] and result["member"]["status"] == "invited" and result["member"]["invitation_token"] == "t-new"
    assert client.writes() == [("POST", INVITATIONS)]
    assert client.calls[-1]["body"] == {"emails": ["jane@example.com"], "role_assignments": {
        "organization": [BILLING], "deployment": [VIEW_ALL],
        "project": {"elasticsearch": [{"role_id": "elasticsearch-developer", "organization_id": ORG, "all": False,
                                       "project_ids": ["p-1", "p-2"]}]}}}  # fmt: skip
    assert result["diff"]["before"] == {"status": "absent"}


def test_check_mode_writes_nothing():
    client = cloud()
    result = run(client, check_mode=True, organization_role="owner", invitation_expires_in="7d")
    assert result["changed"] and result["member"]["organization_role"] == "owner"
    assert client.writes() == []


def test_a_pending_invitation_with_the_same_roles_is_present():
    client = cloud(invitations=[invitation({"organization": [BILLING]}, email="JANE@example.com")])
    result = run(client, organization_role="billing-admin")
    assert not result["changed"] and client.writes() == []
    assert result["member"]["invitation_token"] == "t-1"


def test_roles_left_out_are_not_compared():
    client = cloud(invitations=[invitation({"organization": [BILLING], "deployment": [VIEW_ALL]})])
    assert not run(client, organization_role="billing-admin")["changed"]


def test_a_pending_invitation_with_other_roles_is_replaced_keeping_the_unmanaged_kinds():
    client = cloud(invitations=[invitation({"organization": [BILLING], "deployment": [VIEW_ALL]})],
                   extra={("DELETE", INVITATIONS + "/t-1"): {}})  # fmt: skip
    result = run(client, organization_role="owner")
    assert client.writes() == [("DELETE", INVITATIONS + "/t-1"), ("POST", INVITATIONS)]
    assert client.calls[-1]["body"]["role_assignments"] == {"organization": [OWNER], "deployment": [VIEW_ALL]}
    assert result["diff"]["before"]["organization_role"] == "billing-admin"
    assert result["diff"]["after"]["organization_role"] == "owner"


def test_an_expired_invitation_is_replaced():
    client = cloud(invitations=[invitation({"organization": [BILLING]}, expired=True)],
                   extra={("DELETE", INVITATIONS + "/t-1"): {}})  # fmt: skip
    result = run(client, organization_role="billing-admin")
    assert result["changed"] and client.writes() == [("DELETE", INVITATIONS + "/t-1"), ("POST", INVITATIONS)]


def test_a_member_gets_missing_roles_added_then_extra_ones_removed():
    client = cloud(members=[member({"organization": [BILLING], "deployment": [VIEW_ALL]})])
    result = run(client, organization_role="owner", deployment_roles=[])
    assert client.writes() == [("POST", ROLES), ("DELETE", ROLES)]
    assert client.calls[-2]["body"] == {"organization": [OWNER]}
    assert client.calls[-1]["body"] == {"organization": [BILLING], "deployment": [VIEW_ALL]}
    assert result["member"]["status"] == "member" and result["member"]["deployment_roles"] == []


def test_a_member_with_the_roles_is_unchanged_whatever_the_order_of_ids():
    held = {"deployment": [{"role_id": "deployment-editor", "organization_id": ORG, "deployment_ids": ["b", "a"]}]}
    client = cloud(members=[member(held)])
    result = run(client, deployment_roles=[{"role": "editor", "deployment_ids": ["a", "b"]}])
    assert not result["changed"] and client.writes() == []
    assert result["member"]["deployment_roles"] == [{"role": "editor", "all": False, "deployment_ids": ["a", "b"]}]


def test_organization_role_none_removes_the_organization_roles():
    client = cloud(members=[member({"organization": [BILLING]})])
    result = run(client, organization_role="none")
    assert client.writes() == [("DELETE", ROLES)] and result["member"]["organization_role"] == "none"


def test_absent_removes_the_member_and_their_invitations():
    client = cloud(members=[member({"organization": [BILLING]})], invitations=[invitation({}, "t-1"), invitation({}, "t/2")],
                   extra={("DELETE", MEMBERS + "/u-7"): {}, ("DELETE", INVITATIONS + "/t-1,t%2F2"): {}})  # fmt: skip
    result = run(client, state="absent")
    assert result["changed"] and result["member"] == {}
    assert client.writes() == [("DELETE", MEMBERS + "/u-7"), ("DELETE", INVITATIONS + "/t-1,t%2F2")]
    assert result["diff"]["after"] == {"status": "absent"}


def test_absent_twice_is_unchanged():
    client = cloud()
    assert not run(client, state="absent")["changed"] and client.writes() == []


def test_absent_in_check_mode_writes_nothing():
    client = cloud(members=[member({})])
    assert run(client, check_mode=True, state="absent")["changed"] and client.writes() == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"deployment_roles": [{"role": "viewer"}]}, "deployment_roles: role viewer needs either all=true or a non-empty deployment_ids"),
        ({"deployment_roles": [{"role": "viewer", "all": True, "deployment_ids": ["a"]}]}, "not both"),
        ({"project_roles": {"observability": [{"role": "developer", "all": True}]}}, "project_roles.observability: unknown role 'developer'"),
    ],
)
def test_wrong_role_items_fail_before_any_call(params, message):
    client = cloud()
    with pytest.raises(UsageError, match=message):
        run(client, **params)
    assert client.calls == []


def test_info_lists_members_and_invitations_in_module_terms():
    client = cloud(members=[member({"organization": [OWNER]}), member({}, email="joe@example.com")],
                   invitations=[invitation({"project": {"security": [{"role_id": "security-t1-analyst", "organization_id": ORG, "all": True}]}})])  # fmt: skip
    result = run_module(OrganizationInfo, client, email="Jane@Example.com")
    assert result["organization_id"] == ORG and not result["changed"]
    assert [(m["email"], m["organization_role"]) for m in result["members"]] == [("jane@example.com", "owner")]
    assert result["invitations"][0]["project_roles"]["security"] == [{"role": "t1-analyst", "all": True}]
    assert result["invitations"][0]["expired"] is False
