#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_traffic_filter
short_description: Create, update and delete traffic filters of Elastic Cloud deployments
version_added: 0.2.0
description:
  - Manages a deployment traffic filter (the API calls it a ruleset), a set of rules that limits the traffic reaching
    the hosted deployments it is attached to. Serverless projects have their own filters; see
    M(elastic_cloud.cloud.traffic_filter).
  - A filter is identified by O(name) and O(region), or by O(id). The API lets two filters share a name; two in one
    region are an error, never a guess; use O(id) then.
  - Options left out keep their current value. O(rules) is compared as a set, so order and repeats do not matter.
  - O(type) and O(region) cannot change once the filter exists.
  - Attach filters to deployments with the C(traffic_filters) option of M(elastic_cloud.cloud.deployment), or set
    O(include_by_default=true) to attach a filter to new deployments of its region.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates the filter or updates it to match; V(absent) deletes it.
      - Deleting a filter first detaches it from every deployment it is attached to (the API refuses to delete a
        filter still attached), as the diff shows.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of an existing filter. With O(id), O(name) renames the filter.
    type: str
  name:
    description:
      - Name of the filter. Required to create a filter.
    type: str
  region:
    description:
      - Region of the filter, for example V(aws-us-east-1) (on ECE, V(ece-region)). Only deployments of this region
        can use it.
      - Required with O(name) and to create a filter.
    type: str
  type:
    description:
      - What the rules match. V(ip) rules name IP addresses or CIDR blocks; V(vpce) rules AWS VPC endpoint IDs;
        V(gcp_private_service_connect_endpoint) rules GCP Private Service Connect endpoint IDs;
        V(azure_private_endpoint) rules Azure Private Endpoints; V(remote_cluster) rules the deployments allowed to
        connect as remote clusters.
      - Required to create a filter.
    type: str
    choices: [ip, vpce, azure_private_endpoint, gcp_private_service_connect_endpoint, remote_cluster]
  description:
    description:
      - Description of the filter. V("") removes it.
    type: str
  include_by_default:
    description:
      - Whether new deployments of the region get this filter automatically. V(false) when a filter is created
        without it.
    type: bool
  rules:
    description:
      - The complete set of rules. V([]) removes every rule.
    type: list
    elements: dict
    suboptions:
      source:
        description:
          - IP address, CIDR block, or endpoint ID. Required for V(ip), V(vpce) and
            V(gcp_private_service_connect_endpoint) filters.
        type: str
      description:
        description:
          - Description of the rule.
        type: str
      azure_endpoint_name:
        description:
          - Name of the Azure Private Endpoint. Required for V(azure_private_endpoint) filters.
        type: str
      azure_endpoint_guid:
        description:
          - Resource GUID of the Azure Private Endpoint. Required for V(azure_private_endpoint) filters.
        type: str
      remote_cluster_id:
        description:
          - ID of the Elasticsearch cluster allowed to connect. Required for V(remote_cluster) filters.
        type: str
      remote_cluster_org_id:
        description:
          - Organization of that cluster. Required for V(remote_cluster) filters.
        type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Allow the office network
  elastic_cloud.cloud.deployment_traffic_filter:
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
    msg: "{{ office.deployment_traffic_filter.id }}"

- name: Allow an AWS VPC endpoint and attach the filter to every new deployment of the region
  elastic_cloud.cloud.deployment_traffic_filter:
    name: production-vpc
    region: aws-us-east-1
    type: vpce
    include_by_default: true
    rules:
      - source: vpce-00000000000000000

- name: Rename a filter found by ID (deployments naming it by ID keep it)
  elastic_cloud.cloud.deployment_traffic_filter:
    id: "{{ office.deployment_traffic_filter.id }}"
    name: head-office

- name: Delete a filter, detaching it from its deployments
  elastic_cloud.cloud.deployment_traffic_filter:
    name: production-vpc
    region: aws-us-east-1
    state: absent
