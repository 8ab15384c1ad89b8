#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: project
short_description: Create, update and delete Elastic Cloud Serverless projects
version_added: 0.1.0
description:
  - Manages an Elastic Cloud Serverless project of type V(elasticsearch), V(observability) or V(security).
  - The project is found by O(id), or without O(id) by its exact O(name) within O(type). When two projects of
    that type share the name, the module fails and names both IDs rather than guess.
  - With O(state=present), a missing project is created; an existing one is updated with a PATCH that carries
    only the fields that differ, guarded by the ETag just read (C(If-Match)). Nothing is sent when nothing differs.
  - Options left unset are not managed. O(tags) and O(traffic_filters), when set, are the complete lists (drift is
    corrected).
  - A create request is never retried blindly. When its response is lost after the API may have committed it
    (connection reset, timeout, HTTP 502 or 504), the module looks the project up by name before any retry and
    adopts it; it then resets the project's credentials, because the ones the lost response carried are gone.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates the project or brings it to the requested settings. A suspended project (its
        C(metadata.suspended_at) is set) is never changed - it is not usable until resumed, and resuming it may
        be billed - so a warning says it is suspended when it matches the options, and the task fails, naming
        the fields, when something would change. It is not waited for.
      - V(resumed) resumes the project when its phase is V(suspended) (C(POST .../_resume)), waits with
        O(wait=true) until it is initialized again, and otherwise behaves as V(present). A project not
        suspended is not resumed (C(changed=false) when nothing else differs); a project still V(suspending)
        is a failure. The project must exist.
      - V(absent) deletes it; nothing happens when it does not exist, or is being deleted already (its status is
        read before the DELETE; a C(409) to the DELETE is success once the status shows the project going).
        Before the DELETE the API is asked whether the project can be deleted (C(_can-delete)); when it cannot
        (other projects link to it, or monitor it) the task fails with the API's reasons, naming those
        projects, and nothing is deleted - in check mode too.
    type: str
    choices: [present, absent, resumed]
    default: present
  type:
    description:
      - The project type. It cannot change after creation.
    type: str
    choices: [elasticsearch, observability, security]
    default: elasticsearch
  id:
    description:
      - ID of the project (32 characters). With O(id), O(name) is the name to set.
      - A project cannot be created with a chosen ID; O(state=present) fails when no project has it.
      - One of O(id) or O(name) is required.
    type: str
  name:
    description:
      - Name of the project. Without O(id), the project is found by this exact name within O(type).
      - Required to create a project.
    type: str
  region_id:
    description:
      - Region of the project, for example V(aws-us-east-1). See M(elastic_cloud.cloud.region_info).
      - Required to create a project. It cannot change afterwards; a different value is a failure.
    type: str
  alias:
    description:
      - Custom domain label of the project endpoints (RFC 1035, at most 50 characters). By default the API
        derives it from the name, and a rename may then change the alias, the endpoints and the cloud ID (the
        result holds the new ones).
      - The API appends C(-<first 6 characters of the id>); compare and set it without that suffix.
    type: str
  tags:
    description:
      - Tags of the project metadata, as key-value pairs. Keys start with a lowercase letter and contain
        only V(a-z), V(0-9), V(_) and V(-) (at most 32 characters); values contain only those characters
        and start with a letter or digit.
      - Tags missing from O(tags) are removed unless O(purge_tags=false). V({}) removes every tag.
    type: dict
  purge_tags:
    description:
      - Whether to remove the tags that are not in O(tags). Ignored when O(tags) is not set.
    type: bool
    default: true
  traffic_filters:
    description:
      - IDs or names of the traffic filters attached to the project; the complete list. V([]) detaches every filter.
      - A name is looked up among the filters of the project's region; a name no filter has, or that several
        filters share, is a failure.
      - When not set on creation, the API attaches the region's filters marked to be included by default.
      - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
      - See M(elastic_cloud.cloud.traffic_filter).
    type: list
    elements: str
  linked_projects:
    description:
      - IDs or exact names of the projects this project's cross-project search is linked to; the complete list
        (compared as a set). V([]) removes every link.
      - Entries not linked yet are looked up among the project's link candidates (C(link-candidates)), or for a
        project being created among the projects of every type; one that is not there, or a name that several
        share, is a failure. See RV(elastic_cloud.cloud.project_info#module:projects[].link_candidates).
      - A link to remove is sent as C(null), since the API keeps a link the update leaves out.
      - A project other projects link to cannot be deleted until they drop the link.
    type: list
    elements: str
  optimized_for:
    description:
      - Hardware profile of an V(elasticsearch) project. It cannot change after creation.
      - The API uses V(general_purpose) when it is not set.
    type: str
    choices: [general_purpose, vector]
  search_lake:
    description:
      - Search AI Lake settings of V(elasticsearch) (O(search_lake.search_power), O(search_lake.boost_window))
        or V(security) (O(search_lake.data_retention)) projects. Only the sub-options set are managed.
    type: dict
    suboptions:
      search_power:
        description:
          - Search power of an V(elasticsearch) project (28 to 3000).
        type: int
      boost_window:
        description:
          - Search boost window of an V(elasticsearch) project, in days (1 to 180).
        type: int
      data_retention:
        description:
          - Data retention of a V(security) project's data streams.
        type: dict
        suboptions:
          default_retention_days:
            description:
              - Days data stays available by default (7 to 3681).
            type: int
          max_retention_days:
            description:
              - Longest retention allowed, in days (7 to 3681).
            type: int
  product_tier:
    description:
      - Product tier of an V(observability) project. The API uses V(complete) when it is not set.
      - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
    type: str
    choices: [complete, logs_essentials]
  product_types:
    description:
      - Product lines and tiers of a V(security) project (one to three entries, compared in any order).
        Updated in place.
      - The API enables all three lines at tier V(complete) when it is not set.
      - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
    type: list
    elements: dict
    suboptions:
      product_line:
        description:
          - The Security product line.
        type: str
        choices: [security, cloud, endpoint]
        required: true
      product_tier:
        description:
          - The tier of that line.
        type: str
        choices: [complete, essentials]
        required: true
  admin_features_package:
    description:
      - Admin features package of a V(security) project (BYOK, BYOIDP, CCS, CCR). Updated in place.
      - The API uses V(standard) when it is not set.
      - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
    type: str
    choices: [standard, enterprise]
  wait:
    description:
      - With O(state=present), wait until the project is in phase V(initialized) (after creating it, and when
        it already exists). The returned RV(project.status) holds the phase.
      - With O(state=absent), wait until the project is gone (a 404, or the terminal phase V(deleted)).
      - The API may answer an update of a project still initializing with HTTP 409 (an update right after a
        create). With O(wait=true), the update is sent again once the project is initialized, within
        O(wait_timeout); with O(wait=false) it is a failure that says so.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait, in seconds. A timeout is a failure that names the last phase seen.
      - After a change, the first status read is 1 second later, then 2 and 4 seconds later, then every 5 seconds
        (the API rate limit is per credential). A project that was not changed is read at once.
    type: int
    default: 900
  credentials_file:
    description:
      - When the project is created, write its credentials (with its ID, alias, endpoints and cloud ID) as JSON to this
        file, with mode C(0600).
      - The API returns credentials only on creation; nothing is written for an existing project
        (use M(elastic_cloud.cloud.credentials_reset) to get new ones). Nothing is written in check mode.
      - After an update (a rename may change them), an existing file of this project gets the project's new
        alias, endpoints and cloud ID, keeping its credentials; a file that cannot be rewritten is a warning.
    type: path
notes:
  - The API cannot change O(region_id), O(optimized_for) or O(type) of an existing project. A different value
    fails with a message naming the field, instead of being ignored.
  - Options that do not apply to O(type) are rejected.
  - Calls of a run that changes nothing, with O(id) - one GET of the project, plus one GET of its status with
    O(wait=true). Without O(id), one list call per page of projects of O(type) replaces the GET.
  - After a create, one more list of O(type) - serverless creates have no idempotency key, so a project of the
    same name made meanwhile by a concurrent run is reported as a failure naming both IDs.
  - A create whose answer is lost (timeout, connection reset, HTTP 502 or 504) is never sent again. The module
    looks the name up over about 15 seconds and adopts the project if it appears; otherwise it fails, saying
    that the create may still complete and that running the task again adopts it.
  - Any failure after the project was created returns C(changed=true), the project (with its ID) and its
    credentials, so nothing is lost.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: An Elasticsearch project, ready to use (credentials from EC_API_KEY)
  elastic_cloud.cloud.project:
    name: search-prod
    region_id: aws-us-east-1
    alias: search-prod
    optimized_for: general_purpose
    search_lake:
      search_power: 200
    tags:
      env: prod
      team: search
    credentials_file: ~/.elastic/search-prod.json
  register: search_prod
  no_log: true  # the return holds the project's password on creation

- name: Its Elasticsearch endpoint
  ansible.builtin.debug:
    msg: "{{ search_prod.project.endpoints.elasticsearch }}"

- name: An Observability project on the Logs Essentials tier
  elastic_cloud.cloud.project:
    type: observability
    name: logs
    region_id: gcp-us-central1
    product_tier: logs_essentials

- name: A Security project with Essentials tiers and one year of retention, without waiting
  elastic_cloud.cloud.project:
    type: security
    name: soc
    region_id: aws-us-east-1
    admin_features_package: enterprise
    product_types:
      - product_line: security
        product_tier: essentials
      - product_line: endpoint
        product_tier: essentials
    search_lake:
      data_retention:
        max_retention_days: 365
        default_retention_days: 365
    wait: false

- name: Rename a project found by ID and add a tag, keeping the others
  elastic_cloud.cloud.project:
    id: "{{ search_prod.project.id }}"
    name: search-production
    tags:
      owner: platform
    purge_tags: false

- name: Link a Security project's cross-project search to an Elasticsearch project (by name or ID)
  elastic_cloud.cloud.project:
    type: security
    name: soc
    linked_projects:
      - search-production

- name: Resume a suspended project and wait until it is ready
  elastic_cloud.cloud.project:
    id: "{{ search_prod.project.id }}"
    state: resumed

- name: Delete a project and wait until it is gone
  elastic_cloud.cloud.project:
    type: observability
    name: logs
    state: absent
"""

RETURN = r"""
project:
  description:
    - The project as the API returns it (without credentials), plus RV(project.status) when it was read.
    - Empty after O(state=absent). In check mode, a project that would be created holds the requested fields.
  returned: always
  type: dict
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
      description: Alias of the project with the suffix the API adds.
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
      description: URLs of the project's applications (V(elasticsearch), V(kibana), and V(apm) or V(ingest) by type).
      type: dict
      sample:
        elasticsearch: https://search-prod-5a3ab0.es.us-east-1.aws.elastic.cloud
        kibana: https://search-prod-5a3ab0.kb.us-east-1.aws.elastic.cloud
    metadata:
      description: Creation details, suspension details and C(tags).
      type: dict
      sample:
        created_at: "2026-01-01T10:00:00Z"
        created_by: "1014289666002276"
        organization_id: "198583657190"
        tags:
          env: prod
    traffic_filters:
      description: Attached traffic filters, as C(id) entries.
      type: list
      elements: dict
      sample: [{"id": "4a1b9a5e9f4e4f3e8b0d1f2e3c4b5a69"}]
    linked:
      description: The projects this project is linked to, by ID, each with its C(type) and link C(status).
      type: dict
      returned: when the project has links
      sample: {"projects": {"5a3ab0f0c51f4fd8a1c5d2b1e6a3c9f7": {"type": "elasticsearch", "status": "enabled"}}}
    optimized_for:
      description: Hardware profile (V(elasticsearch)).
      type: str
      sample: general_purpose
    search_lake:
      description: Search AI Lake settings (V(elasticsearch), V(security)).
      type: dict
      sample: {"search_power": 200, "boost_window": 7}
    product_tier:
      description: Product tier (V(observability)).
      type: str
      sample: complete
    product_types:
      description: Product lines and tiers (V(security)).
      type: list
      elements: dict
      sample: [{"product_line": "security", "product_tier": "complete"}]
    admin_features_package:
      description: Admin features package (V(security)).
      type: str
      sample: standard
    status:
      description: The project's status, read when O(wait=true) (phase V(suspended) for a suspended project).
      type: dict
      returned: when O(wait=true) and the project exists
      contains:
        phase:
          description: Phase of the project, V(initialized) once it is ready.
          type: str
          sample: initialized
        phase_change_timestamp:
          description: When the project entered the phase.
          type: str
          sample: "2026-01-01T10:03:00Z"
credentials:
  description:
    - Username and password of the project's Elasticsearch, returned once, when the project is created.
    - Ansible does not mask them; set C(no_log) on the task. They never appear in the diff, warnings or errors.
  returned: when the project was created (not in check mode)
  type: dict
  contains:
    username:
      description: User name.
      type: str
      sample: admin
    password:
      description: Password.
      type: str
      sample: x8Vq2...
credentials_file:
  description: Absolute path of the file the credentials were written to.
  returned: when O(credentials_file) is set and the credentials were written
  type: str
  sample: /home/user/.elastic/search-prod.json
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import list_projects, read_status, wait_for_phase
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_converger import ProjectConverger
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_OPTIONS, PROJECT_REQUIRED_ONE_OF


class Project(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        PROJECT_OPTIONS,
        state=dict(type="str", default="present", choices=["present", "absent", "resumed"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
    )
    required_one_of = PROJECT_REQUIRED_ONE_OF

    def run(self):
        conflict_wait = self.params["wait_timeout"] if self.params["wait"] else 0
        converger = ProjectConverger(self.client, self.params, self.check_mode, self.module.warn, conflict_wait)
        try:
            changed, result, self.diff = converger.converge()
            if changed:
                self.mark_changed()
            if converger.created is not None:
                twin = converger.twin_error(list_projects(self.client, converger.type))
                if twin:
                    raise twin
            target = converger.wait_target
            if self.params["wait"] and converger.suspended is not None:  # not waited for: it would never be ready
                result["project"]["status"] = read_status(self.client, converger.type, converger.suspended["id"])
            if self.params["wait"] and target:
                status = wait_for_phase(
                    self.client, converger.type, *target, timeout=self.params["wait_timeout"], after_change=changed
                )
                if target.phase is not None:
                    result["project"]["status"] = status
        except (UsageError, ElasticCloudError, OSError) as exc:
            if converger.created is None:
                raise
            self._fail_after_create(converger, exc)
        return result

    def _fail_after_create(self, converger, exc):
        """A later step failed, but the project exists now: say so, with its id and its one-time credentials."""
        self.mark_changed()
        result = {"project": converger.created}
        if converger.credentials_file:  # safe in the file: the failure need not carry the secret
            result["credentials_file"] = converger.credentials_file
            kept = "in %s" % converger.credentials_file
        elif converger.credentials:
            result["credentials"] = converger.credentials
            kept = "in the result"
        else:
            kept = "not known (use elastic_cloud.cloud.credentials_reset)"
        reason = getattr(exc, "message", None) or str(exc)
        failure = {"failure": exc.to_failure()} if isinstance(exc, ElasticCloudError) else {}
        self.module.fail_json(
            msg="The %s project %s was created, then: %s. Its credentials are %s; run the task again to finish."
            % (converger.type, converger.created["id"], reason, kept),
            **self.finish(dict(result, **failure))
        )


def main():
    Project.execute()


if __name__ == "__main__":
    main()
