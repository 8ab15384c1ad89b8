# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What hosted deployments are made from: deployment templates and Elastic Stack versions (private).

Reads only; shared by the info modules and by the deployment module, which checks a template,
a size or an upgrade here before it sends anything.
"""

from __future__ import annotations

import re

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError

TEMPLATES_PATH = "/api/v1/deployments/templates"
STACK_VERSIONS_PATH = "/api/v1/stack/versions"
# The resource sections a stack version may carry (StackVersionConfig in the cloud API spec). Each section
# requires a docker_image, the image the kind runs from: without one, the kind cannot run on that version.
RESOURCE_SECTIONS = ("elasticsearch", "kibana", "apm", "appsearch", "enterprise_search")
VERSION_PATTERN = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$")


def _flag(value):
    return "true" if value else "false"


def template_params(region, show_instance_configurations=True, stack_version=None):
    """Query of a template read. ``region`` is required by the spec on both platforms.

    ECE's region is ``ece-region``: Elastic's Terraform provider tells ECE users to set that region on a deployment.

    ``max_zones`` is asked for with the instance configurations: it is what bounds a topology's
    ``zone_count``, and the API leaves it out unless asked (``show_max_zones``).
    """
    params = {
        "region": region,
        "show_instance_configurations": _flag(show_instance_configurations),
        "show_max_zones": _flag(show_instance_configurations),
    }
    if stack_version:
        params["stack_version"] = stack_version
    return params


# The spec's answers for a region the API does not know (400) or the caller may not use (401, templates.region_*).
REGION_CODE_PREFIX = "templates.region_"


def _naming_the_region(region, call, *args, **kwargs):
    """``call(*args, **kwargs)``; a refusal of the region names the option, whose value the API may not repeat."""
    try:
        return call(*args, **kwargs)
    except ElasticCloudError as exc:
        if exc.status == 400 or any(code.startswith(REGION_CODE_PREFIX) for code in exc.codes or []):
            raise exc.reworded("region %s: %s" % (region, exc.message))
        raise


def _with_configuration_list(template):
    """The template with an ``instance_configurations`` list, empty when not asked for.

    The spec marks the field required, yet an answer without configurations may leave it out rather than send
    an empty list: either reading gives the same result.
    """
    template.setdefault("instance_configurations", [])
    return template


def list_templates(client, region, show_instance_configurations=True, stack_version=None):
    """Every deployment template of ``region``, in the API's order (ascending ``order``)."""
    params = template_params(region, show_instance_configurations, stack_version)
    templates = _naming_the_region(region, client.get, TEMPLATES_PATH, params=params, expect=list).data or []
    return [_with_configuration_list(template) for template in templates]


def read_template(client, region, template_id, show_instance_configurations=True, stack_version=None):
    """The deployment template ``template_id`` of ``region``, or None when the region has no such template."""
    params = template_params(region, show_instance_configurations, stack_version)
    found = _naming_the_region(region, client.get_optional, api_path(TEMPLATES_PATH + "/{}", template_id), params=params)
    return _with_configuration_list(found.data) if found else None


def instance_configuration(template, configuration_id):
    """The instance configuration ``configuration_id`` of a template read with its configurations, or None."""
    configurations = template.get("instance_configurations") or []
    return next((config for config in configurations if config.get("id") == configuration_id), None)


def allowed_sizes(configuration):
    """The sizes (in the configuration's ``resource``, usually memory in MB) a topology element may ask for."""
    return list((configuration.get("discrete_sizes") or {}).get("sizes") or [])


def version_key(version):
    """Sortable form of ``major.minor.patch[-suffix]``: a pre-release sorts before its release."""
    match = VERSION_PATTERN.match(version or "")
    if not match:
        return (-1, -1, -1, 0, version or "")
    major, minor, patch, suffix = match.groups()
    return (int(major), int(minor), int(patch), 0 if suffix else 1, suffix or "")


def list_stack_versions(client, show_deleted=False, show_unusable=False):
    """Every stack version the caller may use (or all, with the flags), newest first.

    The spec promises no order, so the order is made here: ``[0]`` is the newest.
    """
    params = {"show_deleted": _flag(show_deleted), "show_unusable": _flag(show_unusable)}
    stacks = (client.get(STACK_VERSIONS_PATH, params=params).data or {}).get("stacks") or []
    return sorted(stacks, key=lambda stack: version_key(stack.get("version")), reverse=True)


def read_stack_version(client, version):
    """The stack version ``version`` as the API describes it, or None when the API knows no such version."""
    found = client.get_optional(api_path(STACK_VERSIONS_PATH + "/{}", version))
    return found.data if found else None


def allows_upgrade(stack_version, target_version):
    """Whether the stack version (as read) lists ``target_version`` among the versions it can upgrade to."""
    return target_version in (stack_version.get("upgradable_to") or [])


def has_image(stack_version, kind):
    """Whether the stack version has an image to run ``kind`` from."""
    return bool((stack_version.get(kind) or {}).get("docker_image"))


def stack_version_summary(stack_version):
    """The fields of a stack version a playbook decides on, the same on Elastic Cloud and ECE.

    ``accessible`` and ``whitelisted`` are only sent by Elastic Cloud (the spec says so): None on ECE.
    """
    return {
        "version": stack_version.get("version"),
        "upgradable_to": sorted(stack_version.get("upgradable_to") or [], key=version_key),
        "min_upgradable_from": stack_version.get("min_upgradable_from"),
        "available_resources": [kind for kind in RESOURCE_SECTIONS if has_image(stack_version, kind)],
        "template_version": (stack_version.get("template") or {}).get("template_version"),
        "deleted": bool(stack_version.get("deleted")),
        "accessible": stack_version.get("accessible"),
        "whitelisted": stack_version.get("whitelisted"),
    }
