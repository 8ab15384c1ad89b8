"""Shutting deployments down, restoring and deleting them, and shutting down orphaned resources."""

from ..errors import bad_request
from ..reply import json_reply
from . import deployment_plans, deployment_templates
from .deployment_records import DEPLOYMENT, all_resources, load, touch
from .deployment_views import KINDS


def _stop(resource):
    if resource.get("pending"):
        deployment_plans.cancel(resource)
    resource["stopped"] = True


def shut_down_orphans(record, payloads):
    """Shut down the resources the payloads leave out; their ids, in the shape of ``shutdown_resources``."""
    orphaned = {kind: [] for kind in KINDS}
    for kind in KINDS:
        kept = {payload["ref_id"] for payload in payloads[kind]}
        for resource in record["resources"][kind]:
            if resource["ref_id"] not in kept and not resource["stopped"]:
                _stop(resource)
                orphaned[kind].append(
                    {"id": resource["id"], "dependents": []} if kind == "elasticsearch" else resource["id"]
                )
    return orphaned


def shutdown_deployment(call):
    record = load(call)
    for resource in all_resources(record):
        _stop(resource)
    touch(call, record)
    return json_reply({"id": record["id"], "name": record["name"]})


def restore_deployment(call):
    record = load(call)
    if any(not es["stopped"] for es in record["resources"]["elasticsearch"]):
        raise bad_request("There are Elasticsearch resources in the deployment which are not shut down",
                          code="deployments.resource_not_shutdown")  # fmt: skip
    for resource in all_resources(record):
        last = resource.get("current")
        if last is None:
            continue
        template = deployment_templates.find(record["template_id"], resource["region"])
        deployment_plans.start(resource, last["plan"], last["version"], template, call.settings.plan_delay,
                               "deployments.restore-deployment", call.user_id)  # fmt: skip
        resource["stopped"] = False
    touch(call, record)
    return json_reply({"id": record["id"]})


def delete_deployment(call):
    record = load(call)
    running = [resource["ref_id"] for resource in all_resources(record) if not resource["stopped"]]
    if running:
        # The spec's 400 for this operation: "The Deployment resources have not been shutdown yet." It names
        # no error code; this one is the emulator's own.
        raise bad_request(f"The Deployment resources have not been shutdown yet: {', '.join(running)}",
                          code="deployments.deployment_not_shutdown")  # fmt: skip
    call.store.delete(DEPLOYMENT, record["id"])
    return json_reply({"id": record["id"], "name": record["name"]})
