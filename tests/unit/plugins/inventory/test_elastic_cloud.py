"""Unit tests of the projects inventory plugin's pure parts."""

import pytest

from ansible.errors import AnsibleError

from ansible_collections.elastic_cloud.cloud.plugins.inventory.elastic_cloud import InventoryModule, host_variables

PROJECT = {
    "id": "0123456789abcdef0123456789abcdef",
    "name": "logs",
    "alias": "logs-012345",
    "type": "observability",
    "region_id": "aws-us-east-1",
    "cloud_id": "logs-012345:abc",
    "endpoints": {"elasticsearch": "https://logs-012345.es.example", "kibana": "https://logs-012345.kb.example"},
    "product_tier": "complete",
    "metadata": {"created_at": "2026-01-01T00:00:00Z", "organization_id": "org", "tags": {"env": "prod"}},
}


def test_host_variables_are_prefixed_and_bring_up_region_tags_and_creation_time():
    hostvars = host_variables(PROJECT)
    assert hostvars == {
        "ec_id": PROJECT["id"],
        "ec_name": "logs",
        "ec_alias": "logs-012345",
        "ec_type": "observability",
        "ec_region": "aws-us-east-1",
        "ec_cloud_id": "logs-012345:abc",
        "ec_endpoints": PROJECT["endpoints"],
        "ec_product_tier": "complete",
        "ec_tags": {"env": "prod"},
        "ec_created_at": "2026-01-01T00:00:00Z",
    }


def test_host_variables_of_a_project_without_metadata():
    hostvars = host_variables({"id": "x", "name": "bare", "type": "security", "region_id": "gcp-us-central1"})
    assert hostvars["ec_tags"] == {} and hostvars["ec_created_at"] is None and hostvars["ec_region"] == "gcp-us-central1"


@pytest.mark.parametrize(
    "name, accepted",
    [
        ("my.elastic_cloud.yml", True),
        ("prod.elastic_cloud.yaml", True),
        ("elastic_cloud.yml", True),
        ("my.aws_ec2.yml", False),
        ("elastic_cloud.yml.bak", False),
        ("hosts", False),
    ],
)
def test_verify_file_accepts_only_its_file_names(tmp_path, name, accepted):
    path = tmp_path / name
    path.write_text("plugin: elastic_cloud.cloud.elastic_cloud\n")
    assert InventoryModule().verify_file(str(path)) is accepted


def test_a_name_shared_across_types_becomes_type_dash_name_for_those_only():
    plugin = InventoryModule()
    plugin.get_option = {"hostname": "name"}.get
    projects = [dict(PROJECT, id="a" * 32), dict(PROJECT, id="b" * 32, type="security"), dict(PROJECT, id="c" * 32, name="other")]
    assert plugin._hostnames(projects) == ["observability-" + PROJECT["name"], "security-" + PROJECT["name"], "other"]


def test_duplicate_host_names_within_a_type_fail_naming_both_projects():
    plugin = InventoryModule()
    plugin.get_option = {"hostname": "name"}.get
    twins = [dict(PROJECT, id="a" * 32), dict(PROJECT, id="b" * 32)]
    with pytest.raises(AnsibleError) as failure:
        plugin._hostnames(twins)
    message = str(failure.value)
    assert "observability " + "a" * 32 in message and "observability " + "b" * 32 in message
