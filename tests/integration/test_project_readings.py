"""Projects against other readings of the real API, with real ansible-playbook: every flag below is one reading.

Time is the emulator's: ``--clock-step 1`` moves its clock one second per request, so a wait ends after a few
status reads whatever the machine's speed.
"""

import json

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

FAST = ("--clock-step", "1", "--phase-delay", "3", "--delete-delay", "3")
SECURITY = {
    "type": "security",
    "name": "soc",
    "region_id": "aws-us-east-1",
    "admin_features_package": "enterprise",
    "product_types": [
        {"product_line": "security", "product_tier": "essentials"},
        {"product_line": "cloud", "product_tier": "complete"},
    ],
    "traffic_filters": [],
}
OBSERVABILITY = {"type": "observability", "name": "obs", "region_id": "aws-us-east-1", "product_tier": "logs_essentials"}


def started(*flags):
    return Emulator(*FAST, *flags)


def run_ok(tasks, emulator, tmp_path, **kwargs):
    result = run_tasks(tasks, emulator, tmp_path, **kwargs)
    assert result.returncode == 0, explain(result)
    return result


def writes(emulator):
    return [(r["method"], r["path"]) for r in emulator.journal() if r["method"] != "GET"]


def project(options, register="out", **extra):
    return {"elastic_cloud.cloud.project": dict(options, **extra), "register": register}


def asserts(*conditions):
    return {"ansible.builtin.assert": {"that": list(conditions)}}


# -- fields a reply leaves out, product_types in another order --------------------------------------------
@pytest.mark.parametrize("flag", ["--omit-optional-fields", "--shuffle-product-types"])
def test_reruns_change_nothing_when_replies_omit_fields_or_reorder_product_types(flag, tmp_path):
    with started(flag) as emulator:
        run_ok([project(SECURITY), project(OBSERVABILITY)], emulator, tmp_path)
        emulator.clear_journal()
        tasks = [
            project(SECURITY, register="soc"),
            project(OBSERVABILITY, register="obs"),
            asserts("soc is not changed", "obs is not changed", "soc.diff is not defined or soc.diff.before == soc.diff.after"),
        ]
        result = run_ok(tasks, emulator, tmp_path, options=("--diff",))
        assert "changed=0" in result.stdout, explain(result)
        assert writes(emulator) == []
        check = run_ok([project(SECURITY, register="soc"), asserts("soc is not changed")], emulator, tmp_path, options=("--check",))
        assert "changed=0" in check.stdout, explain(check)


# -- deletion --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("flags", [(), ("--delete-immediately",), ("--conflict-when-deleting-twice",)])
def test_delete_waits_until_gone_and_a_repeated_absent_changes_nothing(flags, tmp_path):
    with started(*flags) as emulator:
        one = {"name": "doomed", "region_id": "aws-us-east-1"}
        run_ok([project(one), {"elastic_cloud.cloud.projects": {"projects": [dict(one, name="doomed-too")]}}], emulator, tmp_path)
        absent = dict(one, state="absent")
        tasks = [
            project(absent, register="first", wait=False),
            project(absent, register="second", wait=False),  # still deleting (or gone): nothing more to send
            project(absent, register="third", wait=True),
            asserts("first is changed", "second is not changed", "third is not changed"),
            {"elastic_cloud.cloud.projects": {"projects": [dict(absent, name="doomed-too")]}, "register": "many"},
            {"elastic_cloud.cloud.projects": {"projects": [dict(absent, name="doomed-too")]}, "register": "again"},
            asserts("many is changed", "again is not changed"),
        ]
        run_ok(tasks, emulator, tmp_path)
        deletes = [path for method, path in writes(emulator) if method == "DELETE"]
        assert len(deletes) == 2 and len(set(deletes)) == 2
        assert emulator.state()["projects"]["elasticsearch"] == []


# -- renames ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("keep", [False, True])
def test_a_rename_returns_the_fresh_addresses_and_rewrites_the_credentials_file(keep, tmp_path):
    credentials = tmp_path / "search.json"
    with started(*(("--keep-alias-on-rename",) if keep else ())) as emulator:
        create = project({"name": "search", "region_id": "aws-us-east-1", "credentials_file": str(credentials)}, register="created")
        run_ok([create, {"ansible.builtin.copy": {"content": "{{ created.project.id }}", "dest": str(tmp_path / "id")}}], emulator, tmp_path)
        project_id = (tmp_path / "id").read_text()
        before = json.loads(credentials.read_text())
        rename = project({"id": project_id, "name": "renamed", "credentials_file": str(credentials)}, register="renamed")
        run_ok([rename, asserts("renamed is changed"), dict(rename, register="again"), asserts("again is not changed")], emulator, tmp_path)
        after = json.loads(credentials.read_text())
        fresh = emulator.state()["projects"]["elasticsearch"][0]
    assert (after["username"], after["password"], after["id"]) == (before["username"], before["password"], project_id)
    assert {name: after[name] for name in ("alias", "endpoints", "cloud_id")} == {name: fresh[name] for name in ("alias", "endpoints", "cloud_id")}
    assert (after["alias"] == before["alias"]) is keep
    assert after["alias"] == ("search-" if keep else "renamed-") + project_id[:6]


# -- writes while initializing ------------------------------------------------------------------------------
def test_an_update_and_a_reset_right_after_a_create_succeed_despite_409s(tmp_path):
    with started("--conflict-while-initializing", "--phase-delay", "9") as emulator:
        new = {"name": "fresh", "region_id": "aws-us-east-1", "wait": False}
        tasks = [
            project(new, register="created"),
            dict(project(dict(new, tags={"env": "dev"}), register="hasty"), ignore_errors=True),
            asserts("hasty is failed", "hasty.msg is search('still initializing. with wait=true this is retried')"),
            project(dict(new, wait=True, tags={"env": "dev"}), register="updated"),
            asserts("updated is changed", "updated.project.metadata.tags == {'env': 'dev'}"),
        ]
        run_ok(tasks, emulator, tmp_path)
        conflicts = [r for r in emulator.journal() if r["method"] == "PATCH" and r["status"] == 409]
        assert len(conflicts) >= 2  # the hasty one, and the first try of the one that waited
        reset = {
            "elastic_cloud.cloud.credentials_reset": {"type": "elasticsearch", "name": "other"},
            "register": "reset",
            "no_log": True,
        }
        run_ok([project({"name": "other", "region_id": "aws-us-east-1", "wait": False}), reset,
                asserts("reset is changed", "reset.credentials.password | length > 0")], emulator, tmp_path)
