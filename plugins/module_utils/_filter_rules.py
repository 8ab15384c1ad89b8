# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What serverless traffic filters and deployment rulesets share: rules compared as a set, lookup by name (private)."""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import single_match

# Fields of a rule a user sets, as TrafficFilterRule in the specs names them (the API's own rule ``id`` is left out).
RULE_FIELDS = ("source", "description", "azure_endpoint_name", "azure_endpoint_guid")


def canonical_rule(rule, fields=RULE_FIELDS):
    """A rule as a hashable value: empty fields and unknown keys left out, strings stripped."""
    items = []
    for field in fields:
        value = (rule or {}).get(field)
        if value is not None and str(value).strip() != "":
            items.append((field, str(value).strip()))
    return tuple(items)


def rule_set(rules, fields=RULE_FIELDS):
    return frozenset(canonical_rule(rule, fields) for rule in rules or [])


def rules_for_api(rules, fields=RULE_FIELDS):
    """Rules to send: canonical, without repeats, in the order given."""
    seen, result = set(), []
    for rule in rules or []:
        key = canonical_rule(rule, fields)
        if key not in seen:
            seen.add(key)
            result.append(dict(key))
    return result


def sorted_rules(rules, fields=RULE_FIELDS):
    """Rules in a stable order, for diffs that do not move when the API reorders them."""
    return [dict(key) for key in sorted(rule_set(rules, fields))]


def in_region(region):
    return " in region %s" % region if region else ""


def pick_by_name(items, name, region=None, plural="traffic filters"):
    """The one item of ``items`` named ``name`` (in ``region`` if given), or None.

    Two sharing the name is an error: guessing could attach or change the wrong one.
    """
    matches = [item for item in items if item.get("name") == name and (not region or item.get("region") == region)]
    criterion = "are named %r%s" % (name, in_region(region))
    return single_match(matches, plural, criterion, "use the id instead", _describe)


def _describe(item):
    return "%s (%s)" % (item["id"], item.get("region"))
