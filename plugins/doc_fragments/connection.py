# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the modules that serve Elastic Cloud and Elastic Cloud Enterprise (ECE): an API key, or
    # an ECE login. The sanity tests read fragments as plain string literals, so the two fragments are written out.
    DOCUMENTATION = r"""
options:
  endpoint:
    description:
      - Base URL of the Elastic Cloud API, or of an Elastic Cloud Enterprise (ECE) installation.
      - If not set, the value of the E(EC_ENDPOINT) or E(EC_HOST) environment variable is used.
    type: str
    default: https://api.elastic-cloud.com
  api_key:
    description:
      - "Elastic Cloud API key, sent as C(Authorization: ApiKey <key>)."
      - If not set, the value of the E(EC_API_KEY) environment variable is used.
      - Mutually exclusive with O(username) and O(password).
    type: str
  username:
    description:
      - ECE user name. The module logs in at C(/api/v1/users/auth/_login), uses the short-lived bearer
        token it gets, refreshes it before it expires and logs in again when the API answers 401.
      - If not set, the value of the E(EC_USERNAME) or E(EC_USER) environment variable is used.
    type: str
  password:
    description:
      - Password of O(username).
      - If not set, the value of the E(EC_PASSWORD) or E(EC_PASS) environment variable is used.
    type: str
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
      - If not set, the value of the E(EC_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Time to wait for each API response, as seconds (V(40)) or a duration (V(30s), V(2m), V(1h)).
      - If not set, the value of the E(EC_TIMEOUT) environment variable is used, else 40 seconds.
    type: str
notes:
  - One of O(api_key) or O(username) and O(password) is required. Surrounding white space (a trailing newline
    from a file) is removed from them; a control character, or a non-ASCII character in O(api_key), fails before
    any call.
  - Idempotent calls (GET, PUT, DELETE) are retried on connection errors, timeouts and HTTP 500, 502, 503
    and 504, with a capped exponential backoff that honours C(Retry-After) up to 60 seconds (a longer wait fails,
    naming it). Creating calls (POST) are never sent again after those.
  - Every call, POST included, is retried on HTTP 429 (the API answers it before doing anything), 1, 2, 4, 8 and
    16 seconds later (each up to a quarter more or less, at random), about 30 seconds in all, since the API sends
    no C(Retry-After); when it does send one, that wait is used instead.
  - Redirects are not followed (the credentials would not go with them); the failure names where it led. An
    C(http://) O(endpoint) other than this machine's own gets a warning, since the credentials travel in clear.
requirements:
  - requests
"""

    # Connection options of the modules of APIs only Elastic Cloud has (serverless, billing, account), which take
    # API keys only: the same but for the login options, the endpoint and the first note.
    API_KEY_ONLY = r"""
options:
  endpoint:
    description:
      - Base URL of the Elastic Cloud API.
      - If not set, the value of the E(EC_ENDPOINT) or E(EC_HOST) environment variable is used.
    type: str
    default: https://api.elastic-cloud.com
  api_key:
    description:
      - "Elastic Cloud API key, sent as C(Authorization: ApiKey <key>)."
      - If not set, the value of the E(EC_API_KEY) environment variable is used.
      - Mutually exclusive with O(username) and O(password).
    type: str
  username:
    description:
      - Not accepted by this module, which calls an API of Elastic Cloud that Elastic Cloud Enterprise (where a
        user name and password log in) does not have; Elastic Cloud takes only API keys. A user name or password
        (also from E(EC_USERNAME), E(EC_USER), E(EC_PASSWORD) or E(EC_PASS)) fails before any call, asking for
        O(api_key).
    type: str
  password:
    description:
      - Not accepted by this module; see O(username).
    type: str
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
      - If not set, the value of the E(EC_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Time to wait for each API response, as seconds (V(40)) or a duration (V(30s), V(2m), V(1h)).
      - If not set, the value of the E(EC_TIMEOUT) environment variable is used, else 40 seconds.
    type: str
notes:
  - O(api_key) is required. Surrounding white space (a trailing newline from a file) is removed from it; a
    control or non-ASCII character in it fails before any call.
  - Idempotent calls (GET, PUT, DELETE) are retried on connection errors, timeouts and HTTP 429, 500, 502, 503
    and 504, with a capped exponential backoff that honours C(Retry-After) up to 60 seconds (a longer wait fails,
    naming it). Creating calls (POST) are retried only on HTTP 429, which the API answers before doing anything.
  - Redirects are not followed (the credentials would not go with them); the failure names where it led. An
    C(http://) O(endpoint) other than this machine's own gets a warning, since the credentials travel in clear.
requirements:
  - requests
"""
