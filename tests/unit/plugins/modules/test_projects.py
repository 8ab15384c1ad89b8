"""projects: item validation, one listing per type, creates first, results in input order, waiting for all together."""

import functools
import hashlib

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _project_api as project_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import connection_argument_spec
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import ProjectError
from ansible_collections.elastic_cloud.cloud.plugins.modules import projects as projects_module
from ansible_collections.elastic_cloud.cloud.plugins.modules.projects import Projects

from .fake_cloud import FakeClock, FakeModule, Failed, ScriptedClient

BASE = "/api/v1/serverless/projects/"
REGIONS = {"elasticsearch": "aws-us-east-1", "observability": "gcp-us-central1", "security": "azure-eastus"}


def pid(project_type, name):
    return hashlib.md5((project_type + name).encode()).hexdigest()


def api_project(project_type, name, **fields):
    project_id = pid(project_type, name)
    project = {
        "id": project_id,
        "name": name,
        "type": project_type,
        "alias": "%s-%s" % (name, project_id[:6]),
        "region_id": REGIONS[project_type],
        "metadata": {},
        "endpoints": {"elasticsearch": "https://%s.es" % name},
        "cloud_id": name + ":abc",
    }
    project.update(fields)
    return project


class FakeCloud(ScriptedClient):
    """Lists, reads, creates, patches and deletes projects held in ``existing``.

    A new project is initialized ``init_seconds`` (by type, or for all) after its creation on ``clock``.
    """

    def __init__(self, existing=(), init_seconds=0, clock=None):
        super().__init__({})
        self.projects = {project["id"]: project for project in existing}
        self.init_seconds = init_seconds
        self.clock = clock or (lambda: 0.0)
        self.ready_at = {}
        for project_type in REGIONS:
            self.routes[("GET", BASE + project_type)] = functools.partial(self._list, project_type)
            self.routes[("POST", BASE + project_type)] = functools.partial(self._create, project_type)
        for project in existing:
            self._route(project)

    def _list(self, project_type, call):
        return {"items": [p for p in self.projects.values() if p["type"] == project_type]}

    def _create(self, project_type, call):
        project = api_project(project_type, call["body"]["name"])
        self.projects[project["id"]] = project
        delay = self.init_seconds[project_type] if isinstance(self.init_seconds, dict) else self.init_seconds
        self.ready_at[project["id"]] = self.clock() + delay
        self._route(project)
        return ApiResponse(201, dict(project, credentials={"username": "admin", "password": "pw-" + project["name"]}), {})

    def _route(self, project):
        path = BASE + project["type"] + "/" + project["id"]
        self.routes[("GET", path)] = lambda call: ApiResponse(200, self.projects[project["id"]], {"ETag": '"e1"'})
        self.routes[("PATCH", path)] = lambda call: dict(self.projects[project["id"]], **call["body"])
        self.routes[("DELETE", path)] = lambda call: self._delete(project["id"])
        self.routes[("GET", path + "/status")] = lambda call: self._status(project["id"], path)

    def _delete(self, project_id):
        self.ready_at[project_id] = "deleting"

    def _status(self, project_id, path):
        ready_at = self.ready_at.get(project_id, 0.0)
        if ready_at == "deleting":
            del self.routes[("GET", path + "/status")]  # gone at the next read
            return {"phase": "deleting"}
        return {"phase": "initialized" if self.clock() >= ready_at else "initializing"}

    def statuses(self):
        """The ids whose status was read, in order."""
        return [path.split("/")[-2] for method, path in self.paths() if path.endswith("/status")]

    def paths(self):
        return [(c["method"], c["path"]) for c in self.calls]


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(
        projects_module, "wait_for_phases", functools.partial(project_api.wait_for_phases, sleep=fake.sleep, clock=fake)
    )
    return fake


def run(client, items, check_mode=False, **params):
    """Like fake_cloud.run_module, with a module whose fail_json raises Failed (the result it was given)."""
    spec = dict(connection_argument_spec(), **Projects.module_options)
    full = {name: option.get("default") for name, option in spec.items()}
    full.update(params, projects=items)
    bound = type("Bound", (Projects,), {"_build_client": lambda self: client})
    instance = bound(FakeModule(full, check_mode=check_mode))
    result = instance.finish(instance.run())
    if instance.module.warnings:
        result["warnings"] = instance.module.warnings
    return result


