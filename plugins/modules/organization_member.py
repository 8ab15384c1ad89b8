#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: organization_member
short_description: Invite people to an Elastic Cloud organization, set their roles, remove them
version_added: 0.1.0
description:
  - Manages one person's membership of an Elastic Cloud organization, by email address.
  - Someone who is not a member and has no pending invitation is invited, with the roles the task sets. They
    become a member when they accept the invitation, outside Ansible.
  - A pending invitation counts as present. An invitation cannot be changed, so when its roles differ from the
    task's, the module deletes it and sends a new one (the person gets a new email). An expired invitation does not
    count, and the module replaces it with a new one.
  - For a member, the module adds the role assignments that are missing and removes those that are extra, only for
    the kinds of roles the task sets (O(organization_role), O(deployment_roles), each type of O(project_roles)).
    Kinds left out are not managed.
  - Role names map to the API's role ids as follows. O(organization_role=owner) is C(organization-admin) (the
    Organization owner), O(organization_role=billing-admin) is C(billing-admin). A deployment role C(editor) is
    C(deployment-editor). A project role of an Elasticsearch, Observability or Security project gets the type as
    prefix, so C(developer) in O(project_roles.elasticsearch) is C(elasticsearch-developer).
  - Managing members needs an API key allowed to manage them, such as one with the Organization owner role.
    Organizations exist only on Elastic Cloud.
  - Where the API keeps an organization's last Organization owner, removing them (or their owner role) fails with
    the API's message; the module does not check this itself.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  email:
    description:
      - Email address of the person. Compared without regard to case.
    type: str
    required: true
  state:
    description:
      - V(present) invites the person or converges a member's roles; V(absent) removes the member and deletes
        their pending invitations.
    type: str
    choices: [present, absent]
    default: present
  organization_role:
    description:
      - The role in the organization. V(owner) is the Organization owner (C(organization-admin)), V(billing-admin)
        the Billing admin. V(none) removes any organization role.
      - Left out, the organization role is not managed.
    type: str
    choices: [owner, billing-admin, none]
  deployment_roles:
    description:
      - Roles on hosted deployments, each for all deployments (O(deployment_roles[].all=true)) or for the listed
        ones. An empty list removes every deployment role.
      - Left out, deployment roles are not managed.
    type: list
    elements: dict
    suboptions:
      role:
        description: The role; V(admin) is C(deployment-admin), and so on.
        type: str
        required: true
        choices: [admin, editor, viewer]
      all:
        description: The role applies to every deployment of the organization, present and future.
        type: bool
      deployment_ids:
        description: The deployments the role applies to, when not O(deployment_roles[].all).
        type: list
        elements: str
  project_roles:
    description:
      - Roles on Serverless projects, per project type, each for all projects of the type (C(all=true)) or for the
        listed C(project_ids). An empty list for a type removes that type's roles.
      - Types left out are not managed.
    type: dict
    suboptions:
      elasticsearch:
        description:
          - Roles on Elasticsearch projects, as C(role) (V(admin), V(developer) or V(viewer)), C(all) and
            C(project_ids).
        type: list
        elements: dict
        suboptions: &project_role
          role:
            description: The role, without the project type prefix the API adds.
            type: str
            required: true
          all:
            description: The role applies to every project of the type.
            type: bool
          project_ids:
            description: The projects the role applies to, when not C(all).
            type: list
            elements: str
      observability:
        description:
          - Roles on Observability projects, as C(role) (V(admin), V(editor) or V(viewer)), C(all) and C(project_ids).
        type: list
        elements: dict
        suboptions: *project_role
      security:
        description:
          - Roles on Security projects, as C(role) (V(admin), V(editor), V(viewer), V(t1-analyst), V(t2-analyst),
            V(t3-analyst), V(threat-intel-analyst), V(rule-author), V(soc-manager), V(endpoint-operations-analyst),
            V(platform-engineer), V(detections-admin) or V(endpoint-policy-manager)), C(all) and C(project_ids).
        type: list
        elements: dict
        suboptions: *project_role
  invitation_expires_in:
    description:
      - How long a new invitation stays valid, such as V(7d), V(12h) or V(30m). Left out, the API's default (three
        days).
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.organization
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Invite a billing admin who may view every deployment
  elastic_cloud.cloud.organization_member:
    email: jane@example.com
    organization_role: billing-admin
    deployment_roles:
      - role: viewer
        all: true

