# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless projects: their options and how they map onto the API's fields (private; pure, no I/O).

What the user asked for (``desired_state``), what a project has (``current_state``), the PATCH and POST bodies
and the diff between them. Shared by ``project``, ``projects`` and the converger.
"""

from __future__ import annotations

import copy

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError, check_not_empty

PROJECT_TYPES = ("elasticsearch", "observability", "security")

# The options of one project: the argument spec of ``project`` and of each item of ``projects``.
SEARCH_LAKE_OPTIONS = dict(
    search_power=dict(type="int"),
    boost_window=dict(type="int"),
    data_retention=dict(
        type="dict",
        options=dict(default_retention_days=dict(type="int"), max_retention_days=dict(type="int")),
    ),
)
PRODUCT_TYPE_OPTIONS = dict(
    product_line=dict(type="str", required=True, choices=["security", "cloud", "endpoint"]),
    product_tier=dict(type="str", required=True, choices=["complete", "essentials"]),
)
PROJECT_OPTIONS = dict(
    state=dict(type="str", default="present", choices=["present", "absent"]),
    type=dict(type="str", default="elasticsearch", choices=list(PROJECT_TYPES)),
    id=dict(type="str"),
    name=dict(type="str"),
    region_id=dict(type="str"),
    alias=dict(type="str"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=True),
    traffic_filters=dict(type="list", elements="str"),
    optimized_for=dict(type="str", choices=["general_purpose", "vector"]),
    search_lake=dict(type="dict", options=SEARCH_LAKE_OPTIONS),
    product_tier=dict(type="str", choices=["complete", "logs_essentials"]),
    product_types=dict(type="list", elements="dict", options=PRODUCT_TYPE_OPTIONS),
    admin_features_package=dict(type="str", choices=["standard", "enterprise"]),
    linked_projects=dict(type="list", elements="str"),
    credentials_file=dict(type="path"),
)
PROJECT_REQUIRED_ONE_OF = [["id", "name"]]

# Type-specific options of the project module, and the search_lake keys each type accepts.
TYPE_OPTIONS = {
    "elasticsearch": ("optimized_for", "search_lake"),
    "observability": ("product_tier",),
    "security": ("product_types", "admin_features_package", "search_lake"),
}
SEARCH_LAKE_KEYS = {
    "elasticsearch": ("search_power", "boost_window"),
    "security": ("data_retention",),
}
# Fields the API cannot change once the project exists.
IMMUTABLE_FIELDS = ("region_id", "optimized_for")
# Fields a reply may leave out (the spec does not require them): a missing one is unknown, not different, so it
# is neither compared, patched nor shown in a diff. Elastic's terraform-provider-ec likewise keeps the configured
# admin_features_package and product_types when the API does not return them, and copes with a missing product_tier.
UNKNOWN_WHEN_MISSING = ("product_tier", "product_types", "admin_features_package", "traffic_filters")


class ProjectError(UsageError):
    """A clear, user-facing failure (becomes ``fail_json(msg=...)`` in the base class)."""


def check_type(project_type):
    if project_type not in PROJECT_TYPES:
        raise ProjectError("type must be one of %s; got %r" % (", ".join(PROJECT_TYPES), project_type))
    return project_type


# -- aliases and tags ----------------------------------------------------------------------
def alias_label(project):
    """The alias chosen by the user: the API appends ``-<first 6 characters of the id>``."""
    alias = project.get("alias") or ""
    suffix = "-" + project.get("id", "")[:6]
    return alias[: -len(suffix)] if project.get("id") and alias.endswith(suffix) else alias


def project_tags(project):
    return dict((project.get("metadata") or {}).get("tags") or {})


def tags_patch(current, wanted, purge=True):
    """ProjectPatchTags: a value sets a tag, null removes it; only what differs."""
    patch = {key: value for key, value in wanted.items() if current.get(key) != value}
    if purge:
        patch.update((key, None) for key in current if key not in wanted)
    return patch


# -- cross-project search links -------------------------------------------------------------
def linked_projects(project):
    """``{id: type}`` of the projects ``project`` is linked to (a reply without ``linked`` has none)."""
    links = (project.get("linked") or {}).get("projects") or {}
    return {project_id: (entry or {}).get("type") for project_id, entry in links.items()}


def links_patch(current, wanted):
    """The PATCH ``linked`` value bringing the links ``current`` to ``wanted`` (both ``{id: type}``).

    A project left out of the PATCH keeps its link, so each link to drop is sent as an explicit null: Elastic's
    terraform-provider-ec does the same because "the serverless PATCH API treats an omitted key as no change".
    """
    projects = {project_id: {"type": wanted[project_id]} for project_id in wanted if project_id not in current}
    projects.update((project_id, None) for project_id in current if project_id not in wanted)
    return {"projects": projects} if projects else None


# -- option validation and mapping -----------------------------------------------------------
def check_options(project_type, params):
    """ProjectError when an option of another project type is set, a string option is empty, or a tag value is not text."""
    check_type(project_type)
    check_not_empty(PROJECT_OPTIONS, params)
    for key, value in (params.get("tags") or {}).items():
        if not isinstance(value, str):
            kind = "null" if value is None else type(value).__name__
            raise ProjectError(
                "tags.%s must be a string, not %s %r: quote the value in YAML so it is not read as %s" % (key, kind, value, kind)
            )
    foreign = [
        name
        for other, names in TYPE_OPTIONS.items()
        if other != project_type
        for name in names
        if name not in TYPE_OPTIONS[project_type] and params.get(name) is not None
    ]
    if foreign:
        names = sorted(set(foreign))
        owners = sorted(set(other for other, options in TYPE_OPTIONS.items() for name in names if name in options))
        raise ProjectError(
            "%s do%s not apply to %s projects (only to %s projects)"
            % (", ".join(names), "es" if len(names) == 1 else "", project_type, " and ".join(owners))
        )
    search_lake = params.get("search_lake")
    if search_lake:
        allowed = SEARCH_LAKE_KEYS[project_type]
        wrong = sorted(key for key, value in search_lake.items() if value is not None and key not in allowed)
        if wrong:
            raise ProjectError(
                "search_lake.%s do%s not apply to %s projects; they accept search_lake.%s"
                % (
                    ", search_lake.".join(wrong),
                    "es" if len(wrong) == 1 else "",
                    project_type,
                    " and search_lake.".join(allowed),
                )
            )
    retention = (search_lake or {}).get("data_retention") or {}
    longest, default = retention.get("max_retention_days"), retention.get("default_retention_days")
    if longest is not None and default is not None and default > longest:
        raise ProjectError(
            "search_lake.data_retention.default_retention_days (%d) cannot exceed max_retention_days (%d)"
            % (default, longest)
        )


def _drop_none(value):
    """A copy of nested dicts without the keys whose value is None (options left unset)."""
    if isinstance(value, dict):
        return {key: _drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_none(item) for item in value]
    return value


def desired_state(project_type, params):
    """The managed fields the user asked for, in the API's shape (unset options left out)."""
    wanted = {}
    for name in ("name", "alias", "region_id"):
        if params.get(name) is not None:
            wanted[name] = params[name]
    if params.get("tags") is not None:
        wanted["tags"] = {str(key): str(value) for key, value in params["tags"].items()}
    if params.get("traffic_filters") is not None:
        wanted["traffic_filters"] = list(dict.fromkeys(params["traffic_filters"]))
    if params.get("linked_projects") is not None:  # ids or names: the converger resolves them to {id: type}
        wanted["linked_projects"] = list(dict.fromkeys(params["linked_projects"]))
    for name in TYPE_OPTIONS[project_type]:
        value = _drop_none(params.get(name))
        if value not in (None, {}):
            wanted[name] = value
    return wanted


