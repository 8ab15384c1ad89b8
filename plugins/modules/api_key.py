#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: api_key
short_description: Create and delete Elastic Cloud API keys
version_added: 0.1.0
description:
  - Creates an API key of the calling user, identified by its O(description), or deletes API keys by O(id) or
    O(description), also those of another user of the organization with O(user_id).
  - The secret of a key is returned only by the run that creates it. Run the task with C(no_log) and store the
    secret right away, it cannot be read again.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates a key with O(description) unless the calling user already has one with exactly that
        description, which is left alone.
      - V(absent) deletes the key with O(id), or the key with O(description).
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - Description of the key; it identifies the key, so give each key a different one.
      - Required with O(state=present). With O(state=absent), the keys with exactly this description are deleted.
      - With O(state=present), two keys of the calling user sharing this description is a failure, as it is with
        O(state=absent) unless O(all=true).
    type: str
  id:
    description:
      - ID of the key to delete. Only with O(state=absent); mutually exclusive with O(description).
    type: str
  expiration:
    description:
      - How long a new key is valid, as a duration such as V(30d), V(12h) or V(90m). Without it, the key does not
        expire.
      - Only used when the key is created; an existing key is never changed (keys cannot be updated). Ignored with
        O(state=absent).
    type: str
  role_assignments:
    description:
      - Roles of a new key, in the API's C(RoleAssignments) format (keys C(platform), C(organization),
        C(deployment) and C(project)). Without it, the key gets the roles of the calling user.
      - Only used when the key is created; an existing key is never changed (keys cannot be updated). When an
        existing key has other roles, the module warns.
      - Not available on Elastic Cloud Enterprise.
    type: dict
  user_id:
    description:
      - Delete a key of this user of the organization instead of one of the calling user's keys. Only with
        O(state=absent); keys can only be created for the calling user.
    type: str
  secrets_dir:
    description:
      - Write the secret of a key this run creates to C(<description>.key) in this directory (mode C(0600);
        characters other than letters, digits, C(_), C(.) and C(-) become C(_)), and leave it out of the result,
        which then holds no secret, so the task needs no C(no_log) and its errors stay readable.
      - The directory is created (mode C(0700)) when missing, and checked before the key is created.
    type: path
  all:
    description:
      - With O(state=absent) and O(description), delete every key with that description. Without it, several keys
        sharing the description is a failure.
    type: bool
    default: false
notes:
  - Several keys to delete (O(all=true)) go in one multi-key request, not one request per key.
  - On Elastic Cloud only organization owners can create API keys; on Elastic Cloud Enterprise the built-in
    C(admin) and C(readonly) users cannot own keys, so log in as another platform user. A refused creation says so.
  - Keys are matched on their exact O(description). The API does not update keys, so to change the expiration
    or roles of a key, delete it and create it again.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Create a key for the CI system, valid 30 days (the secret is returned only now)
  elastic_cloud.cloud.api_key:
    api_key: "{{ ec_api_key }}"
    description: ci-pipeline
    expiration: 30d
  register: ci_key
  no_log: true

- name: Keep the secret of the new key (only when it was created by this run)
  ansible.builtin.copy:
    content: "{{ ci_key.api_key.key }}"
    dest: "{{ playbook_dir }}/ci-pipeline.key"
    mode: "0600"
  when: ci_key is changed
  no_log: true

- name: A key that can only read one serverless Elasticsearch project
  elastic_cloud.cloud.api_key:
    api_key: "{{ ec_api_key }}"
    description: search-reader
    role_assignments:
      project:
        elasticsearch:
          - role_id: elasticsearch-viewer
            organization_id: "{{ organization_id | default('123456789') }}"
            project_ids:
              - 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
  register: reader_key
  no_log: true

- name: Delete the key with that description
  elastic_cloud.cloud.api_key:
    api_key: "{{ ec_api_key }}"
    description: ci-pipeline
    state: absent

- name: Delete every key named temporary
  elastic_cloud.cloud.api_key:
    api_key: "{{ ec_api_key }}"
    description: temporary
    all: true
    state: absent

- name: Delete a key of another user by ID
  elastic_cloud.cloud.api_key:
    api_key: "{{ ec_api_key }}"
    id: 3b2d5f8e0a1c4d7e9f60
    user_id: "123456789"
    state: absent
"""

RETURN = r"""
secret_file:
  description: The file the secret of the new key was written to.
  returned: when O(secrets_dir) is set and this run created the key
  type: str
  sample: /home/user/.ec/ci-pipeline.key
api_key:
  description:
    - The key with O(description), when O(state=present).
    - In check mode, when the key would be created, only C(description) and C(role_assignments) are known.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: ID of the key.
      type: str
      sample: 3b2d5f8e0a1c4d7e9f60
    description:
      description: Description of the key.
      type: str
      sample: ci-pipeline
    key:
      description:
        - The secret to send as C(Authorization) C(ApiKey <key>).
        - Only when this run created the key; the API never returns it again. Ansible does not hide it from
          the output, so run the task with C(no_log), or use O(secrets_dir) instead.
      type: str
      returned: when the key was created, without O(secrets_dir)
      sample: essu_WVdKaklHTjBhVzl1T25aaGJIVmw=
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
removed:
  description:
    - The keys deleted (or, in check mode, that would be deleted), without secrets. Empty when none matched.
  returned: when O(state=absent)
  type: list
  elements: dict
  sample: [{"id": "3b2d5f8e0a1c4d7e9f60", "description": "ci-pipeline", "user_id": "123456789",
            "creation_date": "2026-01-15T10:20:30Z"}]
