"""deployment_traffic_filter_info: list by region, one by id, associations on request."""

from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_traffic_filter_info import DeploymentTrafficFilterInfo

from .fake_cloud import ScriptedClient, run_module

BASE = "/api/v1/deployments/traffic-filter/rulesets"
OFFICE = {"id": "a" * 32, "name": "office", "region": "aws-us-east-1", "type": "ip", "include_by_default": False, "rules": []}
VPN = dict(OFFICE, id="b" * 32, name="vpn")


def test_lists_a_region_and_asks_for_associations():
    client = ScriptedClient({("GET", BASE): {"rulesets": [OFFICE, VPN]}})
    result = run_module(DeploymentTrafficFilterInfo, client, region="aws-us-east-1", include_associations=True)
    assert result["deployment_traffic_filters"] == [OFFICE, VPN] and result["changed"] is False
    assert client.calls[0]["params"] == {"region": "aws-us-east-1", "include_associations": "true"}


def test_by_name_filters_the_list():
    client = ScriptedClient({("GET", BASE): {"rulesets": [OFFICE, VPN]}})
    assert run_module(DeploymentTrafficFilterInfo, client, name="vpn")["deployment_traffic_filters"] == [VPN]


def test_by_id_honours_the_other_options_and_a_missing_id_is_an_empty_list():
    client = ScriptedClient({("GET", BASE + "/" + "a" * 32): OFFICE})
    assert run_module(DeploymentTrafficFilterInfo, client, id="a" * 32)["deployment_traffic_filters"] == [OFFICE]
    assert run_module(DeploymentTrafficFilterInfo, client, id="a" * 32, name="vpn")["deployment_traffic_filters"] == []
    assert run_module(DeploymentTrafficFilterInfo, client, id="f" * 32)["deployment_traffic_filters"] == []
