#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: account
short_description: Read and set the trust settings of the Elastic Cloud account
version_added: 0.1.0
description:
  - Reads the account of the caller (the account ID is the organization ID) and sets its trust settings.
  - The trust settings decide whether the clusters of the account trust each other by default, for cross-cluster
    search and replication.
  - Without O(trust_all), the module only reads the account.
  - Changes are sent as a JSON merge patch of the trust settings, so other account settings are left alone.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  trust_all:
    description:
      - Whether every cluster of the account trusts every other cluster of the account by default.
      - Left out, the setting is not changed.
    type: bool
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Read the account
  elastic_cloud.cloud.account:
  register: current

- name: Show the organization ID
  ansible.builtin.debug:
    msg: "{{ current.account.id }}"

- name: Stop trusting every cluster of the account by default
  elastic_cloud.cloud.account:
    trust_all: false
"""

RETURN = r"""
account:
  description:
    - The account as it is after the task (as it would be, in check mode).
  returned: success
  type: dict
  contains:
    id:
      description: The account ID, which is also the organization ID.
      type: str
      sample: "1234567890"
    trust:
      description: Trust settings of the clusters of the account.
      type: dict
      contains:
        trust_all:
          description: Whether every cluster of the account trusts every other cluster of the account by default.
          type: bool
          sample: true
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule

ACCOUNT_PATH = "/api/v1/account"
# The API's value when the account has never set it (AccountTrustSettings).
DEFAULT_TRUST_ALL = True


def trust_of(account):
    trust = dict((account or {}).get("trust") or {})
    trust.setdefault("trust_all", DEFAULT_TRUST_ALL)
    return trust


class Account(ElasticCloudModule):
    api_key_only = "the account API"
    module_options = dict(trust_all=dict(type="bool"))

    def run(self):
        account = self.client.get(ACCOUNT_PATH).data or {}
        before = trust_of(account)
        wanted = dict(before)
        if self.params["trust_all"] is not None:
            wanted["trust_all"] = self.params["trust_all"]
        self.diff = {"before": {"trust": before}, "after": {"trust": wanted}}
        if wanted == before:
            return {"account": dict(account, trust=before)}
        self.mark_changed()
        if self.check_mode:
            return {"account": dict(account, trust=wanted)}
        # A merge patch of the changed fields only: settings this module does not manage stay as they are.
        changes = dict((name, value) for name, value in wanted.items() if before.get(name) != value)
        updated = self.client.patch(ACCOUNT_PATH, body={"trust": changes}).data or {}
        self.diff["after"] = {"trust": trust_of(updated)}
        return {"account": dict(updated, trust=trust_of(updated))}


def main():
    Account.execute()


if __name__ == "__main__":
    main()
