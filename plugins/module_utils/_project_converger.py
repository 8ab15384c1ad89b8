# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bringing one serverless project to its options, without waiting for it (private).

Shared by ``project`` and ``projects`` (which waits for many converged projects together).
"""

from __future__ import annotations

import os
import time
from collections import namedtuple

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import (
    create_project,
    credentials_record,
    find_by_name,
    find_type_of,
    is_going,
    list_projects,
    project_path,
    read_project,
    read_status,
    refresh_credentials_file,
    reset_credentials,
    retry_while_initializing,
    write_credentials_file,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_links import (
    all_projects,
    deletion_blocker,
    link_candidates,
    resolve_links,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import (
    ProjectError,
    attached_filter_ids,
    check_options,
    compute_patch,
    create_body,
    desired_state,
    diff_view,
    immutable_error,
    is_unknown,
    linked_projects,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import check_writable_file
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import resolve_traffic_filter_ids


def is_suspended(project):
    """Whether the project's metadata says it is suspended (ProjectMetadata.suspended_at)."""
    return bool((project.get("metadata") or {}).get("suspended_at"))


# What a caller that waits polls after a convergence: the project until ``phase``, or until gone when None.
WaitTarget = namedtuple("WaitTarget", ["project_id", "phase"])


class ProjectConverger:
    """Brings one project to its options (``PROJECT_OPTIONS``), without waiting for it.

    ``converge()`` (which looks the project up) and ``converge_listed()`` (for a caller that found it in a
    listing already) return ``(changed, result, diff)``. Afterwards ``wait_target`` is a WaitTarget, or None
    when there is nothing to wait for. ``created`` is the project when this run created it, and
    ``credentials`` its credentials: both are kept even when a later step (writing the file) fails.
    ``conflict_wait`` is how long a write answered 409 while the project initializes is retried (0: not).
    """

    def __init__(self, client, params, check_mode, warn, conflict_wait=0.0, sleep=time.sleep, clock=time.monotonic):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn
        self.type = params["type"]
        check_options(self.type, params)
        self.wanted = desired_state(self.type, params)
        self.changed = False
        self.diff = {"before": {}, "after": {}}
        self.wait_target = None
        self.created = None
        self.credentials = None
        self.credentials_file = None
        self.adopted = False
        self.resumed = False  # this run resumed the project (or would have, in check mode)
        self.suspended = None  # the suspended project left as it is, when state=present met one
        self.conflict_wait, self.sleep, self.clock = conflict_wait, sleep, clock

    def converge(self):
        """Look the project up (by id, else by name), then bring it to its options."""
        return self._converge(*self.find())

    def converge_listed(self, project):
        """Bring ``project``, found in a listing (None: the listing has no such project), to its options."""
        return self._converge(project, None)

    def _converge(self, project, etag):
        state = self.params["state"]
        if state == "absent":
            result = self.absent(project, etag)
            return self.changed, result, self.diff
        if state == "resumed":
            etag = self.resume(project, etag)
        if "traffic_filters" in self.wanted:
            self.wanted["traffic_filters"] = self._traffic_filter_ids(project)
        if "linked_projects" in self.wanted:
            self.wanted["linked_projects"] = self._linked_project_types(project)
        result = self.create() if project is None else self.update(project, etag)
        if self.resumed:
            self.diff["before"]["phase"], self.diff["after"]["phase"] = "suspended", "initialized"
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
        if project is not None and (is_unknown(project, "traffic_filters") or set(refs) <= set(attached_filter_ids(project))):
            return refs  # nothing to resolve: already attached, or unknown (the reply left them out: not compared)
        region = project["region_id"] if project is not None else self.params["region_id"]
        return resolve_traffic_filter_ids(self.client, refs, region)

    def _linked_project_types(self, project):
        """The wanted links as ``{id: type}``: looked up only when some entry is not linked already.

        An existing project's link candidates are the projects the API accepts; a project about to be created has
        none yet, so its links are looked up among every project of the organization.
        """
        refs = self.wanted["linked_projects"]
        if project is None:
            return resolve_links(refs, all_projects(self.client), "the new %s project %r" % (self.type, self.params["name"]))
        current = linked_projects(project)
        if set(refs) <= set(current):
            return dict((ref, current[ref]) for ref in refs)
        known = link_candidates(self.client, self.type, project["id"])
        return resolve_links(refs, known, "the %s project %s" % (self.type, project["id"]))

    # -- resumed ---------------------------------------------------------------------------------
    def resume(self, project, etag):
        """Resume a suspended project (state=resumed); the ETag to use next (None: read it again)."""
        if project is None:
            raise ProjectError(
                "No %s project %s to resume" % (self.type, self.params["id"] or repr(self.params["name"]))
            )
        phase = (read_status(self.client, self.type, project["id"]) or {}).get("phase")
        if phase == "suspending":
            raise ProjectError(
                "The %s project %s is being suspended; it can be resumed once it is suspended: run the task again then"
                % (self.type, project["id"])
            )
        if phase != "suspended":
            return etag
        self.changed = self.resumed = True
        if self.check_mode:
            return etag
        headers = {"If-Match": etag} if etag else None
        self.client.post(project_path(self.type, project["id"], "_resume"), headers=headers)
        return None  # resuming changed the project, and its ETag

    # -- present -------------------------------------------------------------------------------
    def create(self):
        if not self.params["region_id"]:
            raise ProjectError("region_id is required to create the %s project %r" % (self.type, self.params["name"]))
        if self.params["credentials_file"] and not self.check_mode:
            check_writable_file(self.params["credentials_file"], "credentials_file")  # the password comes once: keep it
        self.changed = True
        self.diff["before"], self.diff["after"] = diff_view(None, self.wanted)
        if self.check_mode:
            return {"project": dict(create_body(self.wanted), type=self.type)}
        project, self.adopted = create_project(self.client, self.type, create_body(self.wanted))
        self.created, self.wait_target = project, WaitTarget(project["id"], "initialized")
        credentials = project.pop("credentials", None)
        if self.adopted:
            credentials = self._replace_lost_credentials(project)
        self.credentials = credentials
        result = {"project": project}
        if credentials:
            result["credentials"] = credentials
            if self.params["credentials_file"]:
                self.credentials_file = result["credentials_file"] = write_credentials_file(
                    self.params["credentials_file"], credentials_record(project, credentials)
                )
        return result

    def twin_error(self, listing):
        """A ProjectError when ``listing`` (read after the create) shows another project with the new one's name.

        Serverless creates have no idempotency key, so two runs that converge the same name at the same time
        each create one, and both are billed: the later one to look sees the other and says so.
        """
        if self.created is None or self.adopted:
            return None
        name, own_id = self.created.get("name"), self.created["id"]
        others = [project["id"] for project in listing if project.get("name") == name and project.get("id") != own_id]
        if not others:
            return None
        return ProjectError(
            "Another %s project named %r exists besides %s, the one this task created (also: %s): probably a concurrent "
            "run created it at the same time, since serverless creates have no idempotency key. Delete the one you do "
            "not want" % (self.type, name, own_id, ", ".join(others))
        )

    def _replace_lost_credentials(self, project):
        """The create response (and its credentials) was lost: issue new ones so the result is usable."""
        try:
            credentials = reset_credentials(
                self.client, self.type, project["id"], conflict_wait=self.conflict_wait, sleep=self.sleep, clock=self.clock
            )
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
        if is_suspended(project) and not self.resumed:
            return self._leave_suspended(project, patch)
        self._warn_about_credentials_file()
        if patch:
            self.changed = True
            self.diff["before"], self.diff["after"] = diff_view(project, self.wanted, self.params["purge_tags"])
            if not self.check_mode:
                project = self._patch(project, etag, patch)
                self._refresh_credentials_file(project)
        # A resume check mode did not send leaves the project suspended: waiting for it would never end.
        self.wait_target = None if self.resumed and self.check_mode else WaitTarget(project["id"], "initialized")
        return dict({"project": project}, **({"credentials_file": self.credentials_file} if self.credentials_file else {}))

    def _leave_suspended(self, project, patch):
        """state=present on a suspended project: a warning when it already matches, else a failure; never a write.

        A suspended project is not usable until resumed: changing it would hide that, and waiting for it would
        never end. Resuming it may be billed, so only state=resumed does it.
        """
        metadata = project.get("metadata") or {}
        why = "since %s, reason: %s" % (metadata.get("suspended_at"), metadata.get("suspended_reason") or "not given")
        if patch:
            raise ProjectError(
                "The %s project %s is suspended (%s) and was not changed; to change %s, resume it first with "
                "state=resumed" % (self.type, project["id"], why, ", ".join(sorted(patch)))
            )
        self.warn(
            "The %s project %s is suspended (%s): it is not usable until resumed (state=resumed resumes it)"
            % (self.type, project["id"], why)
        )
        self.suspended = project
        return {"project": project}

    def _patch(self, project, etag, patch):
        if etag is None:  # found through a list: read it for its ETag
            project, etag = read_project(self.client, self.type, project["id"])
            if project is None:
                raise ProjectError(
                    "The %s project %s was deleted while being updated" % (self.type, self.params["name"])
                )
        headers = {"If-Match": etag} if etag else None
        path = project_path(self.type, project["id"])
        try:
            return retry_while_initializing(
                self.client,
                self.type,
                project["id"],
                lambda: self.client.patch(path, body=patch, headers=headers).data,
                self.conflict_wait,
                self.sleep,
                self.clock,
            )
        except ElasticCloudError as exc:
            if exc.status == 412:
                raise ProjectError(
                    "The %s project %s changed while this task was updating it (ETag mismatch); nothing was changed, run again"
                    % (self.type, project["id"])
                )
            raise

    def _refresh_credentials_file(self, project):
        """A rename changes the alias, endpoints and cloud ID: the credentials file gets the new ones, or a warning."""
        path = self.params["credentials_file"]
        if not path or not os.path.exists(os.path.expanduser(path)):
            return
        try:
            self.credentials_file = refresh_credentials_file(path, project)
        except (OSError, ValueError, ProjectError) as exc:  # ValueError: not JSON
            self.warn(
                "credentials_file %s may hold the alias, endpoints and cloud ID from before this update: it could not "
                "be rewritten (%s)" % (path, getattr(exc, "strerror", None) or exc)
            )

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
        if is_going(read_status(self.client, self.type, project["id"])):
            # Already being deleted (or deleted): a second run has nothing to do but, if asked, wait for it to go.
            self.wait_target = None if self.check_mode else WaitTarget(project["id"], None)
            return {"project": {}}
        blocker = deletion_blocker(self.client, self.type, project["id"])
        if blocker:
            raise ProjectError("The %s project %s cannot be deleted: %s" % (self.type, project["id"], blocker))
        self.changed = True
        self.diff["before"] = diff_view(project, dict(self.wanted, region_id=project.get("region_id")))[0]
        self.diff["after"] = {}
        if self.check_mode:
            return {"project": {}}
        self._delete(project, etag)
        self.wait_target = WaitTarget(project["id"], None)
        return {"project": {}}

    def _delete(self, project, etag):
        """DELETE; a 404 is gone already, and a 409 is success once the status shows the project going."""
        headers = {"If-Match": etag} if etag else None
        try:
            self.client.delete(project_path(self.type, project["id"]), headers=headers, missing_ok=True)
        except ElasticCloudError as exc:
            # The spec lists 409 for DELETE: a concurrent deletion may have started since the status was read.
            if exc.status != 409 or not is_going(read_status(self.client, self.type, project["id"])):
                raise
