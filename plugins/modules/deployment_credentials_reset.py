#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_credentials_reset
short_description: Reset the elastic user's password of a hosted Elastic Cloud deployment
version_added: 0.2.0
description:
  - Resets the password of the C(elastic) user of a deployment's Elasticsearch resource and returns the new
    credentials. The previous password stops working.
  - This is an action, not a state, so it is B(not idempotent) - every run resets the password again and
    reports C(changed). Guard the task with C(when) if it should run only sometimes.
  - Works on Elastic Cloud Hosted and on Elastic Cloud Enterprise.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  credentials_file:
    description:
      - Also write the new credentials (with the deployment's ID, name, Elasticsearch reference, endpoint and cloud
        ID) as JSON to this file, with mode C(0600), replacing it atomically. Its directory must exist.
    type: path
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.deployment_target
  - elastic_cloud.cloud.attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode the deployment is looked up and C(changed) is reported, but nothing is sent and no
        credentials are returned.
  diff_mode:
    support: none
    details:
      - Credentials are secrets and are never shown in a diff.
"""

EXAMPLES = r"""
- name: A deployment
  elastic_cloud.cloud.deployment:
    name: logging
    region: aws-us-east-1
    deployment_template_id: aws-storage-optimized
    version: 8.19.3
  no_log: true

- name: A new password for the elastic user (it is returned, so hide the task's output)
  elastic_cloud.cloud.deployment_credentials_reset:
    deployment_name: logging
    credentials_file: "{{ playbook_dir }}/logging.credentials.json"
  register: reset
  no_log: true

- name: Use it
  ansible.builtin.debug:
    msg: "Log in to {{ reset.deployment.endpoint }} as {{ reset.credentials.username }}"
"""

RETURN = r"""
credentials:
  description:
    - The new credentials of the C(elastic) user.
    - Ansible does not mask them; set C(no_log) on the task. They never appear in warnings or errors.
  returned: when the password was reset (not in check mode)
  type: dict
  contains:
    username:
      description: User name.
      type: str
      sample: elastic
    password:
      description: Password.
      type: str
      sample: x8Vq2...
credentials_file:
  description: Absolute path of the file the credentials were written to.
  returned: when O(credentials_file) is set and the password was reset
  type: str
  sample: /home/user/logging.credentials.json
deployment:
  description: The deployment whose password was reset.
  returned: success
  type: dict
  contains:
    id:
      description: ID of the deployment.
      type: str
      sample: 5e6f3b2d5f8e0a1c4d7e9f601a2b3c4d
    name:
      description: Name of the deployment.
      type: str
      sample: logging
    ref_id:
      description: Reference of the Elasticsearch resource.
      type: str
      sample: main-elasticsearch
    endpoint:
      description: HTTPS endpoint of the Elasticsearch resource, when the API gives one.
      type: str
      sample: https://5e6f3b2d.es.us-east-1.aws.found.io
    cloud_id:
      description: Cloud ID of the deployment, when the API gives one.
      type: str
      sample: "logging:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyQ1ZTZm"
"""

import json

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import reset_password
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_target import (
    TARGET_MUTUALLY_EXCLUSIVE,
    TARGET_OPTIONS,
    TARGET_REQUIRED_ONE_OF,
    find_target,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import check_writable_file, write_private_file


def describe(target):
    """The deployment and its Elasticsearch resource's endpoint and cloud ID, as the GET showed them."""
    resource = next(es for es in target.deployment["resources"]["elasticsearch"] if es.get("ref_id") == target.ref_id)
    metadata = (resource.get("info") or {}).get("metadata") or {}
    return {"id": target.deployment_id, "name": target.deployment.get("name"), "ref_id": target.ref_id,
            "endpoint": metadata.get("service_url"), "cloud_id": metadata.get("cloud_id")}  # fmt: skip


class DeploymentCredentialsReset(ElasticCloudModule):
    module_options = dict(TARGET_OPTIONS, credentials_file=dict(type="path"))
    mutually_exclusive = TARGET_MUTUALLY_EXCLUSIVE
    required_one_of = TARGET_REQUIRED_ONE_OF

    def run(self):
        path = self.params["credentials_file"]
        if path and not self.check_mode:  # fail before the reset, not after it, when the file cannot be written
            check_writable_file(path, "credentials_file")
        target = find_target(self.client, self.params)
        deployment = describe(target)
        self.mark_changed()
        result = {"deployment": deployment}
        if self.check_mode:
            return result
        credentials = reset_password(self.client, target.deployment_id, target.ref_id)
        result["credentials"] = credentials
        if path:
            record = dict(credentials, deployment=deployment)
            result["credentials_file"] = write_private_file(path, json.dumps(record, indent=2, sort_keys=True) + "\n")
        return result


def main():
    DeploymentCredentialsReset.execute()


if __name__ == "__main__":
    main()
