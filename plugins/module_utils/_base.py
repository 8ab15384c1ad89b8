# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The base class every module of the collection is built on (private)."""

from __future__ import annotations

import functools
import json
import os
import re
import traceback
from urllib.parse import quote, urlsplit

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import (
    DEFAULT_ENDPOINT,
    DEFAULT_TIMEOUT,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ElasticCloudClient,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError, check_not_empty

INSECURE_ENV_VARS = ("EC_INSECURE", "EC_SKIP_TLS_VALIDATION")
DURATION_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600}


def connection_argument_spec():
    """The options every module shares, documented once in the connection doc fragment."""
    return dict(
        endpoint=dict(type="str", default=DEFAULT_ENDPOINT, fallback=(env_fallback, ["EC_ENDPOINT", "EC_HOST"])),
        api_key=dict(type="str", no_log=True, fallback=(env_fallback, ["EC_API_KEY"])),
        username=dict(type="str", fallback=(env_fallback, ["EC_USERNAME", "EC_USER"])),
        password=dict(type="str", no_log=True, fallback=(env_fallback, ["EC_PASSWORD", "EC_PASS"])),
        validate_certs=dict(type="bool"),
        ca_path=dict(type="path", fallback=(env_fallback, ["EC_CA_PATH"])),
        timeout=dict(type="str", fallback=(env_fallback, ["EC_TIMEOUT"])),
    )


def parse_duration(value, name):
    """Seconds from ``40``, ``40s``, ``2m`` or ``1h``; UsageError with a clear message otherwise."""
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$", str(value))
    seconds = float(match.group(1)) * DURATION_UNITS[match.group(2)] if match else 0
    if seconds <= 0:
        raise UsageError(
            "%s must be a positive number of seconds or a duration such as 30s, 5m or 1h; got %r" % (name, value)
        )
    return seconds


def validate_certs_from(params, environ=None):
    """validate_certs, else the inverted EC_INSECURE / EC_SKIP_TLS_VALIDATION, else True."""
    if params.get("validate_certs") is not None:
        return params["validate_certs"]
    environ = os.environ if environ is None else environ
    for name in INSECURE_ENV_VARS:
        if environ.get(name, "").strip():
            return not boolean(environ[name], strict=False)
    return True


def check_endpoint(endpoint):
    if not re.match(r"^https?://[^/\s]+", endpoint or ""):
        raise UsageError("endpoint must be an http:// or https:// URL such as %s; got %r" % (DEFAULT_ENDPOINT, endpoint))
    return endpoint


def check_one_credential(params):
    """An API key or a login, never both: the message says where each may have come from."""
    if params.get("api_key") and (params.get("username") or params.get("password")):
        raise UsageError(
            "api_key (or EC_API_KEY) cannot be combined with username and password (or EC_USERNAME and EC_PASSWORD): "
            "authenticate with an API key, or log in to Elastic Cloud Enterprise with username and password"
        )


# Where each credential travels: the API key in an HTTP header (ASCII only), the login in a JSON body.
CREDENTIAL_TRANSPORTS = {"api_key": "an HTTP header", "username": "a JSON body", "password": "a JSON body"}
SECRET_OPTIONS = ("api_key", "password")  # the user name is not a secret, and messages name it


def clean_credentials(options):
    """The credentials without surrounding white space (a file or secret store often adds a newline).

    Characters that cannot travel (control characters anywhere, non-ASCII in the API key) are a UsageError
    naming the option and the kind of character, never the value: the error text of a failed request would
    otherwise quote the value, in a form (a repr) that Ansible's masking misses.
    """
    cleaned = dict(options)
    for name, transport in CREDENTIAL_TRANSPORTS.items():
        value = options.get(name)
        if not value:
            continue
        value = value.strip()
        if any(ord(char) < 32 or ord(char) == 127 for char in value):
            raise UsageError("%s contains a control character (such as a tab or line break) inside it; check how it is read" % name)
        if transport == "an HTTP header" and not value.isascii():
            raise UsageError("%s contains a non-ASCII character, which %s cannot carry; check how it is read" % (name, transport))
        cleaned[name] = value
    return cleaned


def scrub_credentials(text, options, other_secrets=()):
    """``text`` with every form of the secrets in ``options`` and ``other_secrets`` (raw, repr, URL-encoded) masked."""
    text = str(text)
    for value in [options.get(name) for name in SECRET_OPTIONS] + list(other_secrets):
        if not value or not isinstance(value, str):
            continue
        for form in sorted({value, value.strip(), repr(value)[1:-1], repr(value.strip())[1:-1], quote(value, safe=""),
                            quote(value.strip(), safe="")}, key=len, reverse=True):  # fmt: skip
            if len(form) >= 4:
                text = text.replace(form, "********")
    return text