def attached_filter_ids(project):
    """IDs of the traffic filters attached to ``project``."""
    return [entry["id"] for entry in project.get("traffic_filters") or []]


def _product_key(product_types):
    return sorted((entry.get("product_line"), entry.get("product_tier")) for entry in product_types or [])


def is_unknown(project, name):
    """Whether the reply left ``name`` out (see UNKNOWN_WHEN_MISSING)."""
    return name in UNKNOWN_WHEN_MISSING and project.get(name) is None


def current_state(project, wanted):
    """The project's values for the fields in ``wanted``, in the same shape; fields the reply left out are absent."""
    current = {}
    for name, value in wanted.items():
        if is_unknown(project, name):
            continue
        if name == "alias":
            current[name] = alias_label(project)
        elif name == "tags":
            current[name] = project_tags(project)
        elif name == "traffic_filters":
            current[name] = attached_filter_ids(project)
        elif name == "linked_projects":
            current[name] = linked_projects(project)
        elif name == "search_lake":
            current[name] = _subset(project.get("search_lake") or {}, value)
        else:
            current[name] = copy.deepcopy(project.get(name))
    return current


def _subset(actual, shape):
    """The parts of ``actual`` named by the keys of ``shape`` (recursively)."""
    result = {}
    for key, value in shape.items():
        item = (actual or {}).get(key)
        result[key] = _subset(item, value) if isinstance(value, dict) else item
    return result


