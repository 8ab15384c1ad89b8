"""Deployment templates and their instance configurations: ``/api/v1/deployments/templates`` (cloud API).

Each cloud provider offers the hardware profiles Elastic Cloud names on its hardware pages:
storage optimized, general purpose and CPU (vector search) optimized, each a template whose hot tier
uses a different instance configuration (``aws.es.datahot.i3``, ``aws.es.datahot.m5d``,
``aws.es.datahot.c5d``, ...). Templates are the same in every region of a provider; the region fills
in the payloads they carry.
"""

import copy

from ..errors import bad_request, not_found
from ..reply import json_reply
from ..routing import CLOUD, Route
from . import catalogue

BASE = "/api/v1/deployments/templates"
MEMORY_SIZES = [1024, 2048, 4096, 8192, 15360, 30720, 61440]
SMALL_SIZES = [1024, 2048, 4096, 8192]
ENTSEARCH_SIZES = [2048, 4096, 8192]
# Hot tier of each template: (profile, name, instance family per provider).
PROFILES = [
    ("storage-optimized", "Storage optimized", {"aws": "i3", "gcp": "n2.68x10x45", "azure": "edsv4"}),
    ("general-purpose", "General purpose", {"aws": "m5d", "gcp": "n2.68x16x45", "azure": "ddv4"}),
    ("cpu-optimized", "CPU optimized (vector search)", {"aws": "c5d", "gcp": "n2.68x32x45", "azure": "fsv2"}),
]
# Other configurations of each provider: (role, family per provider, instance_type, node_types, sizes, default).
SHARED = [
    ("es.datawarm", {"aws": "d3", "gcp": "n2.68x10x190", "azure": "edsv4"}, "elasticsearch", ["data"], MEMORY_SIZES, 0),
    ("es.datacold", {"aws": "d3", "gcp": "n2.68x10x190", "azure": "edsv4"}, "elasticsearch", ["data"], MEMORY_SIZES, 0),
    ("es.master", {"aws": "c5d", "gcp": "n2.68x32x45", "azure": "fsv2"}, "elasticsearch", ["master"], MEMORY_SIZES, 0),
    ("es.ml", {"aws": "m5d", "gcp": "n2.68x16x45", "azure": "ddv4"}, "elasticsearch", ["ml"], MEMORY_SIZES, 0),
    ("kibana", {"aws": "c5d", "gcp": "n2.68x32x45", "azure": "fsv2"}, "kibana", [], SMALL_SIZES, 1024),
    ("integrationsserver", {"aws": "c5d", "gcp": "n2.68x32x45", "azure": "fsv2"}, "integrations_server", [], SMALL_SIZES, 1024),
    ("enterprisesearch", {"aws": "m5d", "gcp": "n2.68x16x45", "azure": "ddv4"}, "enterprise_search", [], ENTSEARCH_SIZES, 2048),
]  # fmt: skip
# Topology elements of a template's Elasticsearch payload: (id, configuration role, node roles, zones).
ES_TIERS = [
    ("hot_content", "es.datahot", ["master", "ingest", "transform", "data_hot", "remote_cluster_client", "data_content"], 2),
    ("warm", "es.datawarm", ["data_warm", "remote_cluster_client"], 2),
    ("cold", "es.datacold", ["data_cold", "remote_cluster_client"], 1),
    ("master", "es.master", ["master"], 3),
    ("ml", "es.ml", ["ml", "remote_cluster_client"], 1),
]  # fmt: skip


def _configuration(csp, role, family, instance_type, node_types, sizes, default):
    config_id = f"{csp}.{role}.{family}"
    return {
        "id": config_id,
        "name": config_id,
        "description": f"{instance_type} instances on {csp} {family} hardware",
        "instance_type": instance_type,
        "node_types": node_types,
        "discrete_sizes": {"sizes": list(sizes), "default_size": default, "resource": "memory"},
        "storage_multiplier": 30.0,
        "cpu_multiplier": 1.0,
        "config_version": 1,
        "max_zones": 3,
    }


def _configurations(csp, hot_family):
    configs = {
        "es.datahot": _configuration(
            csp, "es.datahot", hot_family, "elasticsearch", ["data", "master", "ingest"], MEMORY_SIZES, 8192
        )
    }
    for role, families, instance_type, node_types, sizes, default in SHARED:
        configs[role] = _configuration(csp, role, families[csp], instance_type, node_types, sizes, default)
    return configs


