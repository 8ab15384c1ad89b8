#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: project_info
short_description: Read Elastic Cloud Serverless projects
version_added: 0.1.0
description:
  - Returns one project by O(id) or O(name), or every project of a O(type), or of every type when O(type)
    is not set. Lists are read to the last page.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  type:
    description:
      - Only projects of this type. Without it, every type is searched.
    type: str
    choices: [elasticsearch, observability, security]
  id:
    description:
      - ID of one project. Without O(type), each type is tried in turn.
      - Mutually exclusive with O(name).
    type: str
  name:
    description:
      - Only the projects with exactly this name (several projects, even of one type, can share a name).
      - Mutually exclusive with O(id).
    type: str
  tags:
    description:
      - Only the projects carrying all these tags with these values.
    type: dict
  include_status:
    description:
      - Add each project's status (its phase) as RV(projects[].status), at one extra call per project.
    type: bool
    default: false
  include_link_candidates:
    description:
      - Add the projects each project's cross-project search can be linked to as
        RV(projects[].link_candidates), at one extra call per project.
    type: bool
    default: false
  include_roles:
    description:
      - Add each project's roles as RV(projects[].roles), at one extra call per project.
    type: bool
    default: false
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: Every project of every type (credentials from EC_API_KEY)
  elastic_cloud.cloud.project_info:
  register: all_projects

- name: Their names and types
  ansible.builtin.debug:
    msg: "{{ all_projects.projects | map(attribute='name') | zip(all_projects.projects | map(attribute='type')) }}"

- name: Production Security projects with their phase
  elastic_cloud.cloud.project_info:
    type: security
    tags:
      env: prod
    include_status: true
  register: prod_security

- name: One project by name
  elastic_cloud.cloud.project_info:
    type: elasticsearch
    name: search-prod
  register: search_prod

- name: The projects a project can link its cross-project search to, and its roles
  elastic_cloud.cloud.project_info:
    type: elasticsearch
    name: search-prod
    include_link_candidates: true
    include_roles: true
  register: search_prod_links

- name: Names of the candidates not linked yet, and of the roles
  ansible.builtin.debug:
    msg: "{{ search_prod_links.projects[0].link_candidates | rejectattr('linked') | map(attribute='name') }},
      {{ search_prod_links.projects[0].roles | map(attribute='name') }}"
"""

RETURN = r"""
projects:
  description:
    - The projects found, as the API returns them, oldest first within each type (types in the order
      V(elasticsearch), V(observability), V(security)).
    - An empty list when none matches; a missing O(id) is not a failure.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the project.
      type: str
      sample: 5a3ab0f0c51f4fd8a1c5d2b1e6a3c9f7
    name:
      description: Name of the project.
      type: str
      sample: search-prod
    type:
      description: Type of the project.
      type: str
      sample: elasticsearch
    alias:
      description: Alias of the project, with the suffix the API adds.
      type: str
      sample: search-prod-5a3ab0
    region_id:
      description: Region of the project.
      type: str
      sample: aws-us-east-1
    cloud_id:
      description: Cloud ID for clients of Elasticsearch and Kibana.
      type: str
      sample: search-prod-5a3ab0:dXMtZWFzdC0xLmF3cy5lbGFzdGljLmNsb3VkJA==
    endpoints:
      description: URLs of the project's applications.
      type: dict
      sample:
        elasticsearch: https://search-prod-5a3ab0.es.us-east-1.aws.elastic.cloud
    metadata:
      description: Creation details, suspension details and C(tags).
      type: dict
      sample: {"created_at": "2026-01-01T10:00:00Z", "tags": {"env": "prod"}}
    traffic_filters:
      description: Attached traffic filters, as C(id) entries.
      type: list
      elements: dict
      sample: []
    status:
      description: The project's status.
      type: dict
      returned: when O(include_status=true)
      sample: {"phase": "initialized", "phase_change_timestamp": "2026-01-01T10:03:00Z"}
    linked:
      description: The projects this project is linked to, by ID, each with its C(type) and link C(status).
      type: dict
      returned: when the project has links
      sample: {"projects": {"5a3ab0f0c51f4fd8a1c5d2b1e6a3c9f7": {"type": "elasticsearch", "status": "enabled"}}}
    link_candidates:
      description:
        - The projects this project can be linked to, each with C(id), C(name), C(alias), C(type), C(csp),
          C(region), C(tags) (left out when the project has none) and C(linked) (whether it is linked already).
      type: list
      elements: dict
      returned: when O(include_link_candidates=true)
      sample: [{"id": "5a3ab0f0c51f4fd8a1c5d2b1e6a3c9f7", "name": "search-prod", "alias": "search-prod", "type": "elasticsearch",
                "csp": "aws", "region": "aws-us-east-1", "linked": false}]
    roles:
      description: The project's roles, each with C(name) and C(description).
      type: list
      elements: dict
      returned: when O(include_roles=true)
      sample: [{"name": "admin", "description": "Administrator"}, {"name": "viewer", "description": "Read-only access"}]
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import (
    list_projects,
    read_project,
    read_status,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_links import link_candidates, project_roles
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_TYPES, project_tags


class ProjectInfo(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        type=dict(type="str", choices=list(PROJECT_TYPES)),
        id=dict(type="str"),
        name=dict(type="str"),
        tags=dict(type="dict"),
        include_status=dict(type="bool", default=False),
        include_link_candidates=dict(type="bool", default=False),
        include_roles=dict(type="bool", default=False),
    )
    mutually_exclusive = [["id", "name"]]

    def run(self):
        types = [self.params["type"]] if self.params["type"] else list(PROJECT_TYPES)
        tags = {str(key): str(value) for key, value in (self.params["tags"] or {}).items()}
        if self.params["id"]:
            projects = self._by_id(types)
        else:
            projects = [project for project_type in types for project in list_projects(self.client, project_type, tags)]
        if self.params["name"] is not None:
            projects = [project for project in projects if project.get("name") == self.params["name"]]
        # The list endpoint filters by tags itself; a project read by id is filtered here.
        projects = [project for project in projects if all(project_tags(project).get(k) == v for k, v in tags.items())]
        if self.params["include_status"]:
            for project in projects:
                project["status"] = read_status(self.client, project["type"], project["id"]) or {"phase": None}
        for project in projects if self.params["include_link_candidates"] else ():
            project["link_candidates"] = link_candidates(self.client, project["type"], project["id"])
        for project in projects if self.params["include_roles"] else ():
            project["roles"] = project_roles(self.client, project["type"], project["id"])
        return {"projects": projects}

    def _by_id(self, types):
        for project_type in types:
            project = read_project(self.client, project_type, self.params["id"])[0]
            if project is not None:
                return [project]
        return []


def main():
    ProjectInfo.execute()


if __name__ == "__main__":
    main()
