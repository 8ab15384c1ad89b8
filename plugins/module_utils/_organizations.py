# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Organizations: the caller's organization, its members and invitations, role assignments (private).

Role ids follow the API: Ansible's ``owner`` is ``organization-admin``, ``billing-admin`` stays; a deployment role
``editor`` is ``deployment-editor``; a project role ``developer`` of Elasticsearch projects is
``elasticsearch-developer`` (the prefix is the project type).
"""

from __future__ import annotations

from datetime import datetime, timezone

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

ORGANIZATIONS_PATH = "/api/v1/organizations"
MEMBERS_PATH = "/api/v1/organizations/{}/members"
INVITATIONS_PATH = "/api/v1/organizations/{}/invitations"
ORGANIZATION_ROLES = {"owner": "organization-admin", "billing-admin": "billing-admin"}
DEPLOYMENT_ROLES = ["admin", "editor", "viewer"]
PROJECT_ROLES = {
    "elasticsearch": ["admin", "developer", "viewer"],
    "observability": ["admin", "editor", "viewer"],
    "security": ["admin", "editor", "viewer", "t1-analyst", "t2-analyst", "t3-analyst", "threat-intel-analyst",
                 "rule-author", "soc-manager", "endpoint-operations-analyst", "platform-engineer", "detections-admin",
                 "endpoint-policy-manager"],
}  # fmt: skip
PROJECT_TYPES = tuple(PROJECT_ROLES)


def caller_organization(client, purpose="report on"):
    """The ID of the one organization the caller belongs to (the account's ID is another object's)."""
    data = client.get(ORGANIZATIONS_PATH).data or {}
    ids = [organization["id"] for organization in data.get("organizations") or []]
    if len(ids) == 1 and not data.get("next_page"):
        return ids[0]
    if not ids:
        raise UsageError("GET %s listed no organization for the caller: set organization_id" % ORGANIZATIONS_PATH)
    raise UsageError(
        "The caller belongs to several organizations (%s%s): set organization_id to the one to %s"
        % (", ".join(ids), " and more" if data.get("next_page") else "", purpose)
    )


def members(client, organization_id):
    return (client.get(api_path(MEMBERS_PATH, organization_id)).data or {}).get("members") or []


def invitations(client, organization_id):
    return (client.get(api_path(INVITATIONS_PATH, organization_id)).data or {}).get("invitations") or []


def is_expired(invitation, now=None):
    """The API's ``expired`` flag, or ``expires_at`` in the past when the flag is missing."""
    if invitation.get("expired") is not None:
        return bool(invitation["expired"])
    expires = invitation.get("expires_at")
    if not expires:
        return False
    try:
        moment = datetime.fromisoformat(expires.replace("Z", "+00:00"))
    except ValueError:
        return False
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment <= (now or datetime.now(timezone.utc))


def same_email(one, other):
    return (one or "").strip().lower() == (other or "").strip().lower()


# -- role assignments: the API's form, the Ansible form, and their difference ----------------------
def scope_ids_name(kind):
    return "deployment_ids" if kind == "deployment" else "project_ids"


def held(role_assignments, kind):
    """The assignments of one kind (organization, deployment or a project type) in a RoleAssignments object."""
    role_assignments = role_assignments or {}
    if kind in ("organization", "deployment"):
        return list(role_assignments.get(kind) or [])
    return list((role_assignments.get("project") or {}).get(kind) or [])


def assignment_key(kind, assignment):
    """What makes two assignments the same: role, all, and the sorted ids (application roles aside)."""
    ids = tuple(sorted(assignment.get(scope_ids_name(kind)) or ()))
    return (assignment.get("role_id"), bool(assignment.get("all")), ids if kind != "organization" else ())


def wanted_assignments(params, organization_id):
    """``{kind: [assignment]}`` for the kinds of roles the task sets; kinds left out are not managed."""
    wanted = {}
    if params.get("organization_role") is not None:
        role = ORGANIZATION_ROLES.get(params["organization_role"])
        wanted["organization"] = [{"role_id": role, "organization_id": organization_id}] if role else []
    if params.get("deployment_roles") is not None:
        wanted["deployment"] = [_scoped("deployment", "deployment-" + item["role"], item, organization_id)
                                for item in params["deployment_roles"]]  # fmt: skip
    for project_type in PROJECT_TYPES:
        items = (params.get("project_roles") or {}).get(project_type)
        if items is not None:
            wanted[project_type] = [_scoped(project_type, "%s-%s" % (project_type, item["role"]), item, organization_id)
                                    for item in items]  # fmt: skip
    return wanted


def _scoped(kind, role_id, item, organization_id):
    ids_name = scope_ids_name(kind)
    assignment = {"role_id": role_id, "organization_id": organization_id}
    if item.get("all"):
        assignment["all"] = True
    else:
        assignment["all"] = False
        assignment[ids_name] = sorted(item.get(ids_name) or [])
    return assignment


def difference(current, wanted):
    """``(to_add, to_remove)`` as RoleAssignments bodies (empty dicts when nothing), for the managed kinds only."""
    to_add, to_remove = {}, {}
    for kind, assignments in wanted.items():
        have = held(current, kind)
        have_keys = {assignment_key(kind, a) for a in have}
        want_keys = {assignment_key(kind, a) for a in assignments}
        _put(to_add, kind, [a for a in assignments if assignment_key(kind, a) not in have_keys])
        _put(to_remove, kind, [a for a in have if assignment_key(kind, a) not in want_keys])
    return to_add, to_remove


def merged(current, wanted):
    """``current`` with the managed kinds replaced by ``wanted`` (what a new invitation should carry)."""
    result = {}
    for kind in ("organization", "deployment") + PROJECT_TYPES:
        _put(result, kind, wanted[kind] if kind in wanted else held(current, kind))
    return result


def _put(role_assignments, kind, assignments):
    if not assignments:
        return
    if kind in ("organization", "deployment"):
        role_assignments[kind] = assignments
    else:
        role_assignments.setdefault("project", {})[kind] = assignments


def as_roles(role_assignments):
    """Role assignments in the modules' terms: organization_role, deployment_roles, project_roles."""
    organization = [a.get("role_id") for a in held(role_assignments, "organization")]
    owner_first = sorted(organization, key=lambda role: role != ORGANIZATION_ROLES["owner"])
    names = {api: name for name, api in ORGANIZATION_ROLES.items()}
    return {
        "organization_role": names.get(owner_first[0], owner_first[0]) if owner_first else "none",
        "deployment_roles": _items("deployment", held(role_assignments, "deployment")),
        "project_roles": {kind: _items(kind, held(role_assignments, kind)) for kind in PROJECT_TYPES},
    }


def _items(kind, assignments):
    items = []
    for assignment in sorted(assignments, key=lambda a: assignment_key(kind, a)):
        role = assignment.get("role_id") or ""
        item = {"role": role[len(kind) + 1:] if role.startswith(kind + "-") else role, "all": bool(assignment.get("all"))}
        if not item["all"]:
            item[scope_ids_name(kind)] = sorted(assignment.get(scope_ids_name(kind)) or [])
        items.append(item)
    return items