"""

RETURN = r"""
deployment_traffic_filter:
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
      description: Whether new deployments of the region get this filter automatically.
      type: bool
      sample: false
    rules:
      description: The rules, in a stable order, without the IDs the API gives them. Empty fields are left out.
      type: list
      elements: dict
      sample: [{"source": "192.0.2.0/24", "description": "Main office"}, {"source": "198.51.100.7"}]
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_associations import detach
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_traffic_filters import (
    NOUN,
    PLURAL,
    REQUIRED_RULE_FIELDS,
    RULE_FIELDS,
    RULESET_TYPES,
    RULESETS_PATH,
    find_ruleset,
    get_ruleset,
    ruleset_path,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._filter_rules import (
    check_create_options,
    check_fixed_fields,
    check_rule_fields,
    filter_view,
    find_existing,
    rule_set,
    rules_for_api,
)

# The fields of TrafficFilterRulesetRequest; a PUT sends them all (the spec has no PATCH for rulesets).
REQUEST_FIELDS = ("name", "region", "type", "description", "include_by_default", "rules")


def request_body(record):
    """A TrafficFilterRulesetRequest from a filter's managed fields (rules without the API's rule IDs)."""
    body = dict((field, record[field]) for field in REQUEST_FIELDS if record.get(field) is not None)
    body["include_by_default"] = bool(record.get("include_by_default"))
    body["rules"] = rules_for_api(record.get("rules"), RULE_FIELDS)
    return body


class DeploymentTrafficFilter(ElasticCloudModule):
    allow_empty = ("description",)  # "" clears it
    module_options = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        id=dict(type="str"),
        name=dict(type="str"),
        region=dict(type="str"),
        type=dict(type="str", choices=RULESET_TYPES),
        description=dict(type="str"),
        include_by_default=dict(type="bool"),
        rules=dict(type="list", elements="dict", options=dict((field, dict(type="str")) for field in RULE_FIELDS)),
    )
    required_one_of = [["id", "name"]]

    def run(self):
        params = self.params
        existing = find_existing(params, self.lookup, NOUN)
        if params["state"] == "absent":
            return {"deployment_traffic_filter": self.absent(existing)}
        if existing is None:
            return {"deployment_traffic_filter": filter_view(self.create(), RULE_FIELDS)}
        return {"deployment_traffic_filter": filter_view(self.update(existing), RULE_FIELDS)}

    def lookup(self):
        params = self.params
        return find_ruleset(self.client, params["id"], params["name"], params["region"], include_associations=True)

    def create(self):
        params = self.params
        check_create_options(params, NOUN)
        check_rule_fields(REQUIRED_RULE_FIELDS, params["type"], params["rules"], PLURAL)
        body = request_body(dict((field, params[field]) for field in REQUEST_FIELDS))
        self.mark_changed()
        created = dict(body, id=None)
        if not self.check_mode:
            # No create_once: the API allows twins, so a create whose answer was lost cannot be told from one made
            # by someone else; the client does not resend a POST whose answer is lost.
            ruleset_id = self.client.post(RULESETS_PATH, body=body).data["id"]
            created = get_ruleset(self.client, ruleset_id) or dict(body, id=ruleset_id)
        self.diff = {"before": {}, "after": filter_view(created, RULE_FIELDS)}
        return created

    def update(self, existing):
        check_fixed_fields(self.params, existing, NOUN)
        wanted = self.wanted(existing)
        result = existing
        if filter_view(wanted, RULE_FIELDS) != filter_view(existing, RULE_FIELDS):
            self.mark_changed()
            result = wanted
            if not self.check_mode:
                self.client.put(ruleset_path(existing["id"]), body=request_body(wanted))
                result = get_ruleset(self.client, existing["id"]) or wanted
        self.diff = {"before": filter_view(existing, RULE_FIELDS), "after": filter_view(result, RULE_FIELDS)}
        return result

    def wanted(self, existing):
        """The filter with the options set applied; rules only replaced when they differ as a set."""
        params = self.params
        wanted = dict(existing)
        if params["name"]:
            wanted["name"] = params["name"]
        for option in ("description", "include_by_default"):
            if params[option] is not None:
                wanted[option] = params[option]
        if params["rules"] is not None:
            check_rule_fields(REQUIRED_RULE_FIELDS, existing.get("type"), params["rules"], PLURAL)
            if rule_set(params["rules"], RULE_FIELDS) != rule_set(existing.get("rules"), RULE_FIELDS):
                wanted["rules"] = rules_for_api(params["rules"], RULE_FIELDS)
        return wanted

    def absent(self, existing):
        if existing is None:
            return {}
        self.mark_changed()
        users = [item["id"] for item in existing.get("associations") or [] if item.get("entity_type") == "deployment"]
        self.diff = {"before": dict(filter_view(existing, RULE_FIELDS), deployments=users), "after": {}}
        if not self.check_mode:
            # The API refuses to delete a ruleset still attached (ecctl's --ignore-associations); detaching each
            # one first, as terraform-provider-ec does, leaves no deployment pointing at a ruleset that is gone.
            for deployment_id in users:
                detach(self.client, existing["id"], deployment_id)
            self.client.delete(ruleset_path(existing["id"]), missing_ok=True)
        return {}


def main():
    DeploymentTrafficFilter.execute()


if __name__ == "__main__":
    main()
