"""project: argument spec, option checks by type, create/update/delete decisions, check mode, credentials."""

import functools
import json
import os

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import connection_argument_spec
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import ProjectError
from ansible_collections.elastic_cloud.cloud.plugins.modules import project as project_module
from ansible_collections.elastic_cloud.cloud.plugins.modules.project import Project
from ansible_collections.elastic_cloud.cloud.plugins.modules.project_info import ProjectInfo

from .fake_cloud import Failed, FakeClock, ScriptedClient, api_error, run_module

PID = "abcdef0123456789abcdef0123456789"
ES = "/api/v1/serverless/projects/elasticsearch"
OBS = "/api/v1/serverless/projects/observability"
SEC = "/api/v1/serverless/projects/security"
PROJECT = {
    "id": PID,
    "name": "search",
    "alias": "search-abcdef",
    "region_id": "aws-us-east-1",
    "type": "elasticsearch",
    "metadata": {"tags": {"env": "prod"}},
    "traffic_filters": [],
    "optimized_for": "general_purpose",
    "search_lake": {"search_power": 100, "boost_window": 7},
    "endpoints": {"elasticsearch": "https://search-abcdef.es", "kibana": "https://search-abcdef.kb"},
    "cloud_id": "search-abcdef:xyz",
}
CREDENTIALS = {"username": "admin", "password": "pw-very-secret"}
READY = {"phase": "initialized", "phase_change_timestamp": "2026-01-01T00:00:00Z"}


class ProjectClient(ScriptedClient):
    def paginate(self, path, items_key, params=None):
        return (self.get(path, params=params).data or {}).get(items_key) or []


def existing(routes=None, projects=(PROJECT,)):
    scripted = {("GET", ES): {"items": list(projects)}, ("GET", ES + "/" + PID + "/status"): READY}
    for project in projects:
        scripted[("GET", ES + "/" + project["id"])] = ApiResponse(200, project, {"ETag": '"etag-1"'})
    scripted.update(routes or {})
    return ProjectClient(scripted)


def run(client, check_mode=False, **params):
    return run_module(Project, client, check_mode=check_mode, **params)


# -- argument spec --------------------------------------------------------------------------------------
def validate(**params):
    spec = dict(connection_argument_spec(), **Project.module_options)
    return ArgumentSpecValidator(spec, required_one_of=Project.required_one_of).validate(params)


def test_id_or_name_is_required():
    assert "one of the following is required: id, name" in " ".join(validate(api_key="k").error_messages)


def test_product_types_need_line_and_tier_from_the_spec_enums():
    errors = validate(name="n", product_types=[{"product_line": "security"}]).error_messages
    assert any("product_tier" in error for error in errors)
    errors = validate(name="n", product_types=[{"product_line": "siem", "product_tier": "complete"}]).error_messages
    assert any("security, cloud, endpoint" in error for error in errors)


def test_defaults():
    params = validate(name="n").validated_parameters
    assert params["type"] == "elasticsearch" and params["state"] == "present"
    assert params["wait"] is True and params["purge_tags"] is True


# -- present ------------------------------------------------------------------------------------------
def test_create_posts_only_the_set_fields_and_returns_credentials_once(tmp_path):
    created = dict(PROJECT, credentials=CREDENTIALS)
    client = existing({("POST", ES): ApiResponse(201, created, {})}, projects=())
    client.routes[("GET", ES + "/" + PID + "/status")] = READY
    path = str(tmp_path / "creds.json")
    result = run(client, name="search", region_id="aws-us-east-1", tags={"env": "prod"}, credentials_file=path)
    assert result["changed"] is True
    assert client.writes() == [("POST", ES)]
    assert client.calls[1]["body"] == {
        "name": "search",
        "region_id": "aws-us-east-1",
        "metadata": {"tags": {"env": "prod"}},
    }
    assert result["credentials"] == CREDENTIALS and "credentials" not in result["project"]
    assert result["project"]["status"]["phase"] == "initialized"
    assert json.loads(open(path).read())["password"] == CREDENTIALS["password"]
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert CREDENTIALS["password"] not in json.dumps(result["diff"])


