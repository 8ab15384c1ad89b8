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


def delete_keys(client, keys, user_id=None):
    """Delete the listed keys; several go in one multi-key DELETE, never as a burst of single deletes.

    Elastic's ecctl deletes keys one at a time a second apart: "Only delete a key per second as anything below
    causes a 500" (elastic/ecctl, cmd/auth/key/delete.go). The API's multi-key DELETE avoids that limit.
    """
    ids = [key["id"] for key in keys]
    if len(ids) == 1:
        delete_key(client, ids[0], user_id)
    elif ids and user_id:
        pairs = [{"user_id": key.get("user_id") or user_id, "api_key_id": key["id"]} for key in keys]
        try:
            client.delete(ALL_KEYS_PATH, body={"user_api_keys": pairs})
        except ElasticCloudError as exc:
            raise _user_error(exc, user_id)
    elif ids:
        client.delete(OWN_KEYS_PATH, body={"keys": ids})


def creation_refused(exc, description):
    """A 403 creating a key, reworded to say who may create keys on each platform."""
    if exc.status != 403:
        return exc
    return exc.reworded(
        "Creating API key %r was refused (%s): on Elastic Cloud only organization owners (role organization-admin) "
        "can create API keys; on Elastic Cloud Enterprise the built-in admin and readonly users cannot own API keys, "
        "so log in as another platform user" % (description, exc.message)
    )


def _user_error(exc, user_id):
    if exc.status == 404 and USER_NOT_FOUND in exc.codes:
        return exc.reworded("user_id %r: no such user in the organization (%s)" % (user_id, exc.message))
    return exc
