#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: region_info
short_description: List the regions where Elastic Cloud Serverless projects can be created
version_added: 0.1.0
description:
  - Lists all cloud service provider regions of Elastic Cloud Serverless, or one region by O(id).
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one region, for example V(aws-us-east-1). Without it, every region is returned.
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: List every serverless region
  elastic_cloud.cloud.region_info:
    api_key: "{{ ec_api_key }}"
  register: all_regions

- name: Regions open for new projects, on AWS
  ansible.builtin.debug:
    msg: "{{ all_regions.regions | selectattr('csp', 'eq', 'aws') | selectattr('project_creation_enabled') | map(attribute='id') }}"

- name: One region (credentials from EC_ENDPOINT and EC_API_KEY)
  elastic_cloud.cloud.region_info:
    id: gcp-us-central1
  register: one_region
"""

RETURN = r"""
regions:
  description:
    - The regions, as the API returns them.
    - With O(id), one element, or none when no region has that ID.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Region ID.
      type: str
      sample: aws-us-east-1
    name:
      description: Human readable name.
      type: str
      sample: US East (N. Virginia)
    csp:
      description: Cloud service provider, one of V(aws), V(gcp), V(azure).
      type: str
      sample: aws
    csp_region:
      description: The region's name at the cloud service provider.
      type: str
      sample: us-east-1
    country_code:
      description: ISO 3166-1 alpha-2 country code of the region.
      type: str
      sample: US
    project_creation_enabled:
      description: Whether new projects can be created in the region.
      type: bool
      sample: true
"""


from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path

REGIONS_PATH = "/api/v1/serverless/regions"


class RegionInfo(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(id=dict(type="str"))

    def run(self):
        if self.params["id"]:
            found = self.client.get_optional(api_path(REGIONS_PATH + "/{}", self.params["id"]))
            regions = [found.data] if found else []
        else:
            regions = self.client.get(REGIONS_PATH, expect=list).data or []
        return {"regions": regions}


def main():
    RegionInfo.execute()


if __name__ == "__main__":
    main()
