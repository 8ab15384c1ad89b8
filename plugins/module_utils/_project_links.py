# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Serverless projects' cross-project search links, deletion checks and roles (private).

Shared by ``project``, ``projects`` and ``project_info``.
"""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import single_match
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import list_projects, project_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_TYPES, ProjectError


# -- links ---------------------------------------------------------------------------------
def link_candidates(client, project_type, project_id):
    """The projects the API would let ``project_id`` link to (LinkedCandidateProject entries)."""
    return client.get(project_path(project_type, project_id, "link-candidates")).data.get("items") or []


def all_projects(client):
    """Every project of every type: what a project not created yet may be linked to."""
    return [project for project_type in PROJECT_TYPES for project in list_projects(client, project_type)]


def resolve_links(refs, known, owner):
    """``{id: type}`` of ``refs`` (ids or exact names) among ``known`` projects; ProjectError for one not there.

    ``owner`` names the project being linked from, for the messages.
    """
    resolved = {}
    for ref in refs:
        by_id = [item for item in known if item.get("id") == ref]
        found = by_id[0] if by_id else single_match(
            [item for item in known if item.get("name") == ref],
            "projects",
            "are named %r" % ref,
            "set linked_projects to ids to choose",
        )
        if found is None:
            raise ProjectError(
                "linked_projects: no project %r can be linked to %s (it must be an id or the exact name of a link "
                "candidate: another live project of the organization)" % (ref, owner)
            )
        resolved[found["id"]] = found.get("type")
    return resolved


# -- deletion --------------------------------------------------------------------------------
def deletion_blocker(client, project_type, project_id):
    """Why the API will not delete the project (from ``_can-delete``), or None when it can be deleted.

    A 404 (the project went meanwhile, or an API without the check) is None: the DELETE then says what it says.
    """
    response = client.get_optional(project_path(project_type, project_id, "_can-delete"))
    verdict = (response.data if response is not None else None) or {}
    if verdict.get("can_be_deleted", True):
        return None
    reasons = [
        "%s %s" % (what, ", ".join(_describe(entry) for entry in verdict.get(key) or []))
        for key, what in (("linked_projects", "it is linked from"), ("monitored_projects", "it is monitored by"))
        if verdict.get(key)
    ]
    return "; ".join(reasons) or "the API gave no reason"


def _describe(entry):
    name = " (%s)" % entry["name"] if entry.get("name") else ""
    return "%s project %s%s" % (entry.get("type", "a"), entry.get("id"), name)


# -- roles -----------------------------------------------------------------------------------
def project_roles(client, project_type, project_id):
    """The project's roles (``{name, description}`` entries)."""
    data = client.get(project_path(project_type, project_id, "roles")).data or {}
    return (data.get(project_id) or {}).get("roles") or []
