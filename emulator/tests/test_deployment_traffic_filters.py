"""Deployment traffic filter rulesets and their associations (cloud API), every answer checked against the spec."""

import pytest

from spec_client import Client, error_code

from elastic_cloud_emulator.control import Emulator

DEPLOYMENTS = "/api/v1/deployments"
RULESETS = "/api/v1/deployments/traffic-filter/rulesets"
REGION = "aws-us-east-1"


def create_ruleset(client, **fields):
    body = {"name": "office", "region": REGION, "type": "ip", "include_by_default": False,
            "rules": [{"source": "10.0.0.0/8"}], **fields}  # fmt: skip
    response = client.post(RULESETS, json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def create_deployment(client, region=REGION, template="aws-general-purpose", **settings):
    body = {"name": "shop", "region": region}
    if settings:
        body["settings"] = settings
    response = client.post(DEPLOYMENTS, params={"template_id": template}, json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def attached(client, deployment_id):
    shown = client.get(f"{DEPLOYMENTS}/{deployment_id}", params={"show_settings": "true"}).json()
    return shown["settings"].get("traffic_filter_settings", {}).get("rulesets", [])


def associate(client, ruleset_id, deployment_id):
    return client.post(f"{RULESETS}/{ruleset_id}/associations", json={"entity_type": "deployment", "id": deployment_id})


def test_ruleset_crud_round_trip(client):
    ruleset_id = create_ruleset(client, description="Office network")
    url = f"{RULESETS}/{ruleset_id}"
    shown = client.get(url).json()
    assert shown["name"] == "office" and shown["description"] == "Office network"
    assert "associations" not in shown and shown["rules"][0]["id"]
    body = {"name": "office-2", "region": REGION, "type": "ip", "include_by_default": True,
            "rules": [{"source": "192.168.1.1"}]}  # fmt: skip
    assert client.put(url, json=body).json() == {"id": ruleset_id}
    assert client.get(url).json()["rules"][0]["source"] == "192.168.1.1"
    assert error_code(client.put(url, json=dict(body, region="aws-eu-west-1"))) == "traffic_filter.invalid_input"
    assert client.delete(url).status_code == 200
    assert error_code(client.get(url)) == "traffic_filter.not_found"
    assert error_code(client.delete(url)) == "traffic_filter.not_found"


def test_list_by_region_and_twins_allowed(client):
    first = create_ruleset(client)
    second = create_ruleset(client)
    create_ruleset(client, region="aws-eu-west-1")
    listed = client.get(RULESETS, params={"region": REGION}).json()["rulesets"]
    assert [item["id"] for item in listed] == [first, second]
    assert len(client.get(RULESETS).json()["rulesets"]) == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "vpce", "region": "gcp-us-central1", "rules": [{"source": "x"}]},
        {"type": "ip", "rules": [{"source": "not-an-ip"}]},
        {"type": "azure_private_endpoint", "region": "azure-eastus", "rules": [{"azure_endpoint_name": "a"}]},
        {"region": "aws-mars-1"},
    ],
)
def test_invalid_rulesets_are_refused(client, fields):
    body = {"name": "bad", "region": REGION, "type": "ip", "include_by_default": False, "rules": [], **fields}
    assert error_code(client.post(RULESETS, json=body)) == "traffic_filter.invalid_input"


def test_associations_round_trip(client):
    ruleset_id = create_ruleset(client)
    deployment_id = create_deployment(client)
    assert associate(client, ruleset_id, deployment_id).status_code == 201
    assert associate(client, ruleset_id, deployment_id).status_code == 200  # already there
    assert attached(client, deployment_id) == [ruleset_id]
    shown = client.get(f"{RULESETS}/{ruleset_id}", params={"include_associations": "true"}).json()
    assert shown["associations"] == [{"entity_type": "deployment", "id": deployment_id}]
    assert shown["total_associations"] == 1
    listed = client.get(f"{RULESETS}/{ruleset_id}/associations").json()
    assert listed == {"associations": [{"entity_type": "deployment", "id": deployment_id}], "total_associations": 1}
    of_deployment = client.get(f"/api/v1/deployments/traffic-filter/associations/deployment/{deployment_id}/rulesets")
    assert of_deployment.json() == {"rulesets": [ruleset_id]}
    one = f"{RULESETS}/{ruleset_id}/associations/deployment/{deployment_id}"
    assert client.delete(one).status_code == 200
    assert attached(client, deployment_id) == []
    assert error_code(client.delete(one)) == "traffic_filter.not_found"


def test_association_errors(client):
    ruleset_id = create_ruleset(client)
    elsewhere = create_deployment(client, region="gcp-us-central1", template="gcp-general-purpose")
    assert error_code(associate(client, ruleset_id, elsewhere)) == "traffic_filter.invalid_region"
    assert error_code(associate(client, ruleset_id, "0" * 32)) == "traffic_filter.not_found"
    wrong_type = client.post(f"{RULESETS}/{ruleset_id}/associations", json={"entity_type": "cluster", "id": elsewhere})
    assert error_code(wrong_type) == "traffic_filter.invalid_association_type"
    assert error_code(associate(client, "f" * 32, elsewhere)) == "traffic_filter.not_found"


def test_create_with_rulesets_and_defaults(client):
    named = create_ruleset(client, name="named")
    default = create_ruleset(client, name="default", include_by_default=True)
    create_ruleset(client, name="other-region", region="aws-eu-west-1", include_by_default=True)
    with_named = create_deployment(client, traffic_filter_settings={"rulesets": [named]})
    assert attached(client, with_named) == [named, default]
    plain = create_deployment(client)
    assert attached(client, plain) == [default]
    unknown = client.post(DEPLOYMENTS, params={"template_id": "aws-general-purpose"},
                          json={"region": REGION, "settings": {"traffic_filter_settings": {"rulesets": ["f" * 32]}}})  # fmt: skip
    assert error_code(unknown) == "traffic_filter.not_found"


def test_deleting_an_associated_ruleset_fails_unless_ignored(client):
    ruleset_id = create_ruleset(client)
    deployment_id = create_deployment(client, traffic_filter_settings={"rulesets": [ruleset_id]})
    refused = client.delete(f"{RULESETS}/{ruleset_id}")
    assert refused.status_code == 500 and error_code(refused) == "traffic_filter.request_execution_failed"
    assert client.delete(f"{RULESETS}/{ruleset_id}", params={"ignore_associations": "true"}).status_code == 200
    assert attached(client, deployment_id) == []


def test_in_use_conflict_flag_answers_409():
    with Emulator("--ruleset-in-use-conflict") as emulator:
        client = Client(emulator)
        ruleset_id = create_ruleset(client)
        create_deployment(client, traffic_filter_settings={"rulesets": [ruleset_id]})
        refused = client.delete(f"{RULESETS}/{ruleset_id}")
        assert refused.status_code == 409 and error_code(refused) == "traffic_filter.in_use"
