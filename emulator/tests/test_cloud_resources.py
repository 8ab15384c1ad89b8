"""Cloud API: comments, account trust settings and billing charts."""

import pytest

from spec_client import error_code

COMMENTS = "/api/v1/comments/elasticsearch/deployment-1"
CHARTS = "/api/v1/billing/costs/org-emulator/charts"


def test_comment_lifecycle_with_versions(client):
    created = client.post(COMMENTS, json={"message": "Upgrade planned"})
    assert created.status_code == 201
    comment = created.json()
    assert comment["user_id"] == "admin"
    assert created.headers["x-cloud-resource-version"] == "1"
    url = f"{COMMENTS}/{comment['id']}"
    listed = client.get(COMMENTS).json()["values"]
    assert [entry["comment"] for entry in listed] == [comment]
    assert listed[0]["metadata"]["version"] == "1"
    stale = client.put(url, params={"version": "7"}, json={"message": "nope"})
    assert stale.status_code == 409 and error_code(stale) == "comments.version_conflict"
    updated = client.put(url, params={"version": "1"}, json={"message": "Upgrade done"})
    assert updated.json()["message"] == "Upgrade done"
    assert updated.headers["x-cloud-resource-version"] == "2"
    assert client.get(url).headers["x-cloud-resource-version"] == "2"
    assert client.delete(url, params={"version": "1"}).status_code == 409
    assert client.delete(url, params={"version": "2"}).json() == {}
    missing = client.get(url)
    assert missing.status_code == 404 and error_code(missing) == "comments.comment_does_not_exist"


def test_comments_are_scoped_to_their_resource(client):
    comment = client.post(COMMENTS, json={"message": "hello"}).json()
    other = "/api/v1/comments/kibana/deployment-1"
    assert client.get(other).json() == {"values": []}
    assert client.get(f"{other}/{comment['id']}").status_code == 404
    assert client.put(f"{other}/{comment['id']}", json={"message": "x"}).status_code == 404


def test_comment_errors(client):
    unknown_type = client.post("/api/v1/comments/toaster/t1", json={"message": "hi"})
    assert unknown_type.status_code == 404 and error_code(unknown_type) == "comments.resource_does_not_exist"
    assert client.post(COMMENTS, json={"text": "hi"}).status_code == 400
    assert client.put(f"{COMMENTS}/nope", json={"message": "x"}).status_code == 404
    assert client.delete(f"{COMMENTS}/nope").status_code == 404


def test_account_get_put_patch(client):
    assert client.get("/api/v1/account").json() == {"id": "acct-emulator", "trust": {"trust_all": True}}
    put = client.put("/api/v1/account", json={"trust": {"trust_all": False}})
    assert put.json()["trust"] == {"trust_all": False}
    assert client.get("/api/v1/account").json()["trust"] == {"trust_all": False}
    assert client.patch("/api/v1/account", json={"trust": None}).json()["trust"] == {"trust_all": True}
    assert client.patch("/api/v1/account", json={"trust": {"trust_all": False}}).json()["trust"]["trust_all"] is False
    assert client.patch("/api/v1/account", json={}).json()["trust"]["trust_all"] is False


@pytest.mark.parametrize(
    "method, body",
    [
        ("PUT", {"trust": {"trust_all": "yes"}}),
        ("PUT", {"owner": "me"}),
        ("PATCH", {"trust": {"extra": 1}}),
        ("PATCH", []),
    ],
)
def test_account_rejects_invalid_changes(client, method, body):
    assert client.request(method, "/api/v1/account", json=body).status_code == 400


def test_charts_daily_and_monthly(client):
    daily = client.get(CHARTS, params={"from": "2026-01-01T00:00:00Z", "to": "2026-01-03T12:00:00Z"}).json()["data"]
    assert len(daily) == 3
    assert daily[1]["timestamp"] - daily[0]["timestamp"] == 86400
    assert {value["id"] for value in daily[0]["values"]} == {"capacity", "data_transfer", "storage"}
    again = client.get(CHARTS, params={"from": "2026-01-01T00:00:00Z", "to": "2026-01-03T12:00:00Z"}).json()["data"]
    assert again == daily
    monthly = client.get(CHARTS, params={"from": "2025-11-15", "to": "2026-02-01", "bucketing_strategy": "monthly"})
    assert len(monthly.json()["data"]) == 4
    assert client.get(CHARTS).status_code == 200


def test_deployment_charts(client):
    url = "/api/v1/billing/costs/org-emulator/deployments/d-123/charts"
    data = client.get(url, params={"from": "2026-01-01", "to": "2026-01-02"}).json()["data"]
    assert len(data) == 2


@pytest.mark.parametrize(
    "params, code",
    [
        ({"from": "2026-02-01", "to": "2026-01-01"}, "costs.invalid_date_range"),
        ({"from": "yesterday"}, "costs.invalid_date_range"),
        ({"bucketing_strategy": "hourly"}, "root.invalid_data"),
    ],
)
def test_charts_reject_bad_ranges(client, params, code):
    response = client.get(CHARTS, params=params)
    assert response.status_code == 400
    assert error_code(response) == code


def test_charts_of_other_organizations_are_forbidden(client):
    response = client.get("/api/v1/billing/costs/org-other/charts")
    assert response.status_code == 403
    assert error_code(response) == "organization.invalid_access"
