#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: credentials_reset
short_description: Reset the credentials of an Elastic Cloud Serverless project
version_added: 0.1.0
description:
  - Issues new Elasticsearch credentials for a serverless project, found by O(id) or O(name) within O(type), and
    returns them. The previous credentials stop working.
  - This is an action, not a state, so it is B(not idempotent) - every run resets the credentials again and
    reports C(changed). Guard the task with C(when) if it should run only sometimes.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  type:
    description:
      - Type of the project.
    type: str
    required: true
    choices: [elasticsearch, observability, security]
  id:
    description:
      - ID of the project. One of O(id) or O(name) is required.
    type: str
  name:
    description:
      - Name of the project, used when O(id) is not given. Two projects of O(type) with this name is a failure
        that names their IDs.
    type: str
  wait:
    description:
      - Wait until the project is in phase V(initialized) before resetting its credentials.
      - The API may answer a reset of a project still initializing with HTTP 409 (a reset right after a create).
        With O(wait=true), such a reset is sent again once the project is initialized, within O(wait_timeout).
        With O(wait=false), it is a failure that says so.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait, in seconds. A timeout is a failure that names the last phase seen.
    type: int
    default: 900
  credentials_file:
    description:
      - Also write the new credentials (with the project's ID, type, alias, endpoints and cloud ID) as JSON to this file,
        with mode C(0600), replacing it atomically. Its directory must exist.
    type: path
  credentials_dir:
    description:
      - Write the new credentials to C(<type>-<name>.json) (C(<type>-<id>.json) when found by O(id)) in this
        directory instead, created with mode C(0700) when missing, and leave them out of RV(credentials); the
        result then holds no secret. Mutually exclusive with O(credentials_file).
    type: path
notes:
  - If the answer to the reset is lost (connection reset, timeout, HTTP 502 or 504), the reset may have happened
    and invalidated the old credentials, so the module resets once more to get credentials it knows.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode the project is looked up and C(changed) is reported, but nothing is waited for or sent and
        no credentials are returned.
  diff_mode:
    support: none
    details:
      - Credentials are secrets and are never shown in a diff.
"""

EXAMPLES = r"""
- name: New credentials for a project, once it is ready (the password is returned, so hide the task's output)
  elastic_cloud.cloud.credentials_reset:
    api_key: "{{ ec_api_key }}"
    type: elasticsearch
    name: search-prod
    wait: true
    credentials_file: "{{ playbook_dir }}/search-prod.credentials.json"
  register: reset
  no_log: true

- name: Use them
  ansible.builtin.debug:
    msg: "Log in to {{ reset.project.endpoints.elasticsearch }} as {{ reset.credentials.username }}"

- name: Rotate the credentials of an observability project by ID, only when asked to
  elastic_cloud.cloud.credentials_reset:
    type: observability
    id: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
  register: rotated
  no_log: true
  when: rotate_credentials | default(false) | bool
"""

RETURN = r"""
credentials:
  description:
    - The new credentials of the project's Elasticsearch.
    - Ansible does not mask them; set C(no_log) on the task. They never appear in warnings or errors.
  returned: when the credentials were reset (not in check mode) and O(credentials_dir) is not set
  type: dict
  contains:
    username:
      description: User name.
      type: str
      sample: admin
    password:
      description: Password.
      type: str
      sample: x8Vq2...
credentials_file:
  description: Absolute path of the file the credentials were written to.
  returned: when O(credentials_file) or O(credentials_dir) is set and the credentials were reset
  type: str
  sample: /home/user/search-prod.credentials.json
project:
  description: The project, as the API returned it when it was looked up (without credentials).
  returned: success
  type: dict
  contains:
    id:
      description: ID of the project.
      type: str
      sample: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
    name:
      description: Name of the project.
      type: str
      sample: search-prod
    type:
      description: Type of the project.
      type: str
      sample: elasticsearch
    region_id:
      description: Region of the project.
      type: str
      sample: aws-us-east-1
    alias:
      description: Alias of the project, part of its endpoints.
      type: str
      sample: search-prod-1a2b3c
    cloud_id:
      description: Cloud ID of the project.
      type: str
      sample: search-prod:ZXhhbXBsZQ==
    endpoints:
      description: URLs of the project's applications.
      type: dict
      sample: {"elasticsearch": "https://search-prod-1a2b3c.es.us-east-1.aws.elastic.cloud"}
    status:
      description: The project's status, read when O(wait=true).
      type: dict
      returned: when O(wait=true), not in check mode
      sample: {"phase": "initialized", "phase_change_timestamp": "2026-01-01T10:03:00Z"}
"""

import os

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import (
    credentials_file_name,
    credentials_record,
    find_project,
    reset_credentials,
    wait_for_phase,
    write_credentials_file,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_TYPES, ProjectError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import check_writable_file, ensure_private_dir


class CredentialsReset(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        type=dict(type="str", required=True, choices=list(PROJECT_TYPES)),
        id=dict(type="str"),
        name=dict(type="str"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
        credentials_file=dict(type="path"),
        credentials_dir=dict(type="path"),
    )
    mutually_exclusive = [["id", "name"], ["credentials_file", "credentials_dir"]]
    required_one_of = [["id", "name"]]

    def run(self):
        path = self.credentials_path()
        if path and not self.check_mode:  # nothing is written in check mode
            check_writable_file(path, "credentials_file")
        project = self.find()
        self.mark_changed()
        result = {"project": project}
        if self.check_mode:
            return result
        if self.params["wait"]:
            project["status"] = wait_for_phase(
                self.client, project["type"], project["id"], "initialized", timeout=self.params["wait_timeout"]
            )
        credentials = self.reset(project)
        if path:
            result["credentials_file"] = write_credentials_file(path, credentials_record(project, credentials))
        if not self.params["credentials_dir"]:
            result["credentials"] = credentials
        return result

    def credentials_path(self):
        """Where the new credentials go: credentials_file, or their file in credentials_dir, or nowhere."""
        if not self.params["credentials_dir"]:
            return self.params["credentials_file"]
        directory = ensure_private_dir(self.params["credentials_dir"], "credentials_dir", self.check_mode)
        return os.path.join(directory, credentials_file_name(self.params["type"], self.params["name"] or self.params["id"]))

    def find(self):
        project_type, project_id, name = self.params["type"], self.params["id"], self.params["name"]
        project = find_project(self.client, project_type, id=project_id, name=name)
        if project is None:
            raise ProjectError(
                "No %s project %s" % (project_type, "has id %s" % project_id if project_id else "is named %r" % name)
            )
        project.setdefault("type", project_type)
        return project

    def reset(self, project):
        conflict_wait = self.params["wait_timeout"] if self.params["wait"] else 0
        return reset_credentials(self.client, project["type"], project["id"], conflict_wait=conflict_wait)


def main():
    CredentialsReset.execute()


if __name__ == "__main__":
    main()
