"""Deployment payloads: sizes, what the user set, the comparison, and create/update requests."""

import copy

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_payload import (
    changes,
    check_region,
    create_body,
    size_mb,
    size_text,
    template_change,
    update_body,
    wanted,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

from ..modules.fake_cloud import attempt, es_plan, hosted_deployment, stateless_plan

TEMPLATE = {"deployment_template": {"resources": {
    "elasticsearch": [{"ref_id": "main-elasticsearch", "region": "aws-us-east-1", "plan": es_plan(8192, version=None)}],
    "kibana": [{"ref_id": "main-kibana", "elasticsearch_cluster_ref_id": "main-elasticsearch", "region": "aws-us-east-1",
                "plan": stateless_plan("kibana", version=None)}],
    "apm": [],
}}}  # fmt: skip
CREATE = dict(name="logging", region="aws-us-east-1", deployment_template_id="aws-storage-optimized", version="8.19.3")


@pytest.mark.parametrize("text, megabytes", [("8g", 8192), ("8G", 8192), ("8gb", 8192), ("512m", 512), ("0.5g", 512),
                                             ("0", 0), ("8192m", 8192)])  # fmt: skip
def test_sizes_read_as_megabytes(text, megabytes):
    assert size_mb(text, "size") == megabytes


@pytest.mark.parametrize("text", ["8", "eight", "1.3m", "-1g", ""])
def test_a_size_without_unit_or_whole_megabytes_is_refused_naming_the_option(text):
    with pytest.raises(UsageError, match="elasticsearch.hot_content.size must be a"):
        size_mb(text, "elasticsearch.hot_content.size")


def test_sizes_show_in_gigabytes_when_whole():
    assert [size_text(8192), size_text(512), size_text(1536), size_text(0)] == ["8g", "512m", "1536m", "0g"]


def test_wanted_holds_only_what_the_user_set_with_sizes_normalised():
    params = {"alias": None, "tags": {"team": 1}, "elasticsearch": {"hot_content": {"size": "8192m", "zone_count": None,
              "instance_configuration_id": None}, "warm": None}, "kibana": {"size": "1g", "zone_count": None},
              "integrations_server": None}  # fmt: skip
    assert wanted(params) == {"tags": {"team": "1"}, "elasticsearch": {"hot_content": {"size": "8g"}}, "kibana": {"size": "1g"}}


def test_only_the_fields_set_are_compared():
    deployment = hosted_deployment(hot=8192)
    # node_roles, the warm tier, the instance configuration and Kibana differ from nothing the user set.
    assert changes(deployment, {"elasticsearch": {"hot_content": {"size": "8g", "zone_count": 2}}}) == ({}, {})


def test_changes_show_only_the_differing_fields():
    deployment = hosted_deployment(hot=8192, tags={"team": "a"})
    want = {"tags": {"team": "b"}, "elasticsearch": {"hot_content": {"size": "4g", "zone_count": 2}}, "kibana": {"size": "1g"}}
    assert changes(deployment, want) == (
        {"tags": {"team": "a"}, "elasticsearch": {"hot_content": {"size": "8g"}}},
        {"tags": {"team": "b"}, "elasticsearch": {"hot_content": {"size": "4g"}}},
    )


def test_a_pending_plan_is_what_the_deployment_is_heading_for():
    deployment = hosted_deployment(hot=8192, pending=attempt(es_plan(4096), "p1"))
    assert changes(deployment, {"elasticsearch": {"hot_content": {"size": "4g"}}}) == ({}, {})


def test_a_tier_missing_from_the_plan_differs():
    assert changes(hosted_deployment(), {"elasticsearch": {"frozen": {"size": "4g"}}}) == (
        {"elasticsearch": {"frozen": {"size": None}}}, {"elasticsearch": {"frozen": {"size": "4g"}}})


def test_create_body_is_the_template_in_the_region_with_the_options_set():
    want = {"tags": {"team": "search"}, "alias": "logs", "elasticsearch": {"hot_content": {"size": "4g"}}}
    body = create_body(copy.deepcopy(TEMPLATE), CREATE, want)
    es = body["resources"]["elasticsearch"][0]["plan"]
    assert body["name"] == "logging" and body["alias"] == "logs"
    assert body["metadata"] == {"tags": [{"key": "team", "value": "search"}]}
    assert es["cluster_topology"][0]["size"] == {"value": 4096, "resource": "memory"}
    assert es["cluster_topology"][1] == TEMPLATE["deployment_template"]["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][1]
    assert es["elasticsearch"]["version"] == "8.19.3" and es["deployment_template"] == {"id": "aws-storage-optimized"}
    assert body["resources"]["kibana"][0]["plan"]["kibana"]["version"] == "8.19.3"
    assert "apm" not in body["resources"]  # the template's empty kinds are left out


def test_a_tier_the_template_lacks_is_refused_naming_its_tiers():
    with pytest.raises(UsageError, match="has no frozen tier; its tiers are hot_content, warm"):
        create_body(copy.deepcopy(TEMPLATE), CREATE, {"elasticsearch": {"frozen": {"size": "4g"}}})


def test_a_resource_the_deployment_lacks_is_refused():
    with pytest.raises(UsageError, match="integrations_server: the deployment has no integrations_server resource"):
        create_body(copy.deepcopy(TEMPLATE), CREATE, {"integrations_server": {"size": "1g"}})


def test_update_body_sends_every_resource_from_its_latest_plan_and_never_prunes():
    deployment = hosted_deployment(hot=8192)
    body = update_body(deployment, {"elasticsearch": {"hot_content": {"size": "4g"}}})
    assert body["prune_orphans"] is False
    assert sorted(body["resources"]) == ["elasticsearch", "integrations_server", "kibana"]
    assert body["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][0]["size"]["value"] == 4096
    assert body["resources"]["kibana"][0] == {"ref_id": "main-kibana", "region": "aws-us-east-1",
                                              "elasticsearch_cluster_ref_id": "main-elasticsearch",
                                              "plan": stateless_plan("kibana")}  # fmt: skip
    assert "metadata" not in body and "alias" not in body  # not set: not sent
    assert deployment["resources"]["elasticsearch"][0]["info"]["plan_info"]["current"]["plan"] == es_plan(8192)


def test_a_deployment_cannot_move_to_another_region():
    with pytest.raises(UsageError, match="is in region aws-us-east-1; a deployment cannot move to another region"):
        check_region(hosted_deployment(), {"region": "gcp-us-central1"})
    check_region(hosted_deployment(), CREATE)


def test_a_template_change_is_what_differs_from_the_plan():
    assert template_change(hosted_deployment(), CREATE) is None
    assert template_change(hosted_deployment(), {"deployment_template_id": "aws-cpu-optimized"}) == (
        "aws-storage-optimized", "aws-cpu-optimized")


def test_an_update_from_a_migration_keeps_its_instance_configurations_and_drops_empty_kinds():
    migrated = {"elasticsearch": [{"ref_id": "main-elasticsearch", "region": "aws-us-east-1", "plan": es_plan(8192)}],
                "apm": []}  # fmt: skip
    migrated["elasticsearch"][0]["plan"]["cluster_topology"][0]["instance_configuration_id"] = "aws.es.datahot.c6gd"
    body = update_body(hosted_deployment(), {"elasticsearch": {"hot_content": {"size": "4g"}}}, migrated)
    hot = body["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][0]
    assert (hot["instance_configuration_id"], hot["size"]["value"]) == ("aws.es.datahot.c6gd", 4096)
    assert sorted(body["resources"]) == ["elasticsearch"]


def autoscaled(hot=8192, maximum=65536):
    deployment = hosted_deployment(hot=hot)
    plan = deployment["resources"]["elasticsearch"][0]["info"]["plan_info"]["current"]["plan"]
    plan["autoscaling_enabled"] = True
    plan["cluster_topology"][0]["autoscaling_max"] = {"value": maximum, "resource": "memory"}
    return deployment


def es_options(**hot):
    return {"elasticsearch": {"autoscale": None, "hot_content": dict({"size": None, "zone_count": None,
            "instance_configuration_id": None, "autoscaling": None}, **hot)}}  # fmt: skip


def test_autoscaling_bounds_are_wanted_as_sizes():
    want = wanted(es_options(autoscaling={"min_size": None, "max_size": "65536m"}))
    assert want == {"elasticsearch": {"hot_content": {"autoscaling": {"max_size": "64g"}}}}


def test_the_size_of_an_autoscaled_tier_is_never_compared_but_its_bounds_are():
    deployment = autoscaled(hot=16384)
    assert changes(deployment, {"elasticsearch": {"hot_content": {"size": "8g"}}}) == ({}, {})
    assert changes(deployment, {"elasticsearch": {"hot_content": {"autoscaling": {"max_size": "64g"}}}}) == ({}, {})
    assert changes(deployment, {"elasticsearch": {"hot_content": {"size": "8g", "autoscaling": {"max_size": "32g"}}}}) == (
        {"elasticsearch": {"hot_content": {"autoscaling": {"max_size": "64g"}}}},
        {"elasticsearch": {"hot_content": {"autoscaling": {"max_size": "32g"}}}},
    )


def test_turning_autoscaling_on_compares_the_flag_and_then_ignores_sizes():
    before, after = changes(hosted_deployment(hot=8192), {"elasticsearch": {"autoscale": True, "hot_content": {"size": "4g"}}})
    assert (before, after) == ({"elasticsearch": {"autoscale": False}}, {"elasticsearch": {"autoscale": True}})


def test_an_update_keeps_the_autoscaled_size_and_sets_the_bounds():
    want = {"elasticsearch": {"hot_content": {"size": "4g", "autoscaling": {"max_size": "32g"}}}}
    body = update_body(autoscaled(hot=16384), want)
    hot = body["resources"]["elasticsearch"][0]["plan"]["cluster_topology"][0]
    assert hot["size"] == {"value": 16384, "resource": "memory"}
    assert hot["autoscaling_max"] == {"value": 32768, "resource": "memory"}


def test_a_create_uses_the_size_as_the_start_of_an_autoscaled_tier():
    want = {"elasticsearch": {"autoscale": True, "hot_content": {"size": "4g", "autoscaling": {"max_size": "32g"}}}}
    plan = create_body(copy.deepcopy(TEMPLATE), CREATE, want)["resources"]["elasticsearch"][0]["plan"]
    assert plan["autoscaling_enabled"] is True
    assert plan["cluster_topology"][0]["size"]["value"] == 4096 and plan["cluster_topology"][0]["autoscaling_max"]["value"] == 32768


def with_settings(es_settings=None, kibana_settings=None):
    deployment = hosted_deployment()
    if es_settings is not None:
        deployment["resources"]["elasticsearch"][0]["info"]["plan_info"]["current"]["plan"]["elasticsearch"]["user_settings_yaml"] = es_settings
    if kibana_settings is not None:
        deployment["resources"]["kibana"][0]["info"]["plan_info"]["current"]["plan"]["kibana"]["user_settings_yaml"] = kibana_settings
    return deployment


def test_user_settings_compare_by_what_they_say():
    deployment = with_settings("action.auto_create_index: false\nxpack.security.audit.enabled: true\n", "a: 1\n")
    same = {"elasticsearch": {"user_settings_yaml": "# audit\nxpack.security.audit.enabled: true\naction.auto_create_index: 'false'\n"}}
    assert changes(deployment, same) != ({}, {})  # 'false' quoted is a string, not the same setting
    same["elasticsearch"]["user_settings_yaml"] = "# audit\nxpack.security.audit.enabled: true\naction.auto_create_index: false"
    assert changes(deployment, same) == ({}, {})
    assert changes(deployment, {"kibana": {"user_settings_yaml": "a: 2"}}) == (
        {"kibana": {"user_settings_yaml": "a: 1\n"}}, {"kibana": {"user_settings_yaml": "a: 2"}})


def test_user_settings_go_in_the_plans_configuration_object():
    want = {"elasticsearch": {"user_settings_yaml": "a: 1"}, "kibana": {"size": "2g", "user_settings_yaml": "b: 2"}}
    body = update_body(hosted_deployment(), want)
    assert body["resources"]["elasticsearch"][0]["plan"]["elasticsearch"] == {"version": "8.19.3", "user_settings_yaml": "a: 1"}
    kibana = body["resources"]["kibana"][0]["plan"]
    assert kibana["kibana"]["user_settings_yaml"] == "b: 2" and kibana["cluster_topology"][0]["size"]["value"] == 2048
    assert "user_settings_yaml" not in kibana["cluster_topology"][0]


def test_settings_that_are_not_yaml_are_refused_naming_the_option():
    with pytest.raises(UsageError, match="kibana.user_settings_yaml is not valid YAML"):
        wanted({"kibana": {"user_settings_yaml": "a: [1", "size": None, "zone_count": None}})