- name: Give a developer two Elasticsearch projects, leaving their other roles alone
  elastic_cloud.cloud.organization_member:
    email: dev@example.com
    project_roles:
      elasticsearch:
        - role: developer
          project_ids: [0123456789abcdef0123456789abcdef, fedcba9876543210fedcba9876543210]

- name: Remove someone from the organization (or withdraw their invitation)
  elastic_cloud.cloud.organization_member:
    email: leaver@example.com
    state: absent
"""

RETURN = r"""
member:
  description:
    - The person as the organization now knows them (as it will, in check mode); empty after V(absent).
  returned: always
  type: dict
  contains:
    email:
      description: The email address.
      type: str
      sample: jane@example.com
    organization_id:
      description: The organization.
      type: str
      sample: "1234567890"
    status:
      description: V(member), or V(invited) while the invitation is pending.
      type: str
      sample: invited
    user_id:
      description: The member's user ID; V(null) while invited.
      type: str
      sample: "987654321"
    invitation_token:
      description: The pending invitation's token; V(null) for a member, and in check mode before inviting.
      type: str
      sample: 3f2a9c
    expires_at:
      description: When the pending invitation expires; V(null) for a member.
      type: str
      sample: "2026-06-01T12:00:00.000Z"
    organization_role:
      description: V(owner), V(billing-admin) or V(none).
      type: str
      sample: billing-admin
    deployment_roles:
      description: Deployment roles, each with C(role), C(all) and, when not C(all), C(deployment_ids).
      type: list
      elements: dict
      sample: [{"role": "viewer", "all": true}]
    project_roles:
      description: Project roles per type, each with C(role), C(all) and, when not C(all), C(project_ids).
      type: dict
      sample: {"elasticsearch": [], "observability": [], "security": []}
    role_assignments:
      description: The role assignments in the API's form.
      type: dict
      sample: {"organization": [{"role_id": "billing-admin", "organization_id": "1234567890"}]}
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path, create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._organizations import (
    DEPLOYMENT_ROLES,
    INVITATIONS_PATH,
    MEMBERS_PATH,
    ORGANIZATION_ROLES,
    PROJECT_ROLES,
    as_roles,
    caller_organization,
    difference,
    invitations,
    is_expired,
    members,
    merged,
    same_email,
    wanted_assignments,
)

ROLE_ASSIGNMENTS_PATH = "/api/v1/users/{}/role_assignments"


def scoped_option(ids_name, roles=None):
    role = dict(type="str", required=True)
    if roles:
        role["choices"] = roles
    return dict(type="list", elements="dict", options={"role": role, "all": dict(type="bool"),
                                                       ids_name: dict(type="list", elements="str")})  # fmt: skip


def check_scopes(option, items, ids_name, roles=None):
    """Each item is for all, or for listed ids, never both nor neither; project roles must exist for the type."""
    for item in items or []:
        if bool(item.get("all")) == bool(item.get(ids_name)):
            raise UsageError("%s: role %s needs either all=true or a non-empty %s, not both" % (option, item["role"], ids_name))
        if roles and item["role"] not in roles:
            raise UsageError("%s: unknown role %r; expected one of %s" % (option, item["role"], ", ".join(roles)))


