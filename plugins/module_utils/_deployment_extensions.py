# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Deployment extensions (custom bundles and plugins): lookup, the uploaded file's checksum, views (private)."""

from __future__ import annotations

import hashlib
import re

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import single_match

EXTENSIONS_PATH = "/api/v1/deployments/extensions"
EXTENSION_TYPES = ["bundle", "plugin"]

# The API keeps no checksum of an uploaded file: file_metadata holds only its size, date and a temporary link.
# Elastic's terraform provider keeps the checksum in its state (file_hash). A module has no state, so the
# checksum of the file the collection uploaded rides at the end of the extension's description, the one free
# field the API keeps and returns, as " [sha256:<hex>]". Options and results show the description without it.
CHECKSUM_MARK = re.compile(r"(?:^|\s)\[sha256:([0-9a-f]{64})\]$")


def extension_path(extension_id):
    return api_path(EXTENSIONS_PATH + "/{}", extension_id)


def list_extensions(client):
    return client.get(EXTENSIONS_PATH).data.get("extensions") or []


def find_extension(client, extension_id=None, name=None):
    """The extension with this id, else the one with exactly this name, or None; two of that name fail."""
    if extension_id:
        found = client.get_optional(extension_path(extension_id))
        return found.data if found else None
    matches = [extension for extension in list_extensions(client) if extension.get("name") == name]
    return single_match(matches, "extensions", "are named %r" % name, "give the id of the one to manage")


def split_description(description):
    """``(text, checksum)``: the description as the user wrote it, and the checksum mark, or None."""
    description = description or ""
    mark = CHECKSUM_MARK.search(description)
    if not mark:
        return description, None
    return description[: mark.start()], mark.group(1)


def join_description(text, checksum):
    """The description to store: ``text``, then the checksum mark when there is one."""
    if not checksum:
        return text or ""
    return "%s [sha256:%s]" % (text, checksum) if text else "[sha256:%s]" % checksum


def file_checksum(content):
    return hashlib.sha256(content).hexdigest()


def extension_view(record):
    """The extension as the modules return it and diff mode shows it; {} for none."""
    if not record:
        return {}
    text, checksum = split_description(record.get("description"))
    metadata = record.get("file_metadata") or {}
    view = {
        "id": record.get("id"),
        "name": record.get("name"),
        "extension_type": record.get("extension_type"),
        "version": record.get("version"),
        "description": text,
        "url": record.get("url"),
        "download_url": record.get("download_url"),
        "file_size": metadata.get("size"),
        "file_last_modified": metadata.get("last_modified_date"),
        "file_sha256": checksum,
    }
    if "deployments" in record:
        view["deployments"] = record["deployments"]
    return view