@pytest.mark.parametrize(
    "status_answer, reason",
    [
        (api_error(503, "root.unavailable", "down for maintenance"), "down for maintenance"),
        ({"phase": "initializing", "phase_change_timestamp": "2026-01-01T00:00:00Z"}, "Timed out after 1 seconds"),
    ],
)
def test_a_failure_after_the_create_returns_changed_the_id_and_the_credentials(monkeypatch, status_answer, reason):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    client = existing({("POST", ES): ApiResponse(201, dict(PROJECT, credentials=CREDENTIALS), {})}, projects=())
    client.routes[("GET", ES + "/" + PID + "/status")] = status_answer
    with pytest.raises(Failed) as caught:
        run(client, name="search", region_id="aws-us-east-1", wait_timeout=1)
    failure = caught.value.result
    assert failure["changed"] is True and failure["project"]["id"] == PID
    assert failure["credentials"] == CREDENTIALS
    assert failure["msg"].startswith("The elasticsearch project %s was created, then: " % PID) and reason in failure["msg"]
    assert client.writes() == [("POST", ES)]


def test_a_twin_created_by_a_concurrent_run_fails_naming_both_ids():
    twin = dict(PROJECT, id="f" * 32)
    client = existing({("POST", ES): ApiResponse(201, dict(PROJECT, credentials=CREDENTIALS), {})}, projects=())
    listings = [{"items": []}, {"items": [PROJECT, twin]}]  # before the create, and after it
    client.routes[("GET", ES)] = lambda call: listings.pop(0)
    with pytest.raises(Failed) as caught:
        run(client, name="search", region_id="aws-us-east-1", wait=False)
    failure = caught.value.result
    assert "Another elasticsearch project named 'search' exists besides %s" % PID in failure["msg"]
    assert "f" * 32 in failure["msg"] and "concurrent run" in failure["msg"]
    assert failure["changed"] is True and failure["credentials"] == CREDENTIALS and client.writes() == [("POST", ES)]


@pytest.mark.parametrize("value, kind", [(True, "bool"), (None, "null"), (7, "int")])
def test_a_tag_value_that_is_not_text_is_rejected_naming_the_tag(value, kind):
    client = existing()
    with pytest.raises(ProjectError, match="tags.env must be a string, not %s" % kind):
        run(client, name="search", region_id="aws-us-east-1", tags={"env": value})
    assert client.calls == []


@pytest.mark.parametrize("option", ["name", "id", "region_id", "alias"])
def test_an_empty_string_option_fails_before_any_call(option):
    client = existing()
    params = dict({"name": "search", "region_id": "aws-us-east-1"}, **{option: "  "})
    with pytest.raises(UsageError, match="%s must not be empty" % option):
        run(client, **params)
    assert client.calls == []


def test_create_without_region_fails_clearly():
    with pytest.raises(ProjectError, match="region_id is required to create the elasticsearch project 'search'"):
        run(existing(projects=()), name="search")


def test_create_in_check_mode_writes_nothing(tmp_path):
    client = existing(projects=())
    path = tmp_path / "creds.json"
    result = run(client, check_mode=True, name="search", region_id="aws-us-east-1", credentials_file=str(path))
    assert result["changed"] is True and client.writes() == []
    assert result["project"] == {"name": "search", "region_id": "aws-us-east-1", "type": "elasticsearch"}
    assert not path.exists()


def test_no_change_by_id_is_one_get_and_one_status():
    client = existing()
    result = run(client, id=PID, name="search", tags={"env": "prod"})
    assert result["changed"] is False and "diff" not in result
    assert [(c["method"], c["path"]) for c in client.calls] == [
        ("GET", ES + "/" + PID),
        ("GET", ES + "/" + PID + "/status"),
    ]


