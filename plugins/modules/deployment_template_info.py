#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_template_info
short_description: List the deployment templates of a region, with the sizes their instances come in
version_added: 0.2.0
description:
  - Lists the deployment templates of a region on Elastic Cloud or Elastic Cloud Enterprise (ECE), or one template
    by O(id).
  - A template is the starting point of a hosted deployment; its instance configurations say which sizes and how
    many zones each part of the deployment may have.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  region:
    description:
      - Region of the templates, for example V(aws-us-east-1) or V(gcp-us-central1). The API needs it on both
        platforms; on ECE it is V(ece-region).
      - A region the API does not know fails with the API's message.
    type: str
    required: true
  id:
    description:
      - ID of one template, for example V(aws-storage-optimized). Without it, every template of the region is
        returned.
    type: str
  show_instance_configurations:
    description:
      - Return the instance configurations each template uses, with their allowed sizes and the number of zones
        they can span (C(max_zones)), which is what you need to pick a size.
      - V(false) returns them as an empty list, for a shorter answer when only the IDs and names matter.
    type: bool
    default: true
  stack_version:
    description:
      - An Elastic Stack version such as V(8.19.3). The API adapts the templates to it, leaving out what that
        version does not allow.
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: List the templates of a region
  elastic_cloud.cloud.deployment_template_info:
    api_key: "{{ ec_api_key }}"
    region: aws-us-east-1
  register: templates

- name: Their IDs and names
  ansible.builtin.debug:
    msg: "{{ templates.deployment_templates | items2dict(key_name='id', value_name='name') }}"

- name: One template (credentials from EC_ENDPOINT and EC_API_KEY)
  elastic_cloud.cloud.deployment_template_info:
    region: aws-us-east-1
    id: aws-general-purpose
  register: general_purpose

- name: The memory sizes the hot tier may have
  ansible.builtin.debug:
    msg: "{{ (general_purpose.deployment_templates[0].instance_configurations
              | selectattr('id', 'eq', 'aws.es.datahot.m5d') | first).discrete_sizes.sizes }}"

- name: Only the IDs and names of the templates a version allows
  elastic_cloud.cloud.deployment_template_info:
    region: gcp-us-central1
    stack_version: 8.19.3
    show_instance_configurations: false
  register: gcp_templates
"""

RETURN = r"""
deployment_templates:
  description:
    - The templates, as the API returns them, in the API's order (ascending C(order)).
    - With O(id), one element, or none when the region has no template with that ID.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Template ID, what a deployment's C(deployment_template.id) names.
      type: str
      sample: aws-general-purpose
    name:
      description: Human readable name.
      type: str
      sample: General purpose
    description:
      description: What the template is for.
      type: str
      sample: General purpose hardware profile on aws
    system_owned:
      description: Whether the platform owns the template (it cannot be changed).
      type: bool
      sample: true
    order:
      description: Position of the template in lists.
      type: int
      sample: 1
    hidden:
      description: Whether the template is hidden by default.
      type: bool
      sample: false
    min_version:
      description: Lowest Elastic Stack version the template supports, if any.
      type: str
      sample: 7.17.0
    template_category_id:
      description: Provider and version agnostic category of the template.
      type: str
      sample: general-purpose
    metadata:
      description: Key and value pairs attached to the template.
      type: list
      elements: dict
      sample: [{"key": "hardware_profile", "value": "general-purpose"}]
    deployment_template:
      description:
        - The deployment create request the template stands for, with C(resources) per kind (C(elasticsearch),
          C(kibana), C(integrations_server), ...), each giving its default topology.
      type: dict
    instance_configurations:
      description:
        - The instance configurations the template uses. Empty with O(show_instance_configurations=false).
      type: list
      elements: dict
      contains:
        id:
          description: Instance configuration ID, what a topology element's C(instance_configuration_id) names.
          type: str
          sample: aws.es.datahot.m5d
        name:
          description: Display name.
          type: str
        description:
          description: What the instances are.
          type: str
        instance_type:
          description: The kind of instance, such as V(elasticsearch), V(kibana) or V(integrations_server).
          type: str
          sample: elasticsearch
        node_types:
          description: Node types of the instances (Elasticsearch only).
          type: list
          elements: str
          sample: ["data", "master", "ingest"]
        discrete_sizes:
          description: The sizes allowed (C(sizes)), the default (C(default_size)) and their unit (C(resource)).
          type: dict
          sample: {"sizes": [1024, 2048, 4096], "default_size": 1024, "resource": "memory"}
        max_zones:
          description: How many availability zones the instances can span, the upper bound of C(zone_count).
          type: int
          sample: 3
        storage_multiplier:
          description: Storage per unit of memory.
          type: float
        cpu_multiplier:
          description: CPU per unit of memory.
          type: float
        config_version:
          description: Version of the instance configuration.
          type: int
"""


from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_catalogue import list_templates, read_template


class DeploymentTemplateInfo(ElasticCloudModule):
    module_options = dict(
        region=dict(type="str", required=True),
        id=dict(type="str"),
        show_instance_configurations=dict(type="bool", default=True),
        stack_version=dict(type="str"),
    )

    def run(self):
        shape = dict(
            show_instance_configurations=self.params["show_instance_configurations"],
            stack_version=self.params["stack_version"],
        )
        if self.params["id"]:
            found = read_template(self.client, self.params["region"], self.params["id"], **shape)
            templates = [found] if found else []
        else:
            templates = list_templates(self.client, self.params["region"], **shape)
        return {"deployment_templates": templates}


def main():
    DeploymentTemplateInfo.execute()


if __name__ == "__main__":
    main()