def item(name, project_type="elasticsearch", **options):
    return dict(options, name=name, type=project_type, region_id=REGIONS[project_type])


# -- item validation --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad, message",
    [
        ({"name": "a", "state": "gone"}, r"projects\[1\] \(elasticsearch a\): value of state must be one of"),
        ({"name": "a", "colour": "red"}, r"projects\[1\] \(elasticsearch a\): unsupported parameters: colour"),
        ({"region_id": "aws-us-east-1"}, r"projects\[1\] .*one of the following is required: id, name"),
        ({"name": "a", "product_types": [{"product_line": "security"}]}, r"projects\[1\] .*product_tier found in product_types"),
        ({"name": "a", "wait": False}, r"projects\[1\] .*unsupported parameters: wait"),
        ({"name": "a", "product_tier": "complete"}, r"projects\[1\] \(elasticsearch a\): product_tier does not apply"),
        ("a", r"projects\[1\] must be a dict"),
    ],
)
def test_a_bad_item_fails_naming_its_index_and_field_before_any_call(bad, message):
    client = FakeCloud()
    with pytest.raises(ProjectError, match=message):
        run(client, [item("fine"), bad])
    assert client.calls == []


def test_the_same_project_twice_is_refused_before_any_call():
    client = FakeCloud()
    with pytest.raises(ProjectError, match=r"projects\[0\] and projects\[2\] are both the observability project with name 'x'"):
        run(client, [item("x", "observability"), item("x"), item("x", "observability", tags={"a": "b"})])
    assert client.calls == []


def test_item_defaults_come_from_the_project_spec():
    params = projects_module.check_item(0, {"name": "n"})
    assert params["type"] == "elasticsearch" and params["state"] == "present" and params["purge_tags"] is True


# -- lookups and order ----------------------------------------------------------------------------------------
def test_nothing_to_change_is_one_listing_per_type_and_results_in_input_order(clock):
    existing = [api_project("elasticsearch", "a"), api_project("observability", "b"), api_project("elasticsearch", "c")]
    client = FakeCloud(existing)
    result = run(client, [item("c"), item("b", "observability"), item("a")])
    assert result["changed"] is False and "diff" not in result
    assert client.paths() == [("GET", BASE + "elasticsearch"), ("GET", BASE + "observability")]
    assert [project["name"] for project in result["projects"]] == ["c", "b", "a"]
    assert result["credentials"] == {}


def test_items_by_id_are_matched_in_the_listing():
    existing = api_project("security", "soc")
    client = FakeCloud([existing])
    result = run(client, [{"id": existing["id"], "type": "security"}])
    assert result["changed"] is False and result["projects"][0]["id"] == existing["id"]
    assert client.paths() == [("GET", BASE + "security")]


def test_unknown_id_fails_like_the_project_module():
    client = FakeCloud()
    with pytest.raises(Failed, match=r"projects\[0\] \(security %s\): No security project has id" % ("f" * 32)):
        run(client, [{"id": "f" * 32, "type": "security"}])
    assert client.writes() == []


def test_new_projects_are_created_first_then_updated_and_deleted(clock):
    existing = [api_project("elasticsearch", "old"), api_project("security", "gone")]
    client = FakeCloud(existing)
    items = [item("old", alias="renamed"), {"name": "gone", "type": "security", "state": "absent"}, item("new", "observability")]
    result = run(client, items)
    assert client.writes() == [
        ("POST", BASE + "observability"),
        ("PATCH", BASE + "elasticsearch/" + pid("elasticsearch", "old")),
        ("DELETE", BASE + "security/" + pid("security", "gone")),
    ]
    assert result["changed"] is True
    assert [project.get("name") for project in result["projects"]] == ["old", None, "new"]
    assert result["projects"][2]["status"]["phase"] == "initialized"
    assert "credentials" not in result["projects"][2]
    assert result["credentials"] == {"observability/new": {"username": "admin", "password": "pw-new"}}
    assert sorted(result["diff"]["before"]) == ["elasticsearch/old", "observability/new", "security/gone"]
    assert result["diff"]["after"]["elasticsearch/old"]["alias"] == "renamed"
    assert "pw-new" not in str(result["diff"])


