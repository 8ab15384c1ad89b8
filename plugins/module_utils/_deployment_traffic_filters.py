# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Deployment traffic filter rulesets: paths, lookup by id or by name and region, resolving references (private)."""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import in_region, pick_by_name, resolve_ids

RULESETS_PATH = "/api/v1/deployments/traffic-filter/rulesets"
RULESET_TYPES = ["ip", "vpce", "azure_private_endpoint", "gcp_private_service_connect_endpoint", "remote_cluster"]
# Fields of a rule a user sets, as TrafficFilterRule in the cloud spec names them.
RULE_FIELDS = ("source", "description", "azure_endpoint_name", "azure_endpoint_guid", "remote_cluster_id",
               "remote_cluster_org_id")  # fmt: skip
# Rule fields each type needs.
REQUIRED_RULE_FIELDS = {
    "ip": ("source",),
    "vpce": ("source",),
    "azure_private_endpoint": ("azure_endpoint_name", "azure_endpoint_guid"),
    "gcp_private_service_connect_endpoint": ("source",),
    "remote_cluster": ("remote_cluster_id", "remote_cluster_org_id"),
}
NOUN = "deployment traffic filter"
PLURAL = "deployment traffic filters"


def ruleset_path(ruleset_id, *rest):
    return api_path(RULESETS_PATH + "/{}" + "/{}" * len(rest), ruleset_id, *rest)


def list_rulesets(client, region=None, include_associations=False):
    """Every ruleset (of ``region`` when given). The list has no pages: the spec's TrafficFilterRulesets has none."""
    params = {"include_associations": "true" if include_associations else "false"}
    if region:
        params["region"] = region
    return client.get(RULESETS_PATH, params=params).data.get("rulesets") or []


def get_ruleset(client, ruleset_id, include_associations=False):
    """The ruleset with this id, or None when there is none."""
    params = {"include_associations": "true"} if include_associations else None
    found = client.get_optional(ruleset_path(ruleset_id), params=params)
    return found.data if found else None


def find_ruleset(client, ruleset_id=None, name=None, region=None, include_associations=False):
    """A ruleset by id, else by name (and region); None when absent, UsageError when the name is shared."""
    if ruleset_id:
        return get_ruleset(client, ruleset_id, include_associations)
    return pick_by_name(list_rulesets(client, region, include_associations), name, region, PLURAL)


def resolve_ruleset_ids(client, refs, region):
    """The ids of the rulesets named or identified by ``refs`` among those of ``region``, in order, without repeats.

    Names are looked up at every run, so renaming a ruleset never breaks a task that names it by its old id.
    An entry matching nothing, a shared name, or a ruleset of another region is a UsageError naming the entry.
    """
    refs = [str(ref) for ref in refs or []]
    if not refs:
        return []
    return resolve_ids(list_rulesets(client, region), refs, region, PLURAL, lambda ref: _not_found_message(client, ref, region))


def _not_found_message(client, ref, region):
    elsewhere = get_ruleset(client, ref) if region else None
    if elsewhere:
        return "Deployment traffic filter %s (%s) is in region %s; it cannot be attached to a deployment in region %s" % (
            ref, elsewhere.get("name"), elsewhere.get("region"), region)  # fmt: skip
    return "No deployment traffic filter has the id or name %r%s" % (ref, in_region(region))
