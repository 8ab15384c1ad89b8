#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_traffic_filter_info
short_description: List traffic filters of Elastic Cloud deployments
version_added: 0.2.0
description:
  - Lists the deployment traffic filters (rulesets), all of them or those matching O(id), O(name) and O(region).
  - With O(include_associations=true), also the deployments each filter is attached to.
  - Serverless projects have their own filters; see M(elastic_cloud.cloud.traffic_filter_info).
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one filter. Without a match, the list is empty.
    type: str
  name:
    description:
      - Only filters with this name. Names need not be unique; add O(region) to narrow them.
    type: str
  region:
    description:
      - Only filters of this region, for example V(aws-us-east-1).
    type: str
  include_associations:
    description:
      - Also return what each filter is attached to, in RV(deployment_traffic_filters[].associations).
    type: bool
    default: false
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: Every deployment traffic filter of a region, with the deployments using them
  elastic_cloud.cloud.deployment_traffic_filter_info:
    region: aws-us-east-1
    include_associations: true
  register: filters

- name: Filters attached to no deployment
  ansible.builtin.debug:
    msg: "{{ filters.deployment_traffic_filters | rejectattr('associations') | map(attribute='name') }}"

- name: One filter by name
  elastic_cloud.cloud.deployment_traffic_filter_info:
    name: office
    region: aws-us-east-1
  register: office
"""

RETURN = r"""
deployment_traffic_filters:
  description:
    - The matching filters, as the API returns them.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Filter ID.
      type: str
      sample: 0123456789abcdef0123456789abcdef
    name:
      description: Name of the filter.
      type: str
      sample: office
    region:
      description: Region of the filter.
      type: str
      sample: aws-us-east-1
    type:
      description: Type of the filter, such as V(ip), V(vpce) or V(azure_private_endpoint).
      type: str
      sample: ip
    description:
      description: Description of the filter, when it has one.
      type: str
      sample: Office egress addresses
    include_by_default:
      description: Whether new deployments of the region get this filter automatically.
      type: bool
      sample: false
    rules:
      description: The rules, each with the ID the API gives it, C(source) or the fields of its type, and an optional
        C(description).
      type: list
      elements: dict
      sample: [{"id": "5e6f3b2d5f8e0a1c4d7e9f601a2b3c4d", "source": "192.0.2.0/24", "description": "Main office"}]
    associations:
      description: What the filter is attached to, each with C(entity_type) (V(deployment)) and C(id).
      type: list
      elements: dict
      returned: when O(include_associations=true)
      sample: [{"entity_type": "deployment", "id": "3b2d5f8e0a1c4d7e9f601a2b3c4d5e6f"}]
    total_associations:
      description: How many associations the filter has, including those the user may not see.
      type: int
      returned: when O(include_associations=true)
      sample: 1
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_traffic_filters import (
    get_ruleset,
    list_rulesets,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import has_values


class DeploymentTrafficFilterInfo(ElasticCloudModule):
    module_options = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        region=dict(type="str"),
        include_associations=dict(type="bool", default=False),
    )

    def run(self):
        return {"deployment_traffic_filters": [item for item in self.candidates() if self.matches(item)]}

    def candidates(self):
        include = self.params["include_associations"]
        if self.params["id"]:
            found = get_ruleset(self.client, self.params["id"], include)
            return [found] if found else []
        return list_rulesets(self.client, self.params["region"], include)

    def matches(self, item):
        return has_values(item, dict((option, self.params[option]) for option in ("name", "region")))


def main():
    DeploymentTrafficFilterInfo.execute()


if __name__ == "__main__":
    main()
