# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Errors of the collection (private): input the user must change, and failures talking to the API.

Also reads what a failed answer says, in the vendor's format or as a proxy's page.
"""

from __future__ import annotations

import html
import re

# Parts of a proxy's HTML page that are not its message.
HIDDEN_HTML = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


class UsageError(Exception):
    """Input the user must change (an option, a name that matches twice): a plain failure, no traceback.

    Kept apart from ValueError, so that a bug raising ValueError still shows its traceback under -vvv.
    """


def single_match(matches, plural, criterion, hint, describe=None):
    """The one item of ``matches``, None when there is none; several is a UsageError naming each (never a guess).

    The message reads ``2 <plural> <criterion> (ids <a>, <b>); <hint>``.
    """
    if len(matches) > 1:
        described = ", ".join(describe(item) if describe else str(item.get("id")) for item in matches)
        raise UsageError("%d %s %s (ids %s); %s" % (len(matches), plural, criterion, described, hint))
    return matches[0] if matches else None


def check_not_empty(spec, params, allowed=(), prefix=""):
    """UsageError naming the string options of ``spec`` set to an empty or blank string, before any call.

    The API would reject them, or a lookup by an empty name would match nothing and create instead.
    """
    empty = sorted(
        prefix + name
        for name, option in spec.items()
        if option.get("type", "str") in ("str", "path") and name not in allowed
        and isinstance(params.get(name), str) and not params[name].strip()
    )
    if empty:
        raise UsageError("%s must not be empty" % " and ".join(empty))


class ElasticCloudError(Exception):
    """Any failure talking to the API: HTTP errors, connection problems, timeouts.

    ``status`` is the HTTP status (None when no response arrived), ``codes`` and
    ``messages`` come from the vendor error payload, ``fields`` names the request
    fields the API blamed.
    """

    def __init__(self, message, status=None, codes=None, messages=None, fields=None, method=None, path=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.codes = list(codes or [])
        self.messages = list(messages or [])
        self.fields = list(fields or [])
        self.method = method
        self.path = path

    def reworded(self, message):
        """The same failure told with ``message`` (its ``str()`` and ``message`` agree)."""
        return ElasticCloudError(message, self.status, self.codes, self.messages, self.fields, self.method, self.path)

    @property
    def response_lost(self):
        """True when the request may have reached the server but no answer came back."""
        return self.status is None

    def to_failure(self):
        """The structured ``failure`` returned by modules."""
        return {
            "status": self.status,
            "codes": self.codes,
            "messages": self.messages,
            "fields": self.fields,
            "method": self.method,
            "path": self.path,
        }


def login_failure(error, username, endpoint):
    """The failure of a password login, saying what to change when the cause is known."""
    if error.status == 401:
        return error.reworded("Login as %r at %s was refused: wrong username or password" % (username, endpoint))
    if error.status == 404:  # Elastic Cloud has no password login; only Elastic Cloud Enterprise has
        return error.reworded(
            "Login as %r at %s failed: the endpoint has no password login (%s returned 404); Elastic Cloud accepts "
            "API keys only: set api_key (or EC_API_KEY) instead of username and password" % (username, endpoint, error.path)
        )
    return error


def missing_api_hint(path, status, codes):
    """What an unknown-route 404 under the Serverless API means: the endpoint has none (ECE has no Serverless API)."""
    if status == 404 and "root.resource_not_found" in codes and path.startswith("/api/v1/serverless/"):
        return "; the endpoint has no Serverless API: Elastic Cloud Enterprise has none, use an Elastic Cloud endpoint"
    return ""


def parse_error_payload(response):
    """Return (codes, messages, fields) from a vendor error reply, whatever its shape."""
    codes, messages, fields = [], [], []
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("errors"), list):
        for error in body["errors"]:
            if not isinstance(error, dict):
                continue
            if error.get("code"):
                codes.append(str(error["code"]))
            if error.get("message"):
                messages.append(str(error["message"]))
            fields.extend(str(f) for f in error.get("fields") or [])
    header_codes = response.headers.get("x-cloud-error-codes")
    if header_codes:
        for code in header_codes.split(","):
            code = code.strip()
            if code and code not in codes:
                codes.append(code)
    if not messages:
        messages.append(describe_non_json_body(response))
    return codes, messages, fields


def readable_text(body):
    """The words of an HTML or text page: no markup, scripts, styles or head (unless it is all there is)."""
    visible = HIDDEN_HTML.sub(" ", body)
    if not TAG.sub("", visible).strip():
        visible = body
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", visible))).strip()


def describe_non_json_body(response):
    """A short, readable description of an error body that is not the vendor format."""
    content_type = response.headers.get("Content-Type", "unknown content type")
    text = readable_text(response.text or "")
    if not text:
        return "%s %s (empty %s body)" % (response.status_code, response.reason or "", content_type)
    return "%s %s (%s): %s" % (response.status_code, response.reason or "", content_type, text[:200])
