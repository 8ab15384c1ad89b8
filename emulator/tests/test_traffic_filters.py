"""Serverless traffic filters and their effect on projects."""

import pytest

from spec_client import Client, error_code

from elastic_cloud_emulator.control import Emulator

BASE = "/api/v1/serverless/traffic-filters"
PROJECTS = "/api/v1/serverless/projects"


def create_filter(client, **fields):
    body = {"name": "office", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "10.0.0.0/8"}], **fields}
    response = client.post(BASE, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_crud_round_trip(client):
    created = create_filter(client, description="Office network")
    assert len(created["id"]) == 32 and created["include_by_default"] is False
    url = f"{BASE}/{created['id']}"
    fetched = client.get(url)
    assert fetched.json() == created and fetched.headers["ETag"]
    patched = client.patch(url, json={"name": "office-2", "rules": [{"source": "192.168.1.1"}]}).json()
    assert patched["name"] == "office-2" and patched["description"] == "Office network"
    assert [item["id"] for item in client.get(BASE).json()["items"]] == [created["id"]]
    deleted = client.delete(url)
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(url).status_code == 404
    assert error_code(client.delete(url)) == "traffic_filters.not_found"


def test_list_filters_by_region_and_default_flag(client):
    create_filter(client, name="a", include_by_default=True)
    create_filter(client, name="b", region="aws-eu-west-1")

    def names(**params):
        return [item["name"] for item in client.get(BASE, params=params).json()["items"]]

    # The spec's default of include_by_default=false applies to a plain list: "a" is hidden.
    assert names() == ["b"]
    assert names(region="aws-us-east-1") == []
    assert names(include_by_default="true") == ["a"]
    assert names(include_by_default="false") == ["b"]


def test_list_all_flag_returns_every_filter_from_a_plain_list():
    with Emulator("--traffic-filter-list-all") as emulator:
        client = Client(emulator)
        create_filter(client, name="a", include_by_default=True)
        create_filter(client, name="b", region="aws-eu-west-1")

        def names(**params):
            return [item["name"] for item in client.get(BASE, params=params).json()["items"]]

        assert names() == ["a", "b"]
        assert names(region="aws-us-east-1") == ["a"]
        assert names(include_by_default="true") == ["a"]
        assert names(include_by_default="false") == ["b"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"rules": [{"source": "not-an-ip"}]}, "rules.0.source"),
        ({"rules": [{"description": "no source"}]}, "rules.0.source"),
        ({"region": "aws-mars-1"}, "region"),
        ({"type": "private_endpoint"}, "type"),
        ({"type": "carrier-pigeon"}, "type"),
        ({"name": ""}, "name"),
    ],
)
def test_create_rejects_invalid_filters(client, fields, field):
    body = {"name": "x", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "1.2.3.4"}], **fields}
    response = client.post(BASE, json=body)
    assert response.status_code == 400
    assert field in response.json()["errors"][0]["fields"]


def test_patch_changes_only_the_fields_the_spec_declares(client):
    created = create_filter(client)
    url = f"{BASE}/{created['id']}"
    response = client.patch(url, json={"type": "vpce", "region": "gcp-us-central1", "id": "x", "name": "y"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"] == ["id", "region", "type"]
    assert client.get(url).json() == created


def test_duplicate_names_conflict(client):
    create_filter(client)
    response = client.post(BASE, json={"name": "office", "region": "aws-us-east-1", "type": "ip"})
    assert response.status_code == 409


def test_filters_attach_to_projects(client):
    default = create_filter(client, name="default", include_by_default=True)
    vpce = create_filter(client, name="link", type="vpce", rules=[{"source": "vpce-0123"}])
    project = client.post(f"{PROJECTS}/elasticsearch", json={"name": "p", "region_id": "aws-us-east-1"}).json()
    assert project["traffic_filters"] == [{"id": default["id"]}]
    assert "private_endpoints" not in project
    url = f"{PROJECTS}/elasticsearch/{project['id']}"
    patched = client.patch(url, json={"traffic_filters": [{"id": vpce["id"]}]}).json()
    assert patched["traffic_filters"] == [{"id": vpce["id"]}]
    assert patched["private_endpoints"]["elasticsearch"].endswith(".es.private.us-east-1.aws.elastic.cloud")
    listed = client.get(f"{PROJECTS}/elasticsearch", params={"traffic_filter": vpce["id"]}).json()["items"]
    assert [item["id"] for item in listed] == [project["id"]]
    in_use = client.delete(f"{BASE}/{vpce['id']}")
    assert in_use.status_code == 409
    assert client.patch(url, json={"traffic_filters": None}).json()["traffic_filters"] == []
    assert client.delete(f"{BASE}/{vpce['id']}").status_code == 204


def test_projects_reject_unknown_or_foreign_region_filters(client):
    elsewhere = create_filter(client, region="aws-eu-west-1")
    for filter_id in ("f" * 32, elsewhere["id"]):
        response = client.post(
            f"{PROJECTS}/elasticsearch",
            json={"name": "p", "region_id": "aws-us-east-1", "traffic_filters": [{"id": filter_id}]},
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["fields"] == ["traffic_filters.0.id"]


def test_metadata_filters_by_region_and_csp(client):
    everything = client.get(f"{BASE}/metadata").json()["regions"]
    assert {entry["region"] for entry in everything} >= {"aws-us-east-1", "gcp-us-central1", "azure-eastus"}
    one = client.get(f"{BASE}/metadata", params={"region": "aws-eu-west-1"}).json()["regions"]
    assert [entry["region"] for entry in one] == ["aws-eu-west-1"]
    assert one[0]["private_hosted_zone_domain_name"] == "private.eu-west-1.aws.elastic.cloud"
    gcp = client.get(f"{BASE}/metadata", params={"csp": "gcp"}).json()["regions"]
    assert {entry["csp"] for entry in gcp} == {"gcp"}
    assert client.get(f"{BASE}/metadata", params={"region": "nowhere"}).json() == {"regions": []}
