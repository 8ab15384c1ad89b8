"""project: cross-project search links, suspended projects, state=resumed, and the deletion check."""

import functools

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api
from ansible_collections.elastic_cloud.cloud.plugins.modules import project as project_module

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import ProjectError
from ansible_collections.elastic_cloud.cloud.plugins.modules.project_info import ProjectInfo

from .fake_cloud import FakeClock, run_module
from .test_project import ES, PID, PROJECT, READY, existing, run

SEC = "/api/v1/serverless/projects/security"
OBS = "/api/v1/serverless/projects/observability"
OTHER, THIRD = "1" * 32, "2" * 32
LINKED = dict(PROJECT, linked={"projects": {OTHER: {"type": "security", "status": "enabled"}}})
CANDIDATES = {
    "items": [
        {"id": OTHER, "name": "soc", "type": "security", "linked": True},
        {"id": THIRD, "name": "logs", "type": "observability", "linked": False},
    ]
}
SUSPENDED = dict(PROJECT, metadata={"tags": {"env": "prod"}, "suspended_at": "2026-01-02T00:00:00Z",
                                    "suspended_reason": "trial expired"})


def with_candidates(project=None, **routes):
    project = LINKED if project is None else project
    scripted = {("GET", ES + "/" + PID + "/link-candidates"): CANDIDATES, ("PATCH", ES + "/" + PID): project}
    scripted.update(routes)
    return existing(scripted, projects=(project,))


# -- links ---------------------------------------------------------------------------------------------
def test_links_already_there_by_id_need_no_lookup_and_no_write():
    client = with_candidates()
    assert run(client, id=PID, linked_projects=[OTHER], wait=False)["changed"] is False
    assert [c["path"] for c in client.calls] == [ES + "/" + PID]


def test_a_new_link_by_name_is_looked_up_among_the_candidates_and_a_dropped_one_sent_as_null():
    client = with_candidates()
    result = run(client, id=PID, linked_projects=["logs"], wait=False)
    assert result["changed"] is True
    assert client.calls[-1]["body"] == {"linked": {"projects": {THIRD: {"type": "observability"}, OTHER: None}}}
    assert result["diff"]["before"]["linked_projects"] == {OTHER: "security"}
    assert result["diff"]["after"]["linked_projects"] == {THIRD: "observability"}


def test_an_empty_list_unlinks_everything_and_the_order_does_not_matter():
    client = with_candidates()
    run(client, id=PID, linked_projects=[], wait=False)
    assert client.calls[-1]["body"] == {"linked": {"projects": {OTHER: None}}}
    both = dict(PROJECT, linked={"projects": {OTHER: {"type": "security"}, THIRD: {"type": "observability"}}})
    assert run(with_candidates(both), id=PID, linked_projects=[THIRD, OTHER], wait=False)["changed"] is False


def test_a_project_that_is_no_candidate_fails_before_any_write():
    client = with_candidates()
    with pytest.raises(ProjectError, match="no project 'nowhere' can be linked"):
        run(client, id=PID, linked_projects=["nowhere"], wait=False)
    assert client.writes() == []


def test_links_in_check_mode_write_nothing():
    client = with_candidates()
    result = run(client, check_mode=True, id=PID, linked_projects=[OTHER, THIRD])
    assert result["changed"] is True and client.writes() == []


def test_a_new_project_is_created_with_its_links_found_among_every_type():
    created = dict(PROJECT, credentials={"username": "admin", "password": "pw"})
    client = existing(
        {
            ("GET", ES): {"items": []},
            ("GET", SEC): {"items": [{"id": OTHER, "name": "soc", "type": "security"}]},
            ("GET", OBS): {"items": []},
            ("POST", ES): created,
        },
        projects=(),
    )
    run(client, name="search", region_id="aws-us-east-1", linked_projects=["soc"], wait=False)
    post = [c for c in client.calls if c["method"] == "POST"][0]
    assert post["body"]["linked"] == {"projects": {OTHER: {"type": "security"}}}


# -- suspended projects and state=resumed ------------------------------------------------------------------
def test_present_on_a_suspended_project_warns_and_does_not_wait():
    client = existing({("GET", ES + "/" + PID + "/status"): {"phase": "suspended"}}, projects=(SUSPENDED,))
    result = run(client, id=PID, tags={"env": "prod"})
    assert result["changed"] is False and client.writes() == []
    assert "is suspended" in result["warnings"][0] and "trial expired" in result["warnings"][0]
    assert result["project"]["status"] == {"phase": "suspended"}


