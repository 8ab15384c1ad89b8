"""Stored deployments: loading one (with its due plans settled), finding a resource, recording a change."""

from .. import clock
from ..errors import not_found
from . import deployment_plans
from .deployment_views import KINDS, version_headers

DEPLOYMENT = "deployment"


def settle(call, record):
    """Finish the plans whose time has come, and store the record if any did."""
    now = clock.now()
    changed = [deployment_plans.settle(resource, now) for kind in KINDS for resource in record["resources"][kind]]
    if any(changed):
        call.store.update(DEPLOYMENT, record["id"], record)
    return record


def load(call):
    deployment_id = call.params["deployment_id"]
    record = call.owned(DEPLOYMENT, deployment_id, "deployments.deployment_not_found",
                        f"Deployment '{deployment_id}' was not found")  # fmt: skip
    return settle(call, record)


def load_all(call):
    return [settle(call, record) for _seq, record in call.store.list(DEPLOYMENT, org=call.organization_id)]


def find_resource(record, kind, ref_id, code="deployments.deployment_resource_not_found"):
    found = next((resource for resource in record["resources"].get(kind, []) if resource["ref_id"] == ref_id), None)
    if found is None:
        raise not_found(code, f"Resource [{kind}/{ref_id}] was not found in the deployment")
    return found


def all_resources(record):
    return [resource for kind in KINDS for resource in record["resources"][kind]]


def touch(call, record):
    record["version"] += 1
    record["last_modified"] = clock.now()
    call.store.update(DEPLOYMENT, record["id"], record)


def header_kwargs(record):
    """The resource-version headers as ``json_reply`` keyword arguments."""
    return {name.replace("-", "_"): value for name, value in version_headers(record).items()}
