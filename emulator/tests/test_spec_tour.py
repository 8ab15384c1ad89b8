"""Every endpoint, driven through the statuses it can answer; the client validates each response."""

import pytest
import requests

from spec_client import error_code

TYPES = ("elasticsearch", "observability", "security")
UNKNOWN_PROJECT = "0" * 32


@pytest.mark.parametrize("project_type", TYPES)
def test_project_endpoints_for_each_type(client, emulator, project_type):
    base = f"/api/v1/serverless/projects/{project_type}"
    tags = {"metadata": {"tags": {"env": "test"}}}
    project = client.post(base, json={"name": "tour", "region_id": "aws-us-east-1", **tags}).json()
    other = client.post(base, json={"name": "other", "region_id": "aws-eu-west-1", **tags}).json()
    url = f"{base}/{project['id']}"
    assert client.post(base, json={"name": "tour"}).status_code == 400
    assert client.post(base, json={"name": "x", "region_id": "azure-westeurope"}).status_code == 422
    assert len(client.get(base).json()["items"]) == 2
    assert client.get(url).status_code == 200
    assert client.patch(url, json={"name": "tour-2"}).status_code == 200
    assert client.patch(url, json={"name": "x"}, headers={"If-Match": '"stale"'}).status_code == 412
    assert client.patch(url, json={"unknown": True}).status_code == 400
    assert client.get(f"{url}/status").status_code == 200
    assert client.post(f"{url}/_reset-credentials").status_code == 200
    assert client.post(f"{url}/_resume").status_code == 409
    requests.post(f"{emulator.url}/_emulator/projects/{project_type}/{project['id']}/_suspend")
    assert client.post(f"{url}/_resume", headers={"If-Match": '"stale"'}).status_code == 412
    assert client.post(f"{url}/_resume").status_code == 200
    assert client.get(f"{url}/_can-delete").json()["can_be_deleted"] is True
    candidates = client.get(f"{url}/link-candidates").json()["items"]
    assert [item["id"] for item in candidates] == [other["id"]]
    assert project["id"] in client.get(f"{url}/roles").json()
    for method, suffix in (
        ("GET", ""),
        ("PATCH", ""),
        ("DELETE", ""),
        ("GET", "/status"),
        ("POST", "/_reset-credentials"),
        ("POST", "/_resume"),
        ("GET", "/_can-delete"),
        ("GET", "/link-candidates"),
        ("GET", "/roles"),
    ):
        body = {"name": "x"} if method == "PATCH" else None
        missing = client.request(method, f"{base}/{UNKNOWN_PROJECT}{suffix}", json=body)
        assert missing.status_code == 404 and error_code(missing) == "projects.not_found", (method, suffix)
    assert client.delete(url, headers={"If-Match": '"stale"'}).status_code == 412
    assert client.delete(url).status_code == 200
    assert client.post(f"{url}/_reset-credentials").status_code == 409
    assert client.get(base, auth="ApiKey nope").status_code == 401


def test_traffic_filter_error_statuses(client):
    base = "/api/v1/serverless/traffic-filters"
    created = client.post(base, json={"name": "f", "region": "aws-us-east-1", "type": "ip"}).json()
    assert client.patch(f"{base}/{created['id']}", json={"rules": [{"source": "nope"}]}).status_code == 400
    assert client.patch(f"{base}/{'f' * 32}", json={"name": "x"}).status_code == 404
    assert client.get(base, params={"include_by_default": "maybe"}).status_code == 400
    assert client.get(f"{base}/metadata", params={"region": ""}).status_code == 400
    assert client.get(base, auth="").status_code == 401


def test_cloud_error_statuses(client):
    assert client.delete("/api/v1/users/admin/auth/keys/nope").status_code == 404
    assert client.delete("/api/v1/users/auth/keys/nope").status_code == 404
    assert client.get("/api/v1/billing/costs/other/deployments/d/charts").status_code == 403
    assert client.get("/api/v1/billing/costs/org-emulator/deployments/d/charts", params={"to": "x"}).status_code == 400
    assert client.get("/api/v1/account", auth="").status_code == 401
    assert client.get("/api/v1/comments/elasticsearch/x", auth="").status_code == 401
