# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Deployment options in Ansible terms, and the API payloads they make (private).

Desired state = the template (on create) or the current plan (on update), overlaid with only what the user set;
the comparison looks only at what the user set, so fields the platform computes never cause a change.
"""

from __future__ import annotations

import copy
import re

try:
    import yaml

    HAS_YAML = True
except ImportError:  # pragma: no cover - ansible-core requires PyYAML
    HAS_YAML = False

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import (
    latest_plan,
    resources,
    tags_of,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_options import (
    DEFAULT_KINDS,
    current_extensions,
    current_observability,
    is_live,
    observability_payload,
    resource_states,
    set_extensions,
    set_strategy,
    wanted_extensions,
    wanted_observability,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

TIERS = ("hot_content", "warm", "cold", "frozen", "ml", "master", "coordinating")
STATELESS = ("kibana", "integrations_server", "enterprise_search")
SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(g|gb|m|mb)\s*$", re.I)
TIER_FIELDS = ("size", "zone_count", "instance_configuration_id")
STATELESS_FIELDS = ("size", "zone_count")
BOUNDS = {"min_size": "autoscaling_min", "max_size": "autoscaling_max"}  # option -> topology element field
SETTINGS = "user_settings_yaml"  # in the plan's configuration object of its kind (plan.elasticsearch, plan.kibana, ...)


# -- sizes -------------------------------------------------------------------------------------
def size_mb(value, option):
    """Megabytes of a size such as ``8g``, ``0.5g`` or ``512m`` (``0`` alone is zero)."""
    text = str(value).strip()
    if text == "0":
        return 0
    match = SIZE_PATTERN.match(text)
    if not match:
        raise UsageError("%s must be a memory size such as 8g or 512m; got %r" % (option, value))
    number = float(match.group(1)) * (1024 if match.group(2).lower().startswith("g") else 1)
    if number != int(number):
        raise UsageError("%s must be a whole number of megabytes; got %r" % (option, value))
    return int(number)


def size_text(megabytes):
    """``8g`` for 8192, ``512m`` for 512: the form sizes are shown in."""
    if megabytes and megabytes % 1024 == 0:
        return "%dg" % (megabytes // 1024)
    return "%dm" % megabytes if megabytes else "0g"


# -- user settings -------------------------------------------------------------------------------
def parsed_settings(text, option):
    """The settings a YAML text holds (``{}`` for none); UsageError naming the option when it is not YAML."""
    if not text:
        return {}
    if not HAS_YAML:
        raise UsageError("%s needs the PyYAML Python library on the host that runs the module" % option)
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UsageError("%s is not valid YAML: %s" % (option, str(exc).splitlines()[0]))


def same_settings(old, new):
    """Whether two user settings texts say the same (key order, quoting, comments and spacing aside)."""
    try:
        return parsed_settings(old, "current settings") == parsed_settings(new, "settings")
    except UsageError:
        return old == new


# -- what the user asked for -------------------------------------------------------------------
def _fields(options, names, option):
    """The fields of one topology element the user set, normalised (sizes as ``8g``)."""
    shown = {}
    for name in names:
        value = (options or {}).get(name)
        if value is not None:
            shown[name] = size_text(size_mb(value, "%s.%s" % (option, name))) if name.endswith("size") else value
    return shown


def wanted(params):
    """The options the user set, in Ansible terms (nested like the options): all the comparison looks at."""
    view = {}
    if params.get("alias") is not None:
        view["alias"] = params["alias"]
    if params.get("tags") is not None:
        view["tags"] = {str(key): str(value) for key, value in params["tags"].items()}
    if params.get("observability") is not None:
        view["observability"] = wanted_observability(params["observability"])
    es = params.get("elasticsearch") or {}
    if es.get("autoscale") is not None:
        view.setdefault("elasticsearch", {})["autoscale"] = es["autoscale"]
    if es.get("extensions") is not None:
        view.setdefault("elasticsearch", {})["extensions"] = wanted_extensions(es["extensions"])
    states = resource_states(params)
    present = tuple(kind for kind in STATELESS if states.get(kind) == "present")
    for kind, options in (("elasticsearch", es),) + tuple((kind, params.get(kind) or {}) for kind in present):
        if options.get(SETTINGS) is not None:
            parsed_settings(options[SETTINGS], "%s.%s" % (kind, SETTINGS))  # refused before any call
            view.setdefault(kind, {})[SETTINGS] = options[SETTINGS]
    for tier in TIERS:
        fields = _fields(es.get(tier), TIER_FIELDS, "elasticsearch.%s" % tier)
        bounds = _fields((es.get(tier) or {}).get("autoscaling"), BOUNDS, "elasticsearch.%s.autoscaling" % tier)
        if bounds:
            fields["autoscaling"] = bounds
        if fields:
            view.setdefault("elasticsearch", {})[tier] = fields
    for kind in present:
        fields = _fields(params.get(kind), STATELESS_FIELDS, kind)
        if fields:
            view.setdefault(kind, {}).update(fields)
    return view


# -- what the deployment has -------------------------------------------------------------------
def _element_view(element, names):
    view = {}
    for name in names:
        if name == "autoscaling":
            view["autoscaling"] = {bound: size_text((element.get(BOUNDS[bound]) or {}).get("value") or 0)
                                   if element.get(BOUNDS[bound]) else None for bound in names["autoscaling"]}  # fmt: skip
        elif name == "size" and element.get("size") is not None:
            view["size"] = size_text((element.get("size") or {}).get("value") or 0)
        elif name != "size" and element.get(name) is not None:
            view[name] = element[name]
    return view


def _first(deployment, kind):
    """The deployment's resource of ``kind`` (a removed one, stopped while Elasticsearch runs, does not count)."""
    return next((resource for found, resource in resources(deployment)
                 if found == kind and is_live(deployment, kind, resource)), None)  # fmt: skip


