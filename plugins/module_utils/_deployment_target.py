# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one Elasticsearch resource of one deployment that a module acts on (private): its options and lookup."""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import (
    DeploymentError,
    deployment_path,
    find_deployment,
)

TARGET_OPTIONS = dict(
    deployment_id=dict(type="str"),
    deployment_name=dict(type="str"),
    ref_id=dict(type="str"),
)
TARGET_MUTUALLY_EXCLUSIVE = [["deployment_id", "deployment_name"]]
TARGET_REQUIRED_ONE_OF = [["deployment_id", "deployment_name"]]


class Target:
    """A deployment (as read with its plans) and the ref_id of the Elasticsearch resource acted on."""

    def __init__(self, deployment, ref_id):
        self.deployment = deployment
        self.ref_id = ref_id

    @property
    def deployment_id(self):
        return self.deployment["id"]

    def path(self, suffix):
        """The API path of ``suffix`` under this Elasticsearch resource."""
        return deployment_path(self.deployment_id, api_path("elasticsearch/{}/", self.ref_id) + suffix)

    def describe(self):
        return {"deployment_id": self.deployment_id, "deployment_name": self.deployment.get("name"),
                "ref_id": self.ref_id}  # fmt: skip


def describe_wanted(deployment_id=None, deployment_name=None):
    return "has id %s" % deployment_id if deployment_id else "is named %r" % deployment_name


def find_target_deployment(client, deployment_id=None, deployment_name=None):
    """The deployment by id, or by exact name (two of that name is a failure naming both); a failure if none."""
    found = find_deployment(client, id=deployment_id, name=deployment_name, id_option="deployment_id")
    if found is None:
        raise DeploymentError("No deployment %s" % describe_wanted(deployment_id, deployment_name))
    return found


def elasticsearch_ref_id(deployment, ref_id=None):
    """``ref_id`` checked against the deployment's Elasticsearch resources; without it, the only one there is."""
    known = [resource.get("ref_id") for resource in (deployment.get("resources") or {}).get("elasticsearch") or []]
    name = "%s (%s)" % (deployment.get("name"), deployment.get("id"))
    if ref_id:
        if ref_id not in known:
            raise DeploymentError("Deployment %s has no Elasticsearch resource %r; it has: %s"
                                  % (name, ref_id, ", ".join(known) or "none"))  # fmt: skip
        return ref_id
    if len(known) != 1:
        raise DeploymentError("Deployment %s has %s Elasticsearch resources (%s): set ref_id to choose one"
                              % (name, len(known), ", ".join(known) or "none"))  # fmt: skip
    return known[0]


def find_target(client, params):
    """The Target that a module's deployment_id / deployment_name / ref_id options name."""
    deployment = find_target_deployment(client, params["deployment_id"], params["deployment_name"])
    return Target(deployment, elasticsearch_ref_id(deployment, params["ref_id"]))