@pytest.mark.parametrize("changes, sleeps", [({}, []), ({"tags": {"env": "dev"}}, [1.0])])
def test_the_first_status_read_waits_a_second_after_a_change_only(monkeypatch, changes, sleeps):
    clock = FakeClock()
    monkeypatch.setattr(
        project_module, "wait_for_phase", functools.partial(project_api.wait_for_phase, sleep=clock.sleep, clock=clock)
    )
    client = existing({("PATCH", ES + "/" + PID): lambda call: PROJECT})
    run(client, id=PID, **changes)
    assert clock.sleeps == sleeps  # a project just changed is never ready at once; an unchanged one may be
    assert client.calls[-1]["path"] == ES + "/" + PID + "/status"


def test_no_change_by_id_without_wait_is_one_get():
    client = existing()
    assert run(client, id=PID, wait=False)["changed"] is False
    assert len(client.calls) == 1


def test_update_patches_only_what_differs_with_the_etag():
    client = existing({("PATCH", ES + "/" + PID): lambda call: dict(PROJECT, name=call["body"]["name"])})
    result = run(client, id=PID, name="renamed", tags={"env": "prod"}, wait=False)
    assert result["changed"] is True
    patch = client.calls[-1]
    assert patch["body"] == {"name": "renamed"} and patch["headers"] == {"If-Match": '"etag-1"'}
    assert result["diff"] == {
        "before": {"name": "search", "tags": {"env": "prod"}},
        "after": {"name": "renamed", "tags": {"env": "prod"}},
    }


def test_update_found_by_name_reads_the_project_for_its_etag():
    client = existing({("PATCH", ES + "/" + PID): PROJECT})
    run(client, name="search", alias="other", wait=False)
    assert [(c["method"], c["path"]) for c in client.calls] == [
        ("GET", ES),
        ("GET", ES + "/" + PID),
        ("PATCH", ES + "/" + PID),
    ]
    assert client.calls[-1]["body"] == {"alias": "other"}


def test_update_in_check_mode_reports_the_change_and_writes_nothing():
    client = existing()
    result = run(client, check_mode=True, name="search", tags={"env": "dev"})
    assert result["changed"] is True and client.writes() == []
    assert result["diff"]["after"]["tags"] == {"env": "dev"}


def test_stale_etag_is_a_clear_failure():
    client = existing({("PATCH", ES + "/" + PID): api_error(412, "projects.precondition_failed", method="PATCH")})
    with pytest.raises(ProjectError, match="changed while this task was updating it"):
        run(client, id=PID, name="renamed")


def test_immutable_region_fails_without_writing():
    client = existing()
    with pytest.raises(ProjectError, match="region_id cannot change after creation"):
        run(client, name="search", region_id="gcp-us-central1", tags={"env": "dev"})
    assert client.writes() == []


def test_id_of_another_type_fails_naming_the_type():
    client = ProjectClient({("GET", ES + "/" + PID): PROJECT})
    with pytest.raises(
        ProjectError,
        match="type cannot change after creation; project %s has type elasticsearch, not observability" % PID,
    ):
        run(client, type="observability", id=PID)
    assert client.writes() == []


def test_unknown_id_cannot_be_created():
    with pytest.raises(ProjectError, match="No elasticsearch project has id"):
        run(ProjectClient({}), id=PID, region_id="aws-us-east-1")


def test_option_of_another_type_is_rejected_before_any_call():
    client = existing()
    with pytest.raises(ProjectError, match="product_tier does not apply to elasticsearch projects"):
        run(client, name="search", product_tier="complete")
    assert client.calls == []


def test_existing_project_with_a_missing_credentials_file_warns(tmp_path):
    result = run(existing(), name="search", credentials_file=str(tmp_path / "missing.json"))
    assert any("credentials only when a project is created" in warning for warning in result["warnings"])
    assert not (tmp_path / "missing.json").exists()


def test_adopted_project_gets_new_credentials():
    lost = ElasticCloudError("POST reset", status=None, method="POST", path=ES)
    calls = []

    def listing(call):
        calls.append(call)
        return {"items": [PROJECT] if len(calls) > 1 else []}

    client = existing(
        {("POST", ES): lost, ("GET", ES): listing, ("POST", ES + "/" + PID + "/_reset-credentials"): CREDENTIALS}
    )
    result = run(client, name="search", region_id="aws-us-east-1")
    assert result["changed"] is True and result["credentials"] == CREDENTIALS
    assert client.writes() == [("POST", ES), ("POST", ES + "/" + PID + "/_reset-credentials")]
    assert "adopted" in result["warnings"][0] and CREDENTIALS["password"] not in result["warnings"][0]


