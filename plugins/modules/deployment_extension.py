#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: deployment_extension
short_description: Create, update and delete the custom bundles and plugins of hosted deployments
version_added: 0.2.0
description:
  - Manages a deployment extension of Elastic Cloud or Elastic Cloud Enterprise, a custom bundle or plugin that
    deployments name in their Elasticsearch plan (C(user_bundles), C(user_plugins)) by its RV(deployment_extension.url).
  - An extension is found by O(id), or else by its exact O(name). Two extensions sharing a name are an error, never
    a guess; use O(id) then.
  - Its archive comes either from O(file_path), uploaded by the module, or from O(download_url), which the API copies.
  - The API keeps no checksum of an uploaded file. The module uploads O(file_path) again only when its size differs
    from the stored file's or its SHA-256 differs from the one the module recorded at its last upload, which it keeps
    at the end of the extension's description as C([sha256:<hex>]). The description in options, results and diffs
    leaves that mark out. A file uploaded by other means has no mark, so the next run uploads O(file_path) again.
  - A deployment uses a new file only after a plan change; see M(elastic_cloud.cloud.deployment).
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  state:
    description:
      - V(present) creates the extension or updates it to match; V(absent) deletes it.
      - Deleting an extension a deployment's plan uses fails; remove it from the deployments' plans first.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of an existing extension. With O(id), O(name) renames the extension.
    type: str
  name:
    description:
      - Name of the extension (ASCII letters, digits, C(_), C(.) and C(-)). Required to create one.
    type: str
  extension_type:
    description:
      - V(bundle) (files such as synonyms or scripts) or V(plugin). Required to create an extension.
      - The type cannot change once the extension exists (the API ignores such a change).
    type: str
    choices: [bundle, plugin]
  version:
    description:
      - The Elasticsearch versions the extension is for. A plugin names one version exactly (V(8.15.0)); a bundle
        may name a major version, such as V(8.*). Required to create an extension.
    type: str
  description:
    description:
      - Description of the extension. V("") removes it.
    type: str
  file_path:
    description:
      - "Path of the archive (a ZIP file) to upload, on the host the module runs on. Run the task with
        C(delegate_to: localhost) to upload a file of the controller."
      - Uploaded when the extension is created, and again whenever the file changes.
    type: path
  download_url:
    description:
      - An C(http) or C(https) URL of the archive, which the API downloads. A different URL makes the API download
        again; the same URL is not downloaded again, even if the file behind it changed.
    type: str
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes
notes:
  - Check mode reads O(file_path) to tell whether it would be uploaded, and sends nothing.
"""

EXAMPLES = r"""
- name: Create a bundle of synonyms from a file of the controller
  elastic_cloud.cloud.deployment_extension:
    name: synonyms
    extension_type: bundle
    version: "8.*"
    description: Product synonyms
    file_path: "{{ playbook_dir }}/files/synonyms.zip"
  delegate_to: localhost
  register: synonyms

- name: Show the URL that deployment plans name
  ansible.builtin.debug:
    msg: "{{ synonyms.deployment_extension.url }}"

- name: Create a plugin the API downloads
  elastic_cloud.cloud.deployment_extension:
    name: analysis-custom
    extension_type: plugin
    version: 8.15.0
    download_url: https://example.com/analysis-custom-8.15.0.zip

- name: Delete an extension
  elastic_cloud.cloud.deployment_extension:
    name: analysis-custom
    state: absent
