#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_remote_clusters
short_description: Set the remote clusters of a hosted Elastic Cloud deployment's Elasticsearch
version_added: 0.2.0
description:
  - Sets the certificate-based remote clusters of a deployment's Elasticsearch resource (for cross-cluster
    search and replication) to exactly the list given, found by alias.
  - The API replaces the whole list at once, so remote clusters not in O(remote_clusters) are removed.
  - Works on Elastic Cloud Hosted and on Elastic Cloud Enterprise.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  remote_clusters:
    description:
      - The remote clusters, each found by its O(remote_clusters[].alias). Their order does not matter.
    type: list
    elements: dict
    default: []
    suboptions:
      alias:
        description:
          - Name of the remote cluster in this Elasticsearch (letters, digits, dashes and underscores). Unique in
            the list.
        type: str
        required: true
      deployment_id:
        description:
          - ID of the remote deployment. One of O(remote_clusters[].deployment_id) or
            O(remote_clusters[].deployment_name) is required.
        type: str
      deployment_name:
        description:
          - Exact name of the remote deployment; two deployments of this name is a failure naming both.
        type: str
      ref_id:
        description:
          - Reference of the remote deployment's Elasticsearch resource; if not set, its only one.
        type: str
      skip_unavailable:
        description:
          - Skip this remote cluster in searches while it cannot be reached.
        type: bool
        default: false
  state:
    description:
      - V(present) makes the remote clusters exactly O(remote_clusters); V(absent) removes every remote cluster.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.deployment_target
  - elastic_cloud.cloud.attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode the deployments are read and the change is reported; nothing is sent.
  diff_mode:
    support: full
"""

EXAMPLES = r"""
- name: Two deployments
  elastic_cloud.cloud.deployment:
    name: "{{ item }}"
    region: aws-us-east-1
    deployment_template_id: aws-storage-optimized
    version: 8.19.3
  loop: [search, logging]
  no_log: true

- name: Search the logging deployment from the search deployment
  elastic_cloud.cloud.deployment_remote_clusters:
    deployment_name: search
    remote_clusters:
      - alias: logging
        deployment_name: logging
        skip_unavailable: true

- name: No remote clusters any more
  elastic_cloud.cloud.deployment_remote_clusters:
    deployment_name: search
    state: absent
"""

RETURN = r"""
remote_clusters:
  description: The remote clusters of the Elasticsearch resource after the run (as they would be, in check mode).
  returned: success
  type: dict
  contains:
    deployment_id:
      description: ID of the deployment.
      type: str
      sample: 5e6f3b2d5f8e0a1c4d7e9f601a2b3c4d
    deployment_name:
      description: Name of the deployment.
      type: str
      sample: search
    ref_id:
      description: Reference of the Elasticsearch resource.
      type: str
      sample: main-elasticsearch
    clusters:
      description: The remote clusters, sorted by alias.
      type: list
      elements: dict
      contains:
        alias:
          description: Name of the remote cluster.
          type: str
          sample: logging
        deployment_id:
          description: ID of the remote deployment.
          type: str
          sample: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
        elasticsearch_ref_id:
          description: Reference of the remote deployment's Elasticsearch resource.
          type: str
          sample: main-elasticsearch
        skip_unavailable:
          description: Whether searches skip the remote cluster while it cannot be reached.
          type: bool
          sample: true
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_elasticsearch as es_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_target import (
    TARGET_MUTUALLY_EXCLUSIVE,
    TARGET_OPTIONS,
    TARGET_REQUIRED_ONE_OF,
    elasticsearch_ref_id,
    find_target,
    find_target_deployment,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

REMOTE_OPTIONS = dict(
    alias=dict(type="str", required=True),
    deployment_id=dict(type="str"),
    deployment_name=dict(type="str"),
    ref_id=dict(type="str"),
    skip_unavailable=dict(type="bool", default=False),
)


def by_alias(remotes):
    return sorted(remotes, key=lambda remote: remote["alias"])


def check_aliases(remotes):
    aliases = [remote["alias"] for remote in remotes]
    duplicated = sorted({alias for alias in aliases if aliases.count(alias) > 1})
    if duplicated:
        raise UsageError("remote_clusters: each alias may appear once; repeated: %s" % ", ".join(duplicated))


class DeploymentRemoteClusters(ElasticCloudModule):
    module_options = dict(
        TARGET_OPTIONS,
        remote_clusters=dict(type="list", elements="dict", default=[], options=REMOTE_OPTIONS,
                             mutually_exclusive=[["deployment_id", "deployment_name"]],
                             required_one_of=[["deployment_id", "deployment_name"]]),  # fmt: skip
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    mutually_exclusive = TARGET_MUTUALLY_EXCLUSIVE
    required_one_of = TARGET_REQUIRED_ONE_OF

    def run(self):
        wanted_options = self.params["remote_clusters"] if self.params["state"] == "present" else []
        check_aliases(wanted_options)
        target = find_target(self.client, self.params)
        current = by_alias(es_api.remote_clusters(self.client, target))
        wanted = by_alias(self.resolve(remote) for remote in wanted_options)
        if wanted != current:
            self.mark_changed()
            self.diff["before"] = {"remote_clusters": current}
            self.diff["after"] = {"remote_clusters": wanted}
            if not self.check_mode:
                es_api.put_remote_clusters(self.client, target, wanted)
        return {"remote_clusters": dict(target.describe(), clusters=wanted)}

    def resolve(self, remote):
        """The remote cluster as the API takes it: its deployment found by id or name, its ref_id checked."""
        deployment = find_target_deployment(self.client, remote["deployment_id"], remote["deployment_name"])
        return es_api.remote_entry({
            "deployment_id": deployment["id"],
            "elasticsearch_ref_id": elasticsearch_ref_id(deployment, remote["ref_id"]),
            "alias": remote["alias"],
            "skip_unavailable": remote["skip_unavailable"],
        })  # fmt: skip


def main():
    DeploymentRemoteClusters.execute()


if __name__ == "__main__":
    main()
