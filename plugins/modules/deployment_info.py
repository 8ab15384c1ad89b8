#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_info
short_description: Read hosted Elastic Cloud deployments
version_added: 0.2.0
description:
  - Reads one hosted deployment by O(id) or exact O(name), or searches deployments by O(name_prefix), O(tags) and
    O(status). Without any of them, every deployment is returned.
  - Works on Elastic Cloud Hosted and on Elastic Cloud Enterprise.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  id:
    description:
      - ID of one deployment. None is returned when no deployment has it.
    type: str
  name:
    description:
      - Exact name of the deployments to return.
    type: str
  name_prefix:
    description:
      - Return the deployments whose name starts with this.
    type: str
  tags:
    description:
      - Return the deployments that carry all these tags (a dictionary of strings).
    type: dict
  status:
    description:
      - Return the deployments whose Elasticsearch resource has this status.
    type: str
    choices: [initializing, reconfiguring, started, stopping, stopped, restarting]
notes:
  - Elastic Cloud may leave shut-down deployments out of searches; O(id) always reads the deployment.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: A deployment to read
  elastic_cloud.cloud.deployment:
    name: logging
    region: aws-us-east-1
    deployment_template_id: aws-storage-optimized
    version: 8.19.3
    tags:
      team: observability
  no_log: true

- name: The deployments of a team that are running
  elastic_cloud.cloud.deployment_info:
    tags:
      team: observability
    status: started
  register: team

- name: Their Elasticsearch endpoints
  ansible.builtin.debug:
    msg: "{{ team.deployments | map(attribute='endpoints.elasticsearch') }}"

- name: One deployment by name
  elastic_cloud.cloud.deployment_info:
    name: logging
  register: logging
"""

RETURN = r"""
deployments:
  description: The deployments found; an empty list when none is.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the deployment.
      type: str
      sample: 3b2d5f8e0a1c4d7e9f601a2b3c4d5e6f
    name:
      description: Name of the deployment.
      type: str
      sample: logging
    alias:
      description: Alias of the deployment.
      type: str
      sample: logging-3b2d5f
    healthy:
      description: Whether the API reports every resource healthy.
      type: bool
      sample: true
    status:
      description: Status of the Elasticsearch resource, such as V(started), V(reconfiguring) or V(stopped).
      type: str
      sample: started
    version:
      description: Stack version Elasticsearch runs.
      type: str
      sample: 8.19.3
    deployment_template_id:
      description: The deployment template of the deployment.
      type: str
      sample: aws-storage-optimized
    tags:
      description: Tags of the deployment.
      type: dict
      sample: {"team": "observability"}
    resources:
      description: Each resource of the deployment.
      type: list
      elements: dict
      contains:
        kind:
          description: Kind of the resource, such as V(elasticsearch), V(kibana) or V(integrations_server).
          type: str
          sample: kibana
        ref_id:
          description: Reference of the resource within the deployment.
          type: str
          sample: main-kibana
        id:
          description: ID of the resource.
          type: str
          sample: 5e6f3b2d5f8e0a1c4d7e9f601a2b3c4d
        status:
          description: Status of the resource.
          type: str
          sample: started
        healthy:
          description: Whether the API reports the resource healthy.
          type: bool
          sample: true
        version:
          description: Stack version of the resource's current plan.
          type: str
          sample: 8.19.3
    endpoints:
      description: HTTPS endpoints by service (V(elasticsearch), V(kibana), V(apm), V(fleet)).
      type: dict
      sample: {"elasticsearch": "https://5e6f3b2d.es.us-east-1.aws.found.io"}
    cloud_id:
      description: Cloud ID of the deployment.
      type: str
      sample: "logging:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyQ1ZTZm"
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_api as api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule

STATUSES = ["initializing", "reconfiguring", "started", "stopping", "stopped", "restarting"]


class DeploymentInfo(ElasticCloudModule):
    module_options = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        name_prefix=dict(type="str"),
        tags=dict(type="dict"),
        status=dict(type="str", choices=STATUSES),
    )
    mutually_exclusive = [["id", "name", "name_prefix"], ["id", "tags"], ["id", "status"]]

    def run(self):
        params = self.params
        if params["id"]:
            found = api.read_deployment(self.client, params["id"])
            return {"deployments": [api.summary(found)] if found else []}
        if params["name"]:
            found = api.search_by_name(self.client, params["name"])
        else:
            found = api.search(self.client, api.search_query(params["name_prefix"], params["tags"]))
        prefix = params["name_prefix"] or ""
        # Checked here too: the API's name field may be analysed text, whose prefix query also matches later words.
        described = [api.summary(deployment) for deployment in found if str(deployment.get("name", "")).startswith(prefix)]
        tags = {str(key): str(value) for key, value in (params["tags"] or {}).items()}
        if tags:
            # Checked here too, as the tags are not part of a search by name.
            described = [one for one in described if all(one["tags"].get(key) == value for key, value in tags.items())]
        if params["status"]:
            described = [one for one in described if one["status"] == params["status"]]
        return {"deployments": described}


def main():
    DeploymentInfo.execute()


if __name__ == "__main__":
    main()