"""

import os
import re

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError, single_match
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._keys import (
    OWN_KEYS_PATH,
    creation_refused,
    delete_key,
    delete_keys,
    get_key,
    list_keys,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import ensure_private_dir, write_private_file

# Fields shown in --diff: never the secret.
DIFF_FIELDS = ("id", "description", "user_id", "expiration_date", "role_assignments")


def diff_view(key):
    return {name: key[name] for name in DIFF_FIELDS if key.get(name) is not None}


class ApiKey(ElasticCloudModule):
    module_options = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        description=dict(type="str", no_log=False),
        id=dict(type="str", no_log=False),
        expiration=dict(type="str"),
        role_assignments=dict(type="dict"),
        user_id=dict(type="str"),
        all=dict(type="bool", default=False),
        secrets_dir=dict(type="path"),
    )
    mutually_exclusive = [["id", "description"]]
    required_if = [["state", "present", ["description"]], ["state", "absent", ["id", "description"], True]]

    def run(self):
        self.check_options()
        if self.params["state"] == "present":
            return self.present()
        return self.absent()

    def check_options(self):
        params = self.params
        if params["state"] == "present":
            for name, why in (("id", "state=present identifies the key by description"),
                              ("user_id", "keys can only be created for the calling user")):
                if params[name]:
                    raise UsageError("%s is only used with state=absent: %s" % (name, why))
            if params["all"]:
                raise UsageError("all is only used with state=absent and description")
        # expiration and role_assignments only matter when a key is created: state=absent ignores them, so one
        # list of keys can serve to create and to delete.
        elif params["all"] and params["id"]:
            raise UsageError("all is only used with description: an id names exactly one key")

    def matching(self, user_id=None):
        description = self.params["description"]
        return [key for key in list_keys(self.client, user_id) if key.get("description") == description]

    def present(self):
        match = single_match(
            self.matching(), "API keys", "have the description %r" % self.params["description"],
            "cannot tell which one to keep: delete the extra ones with state=absent and id",
        )  # fmt: skip
        if match:
            # A relative expiration cannot be compared; roles can, and a difference would otherwise go unnoticed.
            wanted_roles = self.params["role_assignments"]
            if wanted_roles is not None and wanted_roles != match.get("role_assignments"):
                self.module.warn(
                    "API key %r already exists with other role_assignments and was left alone: they apply only when "
                    "a key is created (delete it to create it again)" % self.params["description"]
                )
            return {"api_key": match}
        secret_file = self.secret_file()
        created = self.create()
        if secret_file is None or "key" not in created:
            return {"api_key": created}
        created = dict(created)
        secret = created.pop("key")
        try:
            return {"api_key": created, "secret_file": write_private_file(secret_file, secret + "\n")}
        except OSError as exc:  # the only copy of the secret is in hand: return it rather than lose it
            self.mark_changed()
            self.module.fail_json(
                msg="API key %r was created, but its secret could not be written to %s (%s); it is in the result"
                % (self.params["description"], secret_file, exc.strerror or exc),
                **self.finish({"api_key": dict(created, key=secret)})
            )

    def secret_file(self):
        """Where the secret of a new key goes (checked before the key is created), or None."""
        if not self.params["secrets_dir"]:
            return None
        directory = ensure_private_dir(self.params["secrets_dir"], "secrets_dir", self.check_mode)
        return os.path.join(directory, re.sub(r"[^A-Za-z0-9_.-]", "_", self.params["description"]) + ".key")

    def create(self):
        body = {"description": self.params["description"]}
        for name in ("expiration", "role_assignments"):
            if self.params[name] is not None:
                body[name] = self.params[name]
        self.mark_changed()
        planned = {name: value for name, value in body.items() if name != "expiration"}
        self.diff = {"before": {}, "after": diff_view(planned)}
        if self.check_mode:
            return planned
        try:
            created = self.create_once(body)
        except ElasticCloudError as exc:
            raise creation_refused(exc, self.params["description"])
        self.diff["after"] = diff_view(created)
        return created

    def create_once(self, body):
        """POST the key; after a lost answer, adopt the key it made, and replace it once: only that answer had its secret."""
        created, adopted = create_once(self.client, OWN_KEYS_PATH, body, self.single_match)
        if not adopted:
            return created.data
        delete_key(self.client, created.data["id"])
        replaced, adopted_again = create_once(self.client, OWN_KEYS_PATH, body, self.single_match)
        if adopted_again:
            self.module.warn(
                "API key %r was created but both answers were lost, so its secret is unknown: delete it and run again"
                % self.params["description"]
            )
        else:
            self.module.warn(
                "The answer creating API key %r was lost; the key was found, deleted and created again so that its "
                "secret could be returned" % self.params["description"]
            )
        return replaced.data

    def single_match(self):
        matches = self.matching()
        return matches[0] if len(matches) == 1 else None

    def absent(self):
        user_id = self.params["user_id"]
        if self.params["id"]:
            found = get_key(self.client, self.params["id"], user_id)
            targets = [found] if found else []
        else:
            targets = self.matching(user_id)
            if not self.params["all"]:
                single_match(
                    targets, "API keys", "have the description %r" % self.params["description"],
                    "set all=true to delete all of them, or give the id of one",
                )  # fmt: skip
        removed = [{name: value for name, value in key.items() if name != "key"} for key in targets]
        if removed:
            self.mark_changed()
            self.diff = {"before": {"api_keys": [diff_view(k) for k in removed]}, "after": {"api_keys": []}}
            if not self.check_mode:
                delete_keys(self.client, removed, user_id)
        return {"removed": removed}


def main():
    ApiKey.execute()


if __name__ == "__main__":
    main()
