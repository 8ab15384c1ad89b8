# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless projects (private): paths, lookups, waits, option mapping and patch computation.

Shared by ``project``, ``project_info`` and ``credentials_reset``.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
from urllib.parse import quote

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ElasticCloudError

PROJECT_TYPES = ("elasticsearch", "observability", "security")
PROJECTS_PATH = "/api/v1/serverless/projects"

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

# Polling: notice readiness quickly, then back off so long waits stay cheap.
POLL_FIRST = 0.25
POLL_FACTOR = 1.5
POLL_MAX = 4.0

# Phases a project does not leave by itself: waiting for another one would only time out.
STUCK_PHASES = ("deleting", "suspending", "suspended")

# Statuses after which a POST may have been committed although no usable answer arrived.
AMBIGUOUS_STATUSES = (None, 502, 504)


class ProjectError(ValueError):
    """A clear, user-facing failure (becomes ``fail_json(msg=...)`` in the base class)."""


# -- paths -----------------------------------------------------------------------------------
def check_type(project_type):
    if project_type not in PROJECT_TYPES:
        raise ProjectError("type must be one of %s; got %r" % (", ".join(PROJECT_TYPES), project_type))
    return project_type


def project_path(project_type, project_id=None, suffix=None):
    """``/api/v1/serverless/projects/<type>[/<id>[/<suffix>]]``."""
    path = "%s/%s" % (PROJECTS_PATH, check_type(project_type))
    if project_id is not None:
        path += "/" + quote(str(project_id), safe="")
    if suffix:
        path += "/" + suffix
    return path


# -- lookups ---------------------------------------------------------------------------------
def read_project(client, project_type, project_id):
    """``(project, etag)`` of one project by id, or ``(None, None)`` when there is none."""
    response = client.get_optional(project_path(project_type, project_id))
    if response is None:
        return None, None
    return response.data, response.etag


def list_projects(client, project_type, tags=None):
    """Every project of a type (all pages), optionally only those carrying all ``tags``."""
    params = {"tags[%s]" % key: value for key, value in (tags or {}).items()}
    return client.paginate(project_path(project_type), "items", params=params or None)


def find_by_name(projects, name, project_type):
    """The one project called exactly ``name``; ProjectError naming the ids when there are several."""
    matches = [project for project in projects if project.get("name") == name]
    if len(matches) > 1:
        raise ProjectError(
            "%d %s projects are named %r (ids %s); set id to choose one"
            % (len(matches), project_type, name, ", ".join(project["id"] for project in matches))
        )
    return matches[0] if matches else None


def find_project(client, project_type, id=None, name=None):  # pylint: disable=redefined-builtin
    """The project with ``id``, else the one named exactly ``name`` within ``project_type``, or None.

    Looking up by name lists every page of the type, and fails (naming both ids)
    when two projects share the name rather than guessing.
    """
    if id:
        return read_project(client, project_type, id)[0]
    if not name:
        raise ProjectError("id or name is required to find a project")
    return find_by_name(list_projects(client, project_type), name, project_type)


def find_type_of(client, project_id, exclude=None):
    """The type of the project ``project_id`` among the other types, or None (only on the not-found path)."""
    for project_type in PROJECT_TYPES:
        if project_type != exclude and read_project(client, project_type, project_id)[0] is not None:
            return project_type
    return None


# -- waits ------------------------------------------------------------------------------------
def poll_delays(first=POLL_FIRST, factor=POLL_FACTOR, maximum=POLL_MAX):
    delay = first
    while True:
        yield delay
        delay = min(maximum, delay * factor)


def wait_for_phase(
    client, project_type, project_id, phase="initialized", timeout=600.0, sleep=time.sleep, clock=time.monotonic
):
    """Poll ``status`` until the project reaches ``phase``; return the last status.

    ``phase=None`` waits until the project is gone (404) and returns None. The
    first check is immediate, so a project already there costs one call.
    """
    deadline = clock() + timeout
    delays = poll_delays()
    last = None
    while True:
        response = client.get_optional(project_path(project_type, project_id, "status"))
        if response is None:
            if phase is None:
                return None
            raise ProjectError(
                "The %s project %s disappeared while waiting for phase %s" % (project_type, project_id, phase)
            )
        status = response.data or {}
        last = status.get("phase")
        if phase is not None and last == phase:
            return status
        if phase is not None and last in STUCK_PHASES:
            raise ProjectError(
                "The %s project %s is in phase %s and will not reach phase %s by itself"
                % (project_type, project_id, last, phase)
            )
        remaining = deadline - clock()
        if remaining <= 0:
            raise ProjectError(
                "Timed out after %g seconds waiting for the %s project %s to %s; last phase seen: %s"
                % (timeout, project_type, project_id, "be deleted" if phase is None else "reach phase " + phase, last)
            )
        sleep(min(next(delays), remaining))


# -- credentials ---------------------------------------------------------------------------
def write_credentials_file(path, credentials):
    """Write ``credentials`` as JSON to ``path`` with mode 0600, atomically (never readable by others)."""
    path = os.path.abspath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    handle, partial = tempfile.mkstemp(dir=directory, prefix=".%s." % os.path.basename(path))
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as stream:
            json.dump(credentials, stream, indent=2, sort_keys=True)
            stream.write("\n")
        os.replace(partial, path)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return path


def credentials_record(project, credentials):
    """What a credentials file holds: the credentials plus the project's id, type, endpoints and cloud ID."""
    return dict(
        credentials,
        id=project["id"],
        type=project["type"],
        endpoints=project.get("endpoints"),
        cloud_id=project.get("cloud_id"),
    )


# -- create without duplicates -------------------------------------------------------------
def create_project(client, project_type, body, attempts=3):
    """POST a new project; ``(project, adopted)``.

    POST is never retried blindly: when the answer is lost (connection reset,
    timeout, gateway error) the server may have committed, so the project is
    looked up by name first and adopted if it exists (``adopted`` is then True
    and the response's credentials are lost with it).
    """
    for attempt in range(attempts):
        try:
            return client.post(project_path(project_type), body=body).data, False
        except ElasticCloudError as exc:
            if exc.status not in AMBIGUOUS_STATUSES:
                raise
            found = find_project(client, project_type, name=body["name"])
            if found is not None:
                return found, True
            if attempt == attempts - 1:
                raise


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


# -- option validation and mapping -----------------------------------------------------------
def validate_options(project_type, params):
    """ProjectError when an option of another project type is set."""
    check_type(project_type)
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


def current_state(project, wanted):
    """The project's values for the fields in ``wanted``, in the same shape."""
    current = {}
    for name, value in wanted.items():
        if name == "alias":
            current[name] = alias_label(project)
        elif name == "tags":
            current[name] = project_tags(project)
        elif name == "traffic_filters":
            current[name] = attached_filter_ids(project)
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
        else:
            body[name] = copy.deepcopy(value)
    return body