def test_present_on_a_suspended_project_that_needs_a_change_fails_naming_it():
    client = existing(projects=(SUSPENDED,))
    with pytest.raises(ProjectError, match="is suspended .* to change name, resume it first with state=resumed"):
        run(client, id=PID, name="renamed")
    assert client.writes() == []


def resumable(phases):
    statuses = iter(phases)
    return existing(
        {
            ("GET", ES + "/" + PID + "/status"): lambda call: next(statuses),
            ("POST", ES + "/" + PID + "/_resume"): None,
            ("PATCH", ES + "/" + PID): PROJECT,
        },
        projects=(SUSPENDED,),
    )


def test_resumed_resumes_a_suspended_project_with_its_etag_and_waits(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(
        project_module, "wait_for_phase", functools.partial(project_api.wait_for_phase, sleep=clock.sleep, clock=clock)
    )
    client = resumable([{"phase": "suspended"}, {"phase": "initializing"}, READY])
    result = run(client, id=PID, state="resumed")
    assert result["changed"] is True and result["project"]["status"] == READY
    assert clock.sleeps == [1, 2]  # a project just resumed is initializing: read after 1 second, then 2
    resume = [c for c in client.calls if c["method"] == "POST"][0]
    assert resume["path"].endswith("/_resume") and resume["headers"] == {"If-Match": '"etag-1"'}
    assert result["diff"]["before"]["phase"] == "suspended" and result["diff"]["after"]["phase"] == "initialized"


def test_resumed_then_changes_with_a_fresh_etag():
    client = resumable([{"phase": "suspended"}])
    run(client, id=PID, state="resumed", name="renamed", wait=False)
    assert [(c["method"], c["path"].rsplit("/", 1)[-1]) for c in client.calls] == [
        ("GET", PID), ("GET", "status"), ("POST", "_resume"), ("GET", PID), ("PATCH", PID)]


def test_resumed_in_check_mode_writes_nothing():
    client = resumable([{"phase": "suspended"}])
    assert run(client, check_mode=True, id=PID, state="resumed")["changed"] is True
    assert client.writes() == [] and client.calls[-1]["path"] == ES + "/" + PID + "/status"  # not waited for


def test_resumed_on_a_running_project_changes_nothing():
    client = existing()
    assert run(client, id=PID, state="resumed")["changed"] is False and client.writes() == []


def test_resumed_while_suspending_fails_clearly():
    client = resumable([{"phase": "suspending"}])
    with pytest.raises(ProjectError, match="is being suspended"):
        run(client, id=PID, state="resumed")


# -- the deletion check -----------------------------------------------------------------------------------------
BLOCKED = {
    "linked_projects": [{"id": OTHER, "name": "soc", "type": "security"}],
    "monitored_projects": [],
    "can_be_deleted": False,
}


@pytest.mark.parametrize("check_mode", [False, True])
def test_absent_fails_with_the_apis_reason_when_it_cannot_be_deleted(check_mode):
    client = existing({("GET", ES + "/" + PID + "/_can-delete"): BLOCKED})
    with pytest.raises(ProjectError, match="cannot be deleted: it is linked from security project %s \\(soc\\)" % OTHER):
        run(client, check_mode=check_mode, id=PID, state="absent")
    assert client.writes() == []


def test_absent_deletes_when_the_api_says_it_can():
    verdict = {"linked_projects": [], "monitored_projects": [], "can_be_deleted": True}
    client = existing({("GET", ES + "/" + PID + "/_can-delete"): verdict, ("DELETE", ES + "/" + PID): None})
    assert run(client, id=PID, state="absent", wait=False)["changed"] is True
    assert client.writes() == [("DELETE", ES + "/" + PID)]


# -- project_info --------------------------------------------------------------------------------------------------
def test_info_adds_link_candidates_and_roles_on_request():
    roles = {PID: {"roles": [{"name": "admin", "description": "Admin"}]}}
    client = existing({("GET", ES + "/" + PID + "/link-candidates"): CANDIDATES, ("GET", ES + "/" + PID + "/roles"): roles})
    result = run_module(ProjectInfo, client, type="elasticsearch", id=PID, include_link_candidates=True, include_roles=True)
    assert result["projects"][0]["link_candidates"] == CANDIDATES["items"]
    assert result["projects"][0]["roles"] == [{"name": "admin", "description": "Admin"}]
