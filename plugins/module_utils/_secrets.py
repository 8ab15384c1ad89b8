# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Private files for secrets the API returns only once: project credentials, API key secrets (private)."""

from __future__ import annotations

import json
import os
import tempfile

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError


def write_private_file(path, text):
    """Write ``text`` to ``path`` with mode 0600, atomically (never readable by others, never half written)."""
    path = os.path.abspath(os.path.expanduser(path))
    handle, partial = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".%s." % os.path.basename(path))
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as stream:
            stream.write(text)
        os.replace(partial, path)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return path


def ensure_private_dir(path, option, check_mode):
    """The directory (``~`` expanded), created private (0700) when missing; nothing is made in check mode."""
    path = os.path.abspath(os.path.expanduser(path))
    if not os.path.isdir(path) and not check_mode:
        try:
            os.makedirs(path, mode=0o700)
        except OSError as exc:
            raise UsageError("%s %s could not be created: %s" % (option, path, exc.strerror or exc))
    if os.path.isdir(path) and not os.access(path, os.W_OK | os.X_OK):
        raise UsageError("%s %s is not writable" % (option, path))
    return path


def check_writable_file(path, option):
    """Fail before a create or reset, not after it, when the secret it returns could not be kept in ``path``."""
    directory = os.path.dirname(os.path.abspath(os.path.expanduser(path)))
    if not os.path.isdir(directory) or not os.access(directory, os.W_OK | os.X_OK):
        raise UsageError("%s %s: directory %s does not exist or is not writable" % (option, path, directory))


def write_private_json(path, record):
    """Write ``record`` as JSON to ``path``, privately and atomically (see write_private_file)."""
    return write_private_file(path, json.dumps(record, indent=2, sort_keys=True) + "\n")


def private_file_name(kind, name):
    """``<kind>-<name>.json``, the one name of a credentials file in a credentials directory.

    A name that cannot be one file name (``team/b``, ``..``, a leading dot) is a UsageError, raised before any call.
    """
    name = str(name or "")
    if not name or "/" in name or "\0" in name or name.startswith("."):
        raise UsageError("The %s name %r cannot name its credentials file in a credentials directory (%s-<name>.json): "
                         "it must not be empty, start with a dot or contain a slash" % (kind, name, kind))
    return "%s-%s.json" % (kind, name)
