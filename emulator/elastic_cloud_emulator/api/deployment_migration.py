"""``GET /deployments/{id}/migrate_template``: the update request that moves a deployment to another template."""

import copy

from ..errors import bad_request
from . import deployment_templates
from .deployment_views import KINDS


def _target_element(template, kind, element):
    defaults = (
        template["deployment_template"]["resources"].get(kind, [{}])[0].get("plan", {}).get("cluster_topology", [])
    )
    if kind == "elasticsearch":
        return next((default for default in defaults if default.get("id") == element.get("id")), None)
    return defaults[0] if defaults else None


def migration(record, template_id):
    es_region = record["resources"]["elasticsearch"][0]["region"]
    template = deployment_templates.find(template_id, es_region)
    if template is None:
        raise bad_request(
            f"Deployment template [{template_id}] does not exist in region [{es_region}]", ["template_id"]
        )
    resources = {kind: [] for kind in KINDS}
    for kind in KINDS:
        for resource in record["resources"][kind]:
            latest = resource.get("pending") or resource.get("current")
            if latest is None or resource["stopped"]:
                continue
            plan = copy.deepcopy(latest["plan"])
            plan.pop("transient", None)
            for element in plan.get("cluster_topology", []):
                target = _target_element(template, kind, element)
                if target is not None:
                    element["instance_configuration_id"] = target["instance_configuration_id"]
            payload = {"ref_id": resource["ref_id"], "region": resource["region"], "plan": plan}
            if kind == "elasticsearch":
                plan["deployment_template"] = {"id": template["id"]}
            else:
                payload["elasticsearch_cluster_ref_id"] = resource["elasticsearch_cluster_ref_id"]
            resources[kind].append(payload)
    return {"name": record["name"], "prune_orphans": False, "resources": resources}
