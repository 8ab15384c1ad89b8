"""Serverless projects for every project type."""

import re

import pytest

from spec_client import Client, error_code

from elastic_cloud_emulator.cli import parse_args
from elastic_cloud_emulator.control import Emulator

BASE = "/api/v1/serverless/projects"
TYPES = ("elasticsearch", "observability", "security")


def create(client, project_type="elasticsearch", **fields):
    body = {"name": "My Project", "region_id": "aws-us-east-1", **fields}
    response = client.post(f"{BASE}/{project_type}", json=body)
    assert response.status_code == 201, response.text
    return response


@pytest.mark.parametrize("project_type", TYPES)
def test_create_returns_credentials_endpoints_and_etag(client, project_type):
    response = create(client, project_type, metadata={"tags": {"env": "prod"}})
    project = response.json()
    assert re.fullmatch(r"[a-f0-9]{32}", project["id"])
    assert project["alias"] == f"my-project-{project['id'][:6]}"
    assert project["type"] == project_type
    assert project["credentials"]["username"] == "admin" and project["credentials"]["password"]
    assert project["endpoints"]["elasticsearch"] == f"https://{project['alias']}.es.us-east-1.aws.elastic.cloud"
    assert project["cloud_id"].startswith(project["alias"] + ":")
    assert project["metadata"]["created_by"] == "admin"
    assert project["metadata"]["organization_id"] == "org-emulator"
    assert project["metadata"]["tags"] == {"env": "prod"}
    assert response.headers["ETag"]
    fetched = client.get(f"{BASE}/{project_type}/{project['id']}")
    assert "credentials" not in fetched.json()
    assert fetched.headers["ETag"] == response.headers["ETag"]


def test_type_specific_defaults(client):
    assert {**create(client).json()}["optimized_for"] == "general_purpose"
    assert create(client).json()["search_lake"] == {"search_power": 100, "boost_window": 7}
    assert create(client, "observability").json()["product_tier"] == "complete"
    assert set(create(client, "observability").json()["endpoints"]) == {"elasticsearch", "kibana", "apm", "ingest"}
    security = create(client, "security").json()
    assert security["admin_features_package"] == "standard"
    assert [entry["product_line"] for entry in security["product_types"]] == ["security", "cloud", "endpoint"]
    assert security["search_lake"] == {"data_retention": {"max_retention_days": 396, "default_retention_days": 396}}


def test_type_specific_values_are_kept(client):
    project = create(client, optimized_for="vector", search_lake={"search_power": 250}, alias="Custom").json()
    assert project["optimized_for"] == "vector"
    assert project["search_lake"] == {"search_power": 250, "boost_window": 7}
    assert project["alias"].startswith("custom-")
    tier = create(client, "observability", product_tier="logs_essentials").json()["product_tier"]
    assert tier == "logs_essentials"
    security = create(
        client,
        "security",
        admin_features_package="enterprise",
        product_types=[{"product_line": "security", "product_tier": "essentials"}],
        search_lake={"data_retention": {"max_retention_days": 30}},
    ).json()
    assert security["admin_features_package"] == "enterprise"
    assert security["search_lake"]["data_retention"] == {"max_retention_days": 30, "default_retention_days": 30}


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "x", "region_id": "aws-us-east-1", "unknown": 1}, "unknown"),
        ({"region_id": "aws-us-east-1"}, "name"),
        ({"name": 7, "region_id": "aws-us-east-1"}, "name"),
        ({"name": "x", "region_id": "aws-us-east-1", "alias": "-bad-"}, "alias"),
        ({"name": "x", "region_id": "aws-us-east-1", "search_lake": {"search_power": 1}}, "search_lake.search_power"),
        ({"name": "x", "region_id": "aws-us-east-1", "optimized_for": "speed"}, "optimized_for"),
        ({"name": "x", "region_id": "aws-us-east-1", "metadata": {"tags": {"env": "Prod!"}}}, "metadata.tags.env"),
        ({"name": "x", "region_id": "aws-us-east-1", "metadata": {"tags": {"Env": "prod"}}}, "metadata.tags.Env"),
        ({"name": "x", "region_id": "aws-mars-1"}, "region_id"),
    ],
)
def test_create_rejects_invalid_bodies(client, body, field):
    response = client.post(f"{BASE}/elasticsearch", json=body)
    assert response.status_code == 400
    assert field in response.json()["errors"][0]["fields"]


