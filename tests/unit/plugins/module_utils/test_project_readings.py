"""Readings of the real API: fields a reply leaves out, 409 while initializing, renames and credentials files."""

import json
import os
import stat

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_options as project_options
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_converger import ProjectConverger
from ansible_collections.elastic_cloud.cloud.plugins.modules.project import Project

from ..modules.fake_cloud import FakeClock, ScriptedClient, api_error, run_module

PID = "abcdef0123456789abcdef0123456789"
SEC = "/api/v1/serverless/projects/security"
STATUS = SEC + "/" + PID + "/status"
LINES = [
    {"product_line": "security", "product_tier": "essentials"},
    {"product_line": "cloud", "product_tier": "complete"},
]
SOC = {
    "id": PID,
    "name": "soc",
    "alias": "soc-abcdef",
    "region_id": "aws-us-east-1",
    "type": "security",
    "metadata": {},
    "endpoints": {"elasticsearch": "https://soc-abcdef.es"},
    "cloud_id": "soc-abcdef:old",
}
RENAMED = dict(SOC, name="renamed", alias="renamed-abcdef", endpoints={"elasticsearch": "https://renamed-abcdef.es"}, cloud_id="renamed-abcdef:new")


def wanted(**params):
    full = {name: None for name in project_options.PROJECT_OPTIONS}
    full.update(type="security", state="present", purge_tags=True, name="soc", **params)
    return project_options.desired_state("security", full)


# -- fields a reply leaves out ---------------------------------------------------------------------------
def test_fields_a_reply_leaves_out_are_unknown_not_different():
    want = wanted(product_types=LINES, admin_features_package="enterprise", traffic_filters=["f1"])
    assert project_options.compute_patch(SOC, want) == ({}, [])
    before, after = project_options.diff_view(SOC, want)
    assert before == after == {"name": "soc"}


def test_observability_product_tier_left_out_is_unknown():
    project = {"id": PID, "name": "o", "alias": "o-abcdef", "metadata": {}}
    full = {name: None for name in project_options.PROJECT_OPTIONS}
    full.update(name="o", product_tier="logs_essentials")
    assert project_options.compute_patch(project, project_options.desired_state("observability", full)) == ({}, [])


def test_a_field_the_reply_has_is_still_compared_and_product_types_in_any_order():
    project = dict(SOC, product_types=LINES[::-1], admin_features_package="standard", traffic_filters=[])
    want = wanted(product_types=LINES, admin_features_package="enterprise", traffic_filters=[])
    assert project_options.compute_patch(project, want)[0] == {"admin_features_package": "enterprise"}


def converger(client, check_mode=False, warn=None, waits=None, **params):
    """A converger for the security project ``soc``; ``waits`` are its conflict_wait, sleep and clock."""
    full = {name: None for name in project_options.PROJECT_OPTIONS}
    full.update(dict(type="security", state="present", purge_tags=True, name="soc"), **params)
    return ProjectConverger(client, full, check_mode, warn or (lambda message: None), **(waits or {}))


def test_filters_left_out_of_a_reply_are_neither_resolved_nor_patched():
    client = ScriptedClient({("GET", SEC + "/" + PID): ApiResponse(200, SOC, {"ETag": '"e"'})})
    changed, _result, diff = converger(client, id=PID, traffic_filters=["office"]).converge()
    assert changed is False and diff == {"before": {}, "after": {}}
    assert [c["path"] for c in client.calls] == [SEC + "/" + PID]  # no listing of traffic filters


# -- 409 while initializing ----------------------------------------------------------------------------------
class StatusClient:
    """Status replies in order (the last repeating), and a write that answers from a list."""

    def __init__(self, phases):
        self.phases = list(phases)
        self.reads = 0

    def get_optional(self, path, params=None):
        self.reads += 1
        phase = self.phases.pop(0) if len(self.phases) > 1 else self.phases[0]
        return ApiResponse(200, {"phase": phase}, {})


def writer(answers):
    answers = list(answers)

    def send():
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return send


CONFLICT = api_error(409, "projects.initializing", "still initializing", method="PATCH")


def test_a_409_while_initializing_is_sent_again_once_initialized():
    client, clock = StatusClient(["initializing", "initializing", "initializing", "initialized"]), FakeClock()
    send = writer([CONFLICT, "done"])
    assert project_api.retry_while_initializing(client, "security", PID, send, 60, clock.sleep, clock) == "done"
    assert clock.sleeps == [1.0, 2.0]  # the wait's backoff, on the injected clock


def test_a_409_while_initializing_fails_once_the_budget_is_spent():
    client, clock = StatusClient(["initializing"]), FakeClock()
    with pytest.raises(project_options.ProjectError, match="Timed out after .* reach phase initialized"):
        project_api.retry_while_initializing(client, "security", PID, writer([CONFLICT] * 9), 10, clock.sleep, clock)
    assert clock.now == 10


