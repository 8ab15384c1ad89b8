"""The flags that show other readings of the real API for deployments: refused deletes, hidden shut-down ones."""

import pytest

from elastic_cloud_emulator.control import Emulator
from spec_client import Client

BASE = "/api/v1/deployments"
PLAN_DELAY = 2.0


@pytest.fixture(scope="module")
def strict():
    with Emulator("--plan-delay", str(PLAN_DELAY), "--refuse-deployment-delete", "--hide-shut-down-deployments") as running:
        running.clock(freeze=True)
        yield running


def shut_down(client, emulator, name):
    """A deployment made and then shut down, both plans applied on the clock; its id."""
    created = client.post(BASE, params={"template_id": "aws-general-purpose"}, json={"name": name, "region": "aws-us-east-1"})
    assert created.status_code == 201, created.text
    deployment_id = created.json()["id"]
    emulator.clock(advance=PLAN_DELAY + 1)
    assert client.post(f"{BASE}/{deployment_id}/_shutdown").status_code == 200
    return deployment_id


def names_found(client, name):
    query = {"query": {"match": {"name": {"query": name}}}}
    searched = [d["name"] for d in client.post(f"{BASE}/_search", json=query).json()["deployments"]]
    listed = [d["name"] for d in client.get(BASE).json()["deployments"] if d["name"] == name]
    return searched, listed


def test_delete_answers_a_proxys_405(strict):
    client = Client(strict)
    deployment_id = shut_down(client, strict, "refused")
    strict.clock(advance=PLAN_DELAY)
    refused = client.delete(f"{BASE}/{deployment_id}", validate=False)  # not an answer the spec lists
    assert refused.status_code == 405 and "Method Not Allowed" in refused.text
    assert refused.headers["Content-Type"].startswith("text/html")
    assert client.get(f"{BASE}/{deployment_id}").status_code == 200


def test_shut_down_deployments_leave_searches_and_lists_but_not_get(strict):
    client = Client(strict)
    deployment_id = shut_down(client, strict, "hidden")
    assert names_found(client, "hidden") == (["hidden"], ["hidden"])  # still stopping: listed
    strict.clock(advance=PLAN_DELAY)
    assert names_found(client, "hidden") == ([], [])
    assert client.get(f"{BASE}/{deployment_id}").json()["name"] == "hidden"
    assert client.post(f"{BASE}/{deployment_id}/_restore").status_code == 200
    assert names_found(client, "hidden") == (["hidden"], ["hidden"])  # restarting: listed again


def test_by_default_shut_down_deployments_are_found_and_deleted(client, emulator):
    emulator.clock(freeze=True)
    deployment_id = shut_down(client, emulator, "plain")
    emulator.clock(advance=PLAN_DELAY)
    assert names_found(client, "plain") == (["plain"], ["plain"])
    assert client.delete(f"{BASE}/{deployment_id}").status_code == 200


def test_a_migrated_deployment_restores_on_its_new_template(client, emulator):
    emulator.clock(freeze=True)
    deployment_id = shut_down(client, emulator, "moved")
    emulator.clock(advance=PLAN_DELAY)
    assert client.post(f"{BASE}/{deployment_id}/_restore").status_code == 200
    emulator.clock(advance=PLAN_DELAY)
    url = f"{BASE}/{deployment_id}"
    migration = client.get(f"{url}/migrate_template", params={"template_id": "aws-cpu-optimized"}).json()
    migration["resources"] = {kind: found for kind, found in migration["resources"].items() if found}
    assert client.put(url, json=migration).status_code == 200
    emulator.clock(advance=PLAN_DELAY)
    assert client.post(f"{url}/_shutdown").status_code == 200
    emulator.clock(advance=PLAN_DELAY)
    assert client.post(f"{url}/_restore").status_code == 200
    emulator.clock(advance=PLAN_DELAY)
    shown = client.get(url, params={"show_plan_history": "true"}).json()
    es = shown["resources"]["elasticsearch"][0]["info"]
    assert es["status"] == "started" and "error" not in es["plan_info"]["history"][-1]
    assert es["plan_info"]["current"]["plan"]["deployment_template"] == {"id": "aws-cpu-optimized"}
