# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Elastic Cloud API keys (``/api/v1/users/auth/keys``), shared by api_key and api_key_info (private)."""

from __future__ import annotations


from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError

OWN_KEYS_PATH = "/api/v1/users/auth/keys"
ALL_KEYS_PATH = "/api/v1/users/auth/keys/_all"
USER_KEYS_PATH = "/api/v1/users/{}/auth/keys"
USER_NOT_FOUND = "api_keys.user_not_found"


def keys_path(user_id=None):
    """The caller's keys, or those of ``user_id``."""
    return api_path(USER_KEYS_PATH, user_id) if user_id else OWN_KEYS_PATH


def key_path(key_id, user_id=None):
    return keys_path(user_id) + api_path("/{}", key_id)


def list_keys(client, user_id=None, all_users=False):
    """Metadata of the caller's keys, of one user's keys, or of every user's keys."""
    path = ALL_KEYS_PATH if all_users else keys_path(user_id)
    try:
        return (client.get(path).data or {}).get("keys") or []
    except ElasticCloudError as exc:
        raise _user_error(exc, user_id)


def get_key(client, key_id, user_id=None):
    """Metadata of one key, or None when it does not exist (an unknown user is an error)."""
    try:
        return client.get(key_path(key_id, user_id)).data
    except ElasticCloudError as exc:
        if exc.status == 404 and USER_NOT_FOUND not in exc.codes:
            return None
        raise _user_error(exc, user_id)


def delete_key(client, key_id, user_id=None):
    """Delete one key; one already gone (deleted meanwhile) is not an error."""
    try:
        client.delete(key_path(key_id, user_id))
    except ElasticCloudError as exc:
        if exc.status == 404 and USER_NOT_FOUND not in exc.codes:
            return
        raise _user_error(exc, user_id)


def _user_error(exc, user_id):
    if exc.status == 404 and USER_NOT_FOUND in exc.codes:
        return exc.reworded("user_id %r: no such user in the organization (%s)" % (user_id, exc.message))
    return exc
