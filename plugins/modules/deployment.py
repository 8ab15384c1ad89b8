#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment
short_description: Create, resize, shut down, restore and delete hosted Elastic Cloud deployments
version_added: 0.2.0
description:
  - Manages a hosted deployment (Elastic Cloud Hosted, or Elastic Cloud Enterprise), found by O(id), else by its
    exact O(name).
  - A new deployment is made from the deployment template O(deployment_template_id) of O(region) (its
    Elasticsearch, Kibana and Integrations Server, and Enterprise Search only when O(enterprise_search) is set),
    overlaid with the options set. An existing one is changed from its current plan; only the options set are
    compared and changed, every resource is sent back, and the sizes of tiers left out stay as they are.
  - A resource is removed only when asked, with O(kibana.state=absent) (and likewise for O(integrations_server) and
    O(enterprise_search)); setting one the deployment lacks adds it from its template.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates the deployment or changes it to match the options set; a shut-down deployment is
        restored first.
      - V(shutdown) shuts every resource down and keeps the deployment, which V(present) restores.
      - V(absent) shuts the deployment down, waits until it is stopped (within O(wait_timeout), whatever O(wait)
        says), then deletes it. Where the API refuses deletes to the user (Elastic Cloud may), a warning says so and
        the deployment stays shut down.
    type: str
    choices: [present, absent, shutdown]
    default: present
  id:
    description:
      - ID of the deployment. Without it, the deployment is found by its exact O(name); two deployments with that
        name is a failure naming both IDs.
    type: str
  name:
    description:
      - Name of the deployment. Required to create one. With O(id), a different name renames it.
    type: str
  region:
    description:
      - Region of a new deployment, for example V(aws-us-east-1) (Elastic Cloud) or V(ece-region) (Elastic Cloud
        Enterprise). Required to create one; a deployment cannot change region.
    type: str
  deployment_template_id:
    description:
      - ID of the deployment template a new deployment is made from, for example V(aws-storage-optimized).
        Required to create one.
      - On an existing deployment, another template moves it there with the update the API's C(migrate_template)
        gives (the instance configurations of the new template), overlaid with the options set.
    type: str
  version:
    description:
      - Stack version of the deployment, for example V(8.19.3). Required to create one.
      - On an existing deployment, a different version upgrades every resource in one plan (a major upgrade with
        the rolling strategy grouped by C(__all__), which the API requires). A downgrade, or a version the running
        one cannot be upgraded to, fails before any change, naming the versions allowed.
      - Once Elasticsearch runs the version, a resource such as Kibana or Integrations Server still on another one
        is upgraded with the API's C(_upgrade), with a warning that says so (with O(wait) only).
    type: str
  alias:
    description:
      - Alias of the deployment, the first part of its endpoints' host names.
    type: str
  tags:
    description:
      - Tags of the deployment, as a dictionary of strings; they replace all its tags.
    type: dict
  elasticsearch:
    description:
      - Topology of the Elasticsearch resource, by tier. Only the tiers and fields set are compared and changed.
    type: dict
    suboptions:
      user_settings_yaml:
        description:
          - Settings of C(elasticsearch.yml) the user adds, as YAML text. Compared by what they say, not how they
            are written (key order, quoting, comments).
        type: str
      strategy:
        description:
          - How the platform applies the plan this task starts (the plan's C(transient.strategy)), as
            terraform-provider-ec's C(strategy); V(rolling_all) is the rolling strategy grouped by C(__all__).
          - Used by the change this task makes only; never compared, so it never makes a change by itself.
          - A major version upgrade needs V(rolling_all) (the API requires it); another strategy then fails before
            any change.
        type: str
        choices: [autodetect, grow_and_shrink, rolling_all, rolling_grow_and_shrink]
      extensions:
        description:
          - The custom bundles and plugins of Elasticsearch (the plan's C(user_bundles) and C(user_plugins)), all of
            them, so an extension left out is removed. Compared as a set by name; only when set.
        type: list
        elements: dict
        suboptions:
          name:
            description: Name of the extension.
            type: str
            required: true
          type:
            description: V(bundle) (such as synonyms or scripts) or V(plugin).
            type: str
            required: true
            choices: [bundle, plugin]
          version:
            description: Elasticsearch version the extension supports, such as V(8.*) or V(8.19.3).
            type: str
            required: true
          url:
            description: URL the platform downloads the extension from.
            type: str
            required: true
      autoscale:
        description:
          - Whether the platform sizes the tiers between their O(elasticsearch.hot_content.autoscaling) bounds.
          - The size of the tiers of an autoscaled deployment is the autoscaler's; O(elasticsearch.hot_content.size)
            (and the other tiers' size) is then only used to create the deployment, and never compared.
        type: bool
      hot_content: &tier
        description:
          - A tier (topology element) of Elasticsearch, by the API's ID. The template lists which tiers exist.
        type: dict
        suboptions:
          size:
            description:
              - Memory per zone, such as V(8g) or V(512m); V(0) turns the tier off. The template's instance
                configuration lists the sizes allowed.
            type: str
          zone_count:
            description: Number of availability zones.
            type: int
          instance_configuration_id:
            description: Instance configuration of the tier, one of the template's.
            type: str
          autoscaling:
            description: Bounds of the tier's size when O(elasticsearch.autoscale) is on.
            type: dict
            suboptions:
              min_size:
                description: Smallest size per zone, such as V(4g).
                type: str
              max_size:
                description: Largest size per zone, such as V(64g).
                type: str
      warm: *tier
      cold: *tier
      frozen: *tier
      ml: *tier
      master: *tier
      coordinating: *tier
  kibana:
    description:
      - Size and settings of the Kibana resource the template gives a deployment.
    type: dict
    suboptions: &stateless
      size:
        description: Memory per zone, such as V(1g).
        type: str
      zone_count:
        description: Number of availability zones.
        type: int
      user_settings_yaml:
        description:
          - Settings the user adds to the resource's configuration file, as YAML text. Compared by what they say.
        type: str
      state:
        description:
          - V(present) adds the resource, from the deployment's template, when the deployment lacks it.
          - V(absent) removes it; the update is sent with C(prune_orphans), and only then. The other options of
            the resource are ignored.
        type: str
        choices: [present, absent]
        default: present
  integrations_server:
    description:
      - Size and settings of the Integrations Server resource (APM and Fleet) the template gives a deployment.
    type: dict
    suboptions: *stateless
  traffic_filters:
    description:
      - Deployment traffic filters (rulesets) to attach, each by ID or by name; see
        M(elastic_cloud.cloud.deployment_traffic_filter). They must be of the deployment's region.
      - Names are looked up at every run, so renaming a filter does not detach it.
      - A new deployment is created with them. On an existing deployment they are attached (and detached) one by
        one, without a plan.
      - Left out, the filters of the deployment are not managed.
    type: list
    elements: str
  traffic_filters_mode:
    description:
      - V(additive) attaches the filters of O(traffic_filters) and detaches none, so a filter attached by another
        task or in the console stays.
      - V(exclusive) also detaches every filter not in O(traffic_filters), including those the region attaches by
        default to new deployments; V([]) then detaches them all.
    type: str
    choices: [additive, exclusive]
    default: additive
  enterprise_search:
    description:
      - Size and settings of an Enterprise Search resource. A new deployment gets one only when this is set.
      - Enterprise Search does not exist from stack version 9.0 on; asking for it there (or upgrading a deployment
        that keeps one to 9.x) fails before any change.
    type: dict
    suboptions: *stateless
  observability:
    description:
      - Where the deployment sends its logs and metrics (the deployment's C(settings.observability)), as
        terraform-provider-ec's C(observability). Compared only when set.
      - O(observability.logs=false) with O(observability.metrics=false) removes it.
    type: dict
    suboptions:
      deployment_id:
        description:
          - V(self), or the ID of the deployment that receives them. Required unless both O(observability.logs)
            and O(observability.metrics) are false.
        type: str
      ref_id:
        description:
          - Elasticsearch resource of that deployment; the API finds it when the deployment has only one.
        type: str
      logs:
        description: Whether to send the logs.
        type: bool
        default: true
      metrics:
        description: Whether to send the metrics.
        type: bool
        default: true
  reset_elasticsearch_password:
    description:
      - Give the C(elastic) user of an existing deployment a new password, returned in RV(credentials). The task
        then always reports a change. Ignored when this run creates the deployment (its password is returned
        anyway), and with O(state=absent) or O(state=shutdown).
    type: bool
    default: false
  credentials_dir:
    description:
      - Write the credentials of the C(elastic) user, when this run creates the deployment or resets its password, to
        C(deployment-<name>.json) in this directory (mode C(0600), with the deployment's ID, name, endpoints and
        cloud ID), as soon as the API returns them, and leave the password out of RV(credentials), which then holds
        only the file's path. The result then holds no secret, so the task needs no C(no_log) and its errors stay
        readable.
      - The directory is created (mode C(0700)) when missing, and checked before any call, so a password the API
        returns only once is never lost. Check mode writes nothing. Ignored with O(state=absent) or
        O(state=shutdown).
      - If the file cannot be written after all, the task fails, naming the deployment but never the password; give
        it a new one with O(reset_elasticsearch_password).
    type: path
  wait:
    description:
      - Wait until no plan of the deployment is pending, then fail if a plan this task started failed.
      - A run that changes nothing still waits for plans already pending (a re-run after O(wait_timeout) resumes
        waiting instead of changing anything).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait at most. Past it, the task fails naming the pending plans and their last log
        line; the plans keep running on the server.
    type: int
    default: 1800
notes:
  - Every create sends a C(request_id) derived from O(name), O(region) and O(deployment_template_id), so a create
    sent again (its answer lost, or the task run again) never makes a second deployment. If the create succeeded but
    its plan failed, the failure returns the deployment's ID; running the task again adopts and repairs it.
  - The password of the C(elastic) user is returned once, by the run that creates the deployment. Run the task with
    C(no_log), or set O(credentials_dir).
  - Check mode asks the API to validate the create or update (C(validate_only)) and reports its verdict; nothing is
    changed.
  - The search that finds a deployment by name may leave out deployments that are shut down (Elastic Cloud hides
    them); use O(id) to restore or delete one.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: A deployment with a larger hot tier (the elastic password is returned only now)
  elastic_cloud.cloud.deployment:
    name: logging
    region: aws-us-east-1
    deployment_template_id: aws-storage-optimized
    version: 8.19.3
    tags:
      team: observability
    elasticsearch:
      hot_content:
        size: 8g
        zone_count: 2
    kibana:
      size: 1g
  register: logging
  no_log: true

- name: Give its elastic user a new password, written to a private file rather than returned (no no_log needed)
  elastic_cloud.cloud.deployment:
    name: logging
    reset_elasticsearch_password: true
    credentials_dir: ~/.elastic
  register: rotated

- name: Where the password is
  ansible.builtin.debug:
    msg: "{{ rotated.credentials.file }}"

- name: Add a warm tier (other tiers and resources stay as they are)
  elastic_cloud.cloud.deployment:
    name: logging
    elasticsearch:
      warm:
        size: 4g

- name: Send its logs and metrics to itself, add a synonyms bundle, and roll the change out node by node
  elastic_cloud.cloud.deployment:
    name: logging
    observability:
      deployment_id: self
    elasticsearch:
      strategy: rolling_grow_and_shrink
      extensions:
        - name: synonyms
          type: bundle
          version: "8.*"
          url: https://example.com/synonyms.zip

- name: Add Enterprise Search (8.x only) and remove Integrations Server
  elastic_cloud.cloud.deployment:
    name: logging
    enterprise_search:
      size: 2g
    integrations_server:
      state: absent
  register: reshaped

- name: How its plan went
  ansible.builtin.debug:
    msg: "{{ reshaped.plan.outcome }}: {{ reshaped.plan.resources | map(attribute='kind') | join(', ') }}"

- name: Shut it down, keeping it restorable
  elastic_cloud.cloud.deployment:
    id: "{{ logging.deployment.id }}"
    state: shutdown

- name: Restore it
  elastic_cloud.cloud.deployment:
    id: "{{ logging.deployment.id }}"

- name: Delete it
  elastic_cloud.cloud.deployment:
    id: "{{ logging.deployment.id }}"
    state: absent
"""

RETURN = r"""
deployment:
  description:
    - The deployment, as read after the change (and after waiting, with O(wait)).
    - In check mode, when the deployment would be created, only what the API's validation returned.
  returned: when O(state) is V(present) or V(shutdown), or V(absent) found one
  type: dict
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
      description: Whether the API reports every resource healthy (a failed plan makes it false).
      type: bool
      sample: true
    status:
      description: Status of the Elasticsearch resource, such as V(started), V(reconfiguring) or V(stopped).
      type: str
      sample: started
    version:
      description: Stack version Elasticsearch runs.
      type: str
      sample: 8.19.0
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
          sample: elasticsearch
        ref_id:
          description: Reference of the resource within the deployment.
          type: str
          sample: main-elasticsearch
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
          sample: 8.19.0
    endpoints:
      description: HTTPS endpoints by service (V(elasticsearch), V(kibana), V(apm), V(fleet)).
      type: dict
      sample: {"elasticsearch": "https://5e6f3b2d.es.us-east-1.aws.found.io"}
    cloud_id:
      description: Cloud ID of the deployment, for Elastic clients and Beats.
      type: str
      sample: "logging:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyQ1ZTZm"
credentials:
  description:
    - Credentials of the C(elastic) user, only from the run that created the deployment (the API never returns
      them again), or that reset its password with O(reset_elasticsearch_password). Ansible does not hide them from
      the output, so run the task with C(no_log), or set O(credentials_dir).
    - With O(credentials_dir), only RV(credentials.file), the path of the file that holds them.
  returned: when this run created the deployment or reset its password
  type: dict
  contains:
    username:
      description: The user name, C(elastic).
      type: str
      returned: without O(credentials_dir)
      sample: elastic
    password:
      description: The password.
      type: str
      returned: without O(credentials_dir)
      sample: 8pP2Zr0cRGdA5ZbQyqvUfy3k
    file:
      description: Absolute path of the file the credentials were written to.
      type: str
      returned: with O(credentials_dir)
      sample: /home/ops/.elastic-cloud/deployment-logging.json
plan:
  description:
    - The outcome of the plans this task started (also in the result of a task that failed on a plan or timed out).
  returned: when O(state) is V(present) or V(shutdown)
  type: dict
  contains:
    outcome:
      description:
        - V(success), V(failed), V(pending) (not waited for, or still running at O(wait_timeout)), or V(none) (no
          plan started, such as in check mode or when nothing changed).
      type: str
      sample: success
    resources:
      description: Each resource whose plan this task started.
      type: list
      elements: dict
      contains:
        kind:
          description: Kind of the resource, such as V(elasticsearch).
          type: str
          sample: elasticsearch
        ref_id:
          description: Reference of the resource within the deployment.
          type: str
          sample: main-elasticsearch
        status:
          description: Status of the plan attempt, V(success), V(error) or V(pending).
          type: str
          sample: error
        message:
          description: The error of a failed attempt, else the last line of its log (None without one).
          type: str
          sample: "Instance configuration [aws.es.datahot.i3] does not allow size [3072]"
removed:
  description: Whether the deployment was deleted (false when the API refused the delete).
  returned: when O(state=absent) found the deployment
  type: bool
  sample: true
"""

import os
import time

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_api as api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_associations as associations
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_options import (
    EXTENSION_LISTS,
    STRATEGIES,
    check_enterprise_search,
    check_strategy,
    has_kind,
    is_live,
    resource_changes,
    resource_states,
    template_payload,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_plan import (
    NO_PLAN,
    latest_attempts,
    plan_outcome,
    wait_for_plans,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_payload import (
    changes,
    check_region,
    create_body,
    template_change,
    template_of,
    update_body,
    wanted,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_versions import (
    check_upgrade,
    lagging,
    set_versions,
    upgrade_stateless,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import (
    ensure_private_dir,
    private_file_name,
    write_private_json,
)

BOUNDS = dict(type="dict", options=dict(min_size=dict(type="str"), max_size=dict(type="str")))
TIER = dict(type="dict", options=dict(size=dict(type="str"), zone_count=dict(type="int"),
                                      instance_configuration_id=dict(type="str"), autoscaling=BOUNDS))  # fmt: skip
TIER_NAMES = ("hot_content", "warm", "cold", "frozen", "ml", "master", "coordinating")
STATELESS = dict(type="dict", options=dict(size=dict(type="str"), zone_count=dict(type="int"),
                                           user_settings_yaml=dict(type="str"),
                                           state=dict(type="str", choices=["present", "absent"], default="present")))  # fmt: skip
EXTENSION = dict(type="list", elements="dict", options=dict(
    name=dict(type="str", required=True), type=dict(type="str", required=True, choices=sorted(EXTENSION_LISTS)),
    version=dict(type="str", required=True), url=dict(type="str", required=True)))  # fmt: skip
OBSERVABILITY = dict(type="dict", options=dict(deployment_id=dict(type="str"), ref_id=dict(type="str"),
                                               logs=dict(type="bool", default=True),
                                               metrics=dict(type="bool", default=True)))  # fmt: skip
CREATE_NEEDS = ("name", "region", "deployment_template_id", "version")


def credentials_record(credentials, deployment, name):
    """What a credentials file holds: the elastic user's credentials and how to reach the deployment."""
    return dict(credentials, id=deployment.get("id"), name=name, endpoints=deployment.get("endpoints") or {},
                cloud_id=deployment.get("cloud_id"))  # fmt: skip


class Deployment(ElasticCloudModule):
    module_options = dict(
        state=dict(type="str", choices=["present", "absent", "shutdown"], default="present"),
        id=dict(type="str"),
        name=dict(type="str"),
        region=dict(type="str"),
        deployment_template_id=dict(type="str"),
        version=dict(type="str"),
        alias=dict(type="str"),
        tags=dict(type="dict"),
        elasticsearch=dict(type="dict", options=dict({tier: dict(TIER) for tier in TIER_NAMES},
                                                     autoscale=dict(type="bool"), user_settings_yaml=dict(type="str"),
                                                     strategy=dict(type="str", choices=sorted(STRATEGIES)),
                                                     extensions=EXTENSION)),  # fmt: skip
        kibana=dict(STATELESS),
        integrations_server=dict(STATELESS),
        enterprise_search=dict(STATELESS),
        observability=OBSERVABILITY,
        reset_elasticsearch_password=dict(type="bool", default=False, no_log=False),
        credentials_dir=dict(type="path"),
        traffic_filters=dict(type="list", elements="str"),
        traffic_filters_mode=dict(type="str", choices=associations.MODES, default="additive"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1800),
    )
    required_one_of = [["id", "name"]]
    sleep = staticmethod(time.sleep)  # tests replace it

    def run(self):
        if self.params["wait_timeout"] <= 0:
            raise UsageError("wait_timeout must be a positive number of seconds; got %s" % self.params["wait_timeout"])
        self.want = wanted(self.params)  # checks the sizes before any call
        self.states = resource_states(self.params)
        self.strategy = (self.params["elasticsearch"] or {}).get("strategy")
        self.credentials_dir = self.private_dir()
        found = api.find_deployment(self.client, self.params["id"], self.params["name"])
        if found is None and self.params["id"]:
            if self.params["state"] == "absent":
                return {}
            raise UsageError("No deployment has id %s" % self.params["id"])
        state = self.params["state"]
        if state == "absent":
            return self.absent(found)
        if state == "shutdown":
            return self.shutdown(found)
        return self.present(found)

    # -- credentials ------------------------------------------------------------------------
    def private_dir(self):
        """Where a new password goes, checked before any call: the API returns it once."""
        if not self.params["credentials_dir"] or self.params["state"] != "present":
            return None
        directory = ensure_private_dir(self.params["credentials_dir"], "credentials_dir", self.check_mode)
        if self.params["name"]:
            private_file_name("deployment", self.params["name"])
        return directory

    def credentials_file(self, deployment):
        """``(name, path)`` of the deployment's credentials file in credentials_dir."""
        name = self.params["name"] or deployment.get("name")
        return name, os.path.join(self.credentials_dir, private_file_name("deployment", name))

    def kept(self, credentials, deployment):
        """The credentials for the result; with credentials_dir, written to their file first and left out."""
        if not self.credentials_dir:
            return credentials
        name, path = self.credentials_file(deployment)
        try:
            return {"file": write_private_json(path, credentials_record(credentials, deployment, name))}
        except OSError as exc:
            # Never the password in a failure: a new one can be had, the lost one cannot be shown safely.
            raise api.DeploymentError("credentials_dir: the password of the elastic user of deployment %s could not be "
                                      "written to %s (%s); give it a new one with reset_elasticsearch_password"
                                      % (deployment.get("id"), path, exc.strerror or exc),
                                      {"deployment": {"id": deployment.get("id"), "name": name}})  # fmt: skip

    def refresh_kept(self, credentials, deployment):
        """Add the endpoints and cloud ID, known once the new deployment is read, to its credentials file."""
        if not (self.credentials_dir and credentials):
            return
        name, path = self.credentials_file(deployment)
        try:
            write_private_json(path, credentials_record(credentials, deployment, name))
        except OSError as exc:
            self.module.warn("credentials_dir: %s holds the password but not the endpoints of deployment %s: %s"
                             % (path, deployment.get("id"), exc.strerror or exc))  # fmt: skip

    # -- waiting --------------------------------------------------------------------------
    def wait_plans(self, deployment_id, before, after_change=True):
        return wait_for_plans(self.client, deployment_id, before, self.params["wait_timeout"], sleep=self.sleep,
                              after_change=after_change)  # fmt: skip

    def settled(self, deployment, before, changed):
        """The deployment once its plans are done (with ``wait``), else as it reads now."""
        if self.params["wait"] and (changed or api.pending_plans(deployment)):
            return self.wait_plans(deployment["id"], before, after_change=changed)
        return api.read_deployment(self.client, deployment["id"], history=True) if changed else deployment

    # -- present ----------------------------------------------------------------------------
    def present(self, found):
        if found is None:
            return self.create()
        check_region(found, self.params)
        running, target = self.version_change(found)
        check_strategy(self.strategy, running, target)
        check_enterprise_search(self.states, target or running, has_kind(found, "enterprise_search"))
        templates = template_change(found, self.params)
        baseline = latest_attempts(found)
        want = dict(self.want)
        if self.params["id"] and self.params["name"]:
            want["name"] = self.params["name"]
        if api.is_shut_down(found):
            found = self.restore(found)
        added, removed = resource_changes(found, self.states)
        compared = {key: value for key, value in want.items() if key not in added}
        before, after = changes(found, compared) if found.get("resources") else ({}, {})
        for kind in added:
            before[kind], after[kind] = {"state": "absent"}, dict(want.get(kind) or {}, state="present")
        for kind in removed:
            before[kind], after[kind] = {"state": "present"}, {"state": "absent"}
        if "name" in want and found.get("name") != want["name"]:
            before["name"], after["name"] = found.get("name"), want["name"]
        if target:
            before["version"], after["version"] = running, target
        if templates:
            before["deployment_template_id"], after["deployment_template_id"] = templates
        if after:
            self.mark_changed()
            self.diff["before"].update(before)
            self.diff["after"].update(after)
            # Another template: the API's migration request says which instance configurations the plans move to.
            migrated = api.migrate_template(self.client, found["id"], templates[1])["resources"] if templates else None
            body = update_body(found, want, migrated, added=self.added_payloads(found, added, target or running),
                               removed=removed, strategy=self.strategy)  # fmt: skip
            if target:
                set_versions(body["resources"], running, target)
            if "name" in want:
                body["name"] = want["name"]
            api.update(self.client, found["id"], body, validate_only=self.check_mode)
        associations.converge(self, found)
        if self.check_mode:
            if not target and self.params["version"] and lagging(found, self.params["version"]):
                self.mark_changed()  # the lagging resources would be upgraded
            if self.params["reset_elasticsearch_password"]:
                self.mark_changed()
            return {"deployment": api.summary(found), "plan": dict(NO_PLAN)}
        final = self.upgrade_lagging(self.settled(found, latest_attempts(found), bool(after)))
        result = {"deployment": api.summary(final), "plan": plan_outcome(final, baseline)}
        if self.params["reset_elasticsearch_password"]:
            result["credentials"] = self.kept(self.reset_password(final), result["deployment"])
        return result

    def added_payloads(self, found, kinds, version):
        """``{kind: payload}`` of the resources to add, from the deployment's template (as on create)."""
        if not kinds:
            return {}
        es = next(resource for kind, resource in api.resources(found) if kind == "elasticsearch")
        template = api.read_template(self.client, template_of(found), es.get("region"))
        added = {}
        for kind in kinds:
            # A removed resource of that kind (stopped) is started again under its ref_id rather than doubled.
            removed = next((resource["ref_id"] for found_kind, resource in api.resources(found)
                            if found_kind == kind and not is_live(found, kind, resource)), None)  # fmt: skip
            added[kind] = template_payload(template, kind, es["ref_id"], es.get("region"), version, ref_id=removed)
        return added

    def reset_password(self, deployment):
        """New credentials of the elastic user (a new password each time: always a change)."""
        es = next((resource for kind, resource in api.resources(deployment) if kind == "elasticsearch"), None)
        if es is None:
            raise UsageError("Deployment %s has no Elasticsearch resource whose password to reset" % deployment["id"])
        self.mark_changed()
        return api.reset_password(self.client, deployment["id"], es["ref_id"])

    def version_change(self, found):
        """``(running, target)``: target is None unless the version set differs from the one Elasticsearch heads for."""
        es = next((resource for kind, resource in api.resources(found) if kind == "elasticsearch"), None)
        heading = (((api.latest_plan(es) or {}).get("elasticsearch") or {}).get("version")) if es else None
        target = self.params["version"]
        if not target or not heading or target == heading:
            return heading, None
        running = api.resource_version("elasticsearch", es) or heading
        check_upgrade(self.client, found["id"], running, target)
        return running, target

    def upgrade_lagging(self, deployment):
        """Bring Kibana, Integrations Server, ... to the version set when they lag behind Elasticsearch."""
        target = self.params["version"]
        behind = lagging(deployment, target) if target and self.params["wait"] else []
        if not behind:
            return deployment
        before = latest_attempts(deployment)
        for kind, resource in behind:
            upgrade_stateless(self.client, deployment["id"], kind, resource["ref_id"])
            self.module.warn("%s %s of deployment %s was on %s after Elasticsearch reached %s: upgraded it with _upgrade"
                             % (kind, resource["ref_id"], deployment["id"], api.resource_version(kind, resource), target))  # fmt: skip
        self.mark_changed()
        return self.wait_plans(deployment["id"], before)

    def restore(self, found):
        self.mark_changed()
        self.diff["before"]["status"], self.diff["after"]["status"] = "stopped", "started"
        if self.check_mode:
            return found
        api.restore(self.client, found["id"])
        return self.settled(found, latest_attempts(found), True)

    def create(self):
        missing = [name for name in CREATE_NEEDS if not self.params[name]]
        if missing:
            raise UsageError("No deployment is named %r; to create it, set %s" % (self.params["name"], ", ".join(missing)))
        params = self.params
        check_enterprise_search(self.states, params["version"])
        template = api.read_template(self.client, params["deployment_template_id"], params["region"])
        body = create_body(template, params, self.want)
        self.mark_changed()
        self.diff["after"] = dict(self.want, name=params["name"], status="started")
        body = associations.create_settings(self, body, params["region"])
        if self.check_mode:
            answer = api.validate_create(self.client, body)
            return {"deployment": {"id": None, "name": answer.get("name", params["name"]), "alias": answer.get("alias")},
                    "plan": dict(NO_PLAN)}  # fmt: skip
        inputs = (params["name"], params["region"], params["deployment_template_id"])
        answer, created = api.create_once(self.client, body, inputs)
        if not created:
            # Made before: by a create whose answer was lost, or it is one the search by name does not show (Elastic
            # Cloud hides shut-down deployments from it). Adopt it, restoring it when shut down.
            self.diff = {"before": {}, "after": {}}
            return self.present(api.read_deployment(self.client, answer["id"], history=True))
        stub = {"id": answer["id"], "name": answer.get("name")}
        result = {}
        credentials = api.credentials_of(answer)
        if credentials:  # kept before anything else can fail
            result["credentials"] = self.kept(credentials, stub)
        associations.after_create(self, answer["id"])
        if not params["wait"]:
            read = api.read_deployment(self.client, answer["id"], history=True)
            described = api.summary(read or stub)
            self.refresh_kept(credentials, described)
            return dict(result, deployment=described, plan=plan_outcome(read or {}, {}))
        try:
            final = self.wait_plans(answer["id"], {})
        except api.DeploymentError as exc:
            # The failure carries the credentials: the API returns them to this create only, never to a re-run.
            raise api.DeploymentError("%s. Deployment %s was created: run the task again to adopt and repair it"
                                      % (exc, answer["id"]), dict(exc.result, deployment={"id": answer["id"]}, **result))  # fmt: skip
        described = api.summary(final)
        self.refresh_kept(credentials, described)
        return dict(result, deployment=described, plan=plan_outcome(final, {}))

    # -- shutdown and absent ------------------------------------------------------------------
    def shutdown(self, found):
        if found is None:
            raise UsageError("No deployment is named %r; shutting one down needs an existing deployment (Elastic Cloud "
                             "may hide shut-down deployments from the search by name: use id)" % self.params["name"])  # fmt: skip
        baseline = latest_attempts(found)
        if api.is_shut_down(found) or self.all_stopping(found):
            return {"deployment": api.summary(self.settled(found, baseline, False)), "plan": dict(NO_PLAN)}
        self.mark_changed()
        self.diff["before"]["status"], self.diff["after"]["status"] = api.summary(found)["status"], "stopped"
        if self.check_mode:
            return {"deployment": api.summary(found), "plan": dict(NO_PLAN)}
        api.shutdown(self.client, found["id"])
        final = self.settled(found, baseline, True)
        return {"deployment": api.summary(final), "plan": plan_outcome(final, baseline)}

    @staticmethod
    def all_stopping(deployment):
        return all(api.status_of(resource) in ("stopping", "stopped") for _kind, resource in api.resources(deployment))

    def absent(self, found):
        if found is None:
            return {}
        self.diff["before"] = {"id": found["id"], "name": found.get("name"), "status": api.summary(found)["status"]}
        if not api.is_shut_down(found):
            self.mark_changed()
            if self.check_mode:
                return {"deployment": api.summary(found), "removed": True}
            if not self.all_stopping(found):
                api.shutdown(self.client, found["id"])
            # The delete needs every resource stopped: wait for the shutdown, whatever wait says.
            found = wait_for_plans(self.client, found["id"], latest_attempts(found), self.params["wait_timeout"],
                                   sleep=self.sleep)  # fmt: skip
        if self.check_mode:
            self.mark_changed()
            return {"deployment": api.summary(found), "removed": True}
        if not api.delete(self.client, found["id"]):
            if not self.changed:
                self.diff = {"before": {}, "after": {}}
            self.module.warn("Deployment %s (%s) is shut down, but the API refused to delete it (users may not be allowed "
                             "to delete deployments on Elastic Cloud); it stays shut down" % (found.get("name"), found["id"]))  # fmt: skip
            if self.changed:
                self.diff["after"] = dict(self.diff["before"], status="stopped")
            return {"deployment": api.summary(found), "removed": False}
        self.mark_changed()
        return {"deployment": api.summary(found), "removed": True}


def main():
    Deployment.execute()


if __name__ == "__main__":
    main()
