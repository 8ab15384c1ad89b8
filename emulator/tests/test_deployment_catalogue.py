"""Deployment templates and stack versions (cloud API), every answer checked against the spec."""

import pytest

from spec_client import Client, error_code

from elastic_cloud_emulator.control import Emulator

TEMPLATES = "/api/v1/deployments/templates"
VERSIONS = "/api/v1/stack/versions"


@pytest.mark.parametrize(
    "region, csp", [("aws-us-east-1", "aws"), ("gcp-europe-west1", "gcp"), ("azure-eastus", "azure")]
)
def test_each_region_offers_the_three_hardware_profiles(client, region, csp):
    templates = client.get(TEMPLATES, params={"region": region}).json()
    assert [template["id"] for template in templates] == [
        f"{csp}-storage-optimized",
        f"{csp}-general-purpose",
        f"{csp}-cpu-optimized",
    ]
    general = templates[1]
    es = general["deployment_template"]["resources"]["elasticsearch"][0]
    assert es["region"] == region and es["plan"]["deployment_template"] == {"id": f"{csp}-general-purpose"}
    hot = es["plan"]["cluster_topology"][0]
    configs = {config["id"]: config for config in general["instance_configurations"]}
    assert (
        hot["id"] == "hot_content"
        and hot["size"]["value"] in configs[hot["instance_configuration_id"]]["discrete_sizes"]["sizes"]
    )
    assert "max_zones" not in configs[hot["instance_configuration_id"]]


def test_template_options(client):
    bare = client.get(
        f"{TEMPLATES}/aws-cpu-optimized", params={"region": "aws-eu-west-1", "show_instance_configurations": "false"}
    )
    assert bare.json()["instance_configurations"] == []
    zones = client.get(f"{TEMPLATES}/aws-cpu-optimized", params={"region": "aws-eu-west-1", "show_max_zones": "true"})
    assert {config["max_zones"] for config in zones.json()["instance_configurations"]} == {3}
    hot = zones.json()["deployment_template"]["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][0]
    assert hot["instance_configuration_id"] == "aws.es.datahot.c5d"
    filtered = client.get(
        TEMPLATES, params={"region": "aws-us-east-1", "metadata": "hardware_profile:storage-optimized"}
    )
    assert [template["id"] for template in filtered.json()] == ["aws-storage-optimized"]


def test_template_errors(client):
    unknown_region = client.get(TEMPLATES, params={"region": "aws-mars-1"})
    assert unknown_region.status_code == 400 and error_code(unknown_region) == "templates.region_not_found"
    assert client.get(TEMPLATES).status_code == 400
    other_provider = client.get(f"{TEMPLATES}/gcp-general-purpose", params={"region": "aws-us-east-1"})
    assert other_provider.status_code == 404 and error_code(other_provider) == "templates.template_not_found"


def test_stack_versions_and_upgrade_paths(client):
    stacks = client.get(VERSIONS).json()["stacks"]
    versions = [stack["version"] for stack in stacks]
    assert versions[0].startswith("9.") and any(version.startswith("8.") for version in versions)
    one = client.get(f"{VERSIONS}/8.18.2").json()
    assert (
        "9.0.4" in one["upgradable_to"] and "9.1.2" not in one["upgradable_to"] and "8.17.4" not in one["upgradable_to"]
    )
    assert client.get(f"{VERSIONS}/9.1.2").json()["min_upgradable_from"] == "8.19.0"
    assert "9.1.2" in client.get(f"{VERSIONS}/8.19.3").json()["upgradable_to"]
    missing = client.get(f"{VERSIONS}/1.2.3")
    assert missing.status_code == 404 and error_code(missing) == "stackpack.version_not_found"


def test_stack_versions_list_newest_first_unless_asked_for_the_other_order(client):
    newest_first = [stack["version"] for stack in client.get(VERSIONS).json()["stacks"]]
    assert newest_first[0] == "9.1.2" and newest_first[-1] == "8.15.5"
    with Emulator("--stack-versions-oldest-first") as emulator:
        oldest_first = [stack["version"] for stack in Client(emulator).get(VERSIONS).json()["stacks"]]
    assert oldest_first == list(reversed(newest_first))
