"""The journal keeps the JSON body of writes, so tests can prove what a client sent."""

PROJECTS = "/api/v1/serverless/projects/elasticsearch"


def test_writes_are_journaled_with_their_body_reads_without(client, emulator):
    created = client.post(PROJECTS, json={"name": "journaled", "region_id": "aws-us-east-1"}).json()
    client.patch(f"{PROJECTS}/{created['id']}", json={"search_lake": {"search_power": 250}})
    client.get(f"{PROJECTS}/{created['id']}")
    client.delete(f"{PROJECTS}/{created['id']}")
    post, patch, get, delete = emulator.journal()
    assert post["body"] == {"name": "journaled", "region_id": "aws-us-east-1"}
    assert patch["body"] == {"search_lake": {"search_power": 250}}
    assert "body" not in get and "body" not in delete


def test_rejected_writes_keep_their_body_too(client, emulator):
    client.post(PROJECTS, json={"name": "bad", "region_id": "nowhere-1"})
    assert emulator.journal()[-1]["status"] == 400
    assert emulator.journal()[-1]["body"] == {"name": "bad", "region_id": "nowhere-1"}


def test_login_bodies_are_journaled_without_the_password(client, emulator):
    client.post("/api/v1/users/auth/_login", json={"username": "admin", "password": "admin-password"}, auth="")
    entry = emulator.journal()[-1]
    assert entry["status"] == 200 and entry["body"] is None
    assert "admin-password" not in str(emulator.journal())
