"""Cloud API: password login, bearer sessions, API keys and the read-only user."""


import pytest

from spec_client import error_code

AUTH = "/api/v1/users/auth"
KEYS = f"{AUTH}/keys"
PROJECTS = "/api/v1/serverless/projects/elasticsearch"


def login(client, username="admin", password="admin-password"):
    response = client.post(f"{AUTH}/_login", json={"username": username, "password": password}, auth="")
    assert response.status_code == 200, response.text
    return response.json()["token"]


def bearer(token):
    return f"Bearer {token}"


def test_login_returns_a_jwt_and_expiry(client):
    response = client.post(f"{AUTH}/_login", json={"username": "admin", "password": "admin-password"}, auth="")
    body = response.json()
    assert body["token"].count(".") == 2
    assert body["session_expiration_time"].endswith("Z")


@pytest.mark.parametrize(
    "credentials", [{"username": "admin", "password": "wrong"}, {"username": "nobody", "password": "admin-password"}]
)
def test_login_rejects_bad_passwords(client, credentials):
    response = client.post(f"{AUTH}/_login", json=credentials, auth="")
    assert response.status_code == 401
    assert error_code(response) == "root.unauthenticated"


def test_login_validates_its_body(client):
    response = client.post(f"{AUTH}/_login", json={"username": "admin"}, auth="")
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"] == ["password"]


