"""The flags that show other readings of the real API for projects: missing fields, order, deletion, renames, 409s."""

import pytest

from elastic_cloud_emulator.control import Emulator
from spec_client import Client, error_code

BASE = "/api/v1/serverless/projects"
OPTIONAL = ("product_tier", "product_types", "admin_features_package", "traffic_filters")
LINES = [
    {"product_line": "security", "product_tier": "essentials"},
    {"product_line": "cloud", "product_tier": "complete"},
]


@pytest.fixture(scope="module")
def strict():
    flags = ("--omit-optional-fields", "--delete-immediately", "--conflict-while-initializing", "--keep-alias-on-rename")
    with Emulator("--phase-delay", "5", *flags) as running:
        running.clock(freeze=True)
        yield running


@pytest.fixture(scope="module")
def shuffled():
    with Emulator("--shuffle-product-types", "--conflict-when-deleting-twice") as running:
        running.clock(freeze=True)
        yield running


def create(client, project_type="security", **fields):
    body = {"name": "My Project", "region_id": "aws-us-east-1", **fields}
    response = client.post(f"{BASE}/{project_type}", json=body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize("project_type", ["security", "observability"])
def test_replies_leave_out_the_optional_fields(strict, project_type):
    client = Client(strict)
    created = create(client, project_type)
    url = f"{BASE}/{project_type}/{created['id']}"
    for reply in (created, client.get(url).json(), client.get(f"{BASE}/{project_type}").json()["items"][0]):
        assert not set(OPTIONAL) & set(reply)
    # Only the replies: the project keeps its values.
    assert strict.state()["projects"][project_type][0].get("product_tier" if project_type == "observability" else "product_types")


def test_writes_while_initializing_are_conflicts_then_accepted(strict):
    client = Client(strict)
    url = f"{BASE}/security/{create(client)['id']}"
    for response in (client.patch(url, json={"name": "later"}), client.post(f"{url}/_reset-credentials")):
        assert response.status_code == 409 and error_code(response) == "projects.initializing"
    strict.clock(advance=5)
    assert client.patch(url, json={"name": "later"}).status_code == 200
    assert client.post(f"{url}/_reset-credentials").status_code == 200


def test_a_rename_keeps_the_derived_alias(strict):
    client = Client(strict)
    created = create(client)
    strict.clock(advance=5)
    renamed = client.patch(f"{BASE}/security/{created['id']}", json={"name": "Renamed"}).json()
    assert (renamed["alias"], renamed["cloud_id"]) == (created["alias"], created["cloud_id"])


def test_a_deleted_project_is_not_found_at_once(strict):
    client = Client(strict)
    url = f"{BASE}/security/{create(client)['id']}"
    assert client.delete(url).status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(f"{url}/status").status_code == 404
    assert client.delete(url).status_code == 404


def test_product_types_come_back_in_another_order(shuffled):
    client = Client(shuffled)
    created = create(client, product_types=LINES)
    assert created["product_types"] == LINES[::-1]
    assert client.get(f"{BASE}/security/{created['id']}").json()["product_types"] == LINES[::-1]


def test_deleting_twice_is_a_conflict(shuffled):
    client = Client(shuffled)
    url = f"{BASE}/security/{create(client)['id']}"
    assert client.delete(url).status_code == 200
    second = client.delete(url)
    assert second.status_code == 409 and error_code(second) == "projects.deletion_in_progress"
    assert client.get(f"{url}/status").json()["phase"] == "deleting"