def test_without_a_budget_a_409_while_initializing_says_how_to_retry():
    client, clock = StatusClient(["initializing"]), FakeClock()
    with pytest.raises(ElasticCloudError, match="still initializing: with wait=true this is retried"):
        project_api.retry_while_initializing(client, "security", PID, writer([CONFLICT]), 0, clock.sleep, clock)
    assert clock.sleeps == []


def test_a_409_just_as_the_project_became_initialized_is_tried_once_more():
    client, clock = StatusClient(["initialized"]), FakeClock()
    send = writer([CONFLICT, "done"])
    assert project_api.retry_while_initializing(client, "security", PID, send, 60, clock.sleep, clock) == "done"
    assert clock.sleeps == []


def test_a_409_for_another_reason_is_raised_after_that_one_more_try():
    client, clock = StatusClient(["initialized"]), FakeClock()
    with pytest.raises(ElasticCloudError) as caught:
        project_api.retry_while_initializing(client, "security", PID, writer([CONFLICT] * 3), 60, clock.sleep, clock)
    assert caught.value.message == CONFLICT.message and client.reads == 2


@pytest.mark.parametrize("phase", ["deleting", "suspended"])
def test_a_409_in_another_phase_is_raised_at_once(phase):
    client, clock = StatusClient([phase]), FakeClock()
    with pytest.raises(ElasticCloudError):
        project_api.retry_while_initializing(client, "security", PID, writer([CONFLICT, "done"]), 60, clock.sleep, clock)
    assert client.reads == 1


def test_an_update_meeting_a_409_while_initializing_is_patched_once_initialized():
    clock = FakeClock()
    phases = ["initializing", "initializing", "initialized"]  # the 409's check, then the wait's polls
    answers = [CONFLICT, RENAMED]
    client = ScriptedClient({
        ("GET", SEC + "/" + PID): ApiResponse(200, SOC, {"ETag": '"e"'}),
        ("GET", STATUS): lambda call: {"phase": phases.pop(0) if len(phases) > 1 else phases[0]},
        ("PATCH", SEC + "/" + PID): lambda call: answers.pop(0),
    })
    waits = dict(conflict_wait=60, sleep=clock.sleep, clock=clock)
    changed, result, _diff = converger(client, waits=waits, id=PID, name="renamed").converge()
    assert changed and result["project"]["alias"] == "renamed-abcdef"
    assert client.writes() == [("PATCH", SEC + "/" + PID)] * 2
    assert clock.sleeps == [1.0]


# -- renames and credentials files ----------------------------------------------------------------------
def rename_client():
    return ScriptedClient({
        ("GET", SEC + "/" + PID): ApiResponse(200, SOC, {"ETag": '"e"'}),
        ("PATCH", SEC + "/" + PID): RENAMED,
    })


def credentials_file(tmp_path, **record):
    path = tmp_path / "soc.json"
    path.write_text(json.dumps(dict({"username": "admin", "password": "pw-secret", "id": PID, "type": "security",
                                     "alias": SOC["alias"], "endpoints": SOC["endpoints"], "cloud_id": SOC["cloud_id"]}, **record)))
    os.chmod(path, 0o600)
    return path


def test_a_rename_rewrites_the_address_fields_of_the_credentials_file_keeping_the_secret(tmp_path):
    path = credentials_file(tmp_path)
    changed, result, _diff = converger(rename_client(), id=PID, name="renamed", credentials_file=str(path)).converge()
    written = json.loads(path.read_text())
    assert changed and result["credentials_file"] == str(path)
    assert written == {"username": "admin", "password": "pw-secret", "id": PID, "type": "security",
                       "alias": "renamed-abcdef", "endpoints": RENAMED["endpoints"], "cloud_id": "renamed-abcdef:new"}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize("content, reason", [
    ("not json", "Expecting value"),
    (json.dumps({"id": "0" * 32, "password": "pw-secret"}), "does not hold the credentials of project " + PID),
])
def test_a_credentials_file_that_cannot_be_rewritten_is_a_warning(tmp_path, content, reason):
    path = tmp_path / "soc.json"
    path.write_text(content)
    warnings = []
    converger(rename_client(), warn=warnings.append, id=PID, name="renamed", credentials_file=str(path)).converge()
    assert len(warnings) == 1 and reason in warnings[0] and "from before this update" in warnings[0]
    assert "pw-secret" not in warnings[0]
    assert path.read_text() == content


def test_check_mode_rewrites_nothing(tmp_path):
    path = credentials_file(tmp_path)
    before = path.read_text()
    client = rename_client()
    changed, result, _diff = converger(client, check_mode=True, id=PID, name="renamed", credentials_file=str(path)).converge()
    assert changed and client.writes() == [] and path.read_text() == before and "credentials_file" not in result


def test_the_project_module_returns_the_fresh_alias_after_a_rename():
    client = rename_client()
    client.routes[("GET", STATUS)] = {"phase": "initialized"}
    result = run_module(Project, client, type="security", id=PID, name="renamed")
    assert result["project"]["alias"] == "renamed-abcdef" and result["project"]["cloud_id"] == "renamed-abcdef:new"