"""

RETURN = r"""
deployment_extension:
  description:
    - The extension as it is after the task (as it would be, in check mode).
    - Empty after O(state=absent).
  returned: success
  type: dict
  contains:
    id:
      description: Extension ID. Not known yet when an extension would be created in check mode.
      type: str
      sample: "4226448541"
    name:
      description: Name of the extension.
      type: str
      sample: synonyms
    extension_type:
      description: V(bundle) or V(plugin).
      type: str
      sample: bundle
    version:
      description: The Elasticsearch versions the extension is for.
      type: str
      sample: 8.*
    description:
      description: Description of the extension, without the module's checksum mark; V("") when it has none.
      type: str
      sample: Product synonyms
    url:
      description: The URL a deployment plan names the extension by (C(user_bundles), C(user_plugins)).
      type: str
      sample: repo://4226448541
    download_url:
      description: The URL the API downloaded the archive from, or V(null).
      type: str
      sample: https://example.com/analysis-custom-8.15.0.zip
    file_size:
      description: Size of the stored archive in bytes, or V(null) when it has none yet.
      type: int
      sample: 2048
    file_last_modified:
      description: When the stored archive last changed, or V(null).
      type: str
      sample: "2026-01-01T12:00:00.000Z"
    file_sha256:
      description: SHA-256 of the archive the module last uploaded (from the description's mark), or V(null).
      type: str
      sample: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
"""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_extensions import (
    EXTENSION_TYPES,
    EXTENSIONS_PATH,
    extension_path,
    extension_view,
    file_checksum,
    find_extension,
    join_description,
    split_description,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError

IN_USE = "extensions.extension_in_use"


class LocalFile:
    """The archive O(file_path) names: its bytes, size and checksum, read once."""

    def __init__(self, path):
        try:
            with open(path, "rb") as handle:
                self.content = handle.read()
        except (IOError, OSError) as exc:
            raise UsageError("file_path %s cannot be read: %s" % (path, exc.strerror or exc))
        if not self.content:
            raise UsageError("file_path %s is empty" % path)
        self.name = path.replace("\\", "/").rsplit("/", 1)[-1]
        self.size = len(self.content)
        self.checksum = file_checksum(self.content)

    def differs_from(self, record):
        """Whether the extension's stored file is not this one, as far as size and the checksum mark tell."""
        stored_size = (record.get("file_metadata") or {}).get("size")
        return stored_size != self.size or split_description(record.get("description"))[1] != self.checksum


class DeploymentExtension(ElasticCloudModule):
    allow_empty = ("description",)  # "" clears it
    module_options = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        id=dict(type="str"),
        name=dict(type="str"),
        extension_type=dict(type="str", choices=EXTENSION_TYPES),
        version=dict(type="str"),
        description=dict(type="str"),
        file_path=dict(type="path"),
        download_url=dict(type="str"),
    )
    required_one_of = [["id", "name"]]
    mutually_exclusive = [["file_path", "download_url"]]

    def run(self):
        params = self.params
        # Read before any call: a file that cannot be read fails the task without a request.
        local = LocalFile(params["file_path"]) if params["file_path"] and params["state"] == "present" else None
        existing = find_extension(self.client, params["id"], params["name"])
        if params["state"] == "absent":
            return {"deployment_extension": self.absent(existing)}
        if params["id"] and existing is None:
            raise UsageError("No deployment extension has the id %r" % params["id"])
        if existing is None:
            return {"deployment_extension": extension_view(self.create(local))}
        return {"deployment_extension": extension_view(self.update(existing, local))}

    # -- creating ------------------------------------------------------------------------------
    def create(self, local):
        params = self.params
        for option in ("name", "extension_type", "version"):
            if not params[option]:
                raise UsageError("%s is required to create a deployment extension" % option)
        # The checksum goes in with the create: until the upload lands the extension has no file, and an extension
        # without a file is uploaded to on the next run whatever its mark says.
        body = self.request_body(params["name"], params["extension_type"], params["version"],
                                 params["description"] or "", local.checksum if local else None)  # fmt: skip
        if params["download_url"]:
            body["download_url"] = params["download_url"]
        self.mark_changed()
        created = dict(body, id=None)
        if local:
            created["file_metadata"] = {"size": local.size}
        if not self.check_mode:
            response, adopted = create_once(self.client, EXTENSIONS_PATH, body, self.created_meanwhile)
            created = response.data
            if adopted:
                self.module.warn("The answer creating deployment extension %r was lost; it was found and adopted"
                                 % params["name"])  # fmt: skip
            if local:
                created = self.upload(created["id"], local)
        self.diff = {"before": {}, "after": extension_view(created)}
        return created

    def created_meanwhile(self):
        return find_extension(self.client, name=self.params["name"])

    # -- updating ------------------------------------------------------------------------------
    def update(self, existing, local):
        params = self.params
        if params["extension_type"] and params["extension_type"] != existing.get("extension_type"):
            raise UsageError(
                "Deployment extension %s (%s) is a %s; it cannot become a %s (delete it and create it again)"
                % (existing["id"], existing.get("name"), existing.get("extension_type"), params["extension_type"])
            )
        upload = local is not None and local.differs_from(existing)
        wanted = self.wanted(existing, local)
        result = existing
        if upload or wanted != self.current(existing):
            self.mark_changed()
            result = self.planned(existing, wanted, local if upload else None)
            if not self.check_mode:
                result = self.apply(existing, wanted, local if upload else None)
        self.diff = {"before": extension_view(existing), "after": extension_view(result)}
        return result

    def wanted(self, existing, local):
        """The update request that makes the extension match the options (left-out options keep their value)."""
        params = self.params
        text, checksum = split_description(existing.get("description"))
        if params["description"] is not None:
            text = params["description"]
        if local is not None:
            checksum = local.checksum
        elif params["download_url"]:
            checksum = None  # the file now comes from the URL: no upload of the module's to vouch for
        body = self.request_body(params["name"] or existing["name"], existing["extension_type"],
                                 params["version"] or existing["version"], text, checksum)  # fmt: skip
        if params["download_url"] and params["download_url"] != existing.get("download_url"):
            body["download_url"] = params["download_url"]
        return body

    @staticmethod
    def current(existing):
        """The extension's metadata as an update request that changes nothing would carry it."""
        body = {key: existing[key] for key in ("name", "extension_type", "version")}
        if existing.get("description"):
            body["description"] = existing["description"]
        return body

    @staticmethod
    def request_body(name, extension_type, version, text, checksum):
        body = {"name": name, "extension_type": extension_type, "version": version}
        description = join_description(text, checksum)
        if description:  # always sent when set: an update without it may clear it
            body["description"] = description
        return body

    @staticmethod
    def planned(existing, wanted, local):
        """What the extension would look like after the update (check mode's answer)."""
        planned = dict(existing, **wanted)
        if "description" not in wanted:
            planned.pop("description", None)
        if local is not None:
            planned["file_metadata"] = {"size": local.size}
        return planned

    def apply(self, existing, wanted, local):
        # The file goes first: were the metadata update with the new checksum to land and the upload to fail,
        # the mark would vouch for a file the API does not have.
        uploaded = self.upload(existing["id"], local) if local is not None else None
        if uploaded is not None and wanted == self.current(existing):
            return uploaded
        return self.client.post(extension_path(existing["id"]), body=wanted).data

    def upload(self, extension_id, local):
        return self.client.upload(extension_path(extension_id), "file", local.name, local.content).data

    # -- deleting ------------------------------------------------------------------------------
    def absent(self, existing):
        if existing is None:
            return {}
        self.mark_changed()
        self.diff = {"before": extension_view(existing), "after": {}}
        if not self.check_mode:
            try:
                self.client.delete(extension_path(existing["id"]), missing_ok=True)
            except ElasticCloudError as exc:
                if IN_USE not in (exc.codes or ()):
                    raise
                raise exc.reworded("%s. Remove its URL %s from the user_bundles or user_plugins of those deployments' "
                                   "plans first" % (exc.message, existing.get("url")))  # fmt: skip
        return {}


def main():
    DeploymentExtension.execute()


if __name__ == "__main__":
    main()
