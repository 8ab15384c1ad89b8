#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: api_key_info
short_description: List Elastic Cloud API keys
version_added: 0.1.0
description:
  - Lists the API keys of the calling user, of another user of the organization (O(user_id)), or of every user
    (O(all_users=true)), or returns one key by O(id).
  - Only metadata is returned; the API never returns the secret of an existing key.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one key. Without it, every key is listed.
    type: str
  user_id:
    description:
      - The keys of this user of the organization instead of the calling user's.
    type: str
  all_users:
    description:
      - List the keys of every user of the organization. Mutually exclusive with O(id) and O(user_id).
    type: bool
    default: false
  description:
    description:
      - Only the keys with exactly this description.
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: List my API keys
  elastic_cloud.cloud.api_key_info:
    api_key: "{{ ec_api_key }}"
  register: my_keys

- name: Descriptions of the keys that expire
  ansible.builtin.debug:
    msg: "{{ my_keys.api_keys | selectattr('expiration_date', 'defined') | map(attribute='description') }}"

- name: Every key of the organization
  elastic_cloud.cloud.api_key_info:
    api_key: "{{ ec_api_key }}"
    all_users: true
  register: all_keys

- name: One key of another user
  elastic_cloud.cloud.api_key_info:
    api_key: "{{ ec_api_key }}"
    user_id: "123456789"
    id: 3b2d5f8e0a1c4d7e9f60
  register: one_key
"""

RETURN = r"""
api_keys:
  description:
    - The keys, as the API returns them (without secrets).
    - With O(id), one element, or none when the key does not exist.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the key.
      type: str
      sample: 3b2d5f8e0a1c4d7e9f60
    description:
      description: Description of the key.
      type: str
      sample: ci-pipeline
    user_id:
      description: ID of the user who owns the key.
      type: str
      sample: "123456789"
    organization_id:
      description: ID of the organization of the key.
      type: str
      sample: "987654321"
    creation_date:
      description: When the key was created.
      type: str
      sample: "2026-01-15T10:20:30Z"
    expiration_date:
      description: When the key expires.
      type: str
      returned: when the key expires
      sample: "2026-02-14T10:20:30Z"
    role_assignments:
      description: Roles of the key.
      type: dict
      returned: when the API reports them
      sample: {"organization": [{"role_id": "organization-admin", "organization_id": "987654321"}]}
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._keys import get_key, list_keys


class ApiKeyInfo(ElasticCloudModule):
    module_options = dict(
        id=dict(type="str", no_log=False),
        user_id=dict(type="str"),
        all_users=dict(type="bool", default=False),
        description=dict(type="str", no_log=False),
    )

    def run(self):
        params = self.params
        if params["all_users"] and (params["id"] or params["user_id"]):
            raise UsageError("all_users cannot be combined with id or user_id")
        if params["id"]:
            found = get_key(self.client, params["id"], params["user_id"])
            keys = [found] if found else []
        else:
            keys = list_keys(self.client, params["user_id"], params["all_users"])
        if params["description"] is not None:
            keys = [key for key in keys if key.get("description") == params["description"]]
        return {"api_keys": keys}


def main():
    ApiKeyInfo.execute()


if __name__ == "__main__":
    main()
