#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: traffic_filter
short_description: Create, update and delete Elastic Cloud Serverless traffic filters
version_added: 0.1.0
description:
  - Manages a traffic filter of Elastic Cloud Serverless, a set of rules that limits the traffic reaching the projects
    it is attached to.
  - A filter is identified by O(name) and O(region), or by O(id). Two filters sharing a name in one region are an
    error, never a guess; use O(id) then.
  - Options left out are not managed. O(rules) is compared as a set, so order and repeats do not matter.
  - Only the fields that differ are sent. O(type) and O(region) cannot change once the filter exists.
  - Attach filters to projects with the C(traffic_filters) option of M(elastic_cloud.cloud.project), or set
    O(include_by_default=true) to attach a filter to new projects of its region.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates the filter or updates it to match; V(absent) deletes it.
      - Deleting a filter still attached to a project fails; detach it from the projects first.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of an existing filter (32 hexadecimal characters).
      - With O(id), O(name) renames the filter.
    type: str
  name:
    description:
      - Name of the filter, unique within its O(region). Required to create a filter.
    type: str
  region:
    description:
      - Region of the filter, for example V(aws-us-east-1); see M(elastic_cloud.cloud.region_info).
      - Required with O(name) and to create a filter.
    type: str
  type:
    description:
      - What the rules match. V(ip) rules name IP addresses or CIDR blocks. V(vpce) rules name AWS VPC endpoint or GCP
        Private Service Connect IDs. V(private_endpoint) rules name Azure Private Endpoints.
      - Required to create a filter.
    type: str
    choices: [ip, vpce, private_endpoint]
  description:
    description:
      - Description of the filter. V("") removes it.
    type: str
  include_by_default:
    description:
      - Whether new projects of the region get this filter automatically.
    type: bool
  rules:
    description:
      - The complete set of rules. V([]) removes every rule.
    type: list
    elements: dict
    suboptions:
      source:
        description:
          - IP address, CIDR block, or VPC endpoint ID. Required for V(ip) and V(vpce) filters.
        type: str
      description:
        description:
          - Description of the rule.
        type: str
      azure_endpoint_name:
        description:
          - Name of the Azure Private Endpoint. Required for V(private_endpoint) filters.
        type: str
      azure_endpoint_guid:
        description:
          - Resource GUID of the Azure Private Endpoint. Required for V(private_endpoint) filters.
        type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Allow the office network
  elastic_cloud.cloud.traffic_filter:
    name: office
    region: aws-us-east-1
    type: ip
    description: Office egress addresses
    rules:
      - source: 192.0.2.0/24
        description: Main office
      - source: 198.51.100.7
  register: office

- name: Show the filter ID
  ansible.builtin.debug:
    msg: "{{ office.traffic_filter.id }}"

- name: Allow an AWS VPC endpoint and attach the filter to every new project of the region
  elastic_cloud.cloud.traffic_filter:
    name: production-vpc
    region: aws-us-east-1
    type: vpce
    include_by_default: true
    rules:
      - source: vpce-00000000000000000

- name: Rename a filter found by ID
  elastic_cloud.cloud.traffic_filter:
    id: "{{ office.traffic_filter.id }}"
    name: head-office

- name: Delete a filter
  elastic_cloud.cloud.traffic_filter:
    name: production-vpc
    region: aws-us-east-1
    state: absent