def _nested_patch(current, wanted):
    """The keys of ``wanted`` whose values differ from ``current``, recursively."""
    patch = {}
    for key, value in wanted.items():
        if isinstance(value, dict):
            inner = _nested_patch((current or {}).get(key) or {}, value)
            if inner:
                patch[key] = inner
        elif (current or {}).get(key) != value:
            patch[key] = value
    return patch


def _same(name, current, value):
    if name == "alias":
        return (current or "").lower() == value.lower()
    if name == "traffic_filters":
        return sorted(current) == sorted(value)
    if name == "linked_projects":
        return set(current) == set(value)
    if name == "product_types":
        return _product_key(current) == _product_key(value)
    return current == value


def compute_patch(project, wanted, purge_tags=True):
    """``(patch body, immutable field names that differ)`` bringing ``project`` to ``wanted``.

    The body holds only the fields that differ; tags use ProjectPatchTags
    semantics, search_lake only the sub-fields that differ.
    """
    current = current_state(project, wanted)
    patch, immutable = {}, []
    for name, value in wanted.items():
        if name not in current:
            continue  # unknown: the reply left it out
        if name == "tags":
            tags = tags_patch(current["tags"], value, purge_tags)
            if tags:
                patch["metadata"] = {"tags": tags}
        elif name == "search_lake":
            lake = _nested_patch(current[name], value)
            if lake:
                patch[name] = lake
        elif _same(name, current[name], value):
            continue
        elif name in IMMUTABLE_FIELDS:
            immutable.append(name)
        elif name == "traffic_filters":
            patch[name] = [{"id": filter_id} for filter_id in value]
        elif name == "linked_projects":
            patch["linked"] = links_patch(current[name], value)
        else:
            patch[name] = value
    return patch, immutable


def immutable_error(project_type, project, names, wanted):
    return ProjectError(
        "%s cannot change after creation; the %s project %s has %s (delete and recreate it to change %s)"
        % (
            " and ".join(names),
            project_type,
            project["id"],
            ", ".join("%s %r, not %r" % (name, project.get(name), wanted[name]) for name in names),
            "it" if len(names) == 1 else "them",
        )
    )


def diff_view(project, wanted, purge_tags=True):
    """``(before, after)`` of the managed fields for diff mode (never credentials)."""
    if project is None:
        return {}, dict(copy.deepcopy(wanted))
    before = current_state(project, wanted)
    after = copy.deepcopy(before)
    for name, value in wanted.items():
        if name not in before:
            continue  # unknown: the reply left it out
        if name == "tags" and not purge_tags:
            after[name] = dict(before["tags"], **value)
        elif name == "search_lake":
            after[name] = _merge(before[name], value)
        else:
            after[name] = copy.deepcopy(value)
    before.setdefault("name", project.get("name"))
    after.setdefault("name", project.get("name"))
    return before, after


def _merge(base, override):
    merged = dict(base or {})
    for key, value in override.items():
        merged[key] = _merge(merged.get(key), value) if isinstance(value, dict) else value
    return merged


def create_body(wanted):
    """The POST body for a new project from the wanted fields."""
    body = {}
    for name, value in wanted.items():
        if name == "tags":
            if value:  # ProjectTags needs at least one entry
                body["metadata"] = {"tags": value}
        elif name == "traffic_filters":
            body[name] = [{"id": filter_id} for filter_id in value]
        elif name == "linked_projects":
            if value:  # CreateLinkedRequest needs at least one project
                body["linked"] = {"projects": {project_id: {"type": kind} for project_id, kind in value.items()}}
        else:
            body[name] = copy.deepcopy(value)
    return body
