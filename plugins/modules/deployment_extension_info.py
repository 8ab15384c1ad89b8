#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_extension_info
short_description: List the custom bundles and plugins of hosted deployments
version_added: 0.2.0
description:
  - Lists the deployment extensions of Elastic Cloud or Elastic Cloud Enterprise, all of them or the one with
    O(id), or those named O(name).
  - With O(include_deployments=true), also says which deployments use each extension.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one extension. Without a match, the list is empty.
    type: str
  name:
    description:
      - Only extensions with exactly this name.
    type: str
  include_deployments:
    description:
      - Also return the IDs of the deployments whose plans use each extension (one request per extension listed).
    type: bool
    default: false
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: List every extension
  elastic_cloud.cloud.deployment_extension_info:
  register: extensions

- name: Show their names and types
  ansible.builtin.debug:
    msg: "{{ extensions.deployment_extensions | map(attribute='name') | zip(extensions.deployment_extensions
      | map(attribute='extension_type')) | list }}"

- name: Find the deployments that use the synonyms bundle
  elastic_cloud.cloud.deployment_extension_info:
    name: synonyms
    include_deployments: true
  register: synonyms
"""

RETURN = r"""
deployment_extensions:
  description:
    - The extensions, in the order the API lists them.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Extension ID.
      type: str
      sample: "4226448541"
    name:
      description: Name of the extension.
      type: str
      sample: synonyms
    extension_type:
      description: V(bundle) or V(plugin).
      type: str
      sample: bundle
    version:
      description: The Elasticsearch versions the extension is for.
      type: str
      sample: 8.*
    description:
      description: Description, without the checksum mark of M(elastic_cloud.cloud.deployment_extension).
      type: str
      sample: Product synonyms
    url:
      description: The URL a deployment plan names the extension by.
      type: str
      sample: repo://4226448541
    download_url:
      description: The URL the API downloaded the archive from, or V(null).
      type: str
      sample: https://example.com/analysis-custom-8.15.0.zip
    file_size:
      description: Size of the stored archive in bytes, or V(null).
      type: int
      sample: 2048
    file_last_modified:
      description: When the stored archive last changed, or V(null).
      type: str
      sample: "2026-01-01T12:00:00.000Z"
    file_sha256:
      description: SHA-256 of the archive M(elastic_cloud.cloud.deployment_extension) last uploaded, or V(null).
      type: str
      sample: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    deployments:
      description: IDs of the deployments whose plans use the extension.
      returned: with O(include_deployments=true)
      type: list
      elements: str
      sample: ["f91f3a9360a74e9d8c068cd2698c92ea"]
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_extensions import (
    extension_path,
    extension_view,
    list_extensions,
)


class DeploymentExtensionInfo(ElasticCloudModule):
    module_options = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        include_deployments=dict(type="bool", default=False),
    )
    mutually_exclusive = [["id", "name"]]

    def run(self):
        params = self.params
        if params["id"]:
            found = self.read(params["id"])
            extensions = [found] if found else []
        else:
            extensions = [item for item in list_extensions(self.client) if params["name"] in (None, item.get("name"))]
            if params["include_deployments"]:
                # The list answers no deployments: each extension is read again with them.
                extensions = [self.read(item["id"]) or item for item in extensions]
        return {"deployment_extensions": [extension_view(item) for item in extensions]}

    def read(self, extension_id):
        query = {"include_deployments": "true"} if self.params["include_deployments"] else None
        found = self.client.get_optional(extension_path(extension_id), params=query)
        return found.data if found else None


def main():
    DeploymentExtensionInfo.execute()


if __name__ == "__main__":
    main()
