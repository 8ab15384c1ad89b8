"""Actions on one resource of a deployment: reading it, resetting the ``elastic`` password, upgrading a
stateless resource to its Elasticsearch's version, cancelling a pending plan."""

import copy
import secrets

from ..errors import ApiError, bad_request, not_found
from ..reply import json_reply
from . import deployment_plans, deployment_templates
from .deployment_records import find_resource, load, touch
from .deployment_views import STATELESS_KINDS, resource_info


def plan_options(call):
    """What a GET shows of the plans (its ``show_plans``, ``show_plan_logs``, ... query)."""
    query = call.query
    return {
        "show_plans": query.get("show_plans", True),
        "show_logs": query.get("show_plan_logs", False),
        "show_history": query.get("show_plan_history", False),
        "clear_transient": query.get("clear_transient", False),
    }


def get_resource(kind):
    def handler(call):
        record = load(call)
        # The spec documents only deployments.deployment_not_found for a missing resource here.
        resource = find_resource(record, kind, call.params["ref_id"], code="deployments.deployment_not_found")
        return json_reply(resource_info(record, resource, plan_options(call)))

    return handler


def reset_password(call):
    record = load(call)
    es = find_resource(record, "elasticsearch", call.params["ref_id"])
    record["passwords"][es["ref_id"]] = secrets.token_urlsafe(18)
    touch(call, record)
    return json_reply({"username": "elastic", "password": record["passwords"][es["ref_id"]]})


def _stateless_kind(call):
    kind = call.params["stateless_resource_kind"]
    if kind not in STATELESS_KINDS:
        raise not_found("deployments.deployment_resource_not_found", f"Unknown resource kind [{kind}]")
    return kind


def upgrade_stateless(call):
    """Bring a stateless resource to its Elasticsearch's version (which a plain Elasticsearch upgrade does not)."""
    record = load(call)
    kind = _stateless_kind(call)
    resource = find_resource(record, kind, call.params["ref_id"])
    es = find_resource(record, "elasticsearch", resource["elasticsearch_cluster_ref_id"])
    target = deployment_plans.running_version(es)
    if target is None:
        raise ApiError(
            409, "deployments.deployment_resource_plan_change_error", "Elasticsearch has no running plan yet"
        )
    if not call.query.get("validate_only"):
        plan = copy.deepcopy((resource.get("current") or resource["pending"])["plan"])
        template = deployment_templates.find(record["template_id"], resource["region"])
        deployment_plans.start(resource, plan, target, template, call.settings.plan_delay,
                               "deployments.upgrade-stateless-resource", call.user_id)  # fmt: skip
        touch(call, record)
    return json_reply({"resource_id": resource["id"], "stack_version": target}, status=202)


def cancel_pending_plan(call):
    record = load(call)
    kind = call.params["resource_kind"]
    resource = find_resource(record, kind, call.params["ref_id"])
    if resource.get("pending") is None:
        raise bad_request(f"Resource [{kind}/{resource['ref_id']}] has no pending plan",
                          code="deployments.resource_does_not_have_a_pending_plan")  # fmt: skip
    deployment_plans.cancel(resource)
    touch(call, record)
    return json_reply({"id": resource["id"], "kind": kind, "ref_id": resource["ref_id"]})
