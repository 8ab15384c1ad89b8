"""Deployment extensions (cloud API): every answer checked against the spec."""

import pytest

from spec_client import error_code

BASE = "/api/v1/deployments/extensions"
DEPLOYMENTS = "/api/v1/deployments"


def create(client, **fields):
    body = {"name": "synonyms", "extension_type": "bundle", "version": "8.*", **fields}
    response = client.post(BASE, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def upload(client, extension_id, content, filename="synonyms.zip", **kwargs):
    return client.put(f"{BASE}/{extension_id}", files={"file": (filename, content, "application/zip")}, **kwargs)


def test_create_answers_a_repository_url_and_no_file_yet(client):
    created = client.post(BASE, json={"name": "synonyms", "extension_type": "bundle", "version": "8.*"})
    assert created.status_code == 201 and created.headers["x-cloud-resource-version"] == "1"
    extension = created.json()
    assert extension["id"].isdigit() and extension["url"] == f"repo://{extension['id']}"
    assert "file_metadata" not in extension and "deployments" not in extension
    assert client.get(BASE).json() == {"extensions": [extension]}
    assert client.get(f"{BASE}/{extension['id']}").json() == extension


def test_multipart_upload_records_the_file_and_a_new_upload_replaces_it(client):
    extension = create(client)
    uploaded = upload(client, extension["id"], b"PK\x03\x04 first archive \xff\x00")
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.headers["x-cloud-resource-version"] == "2"
    metadata = uploaded.json()["file_metadata"]
    assert metadata["size"] == len(b"PK\x03\x04 first archive \xff\x00")
    assert set(metadata) == {"size", "last_modified_date", "url"}
    again = upload(client, extension["id"], b"a longer second archive").json()
    assert again["file_metadata"]["size"] == len(b"a longer second archive")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": b"PK raw zip", "headers": {"Content-Type": "application/zip"}},  # the spec says multipart
        {"files": {"other": ("x.zip", b"PK")}},  # no part named file
        {"files": {"file": ("x.zip", b"")}},  # an empty archive
    ],
)
def test_uploads_the_spec_does_not_describe_are_refused(client, kwargs):
    extension = create(client)
    refused = client.put(f"{BASE}/{extension['id']}", **kwargs)
    assert refused.status_code == 400 and error_code(refused) == "extensions.request_execution_failed"
    assert "file_metadata" not in client.get(f"{BASE}/{extension['id']}").json()


def test_download_url_must_be_http_and_is_kept(client):
    refused = client.post(BASE, json={"name": "p", "extension_type": "plugin", "version": "8.15.0",
                                      "download_url": "ftp://example.com/p.zip"})  # fmt: skip
    assert refused.status_code == 400 and error_code(refused) == "extensions.request_execution_failed"
    extension = create(client, download_url="https://example.com/p.zip")
    assert extension["download_url"] == "https://example.com/p.zip" and extension["file_metadata"]["size"] > 0
    assert client.get(BASE).json()["extensions"] == [extension]


def test_update_replaces_metadata_but_never_the_type(client):
    extension = create(client, description="first")
    url = f"{BASE}/{extension['id']}"
    updated = client.post(url, json={"name": "renamed", "extension_type": "plugin", "version": "9.*"})
    assert updated.status_code == 200 and updated.headers["x-cloud-resource-version"] == "2"
    shown = updated.json()
    assert (shown["name"], shown["version"], shown["extension_type"]) == ("renamed", "9.*", "bundle")
    assert "description" not in shown
    assert client.post(url, json={"name": "x"}).status_code == 400


def test_unknown_extensions_answer_404(client):
    for method in ("GET", "POST", "DELETE"):
        kwargs = {"json": {"name": "n", "extension_type": "bundle", "version": "8.*"}} if method == "POST" else {}
        missing = client.request(method, f"{BASE}/1234567890", **kwargs)
        assert missing.status_code == 404 and error_code(missing) == "extensions.not_found"
    assert upload(client, "1234567890", b"PK").status_code == 404


def test_an_extension_a_plan_uses_cannot_be_deleted(client, emulator):
    extension = create(client)
    bundle = {"name": "synonyms", "url": extension["url"], "elasticsearch_version": "8.*"}
    body = {"name": "shop", "region": "aws-us-east-1"}
    deployment = client.post(DEPLOYMENTS, params={"template_id": "aws-general-purpose"}, json=body).json()
    shown = client.get(f"{DEPLOYMENTS}/{deployment['id']}").json()
    es = shown["resources"]["elasticsearch"][0]
    plan = es["info"]["plan_info"]["pending"]["plan"]
    plan["elasticsearch"]["user_bundles"] = [bundle]
    update = {"prune_orphans": False, "resources": {"elasticsearch": [{"ref_id": es["ref_id"], "region": es["region"],
                                                                       "plan": plan}]}}  # fmt: skip
    assert client.put(f"{DEPLOYMENTS}/{deployment['id']}", json=update).status_code == 200
    with_users = client.get(f"{BASE}/{extension['id']}", params={"include_deployments": "true"}).json()
    assert with_users["deployments"] == [deployment["id"]]
    refused = client.delete(f"{BASE}/{extension['id']}")
    assert refused.status_code == 400 and error_code(refused) == "extensions.extension_in_use"
    assert "shop" in refused.json()["errors"][0]["message"]
    plan["elasticsearch"]["user_bundles"] = []
    assert client.put(f"{DEPLOYMENTS}/{deployment['id']}", json=update).status_code == 200
    assert client.get(f"{BASE}/{extension['id']}", params={"include_deployments": "true"}).json()["deployments"] == []
    deleted = client.delete(f"{BASE}/{extension['id']}")
    assert deleted.status_code == 200 and deleted.json() == {}
    assert client.get(BASE).json() == {"extensions": []}