class OrganizationMember(ElasticCloudModule):
    api_key_only = "the organizations API"
    module_options = {
        "email": dict(type="str", required=True),
        "organization_id": dict(type="str"),
        "state": dict(type="str", choices=["present", "absent"], default="present"),
        "organization_role": dict(type="str", choices=sorted(ORGANIZATION_ROLES) + ["none"]),
        "deployment_roles": scoped_option("deployment_ids", DEPLOYMENT_ROLES),
        "project_roles": dict(type="dict", options={kind: scoped_option("project_ids") for kind in PROJECT_ROLES}),
        "invitation_expires_in": dict(type="str"),
    }

    def run(self):
        params = self.params
        check_scopes("deployment_roles", params["deployment_roles"], "deployment_ids")
        for kind, roles in PROJECT_ROLES.items():
            check_scopes("project_roles.%s" % kind, (params["project_roles"] or {}).get(kind), "project_ids", roles)
        self.organization_id = params["organization_id"] or caller_organization(self.client, "manage members of")
        member = next((m for m in members(self.client, self.organization_id) if same_email(m.get("email"), params["email"])), None)
        pending = [i for i in invitations(self.client, self.organization_id) if same_email(i.get("email"), params["email"])]
        if params["state"] == "absent":
            return {"member": self.absent(member, pending)}
        wanted = wanted_assignments(params, self.organization_id)
        if member is not None:
            return {"member": self.converge_member(member, wanted)}
        return {"member": self.converge_invitation(pending, wanted)}

    # -- present -----------------------------------------------------------------------------------
    def converge_member(self, member, wanted):
        current = member.get("role_assignments") or {}
        to_add, to_remove = difference(current, wanted)
        after = merged(current, wanted)
        if to_add or to_remove:
            self.changed_from(self.shown(member, "member", current), self.shown(member, "member", after))
            path = api_path(ROLE_ASSIGNMENTS_PATH, member["user_id"])
            # Added before removed, as terraform-provider-ec does: changing the role of the last owner then fails
            # with the API's own refusal, rather than leaving them with no role at all.
            if to_add and not self.check_mode:
                self.client.post(path, body=to_add)
            if to_remove and not self.check_mode:
                self.client.delete(path, body=to_remove)
        return self.shown(member, "member", after)

    def converge_invitation(self, pending, wanted):
        live = [invitation for invitation in pending if not is_expired(invitation)]
        current = live[0] if live else None
        after = merged(current.get("role_assignments") if current else {}, wanted)
        if current is not None and not any(difference(current.get("role_assignments") or {}, wanted)):
            return self.shown(current, "invited", after)
        before = self.shown(current, "invited", current.get("role_assignments")) if current else {"status": "absent"}
        self.changed_from(before, self.shown({"email": self.params["email"]}, "invited", after))
        if self.check_mode:
            return self.shown({"email": self.params["email"]}, "invited", after)
        # An invitation cannot be changed (terraform-provider-ec deletes and creates it again); expired ones go too.
        self.delete_invitations(pending)
        return self.shown(self.invite(after), "invited", after)

    def invite(self, role_assignments):
        body = {"emails": [self.params["email"]]}
        if role_assignments:
            body["role_assignments"] = role_assignments
        if self.params["invitation_expires_in"]:
            body["expires_in"] = self.params["invitation_expires_in"]
        path = api_path(INVITATIONS_PATH, self.organization_id)
        response, adopted = create_once(self.client, path, body, self.sent_invitation)
        return response.data if adopted else ((response.data or {}).get("invitations") or [{}])[0]

    def sent_invitation(self):
        """After a lost answer to the invitation: the one it made, if the server committed it."""
        found = [i for i in invitations(self.client, self.organization_id)
                 if same_email(i.get("email"), self.params["email"]) and not is_expired(i)]  # fmt: skip
        return found[0] if found else None

    # -- absent ----------------------------------------------------------------------------------
    def absent(self, member, pending):
        if member is None and not pending:
            return {}
        before = self.shown(member, "member", member.get("role_assignments")) if member else \
            self.shown(pending[0], "invited", pending[0].get("role_assignments"))  # fmt: skip
        self.changed_from(before, {"status": "absent"})
        if not self.check_mode:
            if member is not None:
                self.client.delete(api_path(MEMBERS_PATH + "/{}", self.organization_id, member["user_id"]), missing_ok=True)
            self.delete_invitations(pending)
        return {}

    def delete_invitations(self, pending):
        tokens = [invitation["token"] for invitation in pending if invitation.get("token")]
        if tokens:
            # The path takes a comma-separated list: each token is quoted, the commas are not.
            path = api_path(INVITATIONS_PATH, self.organization_id) + "/" + ",".join(api_path("{}", t) for t in tokens)
            self.client.delete(path, missing_ok=True)

    # -- results ---------------------------------------------------------------------------------
    def changed_from(self, before, after):
        self.mark_changed()
        self.diff = {"before": before, "after": after}

    def shown(self, record, status, role_assignments):
        shown = {"email": record.get("email") or self.params["email"], "organization_id": self.organization_id,
                 "status": status, "user_id": record.get("user_id"),
                 "invitation_token": record.get("token"), "expires_at": record.get("expires_at")}  # fmt: skip
        shown.update(as_roles(role_assignments))
        shown["role_assignments"] = role_assignments or {}
        return shown


def main():
    OrganizationMember.execute()


if __name__ == "__main__":
    main()
