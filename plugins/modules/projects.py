#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: projects
short_description: Converge a list of Elastic Cloud Serverless projects in one task
version_added: 0.1.0
description:
  - Manages several Elastic Cloud Serverless projects at once, each item of O(projects) with the options of
    M(elastic_cloud.cloud.project) and the same behaviour (lookup by ID or exact name, PATCH of only the fields
    that differ with C(If-Match), adoption of a project whose create response was lost, clear failures for
    fields that cannot change).
  - Lists the projects of each type used once (every page), instead of once per project. An item is found by
    O(projects[].id), or without it by its exact O(projects[].name) within its O(projects[].type); two projects
    of that type with the name are a failure naming both IDs.
  - Creates every missing project first, then updates and deletes the others, and only then waits (O(wait)) for
    all the new projects together, so N new projects take about one initialisation time.
  - A run that changes nothing sends one list call per type (per page) and nothing else.
  - When an item fails on the API, the other items are still converged (as a loop would); the task then fails
    naming each failed item, and still returns RV(projects) and the RV(credentials) of the projects it created.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  projects:
    description:
      - The projects. Each item takes the options of M(elastic_cloud.cloud.project) except C(wait) and
        C(wait_timeout); see that module for the details of each.
      - Two items for the same O(projects[].name) and O(projects[].type) (or the same O(projects[].id)) are a failure.
      - Items are validated before any API call; an error names the item's index and the field.
    type: list
    elements: dict
    required: true
    suboptions:
      state:
        description:
          - V(present) creates the project or brings it to the requested settings; V(absent) deletes it.
        type: str
        choices: [present, absent]
        default: present
      type:
        description:
          - The project type. It cannot change after creation.
        type: str
        choices: [elasticsearch, observability, security]
        default: elasticsearch
      id:
        description:
          - ID of the project. With it, O(projects[].name) is the name to set.
          - One of O(projects[].id) or O(projects[].name) is required.
        type: str
      name:
        description:
          - Name of the project, found exactly within O(projects[].type) when O(projects[].id) is not set.
          - Required to create a project.
        type: str
      region_id:
        description:
          - Region of the project, for example V(aws-us-east-1). Required to create a project; it cannot change.
        type: str
      alias:
        description:
          - Custom domain label of the project endpoints, without the C(-<id prefix>) suffix the API appends.
        type: str
      tags:
        description:
          - Tags of the project metadata, as key-value pairs.
          - Tags missing from it are removed unless O(projects[].purge_tags=false).
        type: dict
      purge_tags:
        description:
          - Whether to remove the tags that are not in O(projects[].tags).
        type: bool
        default: true
      traffic_filters:
        description:
          - IDs or names (within the project's region) of the traffic filters attached; the complete list.
          - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
        type: list
        elements: str
      linked_projects:
        description:
          - IDs or exact names of the projects this project's cross-project search is linked to; the complete list
            (compared as a set). V([]) removes every link. As O(elastic_cloud.cloud.project#module:linked_projects).
        type: list
        elements: str
      optimized_for:
        description:
          - Hardware profile of an V(elasticsearch) project. It cannot change after creation.
        type: str
        choices: [general_purpose, vector]
      search_lake:
        description:
          - Search AI Lake settings of V(elasticsearch) or V(security) projects. Only the sub-options set are managed.
        type: dict
        suboptions:
          search_power:
            description:
              - Search power of an V(elasticsearch) project (28 to 3000).
            type: int
          boost_window:
            description:
              - Search boost window of an V(elasticsearch) project, in days (1 to 180).
            type: int
          data_retention:
            description:
              - Data retention of a V(security) project's data streams.
            type: dict
            suboptions:
              default_retention_days:
                description:
                  - Days data stays available by default (7 to 3681).
                type: int
              max_retention_days:
                description:
                  - Longest retention allowed, in days (7 to 3681).
                type: int
      product_tier:
        description:
          - Product tier of an V(observability) project.
          - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
        type: str
        choices: [complete, logs_essentials]
      product_types:
        description:
          - Product lines and tiers of a V(security) project (compared in any order).
          - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
        type: list
        elements: dict
        suboptions:
          product_line:
            description:
              - The Security product line.
            type: str
            choices: [security, cloud, endpoint]
            required: true
          product_tier:
            description:
              - The tier of that line.
            type: str
            choices: [complete, essentials]
            required: true
      admin_features_package:
        description:
          - Admin features package of a V(security) project.
          - When a reply of the API leaves it out, it is unknown, not different - nothing is sent or reported for it.
        type: str
        choices: [standard, enterprise]
      credentials_file:
        description:
          - When the project is created, write its credentials (with its ID, alias, endpoints and cloud ID) as JSON to
            this file, with mode C(0600). Nothing is written for an existing project, nor in check mode.
          - After an update (a rename may change them), an existing file of this project gets the project's new
            alias, endpoints and cloud ID, keeping its credentials; a file that cannot be rewritten is a warning.
        type: path
  credentials_dir:
    description:
      - Write the credentials of each project this task creates to C(<type>-<name>.json) in this directory (mode
        C(0600)), unless its item sets O(projects[].credentials_file), and leave them out of RV(credentials); the
        result then holds no secret, so the task needs no C(no_log) and its errors stay readable.
      - The directory is created (mode C(0700)) when missing, and checked before any project is created, so a
        password the API returns only once is never lost. A name that cannot be a file name (C(team/b)) fails
        that item before it is created.
    type: path
  wait:
    description:
      - Wait until every project this task created is in phase V(initialized), and every project it deleted is gone.
      - All are polled together, round-robin, 1 second after the changes, then 2 and 4 seconds later, then every
        5 seconds (the API rate limit is per credential); a round stops at the first project not ready yet.
      - With O(wait_for=changed), projects that existed already are not waited for (that would cost one call per
        project).
      - An update the API answers with HTTP 409 because the project is still initializing is sent again once it is
        initialized, within O(wait_timeout); with O(wait=false) it is a failure that says so.
      - A project already being deleted is not deleted again; it is waited for until gone.
    type: bool
    default: true
  wait_for:
    description:
      - Which projects O(wait=true) waits for.
      - V(changed) waits for the projects this task created or deleted.
      - V(all) also waits for every other present project in O(projects) to be V(initialized), for example to wait,
        in a later task, for projects an earlier task created with O(wait=false).
    type: str
    choices: [changed, all]
    default: changed
  wait_timeout:
    description:
      - How long to wait for all of them, in seconds. A timeout is a failure that names each project still
        pending and the last phase seen.
    type: int
    default: 900
notes:
  - Calls of a run that changes nothing - one list call per type used (per page of 100 projects).
  - Calls of a run that creates N projects - one list call per type, N creates, one more list call per type
    (a project of the same name made meanwhile by a concurrent run fails its item, naming both IDs), then status
    reads of the projects not ready yet, a few rounds in all.
  - A create whose answer is lost (timeout, connection reset, HTTP 502 or 504) is never sent again. The module
    looks the name up over about 15 seconds and adopts the project if it appears; otherwise the item fails,
    saying that the create may still complete and that running the task again adopts it.
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.attributes
"""

EXAMPLES = r"""
- name: A private directory for credentials files
  ansible.builtin.file:
    path: ~/.elastic
    state: directory
    mode: "0700"

- name: Three projects of different types, created together and ready to use
  elastic_cloud.cloud.projects:
    projects:
      - name: search-prod
        region_id: aws-us-east-1
        optimized_for: general_purpose
        tags:
          env: prod
        credentials_file: ~/.elastic/elasticsearch-search-prod.json
      - name: logs
        type: observability
        region_id: gcp-us-central1
        product_tier: logs_essentials
      - name: soc
        type: security
        region_id: aws-us-east-1
        admin_features_package: enterprise
  register: converged
  no_log: true  # the return holds the passwords of the new projects

- name: Endpoints of every project, by name
  ansible.builtin.debug:
    msg: "{{ dict(converged.projects | map(attribute='name') | zip(converged.projects | map(attribute='endpoints'))) }}"

- name: Delete two of them, without waiting until they are gone
  elastic_cloud.cloud.projects:
    projects:
      - name: logs
        type: observability
        state: absent
      - name: soc
        type: security
        state: absent
    wait: false
"""

RETURN = r"""
projects:
  description:
    - One entry per item of O(projects), in the same order, the project as the API returns it (without
      credentials), plus C(status) when it was read.
    - Empty for an item with O(projects[].state=absent). In check mode, a project that would be created holds
      the requested fields.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the project.
      type: str
      sample: 5a3ab0f0c51f4fd8a1c5d2b1e6a3c9f7
    name:
      description: Name of the project.
      type: str
      sample: search-prod
    type:
      description: Type of the project.
      type: str
      sample: elasticsearch
    alias:
      description: Alias of the project with the suffix the API adds.
      type: str
      sample: search-prod-5a3ab0
    region_id:
      description: Region of the project.
      type: str
      sample: aws-us-east-1
    cloud_id:
      description: Cloud ID for clients of Elasticsearch and Kibana.
      type: str
      sample: search-prod-5a3ab0:dXMtZWFzdC0xLmF3cy5lbGFzdGljLmNsb3VkJA==
    endpoints:
      description: URLs of the project's applications.
      type: dict
      sample:
        elasticsearch: https://search-prod-5a3ab0.es.us-east-1.aws.elastic.cloud
        kibana: https://search-prod-5a3ab0.kb.us-east-1.aws.elastic.cloud
    metadata:
      description: Creation details, suspension details and C(tags).
      type: dict
      sample:
        created_at: "2026-01-01T10:00:00Z"
        tags:
          env: prod
    status:
      description: The project's status, read while waiting for a project this task created.
      type: dict
      returned: when the project was created by this task and O(wait=true)
      sample:
        phase: initialized
        phase_change_timestamp: "2026-01-01T10:03:00Z"
credentials:
  description:
    - Username and password of each project created by this task, by C(<type>/<name>). The API returns them only
      once.
    - Ansible does not mask them; set C(no_log) on the task, or use O(credentials_dir) instead. They never appear in
      the diff, warnings or errors.
  returned: always, empty with O(credentials_dir)
  type: dict
  sample:
    elasticsearch/search-prod:
      username: admin
      password: x8Vq2...
credentials_files:
  description:
    - The credentials file written for each project created by this task, by C(<type>/<name>).
  returned: always
  type: dict
  sample:
    elasticsearch/search-prod: /home/user/.elastic/elasticsearch-search-prod.json
"""

import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import (
    credentials_file_name,
    find_by_name,
    list_projects,
    wait_for_phases,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_converger import ProjectConverger
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import (
    PROJECT_OPTIONS,
    PROJECT_REQUIRED_ONE_OF,
    ProjectError,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._secrets import ensure_private_dir


def item_label(index, params):
    return "projects[%d] (%s %s)" % (index, params.get("type") or "elasticsearch", params.get("name") or params.get("id"))


def check_item(index, item):
    """The item with defaults applied, through ansible-core's own argument spec validation of PROJECT_OPTIONS."""
    if not isinstance(item, dict):
        raise ProjectError("projects[%d] must be a dict of project options; got %r" % (index, item))
    result = ArgumentSpecValidator(PROJECT_OPTIONS, required_one_of=PROJECT_REQUIRED_ONE_OF).validate(item)
    if result.error_messages:
        messages = [
            "unsupported parameters: " + error.msg if isinstance(error, UnsupportedError) else error.msg
            for error in result.errors.errors
        ]
        raise ProjectError("%s: %s" % (item_label(index, item), "; ".join(messages)))
    return result.validated_parameters


def check_unique(items):
    """Two items managing the same project would fight each other: refuse before any call."""
    seen = {}
    for index, params in enumerate(items):
        key = (params["type"], "id", params["id"]) if params["id"] else (params["type"], "name", params["name"])
        if key in seen:
            raise ProjectError(
                "projects[%d] and projects[%d] are both the %s project with %s %r; list each project once"
                % (seen[key], index, key[0], key[1], key[2])
            )
        seen[key] = index


# A listing cannot tell about this item (an id not listed, or a failed lookup): the converger reads it by id.
READ_BY_ID = object()


class Projects(ElasticCloudModule):
    api_key_only = "the Serverless API"
    module_options = dict(
        projects=dict(type="list", elements="dict", required=True),
        wait=dict(type="bool", default=True),
        wait_for=dict(type="str", choices=["changed", "all"], default="changed"),
        wait_timeout=dict(type="int", default=900),
        credentials_dir=dict(type="path"),
    )

    def run(self):
        items = [check_item(index, item) for index, item in enumerate(self.params["projects"])]
        check_unique(items)
        if self.params["credentials_dir"]:
            self._assign_credentials_files(items)
        self.convergers = [self._converger(index, params) for index, params in enumerate(items)]
        self.results = [None] * len(items)
        self.errors, self.failed = [], set()
        types = list(dict.fromkeys(params["type"] for params in items))
        listings = {project_type: list_projects(self.client, project_type) for project_type in types}
        found = [self._lookup(index, params, listings[params["type"]]) for index, params in enumerate(items)]
        # New projects first, so they initialise while the others are updated or deleted.
        self.order = sorted(range(len(items)), key=lambda index: not self._is_new(items[index], found[index]))
        for index in self.order:
            self._converge(index, found[index])
        self._check_for_twins()
        if self.params["wait"]:
            self._wait()
        result = self._result(items)
        if self.errors:
            self.module.fail_json(msg="; ".join(self.errors), **self.finish(result))
        return result

    def _assign_credentials_files(self, items):
        """Each item that may create a project gets its file in credentials_dir, checked before any call."""
        directory = ensure_private_dir(self.params["credentials_dir"], "credentials_dir", self.check_mode)
        for index, params in enumerate(items):
            if params["state"] == "present" and not params["credentials_file"] and params["name"]:
                try:
                    params["credentials_file"] = os.path.join(directory, credentials_file_name(params["type"], params["name"]))
                except UsageError as exc:
                    raise ProjectError("%s: %s" % (item_label(index, params), exc))

    def _converger(self, index, params):
        def warn(message):
            self.module.warn("%s: %s" % (item_label(index, params), message))

        try:
            conflict_wait = self.params["wait_timeout"] if self.params["wait"] else 0
            return ProjectConverger(self.client, params, self.check_mode, warn, conflict_wait)
        except UsageError as exc:
            raise ProjectError("%s: %s" % (item_label(index, params), exc))

    def _lookup(self, index, params, listing):
        """The item's project from the listing (None: there is none), or READ_BY_ID."""
        try:
            if params["id"]:
                by_id = [project for project in listing if project.get("id") == params["id"]]
                return by_id[0] if by_id else READ_BY_ID  # not listed: the converger reads it and says why
            return find_by_name(listing, params["name"], params["type"])
        except UsageError as exc:
            self._fail_item(index, params, exc)
            return READ_BY_ID

    @staticmethod
    def _is_new(params, found):
        return params["state"] == "present" and found is None

    def _converge(self, index, found):
        converger = self.convergers[index]
        if index in self.failed:
            return  # its lookup failed already
        try:
            changed, result, diff = converger.converge() if found is READ_BY_ID else converger.converge_listed(found)
        except (UsageError, ElasticCloudError) as exc:
            self._fail_item(index, converger.params, exc)
            return
        except OSError as exc:  # only the credentials file touches the disk
            self._fail_item(
                index,
                converger.params,
                "the project was created but its credentials_file could not be written (%s); "
                "its credentials are in the result" % exc,
            )
            return
        self.results[index] = result["project"]
        if changed:
            self.mark_changed()
        if diff["before"] or diff["after"]:
            label = "%s/%s" % (converger.type, converger.params["name"] or converger.params["id"])
            self.diff["before"][label], self.diff["after"][label] = diff["before"], diff["after"]

    def _check_for_twins(self):
        """After the creates, one listing per type shows any project a concurrent run created with the same name."""
        created = [(index, converger) for index, converger in enumerate(self.convergers) if converger.created is not None]
        listings = {}
        for index, converger in created:
            if converger.type not in listings:
                listings[converger.type] = list_projects(self.client, converger.type)
            twin = converger.twin_error(listings[converger.type])
            if twin:
                self._fail_item(index, converger.params, twin)

    def _fail_item(self, index, params, exc):
        self.failed.add(index)
        self.errors.append("%s: %s" % (item_label(index, params), getattr(exc, "message", None) or exc))

    def _wait(self):
        """Poll every new project (until initialized) and every deleted one (until gone) together, in the order sent."""
        every = self.params["wait_for"] == "all"
        targets, names, after_change = [], {}, False
        for converger in (self.convergers[index] for index in self.order):
            target = converger.wait_target
            if target and (every or converger.created or target.phase is None):
                targets.append((converger.type,) + target)
                names[target.project_id] = converger.params["name"]
                after_change = after_change or converger.changed
        if not targets:
            return
        try:
            statuses = wait_for_phases(
                self.client, targets, timeout=self.params["wait_timeout"], names=names, after_change=after_change
            )
        except (UsageError, ElasticCloudError) as exc:
            self.errors.append(getattr(exc, "message", None) or str(exc))
            return
        for index, converger in enumerate(self.convergers):
            status = statuses.get(converger.wait_target.project_id) if converger.wait_target else None
            project = converger.created or self.results[index]
            if status is not None and project is not None:
                project["status"] = status

    def _result(self, items):
        credentials, files = {}, {}
        for params, converger in zip(items, self.convergers):
            key = "%s/%s" % (params["type"], params["name"] or params["id"])
            # Secrets stay out of the result once they are safe in a file; never when the file could not be written.
            if converger.credentials and not (self.params["credentials_dir"] and converger.credentials_file):
                credentials[key] = converger.credentials
            if converger.credentials_file:
                files[key] = converger.credentials_file
        return {
            "projects": [
                project if project is not None else converger.created or {}
                for project, converger in zip(self.results, self.convergers)
            ],
            "credentials": credentials,
            "credentials_files": files,
        }


def main():
    Projects.execute()


if __name__ == "__main__":
    main()
