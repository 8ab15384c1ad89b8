"""Serverless project helpers: lookups, waits, credentials file, option checks and patch computation."""

import json
import os
import stat

import pytest


from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_options as project_options
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError

from ..modules.fake_cloud import FakeClock

PID = "abcdef0123456789abcdef0123456789"
OTHER = "123456abcdef0123456789abcdef0123"


class FakeClient:
    """Answers GET/POST from scripted replies and records every call."""

    def __init__(self, replies=None, pages=None, listings=None):
        self.replies = dict(replies or {})  # (method, path) -> list of ApiResponse / exception / None
        self.pages = pages or {}  # path -> list of item lists
        self.listings = listings or {}  # path -> what successive listings return (one page each), the last repeating
        self.calls = []

    def _next(self, method, path):
        queue = self.replies[(method, path)]
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        return reply

    def get_optional(self, path, params=None):
        self.calls.append(("GET", path))
        return self._next("GET", path)

    def post(self, path, body=None, params=None, headers=None):
        self.calls.append(("POST", path))
        return self._next("POST", path)

    def paginate(self, path, items_key, params=None):
        if path in self.listings:
            self.calls.append(("LIST", path))
            queue = self.listings[path]
            return list(queue.pop(0) if len(queue) > 1 else queue[0])
        items = []
        for page in self.pages.get(path, [[]]):
            self.calls.append(("LIST", path))
            items.extend(page)
        return items


def es_project(**overrides):
    project = {
        "id": PID,
        "name": "search",
        "alias": "search-abcdef",
        "region_id": "aws-us-east-1",
        "type": "elasticsearch",
        "metadata": {"tags": {"env": "prod", "team": "a"}},
        "traffic_filters": [{"id": "f1"}, {"id": "f2"}],
        "optimized_for": "general_purpose",
        "search_lake": {"search_power": 100, "boost_window": 7},
    }
    project.update(overrides)
    return project


def security_project(**overrides):
    project = {
        "id": PID,
        "name": "soc",
        "alias": "soc-abcdef",
        "region_id": "aws-us-east-1",
        "type": "security",
        "metadata": {},
        "admin_features_package": "standard",
        "product_types": [
            {"product_line": "security", "product_tier": "complete"},
            {"product_line": "cloud", "product_tier": "complete"},
        ],
        "search_lake": {"data_retention": {"max_retention_days": 396, "default_retention_days": 396}},
    }
    project.update(overrides)
    return project


# -- paths and lookups -------------------------------------------------------------------------
def test_project_path():
    assert project_api.project_path("security") == "/api/v1/serverless/projects/security"
    assert (
        project_api.project_path("observability", PID, "status") == "/api/v1/serverless/projects/observability/%s/status" % PID
    )


def test_project_path_rejects_unknown_type():
    with pytest.raises(project_options.ProjectError, match="type must be one of elasticsearch, observability, security"):
        project_api.project_path("vectordb")


def test_find_by_id_is_one_get():
    path = project_api.project_path("elasticsearch", PID)
    client = FakeClient({("GET", path): [ApiResponse(200, es_project(), {"ETag": '"e1"'})]})
    assert project_api.find_project(client, "elasticsearch", id=PID)["id"] == PID
    assert client.calls == [("GET", path)]


def test_find_by_id_missing_is_none():
    client = FakeClient({("GET", project_api.project_path("elasticsearch", PID)): [None]})
    assert project_api.find_project(client, "elasticsearch", id=PID) is None


def test_find_by_name_follows_every_page():
    path = project_api.project_path("elasticsearch")
    client = FakeClient(pages={path: [[es_project(id=OTHER, name="other")], [es_project()]]})
    assert project_api.find_project(client, "elasticsearch", name="search")["id"] == PID
    assert client.calls == [("LIST", path), ("LIST", path)]


def test_find_by_name_is_exact():
    client = FakeClient(pages={project_api.project_path("elasticsearch"): [[es_project(name="Search")]]})
    assert project_api.find_project(client, "elasticsearch", name="search") is None


def test_two_projects_with_the_name_fail_naming_both_ids():
    client = FakeClient(pages={project_api.project_path("elasticsearch"): [[es_project(), es_project(id=OTHER)]]})
    with pytest.raises(UsageError) as caught:
        project_api.find_project(client, "elasticsearch", name="search")
    assert PID in str(caught.value) and OTHER in str(caught.value)
    assert "set id" in str(caught.value)


# -- waits --------------------------------------------------------------------------------------
def status(phase):
    return ApiResponse(200, {"phase": phase}, {})