def test_create_rejects_malformed_json_and_closed_regions(client):
    response = client.post(f"{BASE}/elasticsearch", data="{nope", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert error_code(response) == "root.invalid_json_request"
    closed = client.post(f"{BASE}/elasticsearch", json={"name": "x", "region_id": "azure-westeurope"})
    assert closed.status_code == 422


def test_unknown_and_malformed_ids_are_404(client):
    for project_id in ("0" * 32, "not-an-id"):
        response = client.get(f"{BASE}/elasticsearch/{project_id}")
        assert response.status_code == 404
        assert error_code(response) == "projects.not_found"
    project_id = create(client).json()["id"]
    assert client.get(f"{BASE}/security/{project_id}").status_code == 404


def test_patch_changes_only_given_fields(client):
    created = create(client, metadata={"tags": {"env": "prod", "team": "a"}}).json()
    url = f"{BASE}/elasticsearch/{created['id']}"
    response = client.patch(url, json={"name": "Renamed", "metadata": {"tags": {"team": None, "tier": "gold"}}})
    assert response.status_code == 200
    patched = response.json()
    assert patched["name"] == "Renamed"
    # A rename re-derives an alias that was derived from the name, and the endpoints and cloud ID with it.
    assert patched["alias"] == f"renamed-{created['id'][:6]}" != created["alias"]
    assert patched["endpoints"]["elasticsearch"].startswith(f"https://renamed-{created['id'][:6]}.es.")
    assert patched["cloud_id"] != created["cloud_id"]
    assert patched["metadata"]["tags"] == {"env": "prod", "tier": "gold"}
    assert patched["search_lake"] == created["search_lake"]
    assert response.headers["ETag"] != create(client).headers["ETag"]


def test_a_rename_keeps_an_alias_the_user_chose(client):
    created = create(client, alias="chosen").json()
    url = f"{BASE}/elasticsearch/{created['id']}"
    renamed = client.patch(url, json={"name": "Renamed"}).json()
    assert (renamed["alias"], renamed["cloud_id"]) == (created["alias"], created["cloud_id"])
    both = client.patch(url, json={"name": "Again", "alias": "other"}).json()
    assert both["alias"] == f"other-{created['id'][:6]}"


def test_patch_alias_and_search_lake(client):
    project_id = create(client, search_lake={"search_power": 500, "boost_window": 20}).json()["id"]
    url = f"{BASE}/elasticsearch/{project_id}"
    patched = client.patch(url, json={"alias": "fresh", "search_lake": {"search_power": None}}).json()
    assert patched["alias"] == f"fresh-{project_id[:6]}"
    assert patched["endpoints"]["kibana"].startswith(f"https://fresh-{project_id[:6]}.kb.")
    assert patched["search_lake"] == {"search_power": 100, "boost_window": 20}
    assert client.patch(url, json={"search_lake": None}).json()["search_lake"]["boost_window"] == 7


def test_patch_removing_last_tag_drops_tags(client):
    project_id = create(client, metadata={"tags": {"env": "prod"}}).json()["id"]
    patched = client.patch(f"{BASE}/elasticsearch/{project_id}", json={"metadata": {"tags": {"env": None}}}).json()
    assert "tags" not in patched["metadata"]


def test_patch_type_specific_fields(client):
    obs_id = create(client, "observability").json()["id"]
    tier = client.patch(f"{BASE}/observability/{obs_id}", json={"product_tier": "logs_essentials"}).json()
    assert tier["product_tier"] == "logs_essentials"
    sec_id = create(client, "security").json()["id"]
    url = f"{BASE}/security/{sec_id}"
    unlimited = client.patch(url, json={"search_lake": {"data_retention": {"max_retention_days": None}}}).json()
    assert unlimited["search_lake"]["data_retention"] == {"max_retention_days": None, "default_retention_days": 396}
    bad = client.patch(url, json={"search_lake": {"data_retention": {"max_retention_days": 10}}})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["fields"] == ["search_lake.data_retention.default_retention_days"]
    types = client.patch(url, json={"product_types": None}).json()["product_types"]
    assert len(types) == 3


@pytest.mark.parametrize(
    "body", [{"optimized_for": "vector"}, {"region_id": "aws-eu-west-1"}, {"metadata": {"tags": {}}}, {"name": ""}]
)
def test_patch_rejects_invalid_bodies(client, body):
    project_id = create(client).json()["id"]
    assert client.patch(f"{BASE}/elasticsearch/{project_id}", json=body).status_code == 400


def test_if_match_guards_patch_and_delete(client):
    response = create(client)
    url = f"{BASE}/elasticsearch/{response.json()['id']}"
    stale = response.headers["ETag"]
    assert client.patch(url, json={"name": "one"}, headers={"If-Match": stale}).status_code == 200
    conflict = client.patch(url, json={"name": "two"}, headers={"If-Match": stale})
    assert conflict.status_code == 412
    assert client.delete(url, headers={"If-Match": stale}).status_code == 412
    current = client.get(url).headers["ETag"]
    assert client.patch(url, json={"name": "two"}, headers={"If-Match": current}).status_code == 200
    assert client.patch(url, json={"name": "three"}, headers={"If-Match": "*"}).status_code == 200


def test_status_goes_from_initializing_to_initialized(client, emulator):
    emulator.clock(freeze=True)
    project_id = create(client).json()["id"]
    status = client.get(f"{BASE}/elasticsearch/{project_id}/status").json()
    assert status["phase"] == "initializing"
    emulator.clock(advance=0.35)
    assert client.get(f"{BASE}/elasticsearch/{project_id}/status").json()["phase"] == "initialized"


def test_delete_goes_through_deleting_then_404(client, emulator):
    emulator.clock(freeze=True)
    project_id = create(client).json()["id"]
    url = f"{BASE}/elasticsearch/{project_id}"
    response = client.delete(url)
    assert response.status_code == 200 and response.content == b""
    assert client.get(f"{url}/status").json()["phase"] == "deleting"
    assert client.delete(url).status_code == 200
    assert client.patch(url, json={"name": "late"}).status_code == 409
    assert client.post(f"{url}/_reset-credentials").status_code == 409
    emulator.clock(advance=0.35)
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(f"{BASE}/elasticsearch").json()["items"] == []


def test_reset_credentials_gives_a_new_password(client):
    created = create(client).json()
    response = client.post(f"{BASE}/elasticsearch/{created['id']}/_reset-credentials")
    assert response.status_code == 200
    assert response.json()["username"] == "admin"
    assert response.json()["password"] != created["credentials"]["password"]
    assert client.post(f"{BASE}/elasticsearch/{'1' * 32}/_reset-credentials").status_code == 404


def test_resume_only_suspended_projects(client, emulator):
    emulator.clock(freeze=True)
    project_id = create(client, "security").json()["id"]
    url = f"{BASE}/security/{project_id}"
    assert client.post(f"{url}/_resume").status_code == 409
    import requests

    requests.post(f"{emulator.url}/_emulator/projects/security/{project_id}/_suspend", json={"reason": "trial expired"})
    assert client.get(f"{url}/status").json()["phase"] == "suspended"
    assert client.get(url).json()["metadata"]["suspended_reason"] == "trial expired"
    response = client.post(f"{url}/_resume")
    assert response.status_code == 200 and response.headers["ETag"]
    assert client.get(f"{url}/status").json()["phase"] == "initializing"
    assert "suspended_at" not in client.get(url).json()["metadata"]


def test_roles_and_can_delete(client):
    project_id = create(client, "observability").json()["id"]
    roles = client.get(f"{BASE}/observability/{project_id}/roles").json()
    assert [role["name"] for role in roles[project_id]["roles"]] == ["admin", "editor", "viewer"]
    verdict = client.get(f"{BASE}/observability/{project_id}/_can-delete").json()
    assert verdict == {"linked_projects": [], "monitored_projects": [], "can_be_deleted": True}


def test_linked_projects_block_deletion(client):
    target = create(client, name="target").json()["id"]
    origin = create(client, "security", name="origin", linked={"projects": {target: {"type": "elasticsearch"}}}).json()
    assert origin["linked"] == {"projects": {target: {"status": "enabled", "type": "elasticsearch"}}}
    verdict = client.get(f"{BASE}/elasticsearch/{target}/_can-delete").json()
    assert verdict["can_be_deleted"] is False
    assert verdict["linked_projects"][0]["id"] == origin["id"]
    assert client.delete(f"{BASE}/elasticsearch/{target}").status_code == 409
    linked_list = client.get(f"{BASE}/security", params={"linked": target}).json()["items"]
    assert [item["id"] for item in linked_list] == [origin["id"]]
    client.patch(f"{BASE}/security/{origin['id']}", json={"linked": None})
    assert client.delete(f"{BASE}/elasticsearch/{target}").status_code == 200
    wrong_type = client.post(
        f"{BASE}/security",
        json={
            "name": "x",
            "region_id": "aws-us-east-1",
            "linked": {"projects": {origin["id"]: {"type": "elasticsearch"}}},
        },
    )
    assert wrong_type.status_code == 400


def test_list_filters_by_tags(client):
    create(client, name="a", metadata={"tags": {"env": "prod", "team": "x"}})
    create(client, name="b", metadata={"tags": {"env": "dev"}})
    create(client, "observability", name="c", metadata={"tags": {"env": "prod"}})

    def names(response):
        return sorted(item["name"] for item in response.json()["items"])

    assert names(client.get(f"{BASE}/elasticsearch", params={"tags[env]": "prod"})) == ["a"]
    assert names(client.get(f"{BASE}/elasticsearch", params={"tags[env]": "prod", "tags[team]": "y"})) == []
    assert names(client.get(f"{BASE}/elasticsearch")) == ["a", "b"]
    bad = client.get(f"{BASE}/elasticsearch", params={"tags[env]": "PROD!"})
    assert bad.status_code == 400


def test_list_paginates_with_next_page(client):
    created = [create(client, name=f"p{number}").json()["id"] for number in range(7)]
    seen, token, pages = [], None, 0
    while True:
        body = client.get(f"{BASE}/elasticsearch", params={"next_page": token} if token else None).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        token = body.get("next_page")
        if not token:
            break
    assert seen == created and pages == 3
    bad = client.get(f"{BASE}/elasticsearch", params={"next_page": "garbage"})
    assert bad.status_code == 400


@pytest.mark.parametrize("variant", ["same-token", "fresh-token"])
def test_ignore_page_cursor_answers_the_first_page_every_time(variant):
    with Emulator("--page-size", "2", "--ignore-page-cursor", variant) as emulator:
        client = Client(emulator)
        created = [create(client, name=f"p{number}").json()["id"] for number in range(3)]
        first = client.get(f"{BASE}/elasticsearch").json()
        again = client.get(f"{BASE}/elasticsearch", params={"next_page": first["next_page"]}).json()
        assert [item["id"] for item in first["items"]] == created[:2]
        assert again["items"] == first["items"]
        assert (again["next_page"] == first["next_page"]) is (variant == "same-token")
        # The ignored cursor is not even read: garbage is no error.
        assert client.get(f"{BASE}/elasticsearch", params={"next_page": "garbage"}).status_code == 200


def test_ignore_page_cursor_flag_defaults_to_the_same_token():
    assert parse_args(["--ignore-page-cursor"]).ignore_page_cursor == "same-token"
    assert parse_args([]).ignore_page_cursor is None


def test_projects_are_scoped_per_type(client):
    create(client, "security")
    assert client.get(f"{BASE}/elasticsearch").json() == {"items": []}
    assert len(client.get(f"{BASE}/security").json()["items"]) == 1


def test_state_hook_shows_projects_without_credentials(client, emulator):
    project_id = create(client).json()["id"]
    state = emulator.state()
    assert [project["id"] for project in state["projects"]["elasticsearch"]] == [project_id]
    assert "credentials" not in state["projects"]["elasticsearch"][0]
    assert state["projects"]["security"] == []


def test_link_candidates(client):
    tagged = {"metadata": {"tags": {"team": "search"}}}
    origin = create(client, name="origin", **tagged).json()
    security = create(client, "security", name="sec", region_id="gcp-us-central1", **tagged).json()
    observability = create(client, "observability", name="obs", **tagged).json()
    client.patch(
        f"{BASE}/elasticsearch/{origin['id']}", json={"linked": {"projects": {security["id"]: {"type": "security"}}}}
    )
    url = f"{BASE}/elasticsearch/{origin['id']}/link-candidates"
    items = {item["id"]: item for item in client.get(url).json()["items"]}
    assert set(items) == {security["id"], observability["id"]}
    assert items[security["id"]]["linked"] is True and items[observability["id"]]["linked"] is False
    assert items[security["id"]]["csp"] == "gcp" and items[security["id"]]["alias"] == "sec"

    def only(**params):
        return [item["id"] for item in client.get(url, params=params).json()["items"]]

    assert only(types="observability") == [observability["id"]]
    assert only(csp="gcp") == [security["id"]]
    assert only(region="aws-us-east-1", name="obs") == [observability["id"]]
    assert only(**{"tags[team]": "other"}) == []


@pytest.mark.parametrize("query", ["tags[]=true", "tags=prod", "tags[Env]=prod", "tags[a][b]=c"])
def test_a_malformed_tags_filter_is_rejected(client, query):
    for path in (f"{BASE}/elasticsearch", f"{BASE}/elasticsearch/{create(client).json()['id']}/link-candidates"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400 and response.json()["errors"][0]["fields"] == ["tags"]


def test_link_candidates_leave_out_empty_tags(client):
    untagged = create(client, name="plain").json()["id"]
    tagged = client.post(
        f"{BASE}/elasticsearch", json={"name": "tagged", "region_id": "aws-us-east-1", "metadata": {"tags": {"env": "prod"}}}
    ).json()["id"]
    items = {item["id"]: item for item in client.get(f"{BASE}/elasticsearch/{tagged}/link-candidates").json()["items"]}
    assert "tags" not in items[untagged]
    candidates = client.get(f"{BASE}/elasticsearch/{untagged}/link-candidates?tags[env]=prod").json()["items"]
    assert [item["id"] for item in candidates] == [tagged] and candidates[0]["tags"] == {"env": "prod"}


def test_a_monitored_project_cannot_be_deleted(client, emulator):
    project_id = create(client).json()["id"]
    monitor = {"id": "f" * 32, "type": "observability"}
    emulator.set_monitored("elasticsearch", project_id, [monitor])
    verdict = client.get(f"{BASE}/elasticsearch/{project_id}/_can-delete").json()
    assert verdict == {"linked_projects": [], "monitored_projects": [monitor], "can_be_deleted": False}
    response = client.delete(f"{BASE}/elasticsearch/{project_id}")
    assert response.status_code == 409 and error_code(response) == "projects.monitored"
    emulator.set_monitored("elasticsearch", project_id, [])
    assert client.get(f"{BASE}/elasticsearch/{project_id}/_can-delete").json()["can_be_deleted"] is True
    assert client.delete(f"{BASE}/elasticsearch/{project_id}").status_code == 200


def test_only_link_candidates_can_be_linked(client, emulator):
    emulator.clock(freeze=True)
    origin = create(client, name="origin").json()["id"]
    going = create(client, name="going").json()["id"]
    assert client.delete(f"{BASE}/elasticsearch/{going}").status_code == 200
    candidates = client.get(f"{BASE}/elasticsearch/{origin}/link-candidates").json()["items"]
    assert going not in [item["id"] for item in candidates]
    response = client.patch(f"{BASE}/elasticsearch/{origin}", json={"linked": {"projects": {going: {"type": "elasticsearch"}}}})
    assert response.status_code == 400
    itself = client.patch(f"{BASE}/elasticsearch/{origin}", json={"linked": {"projects": {origin: {"type": "elasticsearch"}}}})
    assert itself.status_code == 400


def test_a_link_left_out_of_a_patch_is_kept(client):
    first, second = (create(client, name=name).json()["id"] for name in ("first", "second"))
    origin = create(client, "security", name="origin", linked={"projects": {first: {"type": "elasticsearch"}}}).json()
    url = f"{BASE}/security/{origin['id']}"
    patched = client.patch(url, json={"linked": {"projects": {second: {"type": "elasticsearch"}}}}).json()
    assert sorted(patched["linked"]["projects"]) == sorted([first, second])
    patched = client.patch(url, json={"linked": {"projects": {first: None}}}).json()
    assert list(patched["linked"]["projects"]) == [second]
