"""Deployment payloads: checked, completed from the template, and applied to a record as pending plans."""

import copy
import secrets

from ..errors import bad_request
from . import catalogue, deployment_plans, deployment_templates, stack_versions
from .deployment_views import KINDS


def template_of(payload, template_id=None):
    plan = payload["plan"]
    template_id = (plan.get("deployment_template") or {}).get("id") or template_id
    if template_id is None:
        raise bad_request("Elasticsearch plans need plan.deployment_template.id", ["plan.deployment_template"])
    template = deployment_templates.find(template_id, payload["region"])
    if template is None:
        raise bad_request(f"Deployment template [{template_id}] does not exist in region [{payload['region']}]",
                          ["plan.deployment_template.id"])  # fmt: skip
    plan["deployment_template"] = {"id": template_id}
    return template


def complete_topology(kind, plan, template):
    """Topology elements the payload leaves incomplete take the template's values (by ``id`` for Elasticsearch)."""
    defaults = template["deployment_template"]["resources"][kind][0]["plan"]["cluster_topology"] if kind in (
        template["deployment_template"]["resources"]) else []  # fmt: skip
    if not plan.get("cluster_topology"):
        plan["cluster_topology"] = copy.deepcopy(defaults)
        return
    for position, element in enumerate(plan["cluster_topology"]):
        default = next((d for d in defaults if d.get("id") == element.get("id")), None) if kind == "elasticsearch" else (
            defaults[0] if defaults else None)  # fmt: skip
        for name, value in (default or {}).items():
            element.setdefault(name, copy.deepcopy(value))


def check_version(version, field):
    if not stack_versions.exists(version):
        raise bad_request(f"Stack version [{version}] does not exist", [field])
    return version


def payloads_of(body, template_id=None, creating=True):
    """The request's resources by kind; with ``template_id``, the template's when the request has none."""
    resources = body.get("resources") or {}
    if template_id and not any(resources.get(kind) for kind in KINDS):
        region = body.get("region")
        if region is None or catalogue.region(region) is None:
            raise bad_request("Creating from template_id needs a known region", ["region"])
        template = deployment_templates.find(template_id, region)
        if template is None:
            raise bad_request(
                f"Deployment template [{template_id}] does not exist in region [{region}]", ["template_id"]
            )
        resources = copy.deepcopy(template["deployment_template"]["resources"])
        if not stack_versions.has_enterprise_search(body.get("version") or stack_versions.latest()):
            resources.pop("enterprise_search", None)  # the templates of 9.x stacks carry none: it no longer exists
    payloads = {kind: copy.deepcopy(resources.get(kind) or []) for kind in KINDS}
    if creating and not payloads["elasticsearch"]:
        raise bad_request("A deployment needs an Elasticsearch resource", ["resources.elasticsearch"])
    for kind in KINDS:
        ref_ids = [payload["ref_id"] for payload in payloads[kind]]
        if len(set(ref_ids)) != len(ref_ids):
            raise bad_request(f"Duplicate ref_id among the {kind} resources", [f"resources.{kind}"])
        for position, payload in enumerate(payloads[kind]):
            if catalogue.region(payload["region"]) is None:
                raise bad_request(
                    f"Region [{payload['region']}] does not exist", [f"resources.{kind}.{position}.region"]
                )
    return payloads


def new_resource(kind, payload):
    resource = {"kind": kind, "ref_id": payload["ref_id"], "id": secrets.token_hex(16), "region": payload["region"],
                "stopped": False, "current": None, "pending": None, "history": [], "attempts": 0}  # fmt: skip
    if kind != "elasticsearch":
        resource["elasticsearch_cluster_ref_id"] = payload["elasticsearch_cluster_ref_id"]
    if payload.get("display_name"):
        resource["display_name"] = payload["display_name"]
    return resource


def apply_payload(call, record, kind, payload, action, default_version):
    """Start a plan for one payload (a new resource, or a changed plan); returns the resource."""
    resource = next((r for r in record["resources"][kind] if r["ref_id"] == payload["ref_id"]), None)
    if resource is None:
        resource = new_resource(kind, payload)
        record["resources"][kind].append(resource)
    plan = payload["plan"]
    if kind == "elasticsearch":
        template = template_of(payload, record.get("template_id"))
        record["template_id"] = template["id"]  # a migration moves the deployment: restores then use the new one
    else:
        if not any(
            es["ref_id"] == payload["elasticsearch_cluster_ref_id"] for es in record["resources"]["elasticsearch"]
        ):
            raise bad_request(f"No Elasticsearch resource has ref_id [{payload['elasticsearch_cluster_ref_id']}]",
                              [f"resources.{kind}.elasticsearch_cluster_ref_id"])  # fmt: skip
        template = deployment_templates.find(record["template_id"], payload["region"])
    complete_topology(kind, plan, template)
    field = f"resources.{kind}.plan.{kind}.version"
    version = check_version(deployment_plans.plan_version(plan, kind) or default_version(resource), field)
    plan.setdefault(kind, {})["version"] = version
    latest = resource.get("pending") or resource.get("current")
    if latest is not None and latest["plan"] == plan and not resource["stopped"]:
        return resource  # nothing changed: no new plan
    # A stopped resource named in a payload starts again once this plan completes (see deployment_plans.settle).
    deployment_plans.start(resource, plan, version, template, call.settings.plan_delay, action, call.user_id)
    return resource


def default_versions(record, body):
    """Default versions: a resource keeps its own; a new Elasticsearch takes the request's or the latest;
    a new stateless resource takes its Elasticsearch's."""

    def default(resource):
        running = deployment_plans.running_version(resource) or (resource.get("pending") or {}).get("version")
        if running:
            return running
        if resource["kind"] == "elasticsearch":
            return body.get("version") or stack_versions.latest()
        es = next(
            es
            for es in record["resources"]["elasticsearch"]
            if es["ref_id"] == resource["elasticsearch_cluster_ref_id"]
        )
        return (es.get("pending") or es.get("current"))["version"]

    return default