def test_login_with_state_path_redirects(client):
    body = {"username": "admin", "password": "admin-password", "login_state": {"path": "/home"}}
    response = client.post(f"{AUTH}/_login", json=body, auth="", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sso/token#")


def test_bearer_token_works_on_both_apis(client):
    token = login(client)
    assert client.get("/api/v1/serverless/regions", auth=bearer(token)).status_code == 200
    info = client.get(AUTH, auth=bearer(token)).json()
    assert info["refresh_token_url"] == f"{AUTH}/_refresh" and "expires_at" in info
    assert client.get(f"{AUTH}/methods", auth=bearer(token)).json()["password"] is True
    assert client.get(f"{AUTH}/methods").status_code == 200
    assert client.get(f"{AUTH}/methods", auth="").status_code == 401


def test_refresh_and_logout(client):
    token = login(client)
    refreshed = client.post(f"{AUTH}/_refresh", auth=bearer(token))
    assert refreshed.status_code == 200
    new_token = refreshed.json()["token"]
    assert new_token != token
    assert client.post(f"{AUTH}/_logout", auth=bearer(token)).status_code == 200
    assert client.get(AUTH, auth=bearer(token)).status_code == 401
    assert client.get(AUTH, auth=bearer(new_token)).status_code == 200
    rejected = client.post(f"{AUTH}/_refresh", auth=bearer(token))
    assert rejected.status_code == 401 and error_code(rejected) == "root.unauthorized"
    assert error_code(client.post(f"{AUTH}/_refresh")) == "root.unauthorized"


def test_tokens_expire_and_die_on_reset():
    from elastic_cloud_emulator.control import Emulator

    from spec_client import Client

    with Emulator("--token-ttl", "0.5") as emulator:
        client = Client(emulator)
        emulator.clock(freeze=True)
        token = login(client)
        assert client.get(AUTH, auth=bearer(token)).status_code == 200
        emulator.clock(advance=0.6)
        assert client.get(AUTH, auth=bearer(token)).status_code == 401
        token = login(client)
        emulator.reset()
        assert client.get(AUTH, auth=bearer(token)).status_code == 401


def test_tampered_token_is_rejected(client):
    header, payload, signature = login(client).split(".")
    forged = f"{header}.{payload}.{signature[::-1]}"
    assert client.get(AUTH, auth=bearer(forged)).status_code == 401


def test_readonly_user_reads_but_cannot_write(client):
    client.post(PROJECTS, json={"name": "p", "region_id": "aws-us-east-1"})
    readonly = bearer(login(client, "readonly", "readonly-password"))
    assert len(client.get(PROJECTS, auth=readonly).json()["items"]) == 1
    for method, path, body in (
        ("POST", PROJECTS, {"name": "p", "region_id": "aws-us-east-1"}),
        ("POST", KEYS, {"description": "mine"}),
        ("PUT", "/api/v1/account", {"trust": {"trust_all": False}}),
        ("DELETE", f"{KEYS}/anything", None),
    ):
        response = client.request(method, path, json=body, auth=readonly)
        assert response.status_code == 403, (method, path)
        assert error_code(response) == "root.unauthorized"
    assert client.post(f"{AUTH}/_refresh", auth=readonly).status_code == 200
    assert client.post(f"{AUTH}/_logout", auth=readonly).status_code == 200


def test_api_key_lifecycle(client):
    created = client.post(KEYS, json={"description": "ci", "expiration": "1d"})
    assert created.status_code == 201
    key = created.json()
    assert key["key"] and key["user_id"] == "admin" and key["organization_id"] == "org-emulator"
    assert "expiration_date" in key
    fetched = client.get(f"{KEYS}/{key['id']}").json()
    assert "key" not in fetched and fetched["description"] == "ci"
    assert key["id"] in [entry["id"] for entry in client.get(KEYS).json()["keys"]]
    assert all("key" not in entry for entry in client.get(KEYS).json()["keys"])
    assert client.get(PROJECTS, auth=f"ApiKey {key['key']}").status_code == 200
    assert client.delete(f"{KEYS}/{key['id']}").json() == {}
    assert client.get(PROJECTS, auth=f"ApiKey {key['key']}").status_code == 401
    missing = client.get(f"{KEYS}/{key['id']}")
    assert missing.status_code == 404 and error_code(missing) == "api_keys.key_not_found"


def test_new_keys_belong_to_their_creator(client):
    key = client.post(KEYS, json={"description": "made by key"}).json()
    token = login(client)
    own = client.post(KEYS, json={"description": "made by session"}, auth=bearer(token)).json()
    assert own["user_id"] == "admin"
    project = client.post(PROJECTS, json={"name": "p", "region_id": "aws-us-east-1"}, auth=f"ApiKey {key['key']}")
    assert project.json()["metadata"]["created_by"] == "admin"


@pytest.mark.parametrize("expiration", ["1x", "0d", "soon", "-3h"])
def test_bad_expirations_are_rejected(client, expiration):
    response = client.post(KEYS, json={"description": "x", "expiration": expiration})
    assert response.status_code == 400
    assert error_code(response) == "api_keys.invalid_input"
    assert response.json()["errors"][0]["fields"] == ["expiration"]


def test_create_key_validates_body(client):
    response = client.post(KEYS, json={"description": "x", "colour": "blue"})
    assert response.status_code == 400 and response.json()["errors"][0]["fields"] == ["colour"]
    assert client.post(KEYS, json={"description": 5}).status_code == 400
    assert client.post(KEYS).status_code == 400


def test_expired_keys_stop_authenticating(client, emulator):
    from elastic_cloud_emulator import clock

    emulator.clock(freeze=True)
    key = client.post(KEYS, json={"description": "short", "expiration": "1s"}).json()
    assert client.get(PROJECTS, auth=f"ApiKey {key['key']}").status_code == 200
    emulator.clock(advance=1.1)
    response = client.get(PROJECTS, auth=f"ApiKey {key['key']}")
    assert response.status_code == 401
    assert clock.parse_iso(key["expiration_date"]) < clock.parse_iso(emulator.clock()["now"])


def test_bulk_key_deletion(client):
    ids = [client.post(KEYS, json={"description": f"k{n}"}).json()["id"] for n in range(3)]
    assert client.request("DELETE", KEYS, json={"keys": ids[:2]}).status_code == 200
    remaining = {entry["id"] for entry in client.get(KEYS).json()["keys"]}
    assert ids[2] in remaining and not remaining & set(ids[:2])
    body = {"user_api_keys": [{"user_id": "admin", "api_key_id": ids[2]}]}
    assert client.request("DELETE", f"{KEYS}/_all", json=body).status_code == 200
    assert ids[2] not in {entry["id"] for entry in client.get(f"{KEYS}/_all").json()["keys"]}


def test_keys_of_named_users(client):
    key = client.post(KEYS, json={"description": "k"}).json()
    assert key["id"] in [entry["id"] for entry in client.get("/api/v1/users/admin/auth/keys").json()["keys"]]
    assert client.get("/api/v1/users/readonly/auth/keys").json() == {"keys": []}
    assert client.get(f"/api/v1/users/admin/auth/keys/{key['id']}").json()["id"] == key["id"]
    assert error_code(client.get(f"/api/v1/users/readonly/auth/keys/{key['id']}")) == "api_keys.key_not_found"
    assert error_code(client.get("/api/v1/users/ghost/auth/keys")) == "api_keys.user_not_found"
    assert error_code(client.delete("/api/v1/users/ghost/auth/keys")) == "api_keys.user_not_found"
    assert client.delete(f"/api/v1/users/admin/auth/keys/{key['id']}").status_code == 200
    assert client.get(f"/api/v1/users/admin/auth/keys/{key['id']}").status_code == 404
    session = bearer(login(client))
    assert client.delete("/api/v1/users/admin/auth/keys").status_code == 200
    assert client.get("/api/v1/serverless/regions").status_code == 401  # the seed key went too
    assert client.get(KEYS, auth=session).json() == {"keys": []}
