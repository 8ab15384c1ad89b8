# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless projects (private): options, paths, lookups, waits, option mapping, patches and convergence.

Shared by ``project``, ``projects``, ``project_info`` and ``credentials_reset``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import time

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ElasticCloudError, UsageError, api_path, create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import resolve_traffic_filter_ids

PROJECT_TYPES = ("elasticsearch", "observability", "security")
PROJECTS_PATH = "/api/v1/serverless/projects"

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

PROJECT_ID_PATTERN = re.compile(r"^[a-z0-9]{32}$")

# Polling: notice readiness quickly, then back off so long waits stay cheap.
POLL_FIRST = 0.25
POLL_FACTOR = 1.5
POLL_MAX = 4.0

# Phases a project does not leave by itself: waiting for another one would only time out.
STUCK_PHASES = ("deleting", "suspending", "suspended")


class ProjectError(UsageError):
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
        path += api_path("/{}", project_id)
    if suffix:
        path += "/" + suffix
    return path


# -- lookups ---------------------------------------------------------------------------------
def check_project_id(project_id):
    """ProjectError, before any call, for an id the API can never have (the spec's ProjectID pattern)."""
    if not PROJECT_ID_PATTERN.match(str(project_id)):
        raise ProjectError("id %r is not a project id: project ids are 32 lowercase letters and digits" % (project_id,))
    return project_id


def read_project(client, project_type, project_id):
    """``(project, etag)`` of one project by id, or ``(None, None)`` when there is none."""
    check_project_id(project_id)
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
    return wait_for_phases(client, [(project_type, project_id, phase)], timeout, sleep, clock)[project_id]


def wait_for_phases(client, targets, timeout=600.0, sleep=time.sleep, clock=time.monotonic, names=None):
    """Poll several projects together until each reaches its phase; ``{id: last status}``.

    ``targets`` are ``(type, id, phase)`` in the order the changes were sent,
    ``phase=None`` meaning until gone. Each round reads the status of the projects
    still pending, round-robin, then sleeps one backoff step, so N projects
    initialising at the same time take about one initialisation time. After the
    first round (which reads them all), a round ends at the first project not there
    yet: the ones sent after it are most likely not there either, and the wait ends
    in the same round either way, with far fewer calls. ``names`` (id -> name) only
    makes a timeout message easier to read.
    """
    deadline = clock() + timeout
    delays = poll_delays()
    pending = list(targets)
    last, done = {}, {}
    first_round = True
    while True:
        for target in list(pending):
            project_type, project_id, phase = target
            status = _poll_status(client, project_type, project_id, phase)
            last[project_id] = (status or {}).get("phase")
            if status is None or (phase is not None and last[project_id] == phase):
                done[project_id] = status
                pending.remove(target)
            elif not first_round:
                break
        first_round = False
        if not pending:
            return done
        remaining = deadline - clock()
        if remaining <= 0:
            raise ProjectError(_timeout_message(timeout, pending, last, names or {}))
        sleep(min(next(delays), remaining))


def _poll_status(client, project_type, project_id, phase):
    """The project's status; None once it is gone (only when waiting for that); ProjectError when it cannot end well."""
    response = client.get_optional(project_path(project_type, project_id, "status"))
    if response is None:
        if phase is None:
            return None
        raise ProjectError("The %s project %s disappeared while waiting for phase %s" % (project_type, project_id, phase))
    status = response.data or {}
    if phase is not None and status.get("phase") in STUCK_PHASES:
        raise ProjectError(
            "The %s project %s is in phase %s and will not reach phase %s by itself"
            % (project_type, project_id, status.get("phase"), phase)
        )
    return status


def _timeout_message(timeout, pending, last, names):
    """Which projects were still not there, and the last phase each was seen in."""
    described = [
        "%s project %s%s to %s; last phase seen: %s"
        % (
            project_type,
            project_id,
            " (%s)" % names[project_id] if project_id in names else "",
            "be deleted" if phase is None else "reach phase " + phase,
            last.get(project_id),
        )
        for project_type, project_id, phase in pending
    ]
    if len(described) == 1:
        return "Timed out after %g seconds waiting for the %s" % (timeout, described[0])
    return "Timed out after %g seconds waiting for %d projects: %s" % (timeout, len(described), " | ".join(described))


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
    """POST a new project; ``(project, adopted)``: a lost answer is resolved by looking the name up (see create_once)."""
    response, adopted = create_once(
        client, project_path(project_type), body, lambda: find_project(client, project_type, name=body["name"]), attempts
    )
    return response.data, adopted


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


