#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_keystore
short_description: Set and remove Elasticsearch keystore settings of a hosted Elastic Cloud deployment
version_added: 0.2.0
description:
  - Adds, replaces or removes secure settings in the keystore of a deployment's Elasticsearch resource, such as
    the credentials of a snapshot repository. Settings not named in O(settings) are left alone.
  - The API shows the names of the settings, never their values, so a value cannot be compared with the one
    stored. O(update_value) chooses what a run does with a setting that is already there.
  - Works on Elastic Cloud Hosted and on Elastic Cloud Enterprise.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  settings:
    description:
      - The keystore settings, by name. Each is a dictionary with C(value) (a string, or a dictionary stored as
        JSON) and optionally C(as_file) (store it as a file; by default a string is stored as a string and a
        dictionary as a file).
      - With O(state=absent), only the names count; the values may be left empty.
      - The values are secrets. They are never returned, shown in a diff, a warning or an error.
    type: dict
    required: true
  state:
    description:
      - V(present) sets the settings; V(absent) removes the settings named (a setting already missing is no change).
    type: str
    choices: [present, absent]
    default: present
  update_value:
    description:
      - V(on_create) sets a value only when its setting is missing (or stored with another C(as_file)), so a re-run
        reports no change. A value changed in O(settings) is then B(not) sent; set V(always) once to send it.
      - V(always) sends every value in O(settings) on every run and so always reports C(changed), as the values
        stored cannot be read to compare.
    type: str
    choices: [always, on_create]
    default: on_create
  restart:
    description:
      - Elasticsearch reads its keystore's settings at start, so a change takes effect only after a restart.
        With V(true), the Elasticsearch resource is restarted after a change (once the plans already pending are
        done), and the restart's plan is waited for within O(wait_timeout).
    type: bool
    default: false
  wait_timeout:
    description:
      - With O(restart=true), how many seconds to wait at most for the plans. Past it, the task fails naming the
        pending plans; they keep running on the server.
    type: int
    default: 1800
notes:
  - Keystore changes apply to Elasticsearch only after a restart (see O(restart)); until then Elasticsearch keeps
    the settings it read when it started.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.deployment_target
  - elastic_cloud.cloud.attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode the deployment and its keystore are read and the change is reported; nothing is sent.
  diff_mode:
    support: full
    details:
      - The diff shows the names of the settings and their C(as_file), never their values.
"""

EXAMPLES = r"""
- name: A deployment whose keystore holds a snapshot repository's credentials
  elastic_cloud.cloud.deployment:
    name: logging
    region: aws-us-east-1
    deployment_template_id: aws-storage-optimized
    version: 8.19.3
  no_log: true

- name: Keep the S3 client's credentials in the keystore, and restart so that Elasticsearch reads them
  elastic_cloud.cloud.deployment_keystore:
    deployment_name: logging
    settings:
      s3.client.backups.access_key:
        value: "{{ s3_access_key | default('AKIAEXAMPLE') }}"
      s3.client.backups.secret_key:
        value: "{{ s3_secret_key | default('example-secret') }}"
    restart: true

- name: Store a service account file for a GCS repository
  elastic_cloud.cloud.deployment_keystore:
    deployment_name: logging
    settings:
      gcs.client.default.credentials_file:
        value:
          type: service_account
          project_id: example
        as_file: true

- name: Remove a setting
  elastic_cloud.cloud.deployment_keystore:
    deployment_name: logging
    settings:
      gcs.client.default.credentials_file:
    state: absent
"""

RETURN = r"""
keystore:
  description: The keystore of the Elasticsearch resource after the run (as it would be, in check mode).
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
      sample: logging
    ref_id:
      description: Reference of the Elasticsearch resource.
      type: str
      sample: main-elasticsearch
    settings:
      description: The settings in the keystore, by name, with whether each is stored as a file (never a value).
      type: dict
      sample: {"s3.client.backups.secret_key": {"as_file": false}}
    restarted:
      description: Whether the Elasticsearch resource was restarted (and its plan waited for).
      type: bool
      sample: false
