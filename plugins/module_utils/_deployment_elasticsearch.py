# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a deployment's Elasticsearch resource holds besides its plan, on the API (private): its keystore, its
remote clusters; and restarting it."""

from __future__ import annotations


def keystore_settings(client, target):
    """``{name: {"as_file": bool}}``: the API shows the names of the settings, never their values."""
    answer = client.get(target.path("keystore")).data or {}
    return {name: {"as_file": bool((secret or {}).get("as_file"))} for name, secret in (answer.get("secrets") or {}).items()}


def patch_keystore(client, target, secrets):
    """PATCH the keystore with ``secrets`` (``{name: {"value", "as_file"}}``); settings not named stay.

    A setting is removed by sending it without a value: the spec's KeystoreSecret says "When the keystore secret is
    unspecified, it is removed" (ecctl's docs send null instead; the spec's schema types a secret as an object).
    """
    client.patch(target.path("keystore"), body={"secrets": secrets})


def remote_clusters(client, target):
    """The certificate-based remote clusters, without the API's read-only ``info``."""
    answer = client.get(target.path("remote-clusters")).data or {}
    return [remote_entry(remote) for remote in answer.get("resources") or []]


def remote_entry(remote):
    """A remote cluster as the API takes it, ``skip_unavailable`` defaulted as the spec says (false)."""
    return {"deployment_id": remote.get("deployment_id"), "elasticsearch_ref_id": remote.get("elasticsearch_ref_id"),
            "alias": remote.get("alias"), "skip_unavailable": bool(remote.get("skip_unavailable"))}


def put_remote_clusters(client, target, remotes):
    """Replace the whole list of remote clusters (the API's PUT overwrites it)."""
    client.put(target.path("remote-clusters"), body={"resources": remotes})


def restart(client, target):
    """Restart the Elasticsearch resource: a plan of its own, that applies after any pending one is done."""
    client.post(target.path("_restart"))
