# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless traffic filters: lookup by id or by name and region (private)."""

from __future__ import annotations

import re

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import in_region, pick_by_name, resolve_ids
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._pagination import Listing, check_found_or_complete

TRAFFIC_FILTERS_PATH = "/api/v1/serverless/traffic-filters"
METADATA_PATH = TRAFFIC_FILTERS_PATH + "/metadata"
FILTER_TYPES = ["ip", "vpce", "private_endpoint"]
# Rule fields each type needs, as the spec describes TrafficFilterRule.
REQUIRED_RULE_FIELDS = {
    "ip": ("source",),
    "vpce": ("source",),
    "private_endpoint": ("azure_endpoint_name", "azure_endpoint_guid"),
}
NOUN = "traffic filter"
PLURAL = "traffic filters"
# Traffic filter ids are 32 hex characters (TrafficFilterInfo.id).
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def filter_path(filter_id):
    return api_path(TRAFFIC_FILTERS_PATH + "/{}", filter_id)


def looks_like_id(value):
    return bool(ID_PATTERN.match(value or ""))


def list_traffic_filters(client, region=None, include_by_default=None):
    """Every traffic filter, optionally of one region or with one include_by_default value.

    Without ``include_by_default`` the filters of both values are listed and merged by id. The spec
    gives the list's include_by_default parameter a default of false: a server applying it leaves
    the filters included by default out of a plain list, and a name looked up there would be missed
    (then created again). Asked both ways, the list is whole under either reading; it costs a call.
    """
    if include_by_default is not None:
        return _list_filters(client, region, include_by_default)
    merged, seen = Listing(), set()
    for value in (False, True):
        part = _list_filters(client, region, value)
        for item in part:
            if item["id"] not in seen:
                seen.add(item["id"])
                merged.append(item)
        merged.complete = merged.complete and getattr(part, "complete", True)
    return merged


def _list_filters(client, region, include_by_default):
    params = {"include_by_default": "true" if include_by_default else "false"}
    if region:
        params["region"] = region
    return client.paginate(TRAFFIC_FILTERS_PATH, "items", params=params)


def privatelink_metadata(client, region=None, csp=None):
    """The PrivateLink connection details of the regions (TrafficFilterRegionMetadata), of one region or provider."""
    params = dict((name, value) for name, value in (("region", region), ("csp", csp)) if value)
    return (client.get(METADATA_PATH, params=params or None).data or {}).get("regions") or []


def get_traffic_filter(client, filter_id):
    """The filter with this id, or None when there is none."""
    found = client.get_optional(filter_path(filter_id))
    return found.data if found else None


def find_traffic_filter(client, filter_id=None, name=None, region=None):
    """Look a filter up by id, else by name (and region); None when absent, UsageError when ambiguous."""
    if filter_id:
        return get_traffic_filter(client, filter_id)
    filters = list_traffic_filters(client, region=region)
    found = pick_by_name(filters, name, region)
    if found is None:
        check_found_or_complete(filters, "No traffic filter is named %r%s" % (name, in_region(region)))
    return found


def resolve_traffic_filter_ids(client, names_or_ids, region=None):
    """The ids of the filters named or identified by ``names_or_ids``, in order, without repeats.

    Each entry is matched first as an id, then as a name, among the filters of ``region``
    (every region when None). An entry that matches nothing, a name shared by several
    filters, or a filter of another region is a UsageError naming the entry. Costs two
    list calls (one per include_by_default value), plus one GET per entry that looks like
    an id of another region.
    """
    refs = [str(ref) for ref in names_or_ids or []]
    if not refs:
        return []
    filters = list_traffic_filters(client, region=region)
    return resolve_ids(filters, refs, region, PLURAL, lambda ref: _not_found_message(client, ref, region))


def _not_found_message(client, ref, region):
    elsewhere = get_traffic_filter(client, ref) if region and looks_like_id(ref) else None
    if elsewhere:
        return "Traffic filter %s (%s) is in region %s; it cannot be attached to a project in region %s" % (
            ref,
            elsewhere.get("name"),
            elsewhere.get("region"),
            region,
        )
    return "No traffic filter has the id or name %r%s" % (ref, in_region(region))
