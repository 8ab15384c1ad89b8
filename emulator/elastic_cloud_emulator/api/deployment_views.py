"""How stored deployments are shown: full GETs, per-resource GETs, listings and create/update answers."""

import base64

from .. import clock
from . import catalogue, deployment_plans

KINDS = ("elasticsearch", "kibana", "apm", "appsearch", "enterprise_search", "integrations_server")
STATELESS_KINDS = KINDS[1:]
# Name of the id field of each stateless kind's info (Kibana says cluster_id like Elasticsearch does).
INFO_ID = {"kibana": ("cluster_id", "cluster_name")}
SUBDOMAIN = {"elasticsearch": "es", "kibana": "kb", "apm": "apm", "appsearch": "ent", "enterprise_search": "ent",
             "integrations_server": "fleet"}  # fmt: skip


def status(resource):
    pending = resource.get("pending")
    if deployment_plans.is_stopping(resource):
        return "stopping"
    if resource["stopped"]:
        return "restarting" if pending else "stopped"
    if resource.get("current") is None:
        return "initializing"
    return "reconfiguring" if pending else "started"


def healthy(resource):
    return status(resource) != "initializing" and not deployment_plans.last_failed(resource)


def endpoint(resource):
    return f"{resource['id']}.{SUBDOMAIN[resource['kind']]}.{catalogue.domain(resource['region'])}"


def cloud_id(record, es):
    kibana = next(iter(record["resources"]["kibana"]), None)
    encoded = f"{catalogue.domain(es['region'])}:443${es['id']}${kibana['id'] if kibana else ''}"
    return f"{record['name']}:{base64.b64encode(encoded.encode()).decode()}"


def _instances(resource):
    current = resource.get("current")
    if resource["stopped"] or current is None:
        return []
    instances = []
    for element in current["plan"].get("cluster_topology", []):
        size = (element.get("size") or {}).get("value", 0)
        for zone in range(element.get("zone_count", 1) if size else 0):
            config_id = element.get("instance_configuration_id", "")
            instances.append({
                "instance_name": f"instance-{len(instances):010d}",
                "instance_configuration": {"id": config_id, "name": config_id, "resource": "memory"},
                "service_version": current["version"],
                "healthy": True,
                "container_started": True,
                "service_running": True,
                "maintenance_mode": False,
                "zone": f"{resource['region']}-zone-{zone + 1}",
                "memory": {"instance_capacity": size},
            })  # fmt: skip
    return instances


def _metadata(record, resource):
    url = endpoint(resource)
    metadata = {
        "version": resource.get("attempts", 0),
        "last_modified": clock.iso(record["last_modified"]),
        "endpoint": url,
        "aliased_endpoint": url,
        "service_url": f"https://{url}",
        "aliased_url": f"https://{url}",
        "ports": {"http": 9200, "https": 443, "transport_passthrough": 9400},
    }
    if resource["kind"] == "elasticsearch":
        metadata["cloud_id"] = cloud_id(record, resource)
    return metadata


def _es_health(ok):
    return {
        "healthy": ok,
        "shard_info": {"healthy": ok, "available_shards": [], "unavailable_shards": [], "unavailable_replicas": []},
        "master_info": {"healthy": ok, "masters": [], "instances_with_no_master": []},
        "blocking_issues": {"healthy": ok, "cluster_level": [], "index_level": []},
    }


def _associated(record, kind, id_field):
    return [{id_field: other["id"], "enabled": not other["stopped"]} for other in record["resources"][kind]]


def resource_info(record, resource, options):
    now = clock.now()
    plans = deployment_plans.plans_info(resource, now, **options)
    topology = {"healthy": True, "instances": _instances(resource)}
    common = {
        "deployment_id": record["id"],
        "healthy": healthy(resource),
        "status": status(resource),
        "plan_info": plans,
        "metadata": _metadata(record, resource),
        "topology": topology,
        "external_links": [],
        "region": resource["region"],
    }
    name = resource.get("display_name") or record["name"]
    if resource["kind"] == "elasticsearch":
        info = {"cluster_id": resource["id"], "cluster_name": name, **common}
        info["elasticsearch"] = _es_health(info["healthy"])
        info["snapshots"] = {"healthy": True, "count": 0, "recent_success": False}
        info["associated_kibana_clusters"] = _associated(record, "kibana", "kibana_id")
        info["associated_apm_clusters"] = _associated(record, "apm", "apm_id")
        info["associated_appsearch_clusters"] = _associated(record, "appsearch", "app_search_id")
        info["associated_enterprise_search_clusters"] = _associated(record, "enterprise_search", "enterprise_search_id")
        return {"ref_id": resource["ref_id"], "id": resource["id"], "region": resource["region"], "info": info}
    id_field, name_field = INFO_ID.get(resource["kind"], ("id", "name"))
    es = es_resource(record, resource["elasticsearch_cluster_ref_id"])
    info = {
        id_field: resource["id"],
        name_field: name,
        "elasticsearch_cluster": {"elasticsearch_id": es["id"] if es else ""},
        **common,
    }
    return {
        "ref_id": resource["ref_id"],
        "elasticsearch_cluster_ref_id": resource["elasticsearch_cluster_ref_id"],
        "id": resource["id"],
        "region": resource["region"],
        "info": info,
    }


def es_resource(record, ref_id):
    return next((es for es in record["resources"]["elasticsearch"] if es["ref_id"] == ref_id), None)


def deployment_metadata(record):
    metadata = {
        "owner_id": record["owner"],
        "organization_id": record["org"],
        "system_owned": record["metadata"].get("system_owned", False),
        "hidden": record["metadata"].get("hidden", False),
        "subscription_level": "standard",
        "last_modified": clock.iso(record["last_modified"]),
        "last_resource_plan_modified": clock.iso(record["last_modified"]),
        "tags": record["metadata"].get("tags", []),
    }
    return metadata


def deployment(record, options, show_metadata=False, show_settings=False):
    """``DeploymentGetResponse`` (also the entries of a search)."""
    resources = {kind: [resource_info(record, resource, options) for resource in record["resources"][kind]]
                 for kind in KINDS}  # fmt: skip
    shown = {
        "id": record["id"],
        "name": record["name"],
        "alias": record["alias"],
        "healthy": all(healthy(resource) for kind in KINDS for resource in record["resources"][kind]),
        "resources": resources,
    }
    if show_metadata:
        shown["metadata"] = deployment_metadata(record)
    if show_settings:
        shown["settings"] = {**record["settings"], "auto_ops": {"status": "not_connected"}}
    return shown


def resource_summaries(record, credentials=None):
    """``DeploymentResource`` entries of create, update and list answers."""
    summaries = []
    for kind in KINDS:
        for resource in record["resources"][kind]:
            summary = {"ref_id": resource["ref_id"], "id": resource["id"], "kind": kind, "region": resource["region"]}
            if kind == "elasticsearch":
                summary["cloud_id"] = cloud_id(record, resource)
                if credentials is not None:
                    summary["credentials"] = {"username": "elastic", "password": credentials[resource["ref_id"]]}
            else:
                summary["elasticsearch_cluster_ref_id"] = resource["elasticsearch_cluster_ref_id"]
            summaries.append(summary)
    return summaries


def version_headers(record):
    return {
        "x-cloud-resource-version": str(record["version"]),
        "x-cloud-resource-created": clock.iso(record["created"]),
        "x-cloud-resource-last-modified": clock.iso(record["last_modified"]),
    }