def test_wait_returns_at_once_when_already_there():
    path = project_api.project_path("security", PID, "status")
    client, clock = FakeClient({("GET", path): [status("initialized")]}), FakeClock()
    assert project_api.wait_for_phase(client, "security", PID, sleep=clock.sleep, clock=clock)["phase"] == "initialized"
    assert client.calls == [("GET", path)] and clock.sleeps == []


def test_wait_after_a_change_reads_one_second_later_then_backs_off_to_five_seconds():
    path = project_api.project_path("elasticsearch", PID, "status")
    client, clock = FakeClient({("GET", path): [status("initializing")] * 5 + [status("initialized")]}), FakeClock()
    project_api.wait_for_phase(client, "elasticsearch", PID, sleep=clock.sleep, clock=clock, after_change=True)
    assert clock.sleeps == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]  # a sleep before each of the six reads
    assert len(client.calls) == 6


def test_wait_without_a_change_reads_at_once_then_backs_off():
    path = project_api.project_path("elasticsearch", PID, "status")
    client, clock = FakeClient({("GET", path): [status("initializing")] * 3 + [status("initialized")]}), FakeClock()
    project_api.wait_for_phase(client, "elasticsearch", PID, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == [1.0, 2.0, 4.0]


@pytest.mark.parametrize("timeout", [0.5, 1.5, 7.2])
def test_wait_never_reads_a_status_twice_within_a_second_even_near_the_deadline(timeout):
    client = FakeClient({("GET", project_api.project_path("elasticsearch", PID, "status")): [status("initializing")]})
    clock = FakeClock()
    with pytest.raises(project_options.ProjectError, match="Timed out"):
        project_api.wait_for_phase(client, "elasticsearch", PID, timeout=timeout, sleep=clock.sleep, clock=clock)
    assert min(clock.sleeps) >= 1.0


def test_wait_timeout_names_the_last_phase():
    client = FakeClient({("GET", project_api.project_path("elasticsearch", PID, "status")): [status("initializing")]})
    clock = FakeClock()
    with pytest.raises(project_options.ProjectError, match="Timed out after 10 seconds .* last phase seen: initializing"):
        project_api.wait_for_phase(client, "elasticsearch", PID, timeout=10, sleep=clock.sleep, clock=clock)
    assert clock.now == 10


def test_wait_for_deletion_ends_on_404():
    path = project_api.project_path("elasticsearch", PID, "status")
    client, clock = FakeClient({("GET", path): [status("deleting"), None]}), FakeClock()
    assert project_api.wait_for_phase(client, "elasticsearch", PID, phase=None, sleep=clock.sleep, clock=clock) is None
    assert len(client.calls) == 2


def test_wait_for_deletion_timeout_says_so():
    client = FakeClient({("GET", project_api.project_path("elasticsearch", PID, "status")): [status("deleting")]})
    clock = FakeClock()
    with pytest.raises(project_options.ProjectError, match="to be deleted; last phase seen: deleting"):
        project_api.wait_for_phase(client, "elasticsearch", PID, phase=None, timeout=3, sleep=clock.sleep, clock=clock)


# -- credentials file ------------------------------------------------------------------------------
def test_credentials_file_is_private_json(tmp_path):
    target = tmp_path / "creds.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    project_api.write_credentials_file(str(target), {"username": "admin", "password": "s3cret"})
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert json.loads(target.read_text()) == {"username": "admin", "password": "s3cret"}
    assert os.listdir(tmp_path) == ["creds.json"]


# -- create without duplicates ------------------------------------------------------------------------
NO_WAIT = {"sleep": lambda seconds: None}


def test_lost_create_response_adopts_the_project():
    path = project_api.project_path("elasticsearch")
    client = FakeClient({("POST", path): [ElasticCloudError("reset", status=None)]}, pages={path: [[es_project()]]})
    project, adopted = project_api.create_project(client, "elasticsearch", {"name": "search", "region_id": "aws-us-east-1"}, **NO_WAIT)
    assert adopted and project["id"] == PID
    assert client.calls == [("POST", path), ("LIST", path)]


def test_a_create_that_lands_late_is_adopted_within_the_lookup_window():
    path = project_api.project_path("elasticsearch")
    client = FakeClient({("POST", path): [ElasticCloudError("timed out", status=None)]}, listings={path: [[], [], [es_project()]]})
    slept = []
    project, adopted = project_api.create_project(
        client, "elasticsearch", {"name": "search", "region_id": "aws-us-east-1"}, sleep=slept.append
    )
    assert adopted and project["id"] == PID
    assert client.calls == [("POST", path), ("LIST", path), ("LIST", path), ("LIST", path)] and slept == [1, 2, 4]


@pytest.mark.parametrize("status", [None, 502, 504])
def test_a_lost_create_is_never_sent_again(status):
    path = project_api.project_path("elasticsearch")
    client = FakeClient({("POST", path): [ElasticCloudError("POST failed", status=status)]}, pages={path: [[]]})
    slept = []
    with pytest.raises(ElasticCloudError) as caught:
        project_api.create_project(client, "elasticsearch", {"name": "search", "region_id": "aws-us-east-1"}, sleep=slept.append)
    assert [call[0] for call in client.calls] == ["POST", "LIST", "LIST", "LIST", "LIST"] and sum(slept) == 15
    assert "The create may still complete on the server: run the task again to adopt what it made" in caught.value.message
    assert str(caught.value) == caught.value.message


def test_create_rejected_by_the_api_is_not_retried():
    path = project_api.project_path("elasticsearch")
    client = FakeClient({("POST", path): [ElasticCloudError("bad", status=400)]})
    with pytest.raises(ElasticCloudError):
        project_api.create_project(client, "elasticsearch", {"name": "search", "region_id": "aws-us-east-1"})
    assert client.calls == [("POST", path)]


# -- aliases and tags ------------------------------------------------------------------------------------
def test_alias_label_drops_the_id_suffix():
    assert project_options.alias_label(es_project(alias="my-search-abcdef")) == "my-search"
    assert project_options.alias_label(es_project(alias="unrelated")) == "unrelated"


def test_tags_patch_sets_changed_and_removes_missing():
    assert project_options.tags_patch({"a": "1", "b": "2"}, {"a": "1", "c": "3"}) == {"c": "3", "b": None}
    assert project_options.tags_patch({"a": "1", "b": "2"}, {"a": "9"}, purge=False) == {"a": "9"}
    assert project_options.tags_patch({"a": "1"}, {"a": "1"}) == {}


# -- option validation ------------------------------------------------------------------------------------
def params(**values):
    base = {name: None for names in project_options.TYPE_OPTIONS.values() for name in names}
    base.update(values)
    return base


@pytest.mark.parametrize(
    "project_type, values, message",
    [
        ("observability", {"optimized_for": "vector"}, "optimized_for does not apply to observability projects"),
        ("elasticsearch", {"product_tier": "complete"}, "product_tier does not apply to elasticsearch projects"),
        (
            "elasticsearch",
            {"product_types": [{}], "admin_features_package": "standard"},
            "admin_features_package, product_types do not apply to elasticsearch",
        ),
        ("observability", {"search_lake": {"search_power": 10}}, "search_lake does not apply to observability"),
        ("security", {"search_lake": {"search_power": 200}}, "search_lake.search_power does not apply to security"),
        (
            "elasticsearch",
            {"search_lake": {"data_retention": {"max_retention_days": 30}}},
            "search_lake.data_retention",
        ),
        (
            "security",
            {"search_lake": {"data_retention": {"max_retention_days": 30, "default_retention_days": 60}}},
            "default_retention_days \\(60\\) cannot exceed max_retention_days \\(30\\)",
        ),
    ],
)
def test_options_of_another_type_are_rejected(project_type, values, message):
    with pytest.raises(project_options.ProjectError, match=message):
        project_options.check_options(project_type, params(**values))


@pytest.mark.parametrize(
    "project_type, values",
    [
        ("elasticsearch", {"optimized_for": "vector", "search_lake": {"search_power": 200, "data_retention": None}}),
        ("observability", {"product_tier": "logs_essentials"}),
        (
            "security",
            {"admin_features_package": "enterprise", "search_lake": {"search_power": None, "data_retention": {}}},
        ),
    ],
)
def test_options_of_the_type_are_accepted(project_type, values):
    project_options.check_options(project_type, params(**values))


# -- patch computation ------------------------------------------------------------------------------------
def wanted(project_type, **values):
    base = dict(params(), name=None, alias=None, region_id=None, tags=None, traffic_filters=None)
    base.update(values)
    return project_options.desired_state(project_type, base)


def test_nothing_differs_nothing_sent():
    want = wanted(
        "elasticsearch",
        name="search",
        alias="search",
        region_id="aws-us-east-1",
        tags={"env": "prod", "team": "a"},
        traffic_filters=["f2", "f1"],
        optimized_for="general_purpose",
        search_lake={"search_power": 100, "boost_window": None, "data_retention": None},
    )
    assert project_options.compute_patch(es_project(), want) == ({}, [])


def test_only_the_differing_field_is_sent():
    patch, immutable = project_options.compute_patch(
        es_project(), wanted("elasticsearch", name="search", search_lake={"search_power": 250, "boost_window": 7})
    )
    assert patch == {"search_lake": {"search_power": 250}} and immutable == []


def test_alias_is_compared_without_the_suffix_and_case():
    assert project_options.compute_patch(es_project(alias="my-alias-abcdef"), wanted("elasticsearch", alias="My-Alias"))[0] == {}
    assert project_options.compute_patch(es_project(alias="my-alias-abcdef"), wanted("elasticsearch", alias="new"))[0] == {
        "alias": "new"
    }


def test_tag_drift_is_corrected():
    patch = project_options.compute_patch(es_project(), wanted("elasticsearch", tags={"env": "dev"}))[0]
    assert patch == {"metadata": {"tags": {"env": "dev", "team": None}}}


def test_tags_without_purge_only_add():
    patch = project_options.compute_patch(es_project(), wanted("elasticsearch", tags={"extra": "x"}), purge_tags=False)[0]
    assert patch == {"metadata": {"tags": {"extra": "x"}}}


def test_traffic_filter_drift_sends_the_whole_list():
    assert project_options.compute_patch(es_project(), wanted("elasticsearch", traffic_filters=["f1"]))[0] == {
        "traffic_filters": [{"id": "f1"}]
    }
    assert project_options.compute_patch(es_project(), wanted("elasticsearch", traffic_filters=[]))[0] == {"traffic_filters": []}


def test_immutable_fields_are_reported_not_patched():
    patch, immutable = project_options.compute_patch(
        es_project(), wanted("elasticsearch", region_id="gcp-us-central1", optimized_for="vector", name="x")
    )
    assert patch == {"name": "x"} and immutable == ["region_id", "optimized_for"]
    error = project_options.immutable_error(
        "elasticsearch", es_project(), immutable, {"region_id": "gcp-us-central1", "optimized_for": "vector"}
    )
    assert "region_id and optimized_for cannot change after creation" in str(error)
    assert "'aws-us-east-1', not 'gcp-us-central1'" in str(error)


def test_security_fields_are_updated_in_place():
    want = wanted(
        "security",
        admin_features_package="enterprise",
        product_types=[
            {"product_line": "cloud", "product_tier": "complete"},
            {"product_line": "security", "product_tier": "complete"},
        ],
        search_lake={
            "search_power": None,
            "boost_window": None,
            "data_retention": {"max_retention_days": 396, "default_retention_days": 30},
        },
    )
    patch, immutable = project_options.compute_patch(security_project(), want)
    # product_types in another order are the same set; retention sends only the changed sub-field
    assert patch == {
        "admin_features_package": "enterprise",
        "search_lake": {"data_retention": {"default_retention_days": 30}},
    }
    assert immutable == []


def test_security_product_types_change_sends_the_list():
    types = [{"product_line": "security", "product_tier": "essentials"}]
    assert project_options.compute_patch(security_project(), wanted("security", product_types=types))[0] == {"product_types": types}


def test_observability_product_tier():
    project = {"id": PID, "name": "o", "alias": "o-abcdef", "product_tier": "complete", "metadata": {}}
    assert project_options.compute_patch(project, wanted("observability", product_tier="logs_essentials"))[0] == {
        "product_tier": "logs_essentials"
    }


def test_diff_view_shows_managed_fields_only():
    before, after = project_options.diff_view(es_project(), wanted("elasticsearch", tags={"env": "dev"}))
    assert before == {"name": "search", "tags": {"env": "prod", "team": "a"}}
    assert after == {"name": "search", "tags": {"env": "dev"}}
    assert project_options.diff_view(None, {"name": "n"}) == ({}, {"name": "n"})


def test_create_body():
    body = project_options.create_body(
        wanted(
            "elasticsearch",
            name="n",
            region_id="r",
            tags={},
            traffic_filters=["f"],
            search_lake={"search_power": 50, "boost_window": None, "data_retention": None},
        )
    )
    assert body == {
        "name": "n",
        "region_id": "r",
        "traffic_filters": [{"id": "f"}],
        "search_lake": {"search_power": 50},
    }
    assert project_options.create_body({"name": "n", "tags": {"a": "b"}})["metadata"] == {"tags": {"a": "b"}}


@pytest.mark.parametrize("phase", ["deleting", "suspended"])
def test_wait_fails_at_once_on_a_phase_that_will_not_end(phase):
    client = FakeClient({("GET", project_api.project_path("elasticsearch", PID, "status")): [status(phase)]})
    clock = FakeClock()
    with pytest.raises(project_options.ProjectError, match="is in phase %s and will not reach phase initialized" % phase) as caught:
        project_api.wait_for_phase(client, "elasticsearch", PID, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == []
    assert ("resume it first" in str(caught.value)) is (phase == "suspended")
