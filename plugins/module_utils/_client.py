# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one HTTP client of the collection (private: not an API for other collections)."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import datetime, timezone
from urllib.parse import quote

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import (
    ElasticCloudError,
    describe_non_json_body,
    login_failure,
    missing_api_hint,
    parse_error_payload,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._retry import (
    AMBIGUOUS_STATUSES,
    IDEMPOTENT_METHODS,
    LOST_ANSWER,
    LOST_ANSWER_ADVICE,
    MAX_RETRY_AFTER,
    RATE_LIMIT_BACKOFF,
    RetryAfterTooLong,
    build_retry,
    lost_answer_reason,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._pagination import collect_pages

try:
    import requests
    from requests.adapters import HTTPAdapter

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

COLLECTION_NAME = "elastic_cloud.cloud"
COLLECTION_VERSION = "0.1.0"
DEFAULT_ENDPOINT = "https://api.elastic-cloud.com"
DEFAULT_TIMEOUT = 40.0
DEFAULT_RETRIES = 4
# Refresh a bearer token this long before the server says it expires (at most a
# third of its lifetime, so short-lived tokens are not refreshed on every call).
TOKEN_REFRESH_MARGIN = 60.0

LOGIN_PATH = "/api/v1/users/auth/_login"
REFRESH_PATH = "/api/v1/users/auth/_refresh"


def api_path(template, *segments):
    """``template`` with each ``{}`` replaced by a segment, quoted whole (a ``/`` in an id stays inside it)."""
    return template.format(*[quote(str(segment), safe="") for segment in segments])


class ApiResponse:
    """What a call returned: HTTP status, decoded JSON body (or None) and headers."""

    def __init__(self, status, data, headers):
        self.status = status
        self.data = data
        self.headers = headers

    @property
    def etag(self):
        return self.headers.get("ETag")


def parse_timestamp(value):
    """Seconds since the epoch of an RFC 3339 timestamp, or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp()
    except (TypeError, ValueError):
        return None


class ElasticCloudClient:
    """One requests Session per module run, with retries, auth and error mapping.

    ``sleep`` replaces ``time.sleep`` for the waits between retries (tests pass a recorder).
    """

    def __init__(
        self,
        endpoint=DEFAULT_ENDPOINT,
        api_key=None,
        username=None,
        password=None,
        timeout=DEFAULT_TIMEOUT,
        validate_certs=True,
        retries=DEFAULT_RETRIES,
        user_agent=None,
        sleep=None,
        warn=None,
    ):
        self.endpoint = endpoint.rstrip("/")
        self.warn = warn  # shows the user a warning (module.warn, the inventory's display.warning)
        self.api_key = api_key
        self.username = username
        self.password = password
        self.timeout = timeout
        self._token = None
        self._token_refresh_at = None
        self._token_expires_at = None
        self._token_lock = threading.Lock()
        self.session = requests.Session()
        # Passed with every request: a session-level False loses to REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE.
        self.verify = validate_certs
        self.session.headers.update(
            {
                "Accept": "application/json",
                "User-Agent": user_agent or "%s/%s python-requests/%s" % (COLLECTION_NAME, COLLECTION_VERSION, requests.__version__),
            }
        )
        adapter = HTTPAdapter(max_retries=build_retry(retries, sleep=sleep))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    # -- public verbs -------------------------------------------------------------

    # ``expect`` is the JSON type the answer must have: anything else is not the API (a wrong endpoint).
    def get(self, path, params=None, headers=None, expect=dict):
        return self.request("GET", path, params=params, headers=headers, expect=expect)

    def post(self, path, body=None, params=None, headers=None):
        return self.request("POST", path, body=body, params=params, headers=headers)

    def patch(self, path, body=None, params=None, headers=None):
        return self.request("PATCH", path, body=body, params=params, headers=headers)

    def put(self, path, body=None, params=None, headers=None):
        return self.request("PUT", path, body=body, params=params, headers=headers)

    def delete(self, path, body=None, params=None, headers=None, missing_ok=False):
        """DELETE; with ``missing_ok``, a resource already gone (404) is what was asked: None, not an error."""
        return self._unless_missing(missing_ok, self.request, "DELETE", path, body=body, params=params, headers=headers)

    def upload(self, path, field, filename, content):
        """PUT a file as ``multipart/form-data`` (one part named ``field``), as the API's upload operations take it."""
        return self.request("PUT", path, files={field: (filename, content, "application/octet-stream")})

    def get_optional(self, path, params=None, expect=dict):
        """GET that returns None on 404 instead of raising."""
        return self._unless_missing(True, self.get, path, params=params, expect=expect)

    @staticmethod
    def _unless_missing(missing_ok, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except ElasticCloudError as exc:
            if missing_ok and exc.status == 404:
                return None
            raise

    def paginate(self, path, items_key, params=None):
        """Every item of a list endpoint, following ``next_page`` (guarded: the API may ignore it)."""
        return collect_pages(
            lambda page_params: self.get(path, params=page_params).data,
            items_key,
            params,
            warn=getattr(self, "warn", None),
            what="GET %s" % path,
        )

    def request(self, method, path, body=None, params=None, headers=None, expect=dict, files=None):
        response = self._send(method, path, body, params, headers, files)
        if response.status_code == 401 and self.username and path != LOGIN_PATH:
            # The session may have ended server-side: log in once more, then retry.
            self._login()
            response = self._send(method, path, body, params, headers, files)
        if response.status_code >= 400:
            raise self._http_error(method, path, response)
        if response.is_redirect:
            raise self._redirect_error(method, path, response)
        data = self._decode(response)
        if data is not None and expect is not None and not isinstance(data, expect):
            raise ElasticCloudError(
                "%s %s did not return an Elastic Cloud API answer (a JSON %s where %s was expected): is endpoint %s "
                "right?" % (method, path, _json_kind(type(data)), _json_kind(expect), self.endpoint),
                status=response.status_code, method=method, path=path,
            )
        return ApiResponse(response.status_code, data, response.headers)

    def _redirect_error(self, method, path, response):
        """A redirect is not followed: requests would drop the credentials on the way, and then fail as a 401."""
        return ElasticCloudError(
            "%s %s answered %s, a redirect to %s, which is not followed (the credentials would not go with it): set "
            "endpoint to the API's own address" % (method, path, response.status_code, response.headers.get("Location")),
            status=response.status_code, method=method, path=path,
        )

    # -- internals ----------------------------------------------------------------

    def _send(self, method, path, body, params, headers, files=None):
        url = self.endpoint + path
        request_headers = dict(headers or {})
        if "Authorization" not in request_headers:
            auth = self._authorization(path)
            if auth:
                request_headers["Authorization"] = auth
        try:
            return self.session.request(
                method,
                url,
                params=params,
                data=None if body is None else json.dumps(body),
                files=files,  # requests writes the multipart body and its boundary
                headers=dict(request_headers, **({"Content-Type": "application/json"} if body is not None else {})),
                timeout=self.timeout,
                verify=self.verify,
                allow_redirects=False,
            )
        except RetryAfterTooLong as exc:
            raise ElasticCloudError(
                "%s %s: the API asked to wait %g seconds before trying again (Retry-After), longer than the %g seconds "
                "a task waits; try again later" % (method, path, exc.seconds, MAX_RETRY_AFTER),
                status=429, method=method, path=path,
            )
        except requests.exceptions.RetryError as exc:
            raise ElasticCloudError(
                "%s %s failed: still failing after retries (%s)" % (method, path, _reason(exc)), method=method, path=path
            )
        except requests.exceptions.Timeout:
            raise ElasticCloudError(
                "%s %s timed out after %s seconds (endpoint %s)" % (method, path, _seconds(self.timeout), self.endpoint),
                method=method,
                path=path,
            )
        except requests.exceptions.SSLError as exc:
            raise ElasticCloudError(
                "TLS verification failed for %s: %s (give the CA with ca_path, or set validate_certs: false only for a trusted "
                "test endpoint)"
                % (self.endpoint, _reason(exc)),
                method=method,
                path=path,
            )
        except requests.exceptions.ConnectionError as exc:
            # A write that is not sent again (POST, PATCH) and lost its answer may have been made: say so.
            lost = None if method in IDEMPOTENT_METHODS or path.endswith("/_search") else lost_answer_reason(exc)
            if lost:
                raise ElasticCloudError(LOST_ANSWER % (method, path, lost) + LOST_ANSWER_ADVICE, method=method, path=path)
            raise ElasticCloudError(
                "Could not reach %s for %s %s: %s" % (self.endpoint, method, path, _reason(exc)), method=method, path=path
            )
        except requests.exceptions.RequestException as exc:
            raise ElasticCloudError("%s %s failed: %s" % (method, path, _reason(exc)), method=method, path=path)

    def _authorization(self, path):
        if path == LOGIN_PATH:
            return None
        if self.api_key:
            return "ApiKey %s" % self.api_key
        if self.username:
            return "Bearer %s" % self._current_token(path)
        return None

    def _current_token(self, path):
        with self._token_lock:
            now = time.time()
            if self._token is None or (self._token_expires_at and now >= self._token_expires_at):
                self._login()  # a token past its expiry cannot be refreshed
            elif self._token_refresh_at and now >= self._token_refresh_at:
                self._refresh()
            return self._token

    def _login(self):
        self._token = None
        response = self._send("POST", LOGIN_PATH, {"username": self.username, "password": self.password}, None, None)
        if response.status_code >= 400:
            raise login_failure(self._http_error("POST", LOGIN_PATH, response), self.username, self.endpoint)
        self._store_token(self._decode(response))

    def _refresh(self):
        try:
            response = self._send("POST", REFRESH_PATH, None, None, {"Authorization": "Bearer %s" % self._token})
        except ElasticCloudError:
            response = None
        if response is None or response.status_code >= 400:
            self._login()
            return
        self._store_token(self._decode(response))

    def _store_token(self, data):
        data = data or {}
        self._token = data.get("token")
        expires = parse_timestamp(data.get("session_expiration_time"))
        self._token_expires_at = expires
        if expires:
            lifetime = max(0.0, expires - time.time())
            self._token_refresh_at = expires - min(TOKEN_REFRESH_MARGIN, lifetime / 3)
        if not self._token:
            raise ElasticCloudError("Login at %s returned no token" % self.endpoint, path=LOGIN_PATH)

    @staticmethod
    def _decode(response):
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ElasticCloudError(
                "Expected JSON from %s, got %s" % (response.url.split("?")[0], describe_non_json_body(response)),
                status=response.status_code,
            )

    def _http_error(self, method, path, response):
        codes, messages, fields = parse_error_payload(response)
        message = "%s %s returned %s: %s" % (method, path, response.status_code, "; ".join(messages))
        if codes:
            message += " (%s)" % ", ".join(codes)
        if response.status_code == 429:
            message += (
                ". Still rate limited after %d tries over about %g seconds: run fewer tasks against the API at once, "
                "or try again later" % (len(RATE_LIMIT_BACKOFF) + 1, sum(RATE_LIMIT_BACKOFF))
            )
        message += missing_api_hint(path, response.status_code, codes)
        return ElasticCloudError(
            message, status=response.status_code, codes=codes, messages=messages, fields=fields, method=method, path=path
        )


# After a create whose answer was lost, look for what it made this many seconds apart (about 15 s in all): a slow
# create can still land after the client gave up on it.
LOST_CREATE_LOOKUPS = (1, 2, 4, 8)


def create_once(client, path, body, find_created, lookups=LOST_CREATE_LOOKUPS, sleep=time.sleep):
    """POST ``body`` to ``path`` without ever creating twice; ``(response, adopted)``.

    POST is never sent twice: when its answer is lost (connection reset, timeout,
    gateway error) the server may have committed, or may still commit, so
    ``find_created()`` looks for the resource over a bounded window. Found, it is
    adopted (``adopted`` is True, the response holds what ``find_created()``
    returned, and whatever only the lost answer carried, such as a secret, is lost
    with it). Not found, the failure says that the create may still complete and
    that running again adopts it.
    """
    try:
        return client.post(path, body=body), False
    except ElasticCloudError as exc:
        if exc.status not in AMBIGUOUS_STATUSES:
            raise
        for delay in lookups:
            sleep(delay)
            found = find_created()
            if found is not None:
                return ApiResponse(200, found, {}), True
        raise exc.reworded(
            "%s. The create may still complete on the server: run the task again to adopt what it made, rather than "
            "create another" % exc.message.replace(LOST_ANSWER_ADVICE, "")
        )


def _json_kind(python_type):
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(
        python_type, python_type.__name__
    )


def _seconds(value):
    if isinstance(value, tuple):
        value = value[-1]
    return ("%g" % value) if isinstance(value, (int, float)) else str(value)


def _reason(exc):
    """The innermost readable reason of a requests/urllib3 exception."""
    reason = exc
    for attribute in ("reason", "args"):
        inner = getattr(reason, attribute, None)
        if isinstance(inner, tuple) and inner:
            inner = inner[0]
        if isinstance(inner, Exception):
            reason = inner
    while getattr(reason, "reason", None) is not None and isinstance(reason.reason, Exception):
        reason = reason.reason
    text = str(reason)
    # urllib3 prefixes pool and object reprs; keep the human part.
    text = re.sub(r"<[^>]+>:?\s*", "", text)
    text = re.sub(r"HTTP(S)?ConnectionPool\([^)]*\):\s*", "", text)
    return text.strip() or exc.__class__.__name__
