#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: stack_version_info
short_description: List the Elastic Stack versions hosted deployments can run, and their upgrade paths
version_added: 0.2.0
description:
  - Lists the Elastic Stack versions of Elastic Cloud or Elastic Cloud Enterprise (ECE), newest first, or one
    O(version), with the versions each can be upgraded to.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  version:
    description:
      - One Elastic Stack version, for example V(8.19.3). Without it, every version is returned.
    type: str
  show_deleted:
    description:
      - Also list versions marked for deletion. Ignored with O(version).
    type: bool
    default: false
  show_unusable:
    description:
      - Also list versions the credentials may not use. Ignored with O(version).
    type: bool
    default: false
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: List the stack versions
  elastic_cloud.cloud.stack_version_info:
    api_key: "{{ ec_api_key }}"
  register: stacks

- name: The newest version
  ansible.builtin.debug:
    msg: "{{ stacks.stack_versions[0].version }}"

- name: One version (credentials from EC_ENDPOINT and EC_API_KEY)
  elastic_cloud.cloud.stack_version_info:
    version: 8.18.2
  register: current

- name: Where a deployment on 8.18.2 can be upgraded to
  ansible.builtin.debug:
    msg: "{{ current.stack_versions[0].upgradable_to }}"
"""

RETURN = r"""
stack_versions:
  description:
    - The stack versions, newest first.
    - With O(version), one element, or none when the API knows no such version.
  returned: success
  type: list
  elements: dict
  contains:
    version:
      description: The Elastic Stack version.
      type: str
      sample: 8.18.2
    upgradable_to:
      description: The versions a deployment on this version can be upgraded to, oldest first.
      type: list
      elements: str
      sample: ["8.19.3", "9.0.4"]
    min_upgradable_from:
      description: The oldest version recommended to upgrade to this version from, if the API gives one.
      type: str
      sample: 7.17.0
    available_resources:
      description:
        - The kinds of resource the version has an image for, among V(elasticsearch), V(kibana), V(apm),
          V(appsearch) and V(enterprise_search). A kind missing here cannot be part of a deployment on this version.
      type: list
      elements: str
      sample: ["elasticsearch", "kibana"]
    template_version:
      description: Version of the stack's deployment template structure, if the API gives one.
      type: str
      sample: 8.18.2
    deleted:
      description: Whether the version is marked for deletion.
      type: bool
      sample: false
    accessible:
      description: Whether the credentials may use the version. Elastic Cloud only; V(null) on ECE, which does not send it.
      type: bool
      sample: true
    whitelisted:
      description: Whether the version is allowed for new deployments. Elastic Cloud only; V(null) on ECE.
      type: bool
      sample: true
"""


from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_catalogue import (
    list_stack_versions,
    read_stack_version,
    stack_version_summary,
)


class StackVersionInfo(ElasticCloudModule):
    module_options = dict(
        version=dict(type="str"),
        show_deleted=dict(type="bool", default=False),
        show_unusable=dict(type="bool", default=False),
    )

    def run(self):
        if self.params["version"]:
            found = read_stack_version(self.client, self.params["version"])
            stacks = [found] if found else []
        else:
            stacks = list_stack_versions(self.client, self.params["show_deleted"], self.params["show_unusable"])
        return {"stack_versions": [stack_version_summary(stack) for stack in stacks]}


def main():
    StackVersionInfo.execute()


if __name__ == "__main__":
    main()
