#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: traffic_filter_info
short_description: List Elastic Cloud Serverless traffic filters and PrivateLink metadata
version_added: 0.1.0
description:
  - Lists the serverless traffic filters, all of them or those matching O(id), O(name), O(region) and
    O(include_by_default).
  - With O(privatelink_metadata=true), also returns the PrivateLink connection details of the regions (the service
    name to create a VPC endpoint or private endpoint for, and the private DNS zone).
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one filter. Without a match, the list is empty.
    type: str
  name:
    description:
      - Only filters with this name. A name can be used in several regions; add O(region) for one.
    type: str
  region:
    description:
      - Only filters (and metadata) of this region, for example V(aws-us-east-1).
    type: str
  include_by_default:
    description:
      - Only filters that new projects get automatically (V(true)), or only those they do not (V(false)).
      - Unset, both kinds are listed (one list call for each), since the API may leave the filters included by
        default out of a list that does not ask for them.
    type: bool
  privatelink_metadata:
    description:
      - Also return RV(privatelink_metadata), for O(region) or for every region.
    type: bool
    default: false
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: Every traffic filter
  elastic_cloud.cloud.traffic_filter_info:
  register: all_filters

- name: Names of the filters new projects get by default
  ansible.builtin.debug:
    msg: "{{ all_filters.traffic_filters | selectattr('include_by_default') | map(attribute='name') }}"

- name: One filter by name, and what a VPC endpoint in its region must connect to
  elastic_cloud.cloud.traffic_filter_info:
    name: office
    region: aws-us-east-1
    privatelink_metadata: true
  register: office

- name: Service name for the AWS VPC endpoint
  ansible.builtin.debug:
    msg: "{{ office.privatelink_metadata[0].vpc_service_name }}"
"""

RETURN = r"""
traffic_filters:
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
      description: Type of the filter, V(ip), V(vpce) or V(private_endpoint).
      type: str
      sample: ip
    description:
      description: Description of the filter, when it has one.
      type: str
      sample: Office egress addresses
    include_by_default:
      description: Whether new projects of the region get this filter automatically.
      type: bool
      sample: false
    rules:
      description: The rules, each with C(source) or the Azure endpoint fields, and an optional C(description).
      type: list
      elements: dict
      sample: [{"source": "192.0.2.0/24", "description": "Main office"}]
privatelink_metadata:
  description:
    - PrivateLink connection details per region, as the API returns them.
  returned: when O(privatelink_metadata=true)
  type: list
  elements: dict
  contains:
    region:
      description: Region ID.
      type: str
      sample: aws-us-east-1
    csp:
      description: Cloud service provider.
      type: str
      sample: aws
    vpc_service_name:
      description: Deprecated by the API in favour of RV(privatelink_metadata[].private_service_name).
      type: str
      sample: com.amazonaws.vpce.us-east-1.vpce-svc-0e42e1e06ed010238
    private_service_name:
      description: Service to connect to (AWS endpoint service, Azure Private Link alias or GCP service attachment).
      type: str
      sample: com.amazonaws.vpce.us-east-1.vpce-svc-0e42e1e06ed010238
    private_hosted_zone_domain_name:
      description: Domain of the private DNS zone to create.
      type: str
      sample: private.us-east-1.aws.elastic.cloud
    availability_zones:
      description: Availability zones of the service, each with C(name) and C(id).
      type: list
      elements: dict
      sample: [{"name": "us-east-1a", "id": "use1-az1"}]
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import has_values
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import (
    get_traffic_filter,
    list_traffic_filters,
    privatelink_metadata,
)


class TrafficFilterInfo(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        region=dict(type="str"),
        include_by_default=dict(type="bool"),
        privatelink_metadata=dict(type="bool", default=False),
    )

    def run(self):
        result = {"traffic_filters": [item for item in self.candidates() if self.matches(item)]}
        if self.params["privatelink_metadata"]:
            result["privatelink_metadata"] = privatelink_metadata(self.client, self.params["region"])
        return result

    def candidates(self):
        if self.params["id"]:
            found = get_traffic_filter(self.client, self.params["id"])
            return [found] if found else []
        return list_traffic_filters(self.client, self.params["region"], self.params["include_by_default"])

    def matches(self, item):
        return has_values(item, dict((option, self.params[option]) for option in ("name", "region", "include_by_default")))


def main():
    TrafficFilterInfo.execute()


if __name__ == "__main__":
    main()