"""

import time

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _deployment_elasticsearch as es_api
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_plan import latest_attempts, wait_for_plans
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_target import (
    TARGET_MUTUALLY_EXCLUSIVE,
    TARGET_OPTIONS,
    TARGET_REQUIRED_ONE_OF,
    find_target,
)

SHOWN_VALUE = "(not shown)"


def wanted_settings(settings):
    """``{name: {"value", "as_file"}}`` checked: a clear error naming the setting, never its value."""
    wanted = {}
    for name, entry in settings.items():
        if not isinstance(entry, dict) or "value" not in entry or set(entry) - {"value", "as_file"}:
            raise UsageError("settings.%s must be a dictionary with value and optionally as_file" % name)
        value, as_file = entry["value"], entry.get("as_file")
        if not isinstance(value, (str, dict)) or value in ("", {}):
            raise UsageError("settings.%s.value must be a non-empty string or dictionary" % name)
        if as_file is not None and not isinstance(as_file, bool):
            raise UsageError("settings.%s.as_file must be true or false" % name)
        # The API's default: a string is stored as a string, a dictionary as a file.
        wanted[name] = {"value": value, "as_file": isinstance(value, dict) if as_file is None else as_file}
    return wanted


def string_leaves(value):
    """Every string inside the settings' values (what no_log masks), for failure texts in every form."""
    if isinstance(value, dict):
        for item in value.values():
            yield from string_leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from string_leaves(item)
    elif isinstance(value, str):
        yield value


class DeploymentKeystore(ElasticCloudModule):
    module_options = dict(
        TARGET_OPTIONS,
        # no_log masks every string inside the settings (the values), not the names (the keys).
        settings=dict(type="dict", required=True, no_log=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        update_value=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
        restart=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=1800),
    )
    mutually_exclusive = TARGET_MUTUALLY_EXCLUSIVE
    required_one_of = TARGET_REQUIRED_ONE_OF
    sleep = staticmethod(time.sleep)  # tests replace it

    @staticmethod
    def secrets_in(params):
        return list(string_leaves(params.get("settings")))

    def run(self):
        params = self.params
        wanted = wanted_settings(params["settings"]) if params["state"] == "present" else None
        target = find_target(self.client, params)
        stored = es_api.keystore_settings(self.client, target)
        if wanted is None:
            changes = {name: {} for name in sorted(params["settings"]) if name in stored}
        else:
            changes = self.to_send(wanted, stored)
        after = self.predict(stored, changes)
        restarted = False
        if changes:
            self.mark_changed()
            self.diff["before"] = {"settings": stored}
            self.diff["after"] = {"settings": self.shown_after(after, changes)}
            if not self.check_mode:
                es_api.patch_keystore(self.client, target, changes)
                restarted = self.restart(target)
        return {"keystore": dict(target.describe(), settings=after, restarted=restarted)}

    def to_send(self, wanted, stored):
        """The settings to send: every one with update_value=always, else those missing or stored otherwise."""
        always = self.params["update_value"] == "always"
        return {name: entry for name, entry in sorted(wanted.items())
                if always or stored.get(name) != {"as_file": entry["as_file"]}}  # fmt: skip

    @staticmethod
    def predict(stored, changes):
        after = dict(stored)
        for name, entry in changes.items():
            if "value" in entry:
                after[name] = {"as_file": entry["as_file"]}
            else:
                after.pop(name, None)
        return dict(sorted(after.items()))

    @staticmethod
    def shown_after(after, changes):
        """The diff's after: the settings sent are marked, as their values cannot be shown."""
        return {name: dict(entry, value=SHOWN_VALUE) if name in changes else entry for name, entry in after.items()}

    def restart(self, target):
        if not self.params["restart"]:
            return False
        timeout = self.params["wait_timeout"]
        # A restart is refused while a plan is pending: wait for the plans already running first.
        settled = wait_for_plans(self.client, target.deployment_id, latest_attempts(target.deployment), timeout,
                                 sleep=self.sleep, after_change=False)  # fmt: skip
        es_api.restart(self.client, target)
        wait_for_plans(self.client, target.deployment_id, latest_attempts(settled), timeout, sleep=self.sleep)
        return True


def main():
    DeploymentKeystore.execute()


if __name__ == "__main__":
    main()
