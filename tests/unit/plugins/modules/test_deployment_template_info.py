"""deployment_template_info: the region always sent, one template by id, instance configurations on request."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_catalogue import (
    allowed_sizes,
    instance_configuration,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_template_info import DeploymentTemplateInfo

from .fake_cloud import ScriptedClient, api_error, run_module

BASE = "/api/v1/deployments/templates"
HOT = {"id": "aws.es.datahot.m5d", "name": "hot", "discrete_sizes": {"sizes": [1024, 2048], "default_size": 1024}}
GENERAL = {"id": "aws-general-purpose", "name": "General purpose", "deployment_template": {"resources": {}},
           "instance_configurations": [HOT]}  # fmt: skip
STORAGE = dict(GENERAL, id="aws-storage-optimized", name="Storage optimized")


def shown(template, params):
    """What the API answers: the configurations only when asked for (its default is to show them)."""
    if params.get("show_instance_configurations") == "false":
        return dict(template, instance_configurations=[])
    return template


def client():
    return ScriptedClient(
        {
            ("GET", BASE): lambda call: [shown(t, call["params"]) for t in (GENERAL, STORAGE)],
            ("GET", BASE + "/aws-general-purpose"): lambda call: shown(GENERAL, call["params"]),
            ("GET", BASE + "/aws-unknown"): api_error(404, "templates.template_not_found", path=BASE + "/aws-unknown"),
        }
    )


def test_lists_the_templates_of_the_region_with_configurations_and_their_zones():
    scripted = client()
    result = run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1")
    assert result == {"deployment_templates": [GENERAL, STORAGE], "changed": False}
    assert [(c["method"], c["path"], c["params"]) for c in scripted.calls] == [
        ("GET", BASE, {"region": "aws-us-east-1", "show_instance_configurations": "true", "show_max_zones": "true"})
    ]


def test_without_configurations_asks_for_neither_them_nor_their_zones():
    scripted = client()
    result = run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1", show_instance_configurations=False)
    assert [t["instance_configurations"] for t in result["deployment_templates"]] == [[], []]
    assert scripted.calls[0]["params"] == {
        "region": "aws-us-east-1", "show_instance_configurations": "false", "show_max_zones": "false"
    }


def test_configurations_left_out_of_the_answer_read_as_an_empty_list():
    bare = {key: value for key, value in GENERAL.items() if key != "instance_configurations"}
    scripted = ScriptedClient({("GET", BASE): [bare], ("GET", BASE + "/aws-general-purpose"): bare})
    listed = run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1", show_instance_configurations=False)
    one = run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1", id="aws-general-purpose")
    assert listed["deployment_templates"] == one["deployment_templates"] == [dict(bare, instance_configurations=[])]


def test_one_template_by_id_with_the_stack_version_sent():
    scripted = client()
    result = run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1", id="aws-general-purpose",
                        stack_version="8.19.3")  # fmt: skip
    assert result["deployment_templates"] == [GENERAL]
    assert scripted.calls[0]["path"] == BASE + "/aws-general-purpose"
    assert scripted.calls[0]["params"]["region"] == "aws-us-east-1"
    assert scripted.calls[0]["params"]["stack_version"] == "8.19.3"


def test_an_unknown_id_is_an_empty_list():
    assert run_module(DeploymentTemplateInfo, client(), region="aws-us-east-1", id="aws-unknown")["deployment_templates"] == []


def test_an_unknown_region_is_the_api_error():
    scripted = ScriptedClient({("GET", BASE): api_error(400, "templates.region_not_found", "Region 'mars' was not found")})
    with pytest.raises(ElasticCloudError, match=r"^region mars: GET .* returned 400.*templates.region_not_found") as caught:
        run_module(DeploymentTemplateInfo, scripted, region="mars")
    assert caught.value.status == 400 and caught.value.codes == ["templates.region_not_found"]


def test_a_region_not_allowed_names_the_region_and_a_wrong_key_does_not():
    scripted = ScriptedClient({("GET", BASE): api_error(401, "templates.region_not_allowed")})
    with pytest.raises(ElasticCloudError, match=r"^region aws-us-east-1: "):
        run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1")
    scripted = ScriptedClient({("GET", BASE + "/aws-general-purpose"): api_error(401, "root.unauthenticated")})
    with pytest.raises(ElasticCloudError, match=r"^GET / returned 401"):
        run_module(DeploymentTemplateInfo, scripted, region="aws-us-east-1", id="aws-general-purpose")


def test_check_mode_reads_the_same_and_writes_nothing():
    scripted = client()
    result = run_module(DeploymentTemplateInfo, scripted, check_mode=True, region="aws-us-east-1")
    assert result == {"deployment_templates": [GENERAL, STORAGE], "changed": False}
    assert scripted.writes() == []


def test_region_is_required_and_a_login_is_accepted():
    assert DeploymentTemplateInfo.module_options["region"]["required"] is True
    assert DeploymentTemplateInfo.api_key_only is None


def test_instance_configuration_and_its_sizes():
    assert instance_configuration(GENERAL, "aws.es.datahot.m5d") == HOT
    assert instance_configuration(GENERAL, "aws.es.datawarm.d3") is None
    assert instance_configuration({"instance_configurations": []}, "aws.es.datahot.m5d") is None
    assert allowed_sizes(HOT) == [1024, 2048]
    assert allowed_sizes({"id": "x"}) == []
