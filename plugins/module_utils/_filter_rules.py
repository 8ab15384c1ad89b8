# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What serverless traffic filters and deployment rulesets share: rules compared as a set, lookup by name or id,
the checks and the view of the modules that manage them (private)."""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError, single_match

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


def has_values(item, wanted):
    """Whether ``item`` has each value of ``wanted`` that is not None (a boolean compared with the field's truth).

    Info modules filter client-side too, so an id lookup honours their other options.
    """
    for field, value in wanted.items():
        found = bool(item.get(field)) if isinstance(value, bool) else item.get(field)
        if value is not None and found != value:
            return False
    return True


def resolve_ids(items, refs, region, plural, not_found_message):
    """The ids of the ``items`` named or identified by ``refs``, in order, without repeats.

    Each entry is matched first as an id, then as a name (in ``region`` if given). An entry matching nothing is a
    UsageError worded by ``not_found_message(ref)``; a name shared by several items is one too.
    """
    by_id = dict((item["id"], item) for item in items)
    ids = []
    for ref in refs:
        found = by_id.get(ref) or pick_by_name(items, ref, region, plural)
        if found is None:
            raise UsageError(not_found_message(ref))
        if found["id"] not in ids:
            ids.append(found["id"])
    return ids


def filter_view(record, fields=RULE_FIELDS):
    """The managed fields of a filter, as the modules return them and diff mode shows them; {} for none."""
    if not record:
        return {}
    return {
        "id": record.get("id"),
        "name": record.get("name"),
        "region": record.get("region"),
        "type": record.get("type"),
        "description": record.get("description") or "",
        "include_by_default": bool(record.get("include_by_default")),
        "rules": sorted_rules(record.get("rules"), fields),
    }


def find_existing(params, find, noun):
    """The filter a task names (``find()`` looks it up), or None when there is none yet.

    A name alone, without its region, is an error: names are unique only within a region. An id that matches
    nothing is an error too, unless the filter is to be absent.
    """
    if not params["id"] and not params["region"]:
        raise UsageError("region is required to find %s %r by name; or give its id" % (noun, params["name"]))
    existing = find()
    if params["id"] and existing is None and params["state"] == "present":
        raise UsageError("No %s has the id %r" % (noun, params["id"]))
    return existing


def check_create_options(params, noun):
    for option in ("name", "region", "type"):
        if not params[option]:
            raise UsageError("%s is required to create a %s" % (option, noun))


def check_rule_fields(required_fields, filter_type, rules, plural):
    """Every rule has the fields its filter's type needs (``required_fields[filter_type]``)."""
    for position, rule in enumerate(rules or []):
        for field in required_fields.get(filter_type, ()):
            if not (rule.get(field) or "").strip():
                raise UsageError("rules[%d].%s is required for %s %s" % (position, field, filter_type, plural))


def check_fixed_fields(params, existing, noun):
    """``type`` and ``region`` cannot change once a filter exists: asking for it fails, naming the filter."""
    for option in ("type", "region"):
        if params[option] and params[option] != existing.get(option):
            raise UsageError(
                "%s %s (%s) has %s %s; it cannot change to %s (delete the filter and create it again)"
                % (noun.capitalize(), existing["id"], existing.get("name"), option, existing.get(option), params[option])
            )
