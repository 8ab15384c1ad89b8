# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The traffic filter rulesets attached to a deployment: what to attach and detach, and doing it (private).

Two modes. ``additive`` attaches the rulesets named and never detaches one: a ruleset attached by another task or
in the console stays (terraform-provider-ec users lose such rulesets at every apply, issues 204, 419 and 510).
``exclusive`` also detaches every ruleset not named.
"""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_traffic_filters import (
    resolve_ruleset_ids,
    ruleset_path,
)

ENTITY_TYPE = "deployment"
RULESETS_OF_PATH = "/api/v1/deployments/traffic-filter/associations/deployment/{}/rulesets"
MODES = ["additive", "exclusive"]


def attached_ruleset_ids(client, deployment_id):
    return list(client.get(api_path(RULESETS_OF_PATH, deployment_id)).data.get("rulesets") or [])


def target_ids(current, wanted, mode):
    """The rulesets the deployment should end with: the current ones kept in order, the new ones after them."""
    if mode == "exclusive":
        return [ruleset for ruleset in current if ruleset in wanted] + [ruleset for ruleset in wanted if ruleset not in current]
    return current + [ruleset for ruleset in wanted if ruleset not in current]


def attach(client, ruleset_id, deployment_id):
    client.post(ruleset_path(ruleset_id, "associations"), body={"entity_type": ENTITY_TYPE, "id": deployment_id})


def detach(client, ruleset_id, deployment_id):
    # A 404 is an association already gone (detached meanwhile, or by a lost answer to this very call).
    client.delete(ruleset_path(ruleset_id, "associations", ENTITY_TYPE, deployment_id), missing_ok=True)


def deployment_region(deployment):
    for kind in ("elasticsearch", "kibana", "integrations_server", "apm", "enterprise_search"):
        for resource in (deployment.get("resources") or {}).get(kind) or []:
            if resource.get("region"):
                return resource["region"]
    return None


def create_settings(task, body, region):
    """Put the rulesets named into a create body's settings (DeploymentCreateSettings.traffic_filter_settings)."""
    refs = task.params.get("traffic_filters")
    if refs is None:
        return body
    ids = resolve_ruleset_ids(task.client, refs, region)
    body.setdefault("settings", {})["traffic_filter_settings"] = {"rulesets": ids}
    task.diff["after"]["traffic_filters"] = ids
    return body


def converge(task, deployment):
    """Attach (and in exclusive mode detach) rulesets of an existing deployment; no write in check mode.

    Only the association endpoints change them: a deployment update would send a plan for a settings change.
    """
    refs = task.params.get("traffic_filters")
    if refs is None or not deployment:
        return
    wanted = resolve_ruleset_ids(task.client, refs, deployment_region(deployment))
    current = attached_ruleset_ids(task.client, deployment["id"])
    target = target_ids(current, wanted, task.params.get("traffic_filters_mode") or "additive")
    if target == current:
        return
    task.mark_changed()
    task.diff["before"]["traffic_filters"], task.diff["after"]["traffic_filters"] = current, target
    if task.check_mode:
        return
    for ruleset_id in target:
        if ruleset_id not in current:
            attach(task.client, ruleset_id, deployment["id"])
    for ruleset_id in current:
        if ruleset_id not in target:
            detach(task.client, ruleset_id, deployment["id"])


def after_create(task, deployment_id):
    """In exclusive mode, detach what the API attached besides the rulesets named (those included by default)."""
    if task.params.get("traffic_filters") is None or task.params.get("traffic_filters_mode") != "exclusive":
        return
    wanted = task.diff["after"].get("traffic_filters") or []
    for ruleset_id in attached_ruleset_ids(task.client, deployment_id):
        if ruleset_id not in wanted:
            detach(task.client, ruleset_id, deployment_id)