# -- absent -----------------------------------------------------------------------------------------------
def test_delete_sends_the_etag_and_waits_until_gone():
    statuses = iter([READY, {"phase": "deleting"}, api_error(404, "projects.not_found")])
    client = existing(
        {("DELETE", ES + "/" + PID): None, ("GET", ES + "/" + PID + "/status"): lambda call: next(statuses)}
    )
    result = run(client, id=PID, state="absent")
    assert result["changed"] is True and result["project"] == {}
    assert client.writes() == [("DELETE", ES + "/" + PID)]
    assert [c["headers"] for c in client.calls if c["method"] == "DELETE"] == [{"If-Match": '"etag-1"'}]
    assert result["diff"]["after"] == {}


@pytest.mark.parametrize("phase", ["deleting", "deleted"])
def test_a_project_already_going_is_not_deleted_again(phase):
    statuses = iter([{"phase": phase}, api_error(404, "projects.not_found")])
    client = existing({("GET", ES + "/" + PID + "/status"): lambda call: next(statuses)})
    result = run(client, id=PID, state="absent")
    assert result["changed"] is False and client.writes() == []
    assert [c["path"] for c in client.calls][-1] == ES + "/" + PID + "/status"  # waited until gone


def test_a_409_on_delete_is_success_once_the_status_shows_the_project_going():
    statuses = iter([READY, {"phase": "deleted"}, {"phase": "deleted"}])
    conflict = api_error(409, "projects.deletion_in_progress", "already being deleted", method="DELETE")
    client = existing({("DELETE", ES + "/" + PID): conflict, ("GET", ES + "/" + PID + "/status"): lambda call: next(statuses)})
    result = run(client, id=PID, state="absent")
    assert result["changed"] is True and client.writes() == [("DELETE", ES + "/" + PID)]


def test_a_409_on_delete_for_another_reason_is_a_failure():
    conflict = api_error(409, "projects.linked", "linked from 1 project", method="DELETE")
    client = existing({("DELETE", ES + "/" + PID): conflict})
    with pytest.raises(ElasticCloudError, match="linked from 1 project"):
        run(client, id=PID, state="absent")


def test_delete_of_a_missing_project_changes_nothing():
    client = existing(projects=())
    assert run(client, name="search", state="absent")["changed"] is False
    assert client.writes() == []


def test_delete_in_check_mode_writes_nothing():
    client = existing()
    assert run(client, check_mode=True, name="search", state="absent")["changed"] is True
    assert client.writes() == []


# -- project_info -------------------------------------------------------------------------------------------
def test_info_by_id_tries_each_type():
    client = ProjectClient({("GET", SEC + "/" + PID): dict(PROJECT, type="security")})
    result = run_module(ProjectInfo, client, id=PID)
    assert [project["type"] for project in result["projects"]] == ["security"]
    assert [c["path"] for c in client.calls] == [ES + "/" + PID, OBS + "/" + PID, SEC + "/" + PID]


def test_info_passes_tags_as_a_deep_object_and_adds_status():
    client = ProjectClient({("GET", ES): {"items": [PROJECT]}, ("GET", ES + "/" + PID + "/status"): READY})
    result = run_module(ProjectInfo, client, type="elasticsearch", tags={"env": "prod"}, include_status=True)
    assert client.calls[0]["params"] == {"tags[env]": "prod"}
    assert result["projects"][0]["status"] == READY and result["changed"] is False


def test_a_credentials_file_in_a_missing_directory_fails_before_the_create(tmp_path):
    client = existing({("POST", ES): ApiResponse(201, dict(PROJECT, credentials=CREDENTIALS), {})}, projects=())
    with pytest.raises(UsageError, match="credentials_file .* does not exist or is not writable"):
        run(client, name="search", region_id="aws-us-east-1", credentials_file=str(tmp_path / "missing" / "c.json"))
    assert client.writes() == []
