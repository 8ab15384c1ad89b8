#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: traffic_filter_metadata_info
short_description: Read the PrivateLink and Private Service Connect details of Elastic Cloud Serverless regions
version_added: 0.1.0
description:
  - Returns, per region, what a private connection to Elastic Cloud Serverless projects connects to - the AWS
    VPC endpoint service name, the Azure Private Link service alias or the GCP Private Service Connect service
    attachment - with the private DNS zone to create and the availability zones.
  - Use it to create the endpoint in your cloud account, then a traffic filter of type V(vpce) or
    V(private_endpoint) with M(elastic_cloud.cloud.traffic_filter).
  - One call; the same data as O(elastic_cloud.cloud.traffic_filter_info#module:privatelink_metadata), without the
    filters.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  region:
    description:
      - Only this region, for example V(aws-us-east-1). A region without private connectivity, or unknown,
        gives an empty list.
    type: str
  csp:
    description:
      - Only the regions of this cloud service provider.
    type: str
    choices: [aws, azure, gcp]
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: What a VPC endpoint in aws-us-east-1 connects to (credentials from EC_API_KEY)
  elastic_cloud.cloud.traffic_filter_metadata_info:
    region: aws-us-east-1
  register: privatelink

- name: Its endpoint service name and private DNS zone
  ansible.builtin.debug:
    msg: "{{ privatelink.regions[0].private_service_name }} / {{ privatelink.regions[0].private_hosted_zone_domain_name }}"

- name: The Private Service Connect service attachments of every GCP region
  elastic_cloud.cloud.traffic_filter_metadata_info:
    csp: gcp
  register: gcp_regions
"""

RETURN = r"""
regions:
  description:
    - PrivateLink connection details per region, as the API returns them. Empty when none matches.
  returned: always
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
    private_service_name:
      description:
        - What to connect to - the AWS VPC endpoint service name, the Azure Private Link service alias, or the
          GCP service attachment URI.
      type: str
      sample: com.amazonaws.vpce.us-east-1.vpce-svc-0e42e1e06ed010238
    vpc_service_name:
      description: Deprecated by the API in favour of RV(regions[].private_service_name).
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
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import privatelink_metadata


class TrafficFilterMetadataInfo(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        region=dict(type="str"),
        csp=dict(type="str", choices=["aws", "azure", "gcp"]),
    )

    def run(self):
        return {"regions": privatelink_metadata(self.client, self.params["region"], self.params["csp"])}


def main():
    TrafficFilterMetadataInfo.execute()


if __name__ == "__main__":
    main()