def check_api_key_only(options, module_name, api):
    """A login for a module of an Elastic Cloud-only API is a UsageError saying an API key is needed."""
    if api and not options.get("api_key") and (options.get("username") or options.get("password")):
        raise UsageError(
            "%s needs an API key (api_key or EC_API_KEY), not username and password: %s exists only on Elastic Cloud, "
            "which accepts API keys only; username and password log in to Elastic Cloud Enterprise, which does not "
            "have it" % (module_name, api)
        )


def client_from_options(options, warn=None):
    """The API client for connection options (a module's parameters, the inventory's options); UsageError if wrong.

    ``warn`` shows the user what the client notices on the way (such as a listing that had to stop early).
    """
    options = clean_credentials(options)
    endpoint = check_endpoint(options.get("endpoint"))
    timeout = parse_duration(options["timeout"], "timeout") if options.get("timeout") else DEFAULT_TIMEOUT
    check_one_credential(options)
    if not options.get("api_key") and not (options.get("username") and options.get("password")):
        raise UsageError(
            "No credentials: set api_key (or EC_API_KEY), or username and password (or EC_USERNAME and EC_PASSWORD)"
        )
    return ElasticCloudClient(
        endpoint=endpoint,
        api_key=options.get("api_key"),
        username=options.get("username"),
        password=options.get("password"),
        timeout=timeout,
        validate_certs=verification(options),
        warn=warn,
    )


def verification(options):
    """What requests verifies the endpoint with: False, True (the system's CAs) or a CA bundle file."""
    if not validate_certs_from(options):
        return False
    ca_path = options.get("ca_path")
    if ca_path and not os.path.isfile(os.path.expanduser(ca_path)):
        raise UsageError("ca_path %s is not a file: give the PEM file of the CA that signed the endpoint's certificate" % ca_path)
    return os.path.expanduser(ca_path) if ca_path else True


def cleartext_warning(endpoint):
    """A warning when credentials would cross the network in clear (plain http to another machine), else None."""
    parts = urlsplit(endpoint or "")
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        return "endpoint %s is plain http: the API key or password travels unencrypted; use https" % endpoint
    return None


class ElasticCloudModule:
    """Base for all modules: options, client, change tracking, error reporting.

    Subclasses set ``module_options`` (their own argument spec), optionally the
    AnsibleModule constraints, and implement ``run()`` returning the result dict.
    """

    module_options = {}
    mutually_exclusive = []
    required_one_of = []
    required_if = []
    required_together = []
    allow_empty = ()  # string options where "" means something (clearing a description)
    api_key_only = None  # the Elastic Cloud-only API the module calls (e.g. "the Serverless API"), refusing a login

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.changed = False
        self.diff = {"before": {}, "after": {}}
        check_not_empty(self.module_options, self.params, self.allow_empty)
        check_api_key_only(self.params, getattr(module, "_name", "this module").rpartition(".")[2], self.api_key_only)
        self.client = self._build_client()
        warning = cleartext_warning(self.params.get("endpoint"))
        if warning:
            module.warn(warning)

    @classmethod
    def define_module(cls):
        return AnsibleModule(
            argument_spec=dict(connection_argument_spec(), **cls.module_options),
            mutually_exclusive=list(cls.mutually_exclusive),
            required_together=[["username", "password"]] + list(cls.required_together),
            required_one_of=list(cls.required_one_of),
            required_if=list(cls.required_if),
            supports_check_mode=True,
        )

    @classmethod
    def execute(cls):
        """Entry point for ``main()``: build the module, run it, exit or fail cleanly."""
        module = cls.define_module()
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        # No failure text may carry a credential in any form: Ansible masks only the exact values it was given.
        scrub = functools.partial(scrub_credentials, options=module.params, other_secrets=cls.secrets_in(module.params))
        try:
            instance = cls(module)
            result = instance.run()
        except ElasticCloudError as exc:
            module.fail_json(msg=scrub(exc.message), failure=json.loads(scrub(json.dumps(exc.to_failure()))))
        except UsageError as exc:  # some still return what they know, such as the id of what a failed run made
            module.fail_json(msg=scrub(exc), **getattr(exc, "result", {}))
        except Exception as exc:  # a bug must still read as one line, with the trace kept for -vvv
            module.fail_json(msg=scrub("Unexpected error: %s" % exc), exception=scrub(traceback.format_exc()))
        module.exit_json(**instance.finish(result))

    @staticmethod
    def secrets_in(params):
        """Secrets among a module's own options, masked in failures like the credentials (the no_log values)."""
        return []

    def finish(self, result):
        result = dict(result)
        result["changed"] = self.changed
        if self.module._diff and (self.diff["before"] or self.diff["after"]):
            result["diff"] = self.diff
        return result

    def mark_changed(self):
        self.changed = True

    @property
    def check_mode(self):
        return self.module.check_mode

    def _build_client(self):
        return client_from_options(self.params, warn=self.module.warn)