def test_a_name_two_projects_share_fails_naming_both_ids_and_the_others_converge(clock):
    twins = [api_project("elasticsearch", "twin"), api_project("elasticsearch", "twin", id="f" * 32)]
    client = FakeCloud(twins)
    with pytest.raises(Failed) as caught:
        run(client, [item("twin"), item("fresh")])
    failure = caught.value.result
    assert twins[0]["id"] in failure["msg"] and "f" * 32 in failure["msg"] and "projects[0]" in failure["msg"]
    assert client.writes() == [("POST", BASE + "elasticsearch")]
    assert failure["credentials"] == {"elasticsearch/fresh": {"username": "admin", "password": "pw-fresh"}}
    assert failure["changed"] is True


def test_credentials_are_keyed_by_type_when_types_share_a_name(clock):
    result = run(FakeCloud(), [item("logs"), item("logs", "observability")])
    assert sorted(result["credentials"]) == ["elasticsearch/logs", "observability/logs"]


def test_credentials_files_are_written_for_new_projects(clock, tmp_path):
    target = tmp_path / "es.json"
    run(FakeCloud(), [item("a", credentials_file=str(target))])
    assert '"password": "pw-a"' in target.read_text()


def test_a_credentials_file_in_a_missing_directory_fails_that_item_before_it_is_created(clock, tmp_path):
    client = FakeCloud()
    with pytest.raises(Failed) as caught:
        run(client, [item("a", credentials_file=str(tmp_path / "missing" / "a.json")), item("b")])
    failure = caught.value.result
    assert "projects[0] (elasticsearch a): credentials_file" in failure["msg"]
    assert "does not exist or is not writable" in failure["msg"]
    assert client.writes() == [("POST", BASE + "elasticsearch")]  # b only: a's password would have been lost
    assert sorted(failure["credentials"]) == ["elasticsearch/b"]


def test_a_credentials_file_that_cannot_be_written_keeps_the_credentials_in_the_failure(clock, tmp_path, monkeypatch):
    def disk_full(path, credentials):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_converger.write_credentials_file", disk_full)
    with pytest.raises(Failed) as caught:
        run(FakeCloud(), [item("a", credentials_file=str(tmp_path / "a.json")), item("b")])
    failure = caught.value.result
    assert "projects[0] (elasticsearch a): the project was created but its credentials_file could not be written" in failure["msg"]
    assert sorted(failure["credentials"]) == ["elasticsearch/a", "elasticsearch/b"]
    assert [project["status"]["phase"] for project in failure["projects"]] == ["initialized", "initialized"]


# -- check mode ---------------------------------------------------------------------------------------------
def test_check_mode_reports_the_same_change_and_writes_nothing(clock):
    existing = [api_project("elasticsearch", "old"), api_project("security", "gone")]
    items = [item("old", tags={"env": "dev"}), {"name": "gone", "type": "security", "state": "absent"}, item("new")]
    client = FakeCloud(existing)
    checked = run(client, items, check_mode=True)
    assert checked["changed"] is True and client.writes() == []
    assert checked["projects"][2] == {"name": "new", "region_id": "aws-us-east-1", "type": "elasticsearch"}
    assert checked["credentials"] == {}
    unchanged = FakeCloud(existing)
    assert run(unchanged, [item("old")], check_mode=True)["changed"] is False


# -- waiting --------------------------------------------------------------------------------------------------
def test_new_projects_are_waited_for_together(clock):
    client = FakeCloud(init_seconds=4.0, clock=clock)
    result = run(client, [item("a"), item("b", "observability"), item("c", "security")])
    # Three projects ready four seconds after their creation take the sleeps of one: 1 s, then 2, then 4 (at 7 s).
    assert clock.sleeps == [1.0, 2.0, 4.0]
    ids = [pid("elasticsearch", "a"), pid("observability", "b"), pid("security", "c")]
    # The first round reads all three; later rounds stop at the first project not ready; the last reads all.
    assert client.statuses() == ids + ids[:1] + ids
    assert [project["status"]["phase"] for project in result["projects"]] == ["initialized"] * 3


def test_a_slower_first_project_does_not_delay_the_end(clock):
    client = FakeCloud(init_seconds={"elasticsearch": 2.0, "observability": 0.5, "security": 0.5}, clock=clock)
    run(client, [item("a"), item("b", "observability"), item("c", "security")])
    assert clock.now == 1.0 + 2.0  # the first poll after 2 seconds
    ids = [pid("elasticsearch", "a"), pid("observability", "b"), pid("security", "c")]
    assert client.statuses() == ids + ids[:1]  # b and c, ready in the first round, are not read again