def current(deployment, want):
    """The deployment's values of exactly the fields in ``want``, from its latest (pending, else current) plan."""
    view = {}
    if "alias" in want:
        view["alias"] = deployment.get("alias")
    if "tags" in want:
        view["tags"] = tags_of(deployment)
    if "observability" in want:
        view["observability"] = current_observability(deployment, want["observability"])
    es = _first(deployment, "elasticsearch")
    plan = (latest_plan(es) or {}) if es else {}
    topology = plan.get("cluster_topology") or []
    for tier, fields in (want.get("elasticsearch") or {}).items():
        if tier == "autoscale":
            view.setdefault("elasticsearch", {})["autoscale"] = bool(plan.get("autoscaling_enabled"))
            continue
        if tier == SETTINGS:
            view.setdefault("elasticsearch", {})[SETTINGS] = (plan.get("elasticsearch") or {}).get(SETTINGS)
            continue
        if tier == "extensions":
            view.setdefault("elasticsearch", {})["extensions"] = current_extensions(plan)
            continue
        element = next((element for element in topology if element.get("id") == tier), {})
        view.setdefault("elasticsearch", {})[tier] = _element_view(element, fields)
    for kind in STATELESS:
        if kind in want:
            resource = _first(deployment, kind)
            kind_plan = (latest_plan(resource) or {}) if resource else {}
            view[kind] = _element_view((kind_plan.get("cluster_topology") or [{}])[0], want[kind])
            if SETTINGS in want[kind]:
                view[kind][SETTINGS] = (kind_plan.get(kind) or {}).get(SETTINGS)
    return view


def _leaves(view, path=()):
    """``(path, value)`` of each compared value; tags compare as a whole (extensions too, being a list)."""
    for key, value in view.items():
        if isinstance(value, dict) and key != "tags":
            yield from _leaves(value, path + (key,))
        else:
            yield path + (key,), value


def _get(view, path):
    for key in path:
        view = (view or {}).get(key)
    return view


def _put(view, path, value):
    for key in path[:-1]:
        view = view.setdefault(key, {})
    view[path[-1]] = value


def changes(deployment, want):
    """``(before, after)`` of the fields that differ; both empty when the deployment is as wanted."""
    have = current(deployment, want)
    es = _first(deployment, "elasticsearch")
    running_autoscaled = bool((latest_plan(es) or {}).get("autoscaling_enabled")) if es else False
    autoscaled = (want.get("elasticsearch") or {}).get("autoscale", running_autoscaled)
    before, after = {}, {}
    for path, value in _leaves(want):
        if autoscaled and path[0] == "elasticsearch" and len(path) == 3 and path[2] == "size":
            continue  # the autoscaler sets the size of an autoscaled tier: only its bounds are compared
        old = _get(have, path)
        if old == value or (path[-1] == SETTINGS and same_settings(old, value)):
            continue
        _put(before, path, old)
        _put(after, path, value)
    return before, after


# -- payloads ------------------------------------------------------------------------------------
def _memory(value):
    return {"value": size_mb(value, "size"), "resource": "memory"}


def _set_fields(element, fields, keep_size=False):
    for name, value in fields.items():
        if name == "autoscaling":
            element.update((BOUNDS[bound], _memory(size)) for bound, size in value.items())
        elif name == "size":
            if not keep_size:  # an autoscaled tier keeps the size the autoscaler gave it
                element["size"] = _memory(value)
        else:
            element[name] = value


def apply_wanted(payloads, want, creating=False):
    """Overlay the user's topology options on ``{kind: [payload]}``; UsageError for a tier or resource it lacks."""
    es_plan = payloads["elasticsearch"][0]["plan"]
    topology = es_plan.get("cluster_topology") or []
    es_want = want.get("elasticsearch") or {}
    if "autoscale" in es_want:
        es_plan["autoscaling_enabled"] = es_want["autoscale"]
    keep_size = bool(es_plan.get("autoscaling_enabled")) and not creating
    if SETTINGS in es_want:
        es_plan.setdefault("elasticsearch", {})[SETTINGS] = es_want[SETTINGS]
    if "extensions" in es_want:
        set_extensions(es_plan, es_want["extensions"])
    for tier, fields in es_want.items():
        if tier in ("autoscale", SETTINGS, "extensions"):
            continue
        element = next((element for element in topology if element.get("id") == tier), None)
        if element is None:
            raise UsageError("elasticsearch.%s: the deployment's template has no %s tier; its tiers are %s"
                             % (tier, tier, ", ".join(str(e.get("id")) for e in topology)))  # fmt: skip
        _set_fields(element, fields, keep_size)
    for kind in STATELESS:
        if kind in want:
            if not payloads.get(kind):
                raise UsageError("%s: the deployment has no %s resource" % (kind, kind))
            plan = payloads[kind][0]["plan"]
            _set_fields(plan["cluster_topology"][0], {name: value for name, value in want[kind].items() if name != SETTINGS})
            if SETTINGS in want[kind]:
                plan.setdefault(kind, {})[SETTINGS] = want[kind][SETTINGS]
    return payloads