# -- one project's convergence -----------------------------------------------------------------
class ProjectConverger:
    """Brings one project to its options (``PROJECT_OPTIONS``), without waiting for it.

    ``converge()`` returns ``(changed, result, diff)``. Afterwards ``waits`` is what a
    caller that waits polls: ``(id, "initialized")``, ``(id, None)`` until the project is
    gone, or None. ``created`` is the project when this run created it, and ``credentials``
    its credentials: both are kept even when a later step (writing the file) fails.
    """

    def __init__(self, client, params, check_mode, warn):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn
        self.type = params["type"]
        validate_options(self.type, params)
        self.wanted = desired_state(self.type, params)
        self.changed = False
        self.diff = {"before": {}, "after": {}}
        self.waits = None
        self.created = None
        self.credentials = None

    def converge(self, found=None):
        """``found`` is ``(project or None, etag)`` when the caller looked the project up already."""
        project, etag = found if found is not None else self.find()
        if self.params["state"] == "absent":
            result = self.absent(project, etag)
        else:
            if "traffic_filters" in self.wanted:
                self.wanted["traffic_filters"] = self._traffic_filter_ids(project)
            result = self.create() if project is None else self.update(project, etag)
        return self.changed, result, self.diff

    def find(self):
        """``(project, etag)``; the ETag is only known when found by id (a list carries none)."""
        if not self.params["id"]:
            return find_by_name(list_projects(self.client, self.type), self.params["name"], self.type), None
        project, etag = read_project(self.client, self.type, self.params["id"])
        if project is None and self.params["state"] == "present":
            other = find_type_of(self.client, self.params["id"], exclude=self.type)
            if other:
                raise ProjectError(
                    "type cannot change after creation; project %s has type %s, not %s"
                    % (self.params["id"], other, self.type)
                )
            raise ProjectError(
                "No %s project has id %s (a project cannot be created with a chosen id)"
                % (self.type, self.params["id"])
            )
        return project, etag

    def _traffic_filter_ids(self, project):
        """The wanted filters as ids: names are resolved only when some entry is not attached already."""
        refs = self.wanted["traffic_filters"]
        if project is not None and set(refs) <= set(attached_filter_ids(project)):
            return refs
        region = project["region_id"] if project is not None else self.params["region_id"]
        return resolve_traffic_filter_ids(self.client, refs, region)

    # -- present -------------------------------------------------------------------------------
    def create(self):
        if not self.params["region_id"]:
            raise ProjectError("region_id is required to create the %s project %r" % (self.type, self.params["name"]))
        self.changed = True
        self.diff["before"], self.diff["after"] = diff_view(None, self.wanted)
        if self.check_mode:
            return {"project": dict(create_body(self.wanted), type=self.type)}
        project, adopted = create_project(self.client, self.type, create_body(self.wanted))
        self.created, self.waits = project, (project["id"], "initialized")
        credentials = project.pop("credentials", None)
        if adopted:
            credentials = self._replace_lost_credentials(project)
        self.credentials = credentials
        result = {"project": project}
        if credentials:
            result["credentials"] = credentials
            if self.params["credentials_file"]:
                result["credentials_file"] = write_credentials_file(
                    self.params["credentials_file"], credentials_record(project, credentials)
                )
        return result

    def _replace_lost_credentials(self, project):
        """The create response (and its credentials) was lost: issue new ones so the result is usable."""
        try:
            credentials = self.client.post(project_path(self.type, project["id"], "_reset-credentials")).data
        except ElasticCloudError as exc:
            self.warn(
                "The create response was lost; project %s was found and adopted, but resetting its credentials failed (%s). "
                "Use elastic_cloud.cloud.credentials_reset." % (project["id"], exc.message)
            )
            return None
        self.warn(
            "The create response was lost; project %s was found by name and adopted, and its credentials were reset."
            % project["id"]
        )
        return credentials

    def update(self, project, etag):
        patch, immutable = compute_patch(project, self.wanted, self.params["purge_tags"])
        if immutable:
            raise immutable_error(self.type, project, immutable, self.wanted)
        self._warn_about_credentials_file()
        if patch:
            self.changed = True
            self.diff["before"], self.diff["after"] = diff_view(project, self.wanted, self.params["purge_tags"])
            if not self.check_mode:
                project = self._patch(project, etag, patch)
        self.waits = (project["id"], "initialized")
        return {"project": project}

    def _patch(self, project, etag, patch):
        if etag is None:  # found through a list: read it for its ETag
            project, etag = read_project(self.client, self.type, project["id"])
            if project is None:
                raise ProjectError(
                    "The %s project %s was deleted while being updated" % (self.type, self.params["name"])
                )
        headers = {"If-Match": etag} if etag else None
        try:
            return self.client.patch(project_path(self.type, project["id"]), body=patch, headers=headers).data
        except ElasticCloudError as exc:
            if exc.status == 412:
                raise ProjectError(
                    "The %s project %s changed while this task was updating it (ETag mismatch); nothing was changed, run again"
                    % (self.type, project["id"])
                )
            raise

    def _warn_about_credentials_file(self):
        path = self.params["credentials_file"]
        if path and not os.path.exists(os.path.expanduser(path)):
            self.warn(
                "credentials_file %s was not written: the API returns credentials only when a project is created "
                "(use elastic_cloud.cloud.credentials_reset for new ones)" % path
            )

    # -- absent ----------------------------------------------------------------------------------
    def absent(self, project, etag):
        if project is None:
            return {"project": {}}
        self.changed = True
        self.diff["before"] = diff_view(project, dict(self.wanted, region_id=project.get("region_id")))[0]
        self.diff["after"] = {}
        if self.check_mode:
            return {"project": {}}
        headers = {"If-Match": etag} if etag else None
        self.client.delete(project_path(self.type, project["id"]), headers=headers, missing_ok=True)
        self.waits = (project["id"], None)
        return {"project": {}}
