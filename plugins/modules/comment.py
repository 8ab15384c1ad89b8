#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: comment
short_description: Manage comments on Elastic Cloud and Elastic Cloud Enterprise resources
version_added: 0.1.0
description:
  - Creates, updates and deletes the comments attached to a resource such as a deployment's Elasticsearch
    cluster or an ECE allocator.
  - Without O(comment_id), a comment is identified by its exact O(text). With O(comment_id), that comment's
    text is updated when it differs.
  - Updates and deletions send the version of the comment that was read, so a comment someone else changed in
    between is never overwritten; that is a failure instead.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  resource_type:
    description:
      - The kind of resource the comment belongs to.
    type: str
    required: true
    choices: [elasticsearch, kibana, apm, appsearch, enterprise_search, integrations_server, allocator, constructor,
              runner, proxy]
  resource_id:
    description:
      - ID of the resource the comment belongs to.
    type: str
    required: true
  text:
    description:
      - Text of the comment (the API's C(message); that name is reserved by Ansible). Required with
        O(state=present).
      - Without O(comment_id) and O(state=present), a comment with exactly this text on the resource means nothing
        to do; otherwise one is created.
      - Without O(comment_id) and O(state=absent), every comment with exactly this text on the resource is deleted.
    type: str
  comment_id:
    description:
      - ID of an existing comment, to update its text (O(state=present)) or to delete it (O(state=absent)).
    type: str
  state:
    description:
      - Whether the comment should exist.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Only the author of a comment can change or delete it.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: Note a maintenance window on an allocator (once, however often the play runs)
  elastic_cloud.cloud.comment:
    api_key: "{{ ec_api_key }}"
    resource_type: allocator
    resource_id: i-0a1b2c3d4e5f
    text: Disk replacement scheduled for Saturday
  register: note

- name: Reword that comment, unless someone changed it meanwhile
  elastic_cloud.cloud.comment:
    api_key: "{{ ec_api_key }}"
    resource_type: allocator
    resource_id: i-0a1b2c3d4e5f
    comment_id: "{{ note.comment.id }}"
    text: Disk replaced on Saturday

- name: Delete it
  elastic_cloud.cloud.comment:
    api_key: "{{ ec_api_key }}"
    resource_type: allocator
    resource_id: i-0a1b2c3d4e5f
    comment_id: "{{ note.comment.id }}"
    state: absent
"""

RETURN = r"""
comment:
  description:
    - The comment after the run, with O(state=present).
    - In check mode, a comment that would be created has only C(message).
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: ID of the comment.
      type: str
      sample: 5a1e5c36b3e84b4c9e60
    user_id:
      description: ID of the user who wrote the comment.
      type: str
      sample: "123456789"
    message:
      description: Text of the comment.
      type: str
      sample: Disk replacement scheduled for Saturday
    version:
      description: Version of the comment, which changes on every update.
      type: str
      sample: "2"
removed:
  description:
    - The comments deleted (or, in check mode, that would be deleted), with the same fields as RV(comment).
  returned: when O(state=absent)
  type: list
  elements: dict
  sample: [{"id": "5a1e5c36b3e84b4c9e60", "user_id": "123456789", "message": "Disk replaced", "version": "2"}]
"""


from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path, create_once
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError

RESOURCE_TYPES = [
    "elasticsearch", "kibana", "apm", "appsearch", "enterprise_search", "integrations_server",
    "allocator", "constructor", "runner", "proxy",
]
VERSION_HEADER = "x-cloud-resource-version"
# What the API's documented error codes mean for the user.
EXPLANATIONS = {
    "comments.version_conflict": "someone else changed or deleted comment %(id)s since it was read; "
                                 "run again to act on its current version",
    "comments.unauthorised": "comment %(id)s was written by another user: only its author can change or delete it",
    "comments.no_user_id": "the credentials have no user attached, and comments need an author",
    "comments.resource_does_not_exist": "no %(type)s %(resource)s can hold comments",
    "comments.comment_does_not_exist": "comment %(id)s does not exist on %(type)s %(resource)s",
}


def with_version(comment, version):
    return dict(comment, version=version) if version is not None else dict(comment)


class Comment(ElasticCloudModule):
    module_options = dict(
        resource_type=dict(type="str", required=True, choices=RESOURCE_TYPES),
        resource_id=dict(type="str", required=True),
        text=dict(type="str"),
        comment_id=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    required_if = [["state", "present", ["text"]], ["state", "absent", ["comment_id", "text"], True]]

    @property
    def base_path(self):
        return api_path("/api/v1/comments/{}/{}", self.params["resource_type"], self.params["resource_id"])

    def comment_path(self, comment_id):
        return self.base_path + api_path("/{}", comment_id)

    def __init__(self, module):
        super().__init__(module)
        self.acting_on = self.params["comment_id"]  # the comment named in error messages

    def run(self):
        try:
            if self.params["state"] == "present":
                return {"comment": self.present()}
            return {"removed": self.absent()}
        except ElasticCloudError as exc:
            raise self.explained(exc)

    def explained(self, exc):
        """Prefix the API's error with what it means here, for the codes the spec documents."""
        for code in exc.codes:
            if code in EXPLANATIONS:
                values = {"id": self.acting_on, "type": self.params["resource_type"],
                          "resource": self.params["resource_id"]}
                return exc.reworded("%s (%s)" % (EXPLANATIONS[code] % values, exc.message))
        return exc

    # -- reading -------------------------------------------------------------------------
    def read(self, comment_id):
        """The comment with its version, or None when it does not exist."""
        response = self.client.get_optional(self.comment_path(comment_id))
        if response is None:
            return None
        return with_version(response.data, response.headers.get(VERSION_HEADER))

    def with_text(self):
        values = (self.client.get(self.base_path).data or {}).get("values") or []
        return [
            with_version(value["comment"], (value.get("metadata") or {}).get("version"))
            for value in values
            if (value.get("comment") or {}).get("message") == self.params["text"]
        ]

    # -- states ----------------------------------------------------------------------------
    def present(self):
        if self.params["comment_id"]:
            return self.update()
        existing = self.with_text()
        if existing:
            return existing[0]
        self.mark_changed()
        self.diff = {"before": {}, "after": {"message": self.params["text"]}}
        if self.check_mode:
            return {"message": self.params["text"]}
        response, _adopted = create_once(self.client, self.base_path, {"message": self.params["text"]}, self.created)
        return with_version(response.data, response.headers.get(VERSION_HEADER))

    def created(self):
        """After a lost create answer: the comment it made, if the server committed it."""
        existing = self.with_text()
        return existing[0] if existing else None

    def update(self):
        comment_id = self.params["comment_id"]
        current = self.read(comment_id)
        if current is None:
            raise UsageError(
                "comment %s does not exist on %s %s: leave out comment_id to create a comment"
                % (comment_id, self.params["resource_type"], self.params["resource_id"])
            )
        if current.get("message") == self.params["text"]:
            return current
        self.mark_changed()
        self.diff = {"before": {"message": current.get("message")}, "after": {"message": self.params["text"]}}
        if self.check_mode:
            return dict(current, message=self.params["text"])
        try:
            response = self.client.put(
                self.comment_path(comment_id), body={"message": self.params["text"]}, params=self.version_query(current)
            )
        except ElasticCloudError as exc:
            landed = self.read(comment_id) if exc.status == 409 else None
            if landed is not None and landed.get("message") == self.params["text"]:
                return landed  # a retry after our own update was committed but its answer lost
            raise
        return with_version(response.data, response.headers.get(VERSION_HEADER))

    def absent(self):
        if self.params["comment_id"]:
            found = self.read(self.params["comment_id"])
            targets = [found] if found else []
        else:
            targets = self.with_text()
        if targets:
            self.mark_changed()
            self.diff = {"before": {"comments": [{"id": c["id"], "message": c.get("message")} for c in targets]},
                         "after": {"comments": []}}
            if not self.check_mode:
                for comment in targets:
                    self.delete(comment)
        return targets

    def delete(self, comment):
        self.acting_on = comment["id"]
        self.client.delete(self.comment_path(comment["id"]), params=self.version_query(comment), missing_ok=True)

    @staticmethod
    def version_query(comment):
        return {"version": comment["version"]} if comment.get("version") is not None else None


def main():
    Comment.execute()


if __name__ == "__main__":
    main()