"""

RETURN = r"""
traffic_filter:
  description:
    - The filter as it is after the task (as it would be, in check mode).
    - Empty after O(state=absent).
  returned: success
  type: dict
  contains:
    id:
      description: Filter ID. Not known yet when a filter would be created in check mode.
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
      description: Type of the filter.
      type: str
      sample: ip
    description:
      description: Description of the filter, V("") when it has none.
      type: str
      sample: Office egress addresses
    include_by_default:
      description: Whether new projects of the region get this filter automatically.
      type: bool
      sample: false
    rules:
      description: The rules, in a stable order. Empty fields are left out.
      type: list
      elements: dict
      sample: [{"source": "192.0.2.0/24", "description": "Main office"}, {"source": "198.51.100.7"}]
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import (
    check_create_options,
    check_fixed_fields,
    check_rule_fields,
    filter_view,
    find_existing,
    rule_set,
    rules_for_api,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._retry import AMBIGUOUS_STATUSES
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import (
    FILTER_TYPES,
    NOUN,
    PLURAL,
    REQUIRED_RULE_FIELDS,
    TRAFFIC_FILTERS_PATH,
    filter_path,
    find_traffic_filter,
)


class TrafficFilter(ElasticCloudModule):
    api_key_only = "the Serverless API"
    allow_empty = ("description",)  # "" clears it
    module_options = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        id=dict(type="str"),
        name=dict(type="str"),
        region=dict(type="str"),
        type=dict(type="str", choices=FILTER_TYPES),
        description=dict(type="str"),
        include_by_default=dict(type="bool"),
        rules=dict(
            type="list",
            elements="dict",
            options=dict(
                source=dict(type="str"),
                description=dict(type="str"),
                azure_endpoint_name=dict(type="str"),
                azure_endpoint_guid=dict(type="str"),
            ),
        ),
    )
    required_one_of = [["id", "name"]]

    def run(self):
        params = self.params
        existing = find_existing(params, self.lookup, NOUN)
        if params["state"] == "absent":
            return {"traffic_filter": self.absent(existing)}
        if existing is None:
            return {"traffic_filter": filter_view(self.create())}
        return {"traffic_filter": filter_view(self.update(existing))}

    def lookup(self):
        params = self.params
        return find_traffic_filter(self.client, params["id"], params["name"], params["region"])

    def create(self):
        params = self.params
        check_create_options(params, NOUN)
        check_rule_fields(REQUIRED_RULE_FIELDS, params["type"], params["rules"], PLURAL)
        body = {"name": params["name"], "region": params["region"], "type": params["type"]}
        for option in ("description", "include_by_default"):
            if params[option] is not None:
                body[option] = params[option]
        if params["rules"] is not None:
            body["rules"] = rules_for_api(params["rules"])
        self.mark_changed()
        created = dict(body, id=None)
        if not self.check_mode:
            response, adopted = create_once(self.client, TRAFFIC_FILTERS_PATH, body, self.created_meanwhile)
            created = response.data
            if adopted:
                self.module.warn("The answer creating traffic filter %r was lost; the filter was found and adopted" % params["name"])
        self.diff = {"before": {}, "after": filter_view(created)}
        return created

    def created_meanwhile(self):
        """The filter a create whose answer was lost made, found by its name in its region, or None."""
        return find_traffic_filter(self.client, name=self.params["name"], region=self.params["region"])

    def update(self, existing):
        check_fixed_fields(self.params, existing, NOUN)
        changes = self.changes(existing)
        result = existing
        if changes:
            self.mark_changed()
            result = dict(existing, **changes)
            if not self.check_mode:
                result = self.patch(existing, changes)
        self.diff = {"before": filter_view(existing), "after": filter_view(result)}
        return result

    def patch(self, existing, changes):
        """PATCH the changes; when the answer is lost, read the filter again and say whether they are in place."""
        try:
            return self.client.patch(filter_path(existing["id"]), body=changes).data
        except ElasticCloudError as exc:
            if exc.status not in AMBIGUOUS_STATUSES:
                raise
            now = find_traffic_filter(self.client, filter_id=existing["id"])
            if now is None or self.changes(now):
                raise exc.reworded(
                    "%s. Read again, traffic filter %s does not have the change%s: run the task again"
                    % (exc.message, existing["id"], "" if now is not None else " (it no longer exists)")
                )
            self.module.warn("The answer to the update of traffic filter %s was lost; read again, the change is in place" % existing["id"])
            return now

    def changes(self, existing):
        """Only the fields that differ, as PatchTrafficFilterRequest takes them."""
        params = self.params
        changes = {}
        if params["name"] and params["name"] != existing.get("name"):
            changes["name"] = params["name"]
        if params["description"] is not None and params["description"] != (existing.get("description") or ""):
            changes["description"] = params["description"]
        if params["include_by_default"] is not None and params["include_by_default"] != bool(
            existing.get("include_by_default")
        ):
            changes["include_by_default"] = params["include_by_default"]
        if params["rules"] is not None:
            check_rule_fields(REQUIRED_RULE_FIELDS, existing.get("type"), params["rules"], PLURAL)
            if rule_set(params["rules"]) != rule_set(existing.get("rules")):
                changes["rules"] = rules_for_api(params["rules"])
        return changes

    def absent(self, existing):
        if existing is None:
            return {}
        self.mark_changed()
        self.diff = {"before": filter_view(existing), "after": {}}
        if not self.check_mode:
            self.client.delete(filter_path(existing["id"]), missing_ok=True)
        return {}


def main():
    TrafficFilter.execute()


if __name__ == "__main__":
    main()
