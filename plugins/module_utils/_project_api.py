# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless projects on the API (private): paths, lookups, status, waits, creation and credentials.

Shared by ``project``, ``projects``, ``project_info``, ``credentials_reset`` and the inventory plugin.
"""

from __future__ import annotations

import json
import os
import re
import time

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path, create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError, single_match
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._pagination import check_found_or_complete
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._polling import POLL_FIRST, poll_delays
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_TYPES, ProjectError, check_type
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._retry import AMBIGUOUS_STATUSES
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import private_file_name, write_private_json

PROJECTS_PATH = "/api/v1/serverless/projects"
PROJECT_ID_PATTERN = re.compile(r"^[a-z0-9]{32}$")

GONE_PHASE = "deleted"
# Phases a project does not leave by itself: waiting for another one would only time out.
STUCK_PHASES = ("deleting", "suspending", "suspended")
HOW_TO_LEAVE = {
    "suspended": ": resume it first, in the Elastic Cloud console or with POST %s/<type>/<id>/_resume "
    "(a suspended project keeps its data; it was suspended for the reason in its metadata.suspended_reason)"
    % "/api/v1/serverless/projects",
    "suspending": ": it is being suspended; once suspended, resume it in the Elastic Cloud console or with POST "
    "/api/v1/serverless/projects/<type>/<id>/_resume",
}
# A reset whose answer was lost is sent again: only the newest password works, so the last answer is the one to keep.
RESET_ATTEMPTS = 3


# -- paths -----------------------------------------------------------------------------------
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
    found = single_match(matches, "%s projects" % project_type, "are named %r" % name, "set id to choose one")
    if found is None:
        check_found_or_complete(projects, "No %s project is named %r" % (project_type, name))
    return found


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


# -- status and waits -------------------------------------------------------------------------
def read_status(client, project_type, project_id):
    """The project's status (``{"phase", "phase_change_timestamp"}``), or None once it is gone (404)."""
    response = client.get_optional(project_path(project_type, project_id, "status"))
    return None if response is None else (response.data or {})


def is_going(status):
    """Whether a status (None: 404) says the project is gone or on its way.

    The spec describes ``deleted`` as a terminal phase (the project is only kept for a retention period), and
    Elastic's acceptance tests expect a deleted project to read as not found: ``deleted`` counts as gone.
    """
    return status is None or status.get("phase") in ("deleting", GONE_PHASE)


def wait_for_phase(
    client,
    project_type,
    project_id,
    phase="initialized",
    timeout=600.0,
    sleep=time.sleep,
    clock=time.monotonic,
    after_change=False,
):
    """Poll ``status`` until the project reaches ``phase``; return the last status.

    ``phase=None`` waits until the project is gone (404) and returns None. See
    wait_for_phases for ``after_change``.
    """
    return wait_for_phases(
        client, [(project_type, project_id, phase)], timeout, sleep, clock, after_change=after_change
    )[project_id]


