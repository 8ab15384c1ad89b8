# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Deployment options beyond sizes (private): plan strategy, extensions, observability, and which stateless
resources a deployment has, gets or loses. Mapped to the API as terraform-provider-ec's ``ec_deployment`` does."""

from __future__ import annotations

import copy

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import (
    resources,
    status_of,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_versions import is_major, version_key
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

# elasticsearch.strategy -> the plan's transient.strategy (terraform-provider-ec's elasticsearch strategy).
STRATEGIES = {
    "autodetect": {"autodetect": {}},
    "grow_and_shrink": {"grow_and_shrink": {}},
    "rolling_grow_and_shrink": {"rolling_grow_and_shrink": {}},
    "rolling_all": {"rolling": {"group_by": "__all__"}},
}
# Extension type -> the list of the plan's elasticsearch object that carries it.
EXTENSION_LISTS = {"bundle": "user_bundles", "plugin": "user_plugins"}
OPTIONAL_KINDS = ("kibana", "integrations_server", "enterprise_search")
# Kinds a new deployment gets from its template unless told otherwise; the others only when set.
DEFAULT_KINDS = ("elasticsearch", "kibana", "integrations_server")
STOPPED = ("stopped", "stopping")


# -- strategy -----------------------------------------------------------------------------------
def check_strategy(strategy, running, target):
    """UsageError, before any call, for a strategy a major upgrade cannot use (the spec's RollingStrategyConfig:
    "'__all__' is required when performing a major version upgrade")."""
    if strategy and strategy != "rolling_all" and running and target and is_major(running, target):
        raise UsageError("elasticsearch.strategy: a major upgrade (%s to %s) needs the rolling_all strategy, not %s"
                         % (running, target, strategy))  # fmt: skip


def set_strategy(payloads, strategy):
    """The Elasticsearch plan carries the strategy as a transient: used by this plan only, never compared."""
    if strategy:
        payloads["elasticsearch"][0]["plan"].setdefault("transient", {})["strategy"] = copy.deepcopy(STRATEGIES[strategy])


# -- extensions ---------------------------------------------------------------------------------
def wanted_extensions(extensions):
    """The extensions set, as a list sorted by name (compared as a set); UsageError for a name given twice."""
    names = [extension["name"] for extension in extensions]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise UsageError("elasticsearch.extensions: each name may appear once; %s appears more" % ", ".join(twice))
    return sorted(({key: extension[key] for key in ("name", "type", "version", "url")} for extension in extensions),
                  key=lambda extension: extension["name"])  # fmt: skip


def current_extensions(es_plan):
    config = (es_plan or {}).get("elasticsearch") or {}
    found = [{"name": item.get("name"), "type": kind, "version": item.get("elasticsearch_version"), "url": item.get("url")}
             for kind, field in EXTENSION_LISTS.items() for item in config.get(field) or []]  # fmt: skip
    return sorted(found, key=lambda extension: extension["name"] or "")


def set_extensions(es_plan, extensions):
    config = es_plan.setdefault("elasticsearch", {})
    for kind, field in EXTENSION_LISTS.items():
        config[field] = [{"name": item["name"], "elasticsearch_version": item["version"], "url": item["url"]}
                         for item in extensions if item["type"] == kind]  # fmt: skip


# -- observability ------------------------------------------------------------------------------
def wanted_observability(options):
    """``{deployment_id, ref_id?, logs, metrics}``, or None for neither logs nor metrics (no observability)."""
    if not options["logs"] and not options["metrics"]:
        return None
    if not options.get("deployment_id"):
        raise UsageError("observability.deployment_id is required to send logs or metrics (self, or a deployment's id)")
    view = {"deployment_id": options["deployment_id"], "logs": options["logs"], "metrics": options["metrics"]}
    if options.get("ref_id"):
        view["ref_id"] = options["ref_id"]
    return view


def current_observability(deployment, want):
    """The deployment's observability as terraform-provider-ec reads it (one destination for both), or None."""
    settings = (deployment.get("settings") or {}).get("observability") or {}
    destinations = {name: (settings.get(key) or {}).get("destination") for name, key in (("logs", "logging"), ("metrics", "metrics"))}
    found = [destination for destination in destinations.values() if destination]
    if not found:
        return None
    deployment_id = found[-1].get("deployment_id")
    if want and want["deployment_id"] == "self" and deployment_id == deployment.get("id"):
        deployment_id = "self"  # the API may answer either for a deployment that monitors itself
    view = {"deployment_id": deployment_id, "logs": bool(destinations["logs"]), "metrics": bool(destinations["metrics"])}
    if want and "ref_id" in want:
        view["ref_id"] = found[-1].get("ref_id")
    return view


def observability_payload(want):
    """``settings.observability``: an empty object, neither logs nor metrics, removes it."""
    if not want:
        return {}
    destination = {"deployment_id": want["deployment_id"]}
    if want.get("ref_id"):
        destination["ref_id"] = want["ref_id"]
    payload = {}
    if want["logs"]:
        payload["logging"] = {"destination": dict(destination)}
    if want["metrics"]:
        payload["metrics"] = {"destination": dict(destination)}
    return payload


# -- which resources -----------------------------------------------------------------------------
def resource_states(params):
    """``{kind: "present"|"absent"}`` of the stateless resources the user set."""
    return {kind: (params.get(kind) or {}).get("state") or "present" for kind in OPTIONAL_KINDS if params.get(kind) is not None}


def is_live(deployment, kind, resource):
    """Whether a resource counts as part of the deployment: a stateless one stopped while Elasticsearch runs was
    removed (terraform-provider-ec reads a stopped resource as absent)."""
    if kind == "elasticsearch" or status_of(resource) not in STOPPED:
        return True
    return all(status_of(es) in STOPPED for found, es in resources(deployment) if found == "elasticsearch")


def has_kind(deployment, kind):
    return any(found == kind and is_live(deployment, kind, resource) for found, resource in resources(deployment))


def resource_changes(deployment, states):
    """``(added, removed)`` kinds: set present and missing, or set absent and there."""
    added = [kind for kind, state in states.items() if state == "present" and not has_kind(deployment, kind)]
    removed = [kind for kind, state in states.items() if state == "absent" and has_kind(deployment, kind)]
    if "elasticsearch" in removed:  # pragma: no cover - not an option
        raise UsageError("Elasticsearch cannot be removed from a deployment")
    return added, removed


def template_payload(template, kind, es_ref_id, region, version, ref_id=None):
    """The template's payload of ``kind``, for a deployment that lacks it (as on create)."""
    payloads = (template.get("deployment_template") or {}).get("resources", {}).get(kind) or []
    if not payloads:
        raise UsageError("%s: the deployment's template offers no %s resource" % (kind, kind))
    payload = copy.deepcopy(payloads[0])
    payload.update(region=region, elasticsearch_cluster_ref_id=es_ref_id)
    if ref_id:
        payload["ref_id"] = ref_id  # the removed resource of that kind, started again
    payload["plan"].setdefault(kind, {})["version"] = version
    return payload


def check_enterprise_search(states, version, has_it=False):
    """UsageError, before any change, for Enterprise Search on 9.0 or later: it does not exist there (Elastic docs:
    Enterprise Search is not available from Elastic 9.0 on)."""
    if not version or version_key(version)[0] < 9:
        return
    if states.get("enterprise_search") == "present" or (has_it and states.get("enterprise_search") != "absent"):
        raise UsageError("enterprise_search: Enterprise Search does not exist from stack version 9.0 on (asked for %s); "
                         "remove it (enterprise_search.state: absent) or stay on 8.x" % version)  # fmt: skip