def test_existing_projects_are_not_waited_for(clock):
    client = FakeCloud([api_project("elasticsearch", "a")], init_seconds=1.0, clock=clock)
    run(client, [item("a"), item("b")])
    assert set(client.statuses()) == {pid("elasticsearch", "b")}


def test_wait_for_all_also_waits_for_existing_projects(clock):
    client = FakeCloud([api_project("elasticsearch", "a")], init_seconds=1.0, clock=clock)
    result = run(client, [item("a"), item("b")], wait_for="all")
    assert set(client.statuses()) == {pid("elasticsearch", "a"), pid("elasticsearch", "b")}
    assert [project["status"]["phase"] for project in result["projects"]] == ["initialized"] * 2
    assert client.writes() == [("POST", BASE + "elasticsearch")]


def test_no_wait_reads_no_status(clock):
    client = FakeCloud(init_seconds=1.0, clock=clock)
    result = run(client, [item("a")], wait=False)
    assert client.statuses() == []
    assert "status" not in result["projects"][0] and clock.sleeps == []


def test_timeout_names_every_pending_project_and_keeps_the_credentials(clock):
    client = FakeCloud(init_seconds=1000, clock=clock)
    with pytest.raises(Failed) as caught:
        run(client, [item("a"), item("b", "security")], wait_timeout=5)
    failure = caught.value.result
    assert "Timed out after 5 seconds waiting for 2 projects" in failure["msg"]
    assert "elasticsearch project %s (a) to reach phase initialized; last phase seen: initializing" % pid("elasticsearch", "a") in failure["msg"]
    assert "security project %s (b) to reach phase initialized; last phase seen: initializing" % pid("security", "b") in failure["msg"]
    assert sorted(failure["credentials"]) == ["elasticsearch/a", "security/b"] and clock.now == 5


def test_deletions_are_waited_for_until_gone(clock):
    doomed = api_project("observability", "old")
    client = FakeCloud([doomed])
    result = run(client, [{"name": "old", "type": "observability", "state": "absent"}])
    assert result["changed"] is True and result["projects"] == [{}]
    assert client.paths()[-2:] == [("GET", BASE + "observability/%s/status" % doomed["id"])] * 2


def test_the_wait_polls_in_the_order_the_changes_were_sent(clock):
    doomed = api_project("security", "old")
    client = FakeCloud([doomed], init_seconds=1.0, clock=clock)
    run(client, [{"name": "old", "type": "security", "state": "absent"}, item("new", "observability")])
    # The first status read is the one before the DELETE (a project already going is not deleted again).
    assert client.statuses()[:3] == [doomed["id"], pid("observability", "new"), doomed["id"]]


# -- credentials_dir ----------------------------------------------------------------------------------------
def test_credentials_dir_keeps_secrets_in_private_files_and_out_of_the_result(clock, tmp_path):
    directory = tmp_path / "secrets"
    result = run(FakeCloud(), [item("a"), item("b", "security")], credentials_dir=str(directory))
    assert result["credentials"] == {}
    assert result["credentials_files"] == {
        "elasticsearch/a": str(directory / "elasticsearch-a.json"),
        "security/b": str(directory / "security-b.json"),
    }
    assert oct(directory.stat().st_mode & 0o777) == "0o700"
    written = directory / "elasticsearch-a.json"
    assert oct(written.stat().st_mode & 0o777) == "0o600" and '"password"' in written.read_text()


def test_credentials_dir_in_check_mode_creates_nothing(clock, tmp_path):
    directory = tmp_path / "secrets"
    client = FakeCloud()
    result = run(client, [item("a")], check_mode=True, credentials_dir=str(directory))
    assert result["changed"] is True and client.writes() == [] and not directory.exists()


@pytest.mark.parametrize("name", ["team/b", ".hidden", ".."])
def test_a_name_that_cannot_be_a_file_name_fails_before_any_call(clock, tmp_path, name):
    client = FakeCloud()
    with pytest.raises(ProjectError, match="cannot name its credentials file"):
        run(client, [item("ok"), item(name)], credentials_dir=str(tmp_path))
    assert client.calls == []
