"""Shutting deployments down, restoring and deleting them, and shutting down orphaned resources.

Shutdown and restore are plans on the emulator clock like any other change: the real clients wait for them
(terraform-provider-ec's deployment Delete calls Shutdown, then WaitForPlanCompletion before DELETE; ecctl's
``deployment shutdown --track`` follows the shutdown plan), and a shutdown plan can fail like others
(terraform-provider-ec issue #1018: "Plan change failed: Some instances were not stopped").
"""

from ..errors import bad_request
from ..reply import json_reply, text_reply
from . import deployment_plans, deployment_templates
from .deployment_records import DEPLOYMENT, all_resources, load, touch
from .deployment_views import KINDS


def _needs_shutdown(resource):
    """Running, or being restarted; a resource already stopped or stopping is left alone."""
    if deployment_plans.is_stopping(resource):
        return False
    return not resource["stopped"] or resource.get("pending") is not None


def _shut_down(call, resource, action):
    deployment_plans.start_shutdown(resource, call.settings.plan_delay, action, call.user_id)


def shut_down_orphans(call, record, payloads):
    """Start shutting down the resources the payloads leave out; their ids, in the shape of
    ``shutdown_resources``."""
    orphaned = {kind: [] for kind in KINDS}
    for kind in KINDS:
        kept = {payload["ref_id"] for payload in payloads[kind]}
        for resource in record["resources"][kind]:
            if resource["ref_id"] not in kept and _needs_shutdown(resource):
                _shut_down(call, resource, "deployments.update-deployment")
                orphaned[kind].append(
                    {"id": resource["id"], "dependents": []} if kind == "elasticsearch" else resource["id"]
                )
    return orphaned


def shutdown_deployment(call):
    # skip_snapshot is accepted and changes nothing: the emulator takes no snapshots to skip.
    record = load(call)
    for resource in all_resources(record):
        if _needs_shutdown(resource):
            _shut_down(call, resource, "deployments.shutdown-deployment")
    touch(call, record)
    return json_reply({"id": record["id"], "name": record["name"]})


def restore_deployment(call):
    record = load(call)
    if any(not es["stopped"] or es.get("pending") for es in record["resources"]["elasticsearch"]):
        # The deployment-level _restore's 400 in the spec names no code; the resource-level
        # POST /deployments/{id}/{kind}/{ref_id}/_restore documents this one for "The resource is not shut down".
        raise bad_request("There are Elasticsearch resources in the deployment which are not shut down",
                          code="deployments.resource_not_shutdown")  # fmt: skip
    for resource in all_resources(record):
        last = resource.get("current")
        if not resource["stopped"] or last is None:
            continue  # running, or never ran: no plan to start again
        template = deployment_templates.find(record["template_id"], resource["region"])
        deployment_plans.start(resource, last["plan"], last["version"], template, call.settings.plan_delay,
                               "deployments.restore-deployment", call.user_id)  # fmt: skip
    touch(call, record)
    return json_reply({"id": record["id"]})


# With --refuse-deployment-delete, DELETE answers what Elastic Cloud answered its users in ecctl issue 231 (a
# proxy's 405 page; "the deployment delete command is meant for ECE only"). The spec lists DELETE for both
# platforms and Elastic's Terraform provider deletes after shutting down, so by default it deletes.
REFUSED_DELETE_PAGE = "<html><title>405: Method Not Allowed</title><body>405: Method Not Allowed</body></html>"


def is_shut_down(record):
    """Every resource stopped and none being restarted."""
    found = all_resources(record)
    return bool(found) and all(resource["stopped"] and not resource.get("pending") for resource in found)


def is_listed(call, record):
    """With --hide-shut-down-deployments, searches and lists leave out shut-down deployments: terraform-provider-ec
    issue 1040 reports that Elastic Cloud hides them (metadata.hidden) from both, while GET still answers them."""
    return not (call.settings.hide_shut_down_deployments and is_shut_down(record))


def delete_deployment(call):
    if call.settings.refuse_deployment_delete:  # a proxy's answer: before the deployment is even looked up
        return text_reply(405, REFUSED_DELETE_PAGE, "text/html")
    record = load(call)
    busy = [resource["ref_id"] for resource in all_resources(record)
            if not resource["stopped"] or resource.get("pending")]  # fmt: skip
    if busy:
        # The spec's 400 for this operation: "The Deployment resources have not been shutdown yet." It names
        # no error code, and none was found in Elastic's clients or docs: this code is a guess (match the
        # status, the only 400 the spec lists here). A shutdown still pending counts as not shut down.
        raise bad_request(f"The Deployment resources have not been shutdown yet: {', '.join(busy)}",
                          code="deployments.deployment_not_shutdown")  # fmt: skip
    call.store.delete(DEPLOYMENT, record["id"])
    return json_reply({"id": record["id"], "name": record["name"]})
