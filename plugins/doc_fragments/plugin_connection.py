# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the controller-side plugins (inventory). Unlike modules, these can
    # declare their environment variables with env: entries. When several are listed, the last
    # one set wins, so each list ends with the name the modules prefer.
    DOCUMENTATION = r"""
options:
  endpoint:
    description:
      - Base URL of the Elastic Cloud API.
      - E(EC_ENDPOINT) takes precedence over E(EC_HOST) when both are set.
    type: str
    default: https://api.elastic-cloud.com
    env:
      - name: EC_HOST
      - name: EC_ENDPOINT
  api_key:
    description:
      - "Elastic Cloud API key, sent as C(Authorization: ApiKey <key>)."
      - Mutually exclusive with O(username) and O(password).
      - Prefer the environment variable (or an Ansible Vault encrypted value) to a plain text key in the inventory file.
    type: str
    env:
      - name: EC_API_KEY
  username:
    description:
      - Not accepted, since projects are listed with the Serverless API, which only Elastic Cloud has and which
        takes API keys only (a user name and password log in to Elastic Cloud Enterprise). A user name or password
        fails before any call, asking for O(api_key).
    type: str
    env:
      - name: EC_USER
      - name: EC_USERNAME
  password:
    description:
      - Not accepted; see O(username).
    type: str
    env:
      - name: EC_PASS
      - name: EC_PASSWORD
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(endpoint).
      - If not set, it is V(false) when the E(EC_INSECURE) or E(EC_SKIP_TLS_VALIDATION) environment variable
        is true, and V(true) otherwise.
    type: bool
  ca_path:
    description:
      - A PEM file of CA certificates to verify O(endpoint) with, for an endpoint with a private CA.
        Without it, the system's CA bundle is used.
    type: path
    env:
      - name: EC_CA_PATH
  timeout:
    description:
      - Time to wait for each API response, as seconds (V(40)) or a duration (V(30s), V(2m), V(1h)).
      - If not set, 40 seconds.
    type: str
    env:
      - name: EC_TIMEOUT
notes:
  - O(api_key) is required.
  - Idempotent calls (GET) are retried on connection errors, timeouts and HTTP 500, 502, 503 and 504,
    with a capped exponential backoff that honours C(Retry-After); on HTTP 429 they are retried 1, 2, 4, 8 and
    16 seconds later (with jitter), or after C(Retry-After) when the API sends one.
requirements:
  - requests
"""
