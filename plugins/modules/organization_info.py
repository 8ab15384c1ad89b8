#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: organization_info
short_description: List the members and pending invitations of an Elastic Cloud organization
version_added: 0.1.0
description:
  - Returns the members of an Elastic Cloud organization with their roles, and the invitations not yet accepted.
  - Roles read in the terms M(elastic_cloud.cloud.organization_member) sets them in, with
    the API's role assignments beside them.
  - Organizations exist only on Elastic Cloud.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  email:
    description:
      - Only the member and invitations of this email address (compared without regard to case).
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.organization
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: Who is in the organization
  elastic_cloud.cloud.organization_info:
  register: organization

- name: The owners' email addresses
  ansible.builtin.debug:
    msg: "{{ organization.members | selectattr('organization_role', 'equalto', 'owner') | map(attribute='email') }}"

- name: Invitations about to expire or expired
  ansible.builtin.debug:
    msg: "{{ organization.invitations | selectattr('expired') | map(attribute='email') }}"
"""

RETURN = r"""
organization_id:
  description: The organization.
  returned: success
  type: str
  sample: "1234567890"
members:
  description: The members, in the API's order.
  returned: success
  type: list
  elements: dict
  contains:
    user_id:
      description: The user ID.
      type: str
      sample: "987654321"
    email:
      description: The email address.
      type: str
      sample: jane@example.com
    name:
      description: The full name.
      type: str
      sample: Jane Doe
    member_since:
      description: When the user joined.
      type: str
      sample: "2026-01-31T08:00:00.000Z"
    organization_role:
      description: V(owner), V(billing-admin) or V(none).
      type: str
      sample: owner
    deployment_roles:
      description: Deployment roles, each with C(role), C(all) and, when not C(all), C(deployment_ids).
      type: list
      elements: dict
      sample: [{"role": "viewer", "all": true}]
    project_roles:
      description: Project roles per type (C(elasticsearch), C(observability), C(security)), each with C(role),
        C(all) and, when not C(all), C(project_ids).
      type: dict
      sample: {"elasticsearch": [{"role": "developer", "all": false, "project_ids": ["0123"]}], "observability": [],
               "security": []}
    role_assignments:
      description: The role assignments in the API's form.
      type: dict
      sample: {"organization": [{"role_id": "organization-admin", "organization_id": "1234567890"}]}
invitations:
  description: The invitations not yet accepted, expired ones included.
  returned: success
  type: list
  elements: dict
  contains:
    email:
      description: The email address invited.
      type: str
      sample: new@example.com
    token:
      description: The invitation's token.
      type: str
      sample: 3f2a9c
    created_at:
      description: When it was sent.
      type: str
      sample: "2026-05-01T08:00:00.000Z"
    expires_at:
      description: When it expires.
      type: str
      sample: "2026-05-04T08:00:00.000Z"
    expired:
      description: Whether it has expired.
      type: bool
      sample: false
    organization_role:
      description: The organization role it grants, as for members.
      type: str
      sample: billing-admin
    deployment_roles:
      description: The deployment roles it grants, as for members.
      type: list
      elements: dict
      sample: []
    project_roles:
      description: The project roles it grants, as for members.
      type: dict
      sample: {"elasticsearch": [], "observability": [], "security": []}
    role_assignments:
      description: The role assignments in the API's form.
      type: dict
      sample: {"organization": [{"role_id": "billing-admin", "organization_id": "1234567890"}]}
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._organizations import (
    as_roles,
    caller_organization,
    invitations,
    is_expired,
    members,
    same_email,
)

MEMBER_FIELDS = ("user_id", "email", "name", "member_since")
INVITATION_FIELDS = ("email", "token", "created_at", "expires_at")


def described(record, fields, **extra):
    described_ = {name: record.get(name) for name in fields}
    described_.update(extra)
    described_.update(as_roles(record.get("role_assignments")))
    described_["role_assignments"] = record.get("role_assignments") or {}
    return described_


class OrganizationInfo(ElasticCloudModule):
    api_key_only = "the organizations API"
    module_options = {
        "organization_id": dict(type="str"),
        "email": dict(type="str"),
    }

    def run(self):
        organization_id = self.params["organization_id"] or caller_organization(self.client)
        wanted = self.params["email"]

        def chosen(record):
            return wanted is None or same_email(record.get("email"), wanted)

        return {
            "organization_id": organization_id,
            "members": [described(m, MEMBER_FIELDS) for m in members(self.client, organization_id) if chosen(m)],
            "invitations": [described(i, INVITATION_FIELDS, expired=is_expired(i))
                            for i in invitations(self.client, organization_id) if chosen(i)],  # fmt: skip
        }


def main():
    OrganizationInfo.execute()


if __name__ == "__main__":
    main()