def _with_settings(body, want):
    """``body`` with the observability set (left out otherwise, so the API keeps what it has)."""
    if "observability" in want:
        body["settings"] = {"observability": observability_payload(want["observability"])}
    return body


def _metadata(want):
    return {"tags": [{"key": key, "value": value} for key, value in sorted(want["tags"].items())]}


def create_body(template, params, want):
    """The create request: the template's resources in ``region``, overlaid with the user's options."""
    resources_of = copy.deepcopy((template.get("deployment_template") or {}).get("resources") or {})
    states = resource_states(params)
    missing = [kind for kind, state in states.items() if state == "present" and not resources_of.get(kind)]
    if missing:
        raise UsageError("%s: deployment template %s offers no %s resource"
                         % (missing[0], params["deployment_template_id"], missing[0]))  # fmt: skip
    # The template's Elasticsearch, Kibana and Integrations Server unless set absent; other kinds only when set.
    payloads = {kind: found for kind, found in resources_of.items()
                if found and states.get(kind, "present" if kind in DEFAULT_KINDS else "absent") == "present"}  # fmt: skip
    for kind, kind_payloads in payloads.items():
        for payload in kind_payloads:
            payload["region"] = params["region"]
            payload["plan"].setdefault(kind, {})["version"] = params["version"]
    payloads["elasticsearch"][0]["plan"]["deployment_template"] = {"id": params["deployment_template_id"]}
    set_strategy(payloads, (params.get("elasticsearch") or {}).get("strategy"))
    body = {"name": params["name"], "resources": apply_wanted(payloads, want, creating=True)}
    return _with_settings(_with_alias_and_tags(body, want), want)


def current_payloads(deployment):
    """Every resource of the deployment as an update payload of its latest plan: the full set, so none is pruned."""
    payloads = {}
    for kind, resource in resources(deployment):
        plan = latest_plan(resource)
        if plan is None or not is_live(deployment, kind, resource):
            continue  # never ran, or removed: no plan to send back
        payload = {"ref_id": resource["ref_id"], "region": resource.get("region"), "plan": copy.deepcopy(plan)}
        if kind != "elasticsearch":
            payload["elasticsearch_cluster_ref_id"] = resource.get("elasticsearch_cluster_ref_id")
        payloads.setdefault(kind, []).append(payload)
    return payloads


def update_body(deployment, want, payloads=None, added=None, removed=(), strategy=None):
    """The update request: the current plans (or ``payloads``, such as a template migration's) with the ``added``
    ones (``{kind: payload}``) and the user's options. Every other resource is sent; ``prune_orphans`` is true only
    when the user removes one (``removed`` kinds), so that only those are shut down."""
    payloads = current_payloads(deployment) if payloads is None else {kind: found for kind, found in payloads.items() if found}
    payloads.update((kind, [payload]) for kind, payload in (added or {}).items())
    for kind in removed:
        payloads.pop(kind, None)
    set_strategy(payloads, strategy)
    body = {"prune_orphans": bool(removed), "name": deployment.get("name"), "resources": apply_wanted(payloads, want)}
    return _with_settings(_with_alias_and_tags(body, want), want)


def _with_alias_and_tags(body, want):
    """``body`` with the alias and tags the user set (left out otherwise, so the API keeps what it has)."""
    if "alias" in want:
        body["alias"] = want["alias"]
    if "tags" in want:
        body["metadata"] = _metadata(want)
    return body


def template_of(deployment):
    es = _first(deployment, "elasticsearch") or {}
    return ((latest_plan(es) or {}).get("deployment_template") or {}).get("id")


def template_change(deployment, params):
    """``(current, wanted)`` template ids when ``deployment_template_id`` asks for another one, else None."""
    current_template = template_of(deployment)
    wanted_template = params.get("deployment_template_id")
    if wanted_template and current_template and wanted_template != current_template:
        return current_template, wanted_template
    return None


def check_region(deployment, params):
    """UsageError, before any call, for a region other than the deployment's: deployments cannot move."""
    region = (_first(deployment, "elasticsearch") or {}).get("region")
    if params.get("region") and region and params["region"] != region:
        raise UsageError("region: deployment %s is in region %s; a deployment cannot move to another region (%s)"
                         % (deployment.get("id"), region, params["region"]))  # fmt: skip