def _es_payload(region_id, template_id, configs):
    topology = []
    for tier_id, role, node_roles, zones in ES_TIERS:
        config = configs[role]
        topology.append({
            "id": tier_id,
            "node_roles": node_roles,
            "zone_count": zones,
            "instance_configuration_id": config["id"],
            "size": {"value": config["discrete_sizes"]["default_size"], "resource": "memory"},
        })  # fmt: skip
    return {
        "ref_id": "main-elasticsearch",
        "region": region_id,
        "plan": {"cluster_topology": topology, "elasticsearch": {}, "deployment_template": {"id": template_id}},
    }


def _stateless_payload(kind, region_id, config):
    return {
        "ref_id": f"main-{kind.replace('_', '-')}",
        "elasticsearch_cluster_ref_id": "main-elasticsearch",
        "region": region_id,
        "plan": {
            "cluster_topology": [
                {
                    "instance_configuration_id": config["id"],
                    "zone_count": 1,
                    "size": {"value": config["discrete_sizes"]["default_size"], "resource": "memory"},
                }
            ],
            kind: {},
        },
    }


def _template(region_id, order, profile, name, hot_family):
    csp = catalogue.region(region_id)["csp"]
    template_id = f"{csp}-{profile}"
    configs = _configurations(csp, hot_family)
    resources = {
        "elasticsearch": [_es_payload(region_id, template_id, configs)],
        "kibana": [_stateless_payload("kibana", region_id, configs["kibana"])],
        "integrations_server": [_stateless_payload("integrations_server", region_id, configs["integrationsserver"])],
        # Elastic Cloud's templates carried an Enterprise Search payload until 9.0 removed the product; clients
        # (terraform-provider-ec) only create the resources their configuration names, so its presence is harmless.
        "enterprise_search": [_stateless_payload("enterprise_search", region_id, configs["enterprisesearch"])],
    }
    return {
        "id": template_id,
        "name": name,
        "description": f"{name} hardware profile on {csp}",
        "system_owned": True,
        "order": order,
        "hidden": False,
        "min_version": "7.17.0",
        "template_category_id": profile,
        "metadata": [{"key": "parent_solution", "value": "stack"}, {"key": "hardware_profile", "value": profile}],
        "deployment_template": {"resources": resources},
        "instance_configurations": list(configs.values()),
    }


def templates(region_id):
    """Every template of a region (a known region: check it with ``catalogue.region`` first)."""
    csp = catalogue.region(region_id)["csp"]
    return [_template(region_id, order, *profile[:2], profile[2][csp]) for order, profile in enumerate(PROFILES)]


def find(template_id, region_id):
    """The template of that id in the region, or None."""
    return next((template for template in templates(region_id) if template["id"] == template_id), None)


def instance_configuration(template, config_id):
    return next((config for config in template["instance_configurations"] if config["id"] == config_id), None)


def _region(call):
    region_id = call.query.get("region")
    if region_id is None:
        raise bad_request("Query parameter region is required", ["region"])
    if catalogue.region(region_id) is None:
        raise bad_request(f"Region '{region_id}' was not found", ["region"], code="templates.region_not_found")
    return region_id


def _shown(call, template):
    shown = copy.deepcopy(template)
    if not call.query.get("show_instance_configurations", True):
        shown["instance_configurations"] = []
    elif not call.query.get("show_max_zones", False):
        for config in shown["instance_configurations"]:
            del config["max_zones"]
    return shown


def _metadata_filter(call):
    """``?metadata=key:value`` keeps the templates carrying that metadata item."""
    text = call.query.get("metadata")
    if text is None:
        return lambda template: True
    key, _colon, value = text.partition(":")
    return lambda template: {"key": key, "value": value} in template["metadata"]


def list_templates(call):
    wanted = _metadata_filter(call)
    return json_reply([_shown(call, template) for template in templates(_region(call)) if wanted(template)])


def get_template(call):
    template = find(call.params["template_id"], _region(call))
    if template is None:
        raise not_found("templates.template_not_found", f"Template '{call.params['template_id']}' was not found")
    return json_reply(_shown(call, template))


ROUTES = [
    Route("GET", BASE, list_templates, api=CLOUD),
    Route("GET", f"{BASE}/{{template_id}}", get_template, api=CLOUD),
]