def wait_for_phases(client, targets, timeout=600.0, sleep=time.sleep, clock=time.monotonic, names=None, after_change=False):
    """Poll several projects together until each reaches its phase; ``{id: last status}``.

    ``targets`` are ``(type, id, phase)`` in the order the changes were sent,
    ``phase=None`` meaning until gone. With ``after_change`` (something was just
    created, updated or deleted) the first read waits POLL_FIRST, since a change is
    never done at once; without it, the first read is immediate, so a project already
    there costs one call. Each round reads the status of the projects still pending,
    round-robin, then sleeps one backoff step (POLL_FIRST to POLL_MAX), so N projects
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
    if after_change:
        sleep(min(next(delays), timeout))
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
        # Never sooner than POLL_FIRST, even for the last read before the deadline: one status call per second at most.
        sleep(max(POLL_FIRST, min(next(delays), remaining)))


def _poll_status(client, project_type, project_id, phase):
    """The project's status; None once it is gone (only when waiting for that); ProjectError when it cannot end well."""
    status = read_status(client, project_type, project_id)
    if status is not None and status.get("phase") == GONE_PHASE:
        status = None
    if status is None:
        if phase is None:
            return None
        raise ProjectError("The %s project %s disappeared while waiting for phase %s" % (project_type, project_id, phase))
    if phase is not None and status.get("phase") in STUCK_PHASES:
        raise ProjectError(
            "The %s project %s is in phase %s and will not reach phase %s by itself%s"
            % (project_type, project_id, status.get("phase"), phase, HOW_TO_LEAVE.get(status.get("phase"), ""))
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
    return write_private_json(path, credentials)


def credentials_file_name(project_type, name):
    """``<type>-<name>.json``, the one name of a project's credentials file in a credentials directory.

    A name that cannot be one file name (``team/b``, ``..``, a leading dot) is a ProjectError, raised before any call.
    """
    try:
        return private_file_name(project_type, name)
    except UsageError:
        # The same rule as for every credentials file; the message names the project type.
        raise ProjectError(
            "The %s project name %r cannot name its credentials file in a credentials directory (%s-<name>.json): "
            "it must not be empty, start with a dot or contain a slash" % (project_type, name, project_type)
        )


# The fields of a credentials file that follow from the project's alias, not secrets: a rename changes them.
ADDRESS_FIELDS = ("alias", "endpoints", "cloud_id")


def credentials_record(project, credentials):
    """What a credentials file holds: the credentials plus the project's id, type, alias, endpoints and cloud ID."""
    record = dict(credentials, id=project["id"], type=project["type"])
    record.update((name, project.get(name)) for name in ADDRESS_FIELDS)
    return record


def refresh_credentials_file(path, project):
    """Rewrite the alias, endpoints and cloud ID in ``project``'s credentials file, keeping its credentials.

    Returns the path when the file was rewritten, None when it was already up to date. ProjectError when the
    file is not this project's credentials file, ValueError when it is not JSON; OSError when it cannot be
    read or written.
    """
    with open(os.path.expanduser(path)) as stream:
        record = json.load(stream)  # its error messages name a position, never the content
    if not isinstance(record, dict) or record.get("id") != project["id"]:
        raise ProjectError("it does not hold the credentials of project %s" % project["id"])
    fresh = dict(record, **{name: project.get(name) for name in ADDRESS_FIELDS if project.get(name) is not None})
    if fresh == record:
        return None
    return write_credentials_file(path, fresh)


def retry_while_initializing(
    client, project_type, project_id, send, timeout=0.0, sleep=time.sleep, clock=time.monotonic
):
    """``send()``; when the API answers 409 while the project is initializing, again once it is initialized.

    The spec lists 409 for PATCH and _reset-credentials, and a write right after a create may meet it. The
    wait for ``initialized`` and the new attempts all fit in ``timeout`` seconds (0: no retry). A 409 for
    another reason is raised, after one more try when the status already says initialized (the project may
    have become initialized between the 409 and the status read).
    """
    deadline = clock() + timeout
    tried_initialized = False
    while True:
        try:
            return send()
        except ElasticCloudError as exc:
            phase = (read_status(client, project_type, project_id) or {}).get("phase") if exc.status == 409 else None
            if phase == "initialized" and timeout > 0 and not tried_initialized:
                tried_initialized = True
                continue
            if phase != "initializing":
                raise
            if clock() >= deadline:
                raise exc.reworded(
                    "%s; the %s project %s is still initializing: with wait=true this is retried once it is "
                    "initialized, within wait_timeout" % (exc.message, project_type, project_id)
                )
        wait_for_phase(client, project_type, project_id, "initialized", deadline - clock(), sleep, clock)


def reset_credentials(
    client, project_type, project_id, attempts=RESET_ATTEMPTS, conflict_wait=0.0, sleep=time.sleep, clock=time.monotonic
):
    """New credentials for the project. A reset whose answer was lost is sent again (see RESET_ATTEMPTS).

    A 409 while the project is initializing is retried once it is initialized, within ``conflict_wait`` seconds.
    """
    path = project_path(project_type, project_id, "_reset-credentials")
    for attempt in range(attempts):
        try:
            return retry_while_initializing(
                client, project_type, project_id, lambda: client.post(path).data, conflict_wait, sleep, clock
            )
        except ElasticCloudError as exc:
            if exc.status in AMBIGUOUS_STATUSES and attempt < attempts - 1:
                continue
            raise exc.reworded(
                "Resetting the credentials of the %s project %s failed: %s" % (project_type, project_id, exc.message)
            )
    return None  # not reached: the last attempt returns or raises


# -- create without duplicates -------------------------------------------------------------
def create_project(client, project_type, body, **lookup):
    """POST a new project; ``(project, adopted)``: a lost answer is resolved by looking the name up (see create_once)."""
    response, adopted = create_once(
        client, project_path(project_type), body, lambda: find_project(client, project_type, name=body["name"]), **lookup
    )
    return response.data, adopted
