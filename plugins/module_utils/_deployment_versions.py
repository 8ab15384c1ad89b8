# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Stack version upgrades of deployments (private): which are allowed, the plans that make them, who lags."""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import (
    pending_plans,
    resource_version,
    resources,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

STACK_VERSION_PATH = "/api/v1/stack/versions/{}"
# The spec's RollingStrategyConfig: "'__all__' is required when performing a major version upgrade".
MAJOR_UPGRADE_STRATEGY = {"strategy": {"rolling": {"group_by": "__all__"}}}
# Kinds brought to their Elasticsearch's version with POST .../{kind}/{ref_id}/_upgrade when they lag behind.
UPGRADABLE_KINDS = ("kibana", "apm", "integrations_server", "enterprise_search", "appsearch")


def version_key(version):
    return tuple(int(part) if part.isdigit() else 0 for part in str(version).split("-", maxsplit=1)[0].split("."))


def is_major(running, target):
    return version_key(target)[0] > version_key(running)[0]


def check_upgrade(client, deployment_id, running, target):
    """UsageError, before any change, for a downgrade or an upgrade the running version does not allow."""
    stack = client.get_optional(api_path(STACK_VERSION_PATH, running))
    allowed = ((stack.data if stack else None) or {}).get("upgradable_to") or []
    named = ", ".join(allowed) or "none"
    if version_key(target) < version_key(running):
        raise UsageError("version: deployment %s runs %s, and versions cannot be downgraded (to %s); it can be upgraded "
                         "to %s" % (deployment_id, running, target, named))  # fmt: skip
    if target not in allowed:
        raise UsageError("version: deployment %s runs %s, which cannot be upgraded to %s; it can be upgraded to %s"
                         % (deployment_id, running, target, named))  # fmt: skip


def set_versions(payloads, running, target):
    """Every resource's plan names ``target``; a major upgrade gets the rolling strategy it needs."""
    for kind, kind_payloads in payloads.items():
        for payload in kind_payloads:
            payload["plan"].setdefault(kind, {})["version"] = target
    if is_major(running, target):
        payloads["elasticsearch"][0]["plan"]["transient"] = dict(MAJOR_UPGRADE_STRATEGY)
    return payloads


def lagging(deployment, target):
    """``(kind, resource)`` of the stateless resources not on ``target`` with no plan pending to bring them there."""
    busy = {id(resource) for _kind, resource in pending_plans(deployment)}
    return [(kind, resource) for kind, resource in resources(deployment)
            if kind in UPGRADABLE_KINDS and id(resource) not in busy
            and resource_version(kind, resource) not in (None, target)]  # fmt: skip


def upgrade_stateless(client, deployment_id, kind, ref_id):
    client.post(api_path("/api/v1/deployments/{}/{}/{}/_upgrade", deployment_id, kind, ref_id))
