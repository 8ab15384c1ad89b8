"""What a deployment's Elasticsearch resource holds besides its plan: its keystore and its certificate-based
remote clusters; and restarting a resource, as a plan on the emulator clock.
"""

import re

from ..errors import ApiError, bad_request, not_found
from ..reply import json_reply
from ..routing import CLOUD, Route
from . import deployment_plans, deployment_templates
from .deployment_records import DEPLOYMENT, find_resource, load, touch
from .deployment_views import STATELESS_KINDS

ONE = "/api/v1/deployments/{deployment_id}"
# The spec's RemoteResourceRef.alias: "Aliases must only contain letters, digits, dashes and underscores".
ALIAS = re.compile(r"^[A-Za-z0-9_-]+$")


# -- keystore ------------------------------------------------------------------------------
def _keystore(record, es):
    return record.setdefault("keystores", {}).setdefault(es["ref_id"], {})


def _redacted(keystore):
    """The spec's GET: "the current fields and metadata (but not the values)"."""
    return {"secrets": {name: {"as_file": entry["as_file"]} for name, entry in sorted(keystore.items())}}


def get_keystore(call):
    record = load(call)
    es = find_resource(record, "elasticsearch", call.params["ref_id"])
    return json_reply(_redacted(_keystore(record, es)))


def _removes(secret):
    # The spec's KeystoreSecret.value: "When the keystore secret is unspecified, it is removed"; ecctl's
    # `keystore update` documents the same with {"secrets": {"my-secret": null}}. Both remove.
    return secret is None or secret.get("value") is None


def patch_keystore(call):
    record = load(call)
    es = find_resource(record, "elasticsearch", call.params["ref_id"])
    keystore = _keystore(record, es)
    for name, secret in call.body["secrets"].items():
        if _removes(secret):
            keystore.pop(name, None)
            continue
        value = secret["value"]
        # The spec's as_file default: a string is stored as a string, an object as a file.
        as_file = secret.get("as_file", isinstance(value, dict))
        keystore[name] = {"value": value, "as_file": as_file}
    touch(call, record)
    return json_reply(_redacted(keystore))


# -- remote clusters ---------------------------------------------------------------------------
def _remote_info():
    return {"healthy": True, "connected": True, "compatible": True, "trusted": True, "trusted_back": True}


def get_remote_clusters(call):
    record = load(call)
    es = find_resource(record, "elasticsearch", call.params["ref_id"])
    stored = record.setdefault("remote_clusters", {}).get(es["ref_id"], [])
    return json_reply({"resources": [{**remote, "info": _remote_info()} for remote in stored]})


def _check_remote(call, remote):
    if not ALIAS.match(remote["alias"]):
        raise bad_request(f"Alias [{remote['alias']}] must only contain letters, digits, dashes and underscores",
                          ["alias"])  # fmt: skip
    # The spec lists only 404s for this PUT; a remote deployment or resource that does not exist is answered
    # like the deployment of the path (a guess by analogy: match the status).
    other = call.owned(DEPLOYMENT, remote["deployment_id"], "deployments.deployment_not_found",
                       f"Remote deployment '{remote['deployment_id']}' was not found")  # fmt: skip
    find_resource(other, "elasticsearch", remote["elasticsearch_ref_id"])


def put_remote_clusters(call):
    record = load(call)
    es = find_resource(record, "elasticsearch", call.params["ref_id"])
    remotes = call.body["resources"]
    aliases = [remote["alias"] for remote in remotes]
    duplicated = sorted({alias for alias in aliases if aliases.count(alias) > 1})
    if duplicated:
        raise bad_request(f"Remote cluster aliases must be unique: {', '.join(duplicated)}", ["resources"])
    for remote in remotes:
        _check_remote(call, remote)
    stored = [{key: remote[key] for key in ("deployment_id", "elasticsearch_ref_id", "alias")} for remote in remotes]
    for entry, remote in zip(stored, remotes):
        entry["skip_unavailable"] = remote.get("skip_unavailable", False)  # the spec's "Default: false"
    record.setdefault("remote_clusters", {})[es["ref_id"]] = stored
    touch(call, record)
    return json_reply({}, status=202)


# -- restart -------------------------------------------------------------------------------
def _restart(call, kind):
    record = load(call)
    resource = find_resource(record, kind, call.params["ref_id"])
    if resource.get("pending") is not None:
        if not call.query.get("cancel_pending"):
            # The spec: "If false and there are pending plans, returns an error"; its 422 is the illegal-state one.
            raise ApiError(422, "deployments.deployment_resource_plan_change_error",
                           f"Resource [{kind}/{resource['ref_id']}] has a pending plan")  # fmt: skip
        deployment_plans.cancel(resource)
    last = resource.get("current")
    if last is None:
        raise ApiError(422, "deployments.deployment_resource_plan_change_error",
                       f"Resource [{kind}/{resource['ref_id']}] has no successful plan to restart")  # fmt: skip
    # The spec: an active resource re-applies its plan with a reboot; an inactive one starts with its last plan.
    template = deployment_templates.find(record.get("template_id"), resource["region"])
    deployment_plans.start(resource, last["plan"], last["version"], template, call.settings.plan_delay,
                           f"deployments.restart-{kind}", call.user_id)  # fmt: skip
    touch(call, record)
    return json_reply({}, status=202)


def restart_elasticsearch(call):
    return _restart(call, "elasticsearch")


def restart_stateless(call):
    kind = call.params["stateless_resource_kind"]
    if kind not in STATELESS_KINDS:
        raise not_found("deployments.deployment_resource_not_found", f"Unknown resource kind [{kind}]")
    return _restart(call, kind)


def redact(record):
    """A stored deployment without its keystore values, for state dumps."""
    keystores = record.get("keystores") or {}
    return {ref_id: sorted(keystore) for ref_id, keystore in keystores.items()}


ES = f"{ONE}/elasticsearch/{{ref_id}}"
ROUTES = [
    Route("GET", f"{ES}/keystore", get_keystore, api=CLOUD),
    Route("PATCH", f"{ES}/keystore", patch_keystore, api=CLOUD),
    Route("GET", f"{ES}/remote-clusters", get_remote_clusters, api=CLOUD),
    Route("PUT", f"{ES}/remote-clusters", put_remote_clusters, api=CLOUD),
    Route("POST", f"{ES}/_restart", restart_elasticsearch, api=CLOUD),
    Route("POST", f"{ONE}/{{stateless_resource_kind}}/{{ref_id}}/_restart", restart_stateless, api=CLOUD),
]
