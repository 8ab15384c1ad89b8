"""organization_member under each reading of what the organization API leaves open (see docs/real-api.md)."""

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

JANE = "jane@example.com"


def member(register, check_mode=False, **args):
    task = {"elastic_cloud.cloud.organization_member": dict({"email": JANE}, **args), "register": register}
    if check_mode:
        task["check_mode"] = True
    return task


def check(*conditions):
    return {"ansible.builtin.assert": {"that": list(conditions)}}


def passed(result):
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)


@pytest.mark.parametrize("args", [(), ("--invitation-exists", "refresh")], ids=["reject", "refresh"])
def test_an_invitation_with_other_roles_is_replaced_under_either_reading(args, tmp_path):
    with Emulator("--platform", "ess", *args) as emulator:
        tasks = [
            member("first", organization_role="billing-admin"),
            member("second", organization_role="owner", deployment_roles=[{"role": "editor", "all": True}]),
            member("third", organization_role="owner", deployment_roles=[{"role": "editor", "all": True}]),
            check("first is changed", "second is changed", "third is not changed",
                  "second.member.invitation_token != first.member.invitation_token",
                  "second.member.organization_role == 'owner'"),
        ]  # fmt: skip
        passed(run_tasks(tasks, emulator, tmp_path))
        invitations = emulator.state()["organization_invitations"]
        assert [invitation["role_assignments"]["organization"][0]["role_id"] for invitation in invitations] == [
            "organization-admin"
        ]
        writes = [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in emulator.journal() if entry["method"] != "GET"]
        assert [method for method, _last in writes] == ["POST", "DELETE", "POST"]
        assert writes[1][1] != invitations[0]["token"]  # the old invitation went; a new one, with a new token, stays


@pytest.mark.parametrize("removable", [False, True], ids=["refused", "removable"])
def test_removing_the_last_owner_under_either_reading(removable, tmp_path):
    args = ("--last-owner-removable",) if removable else ()
    with Emulator("--platform", "ess", *args) as emulator:
        tasks = [
            dict(member("removed", email="admin@emulator.example", state="absent"), ignore_errors=True),
            check("removed is changed" if removable else "removed is failed"),
        ]
        if not removable:
            tasks.append(check("removed.msg is search('returned 400')", "removed.msg is search('Organization owner')",
                               "removed.msg.splitlines() | length == 1"))  # fmt: skip
        passed(run_tasks(tasks, emulator, tmp_path))
        owners = [m["email"] for m in emulator.state()["organization_members"]]
        assert owners == ([] if removable else ["admin@emulator.example"])
