# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: elastic_cloud
short_description: Elastic Cloud Serverless projects and hosted deployments as inventory hosts
version_added: 0.1.0
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
description:
  - One inventory host per Elastic Cloud Serverless project, of every project type or of the chosen O(types), and,
    when O(types) lists V(deployment), one per hosted deployment (Elastic Cloud Hosted or Elastic Cloud Enterprise).
  - "Host variables, all prefixed with C(ec_) so they cannot clash with play keywords such as C(name) or C(tags):
    V(ec_id), V(ec_name), V(ec_type), V(ec_region), V(ec_alias), V(ec_cloud_id), V(ec_endpoints) (a dictionary such
    as C({elasticsearch: https://..., kibana: https://...})), V(ec_tags), V(ec_created_at), the type-specific settings
    the API returns (for example V(ec_product_tier), V(ec_optimized_for), V(ec_search_lake)), and V(ec_phase) with
    O(include_status=true)."
  - "Deployments have V(ec_id), V(ec_name), V(ec_type) (always V(deployment)), V(ec_region), V(ec_alias),
    V(ec_cloud_id), V(ec_endpoints) (such as C({elasticsearch: https://..., kibana: https://..., apm: https://...,
    fleet: https://...})), V(ec_tags), V(ec_version) (the stack version Elasticsearch runs),
    V(ec_deployment_template_id), V(ec_healthy), V(ec_status) (of Elasticsearch, such as V(started) or
    V(stopped)) and V(ec_resources) (kind, ref_id, id, status, healthy and version of each resource). Their status is
    in the search answer, so O(include_status) costs nothing for them."
  - Groups come from O(keyed_groups) and O(groups), extra variables from O(compose).
  - The inventory file name must end with C(elastic_cloud.yml) or C(elastic_cloud.yaml).
  - This plugin was called C(elastic_cloud.cloud.projects) before; that name still works, with a deprecation warning,
    and is removed in 1.0.0.
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - elastic_cloud.cloud.plugin_connection
options:
  plugin:
    description:
      - The name of this plugin; marks the file as an inventory source for it.
    type: str
    required: true
    choices:
      - elastic_cloud.cloud.elastic_cloud
      - elastic_cloud.cloud.projects
  types:
    description:
      - Project types to list, and V(deployment) for hosted deployments. By default, projects of every type.
      - Deployments exist on Elastic Cloud and Elastic Cloud Enterprise, so with V(deployment) alone a login
        (O(username) and O(password)) works too; projects need an API key.
    type: list
    elements: str
    choices:
      - elasticsearch
      - observability
      - security
      - deployment
    default:
      - elasticsearch
      - observability
      - security
  tags:
    description:
      - Only projects and deployments that carry every one of these tags with exactly these values.
      - The API filters the list, so projects and deployments without the tags are never transferred.
    type: dict
    default: {}
  regions:
    description:
      - Only projects and deployments in one of these regions (region ids such as V(aws-us-east-1)). By default,
        every region.
    type: list
    elements: str
    default: []
  hostname:
    description:
      - The project or deployment field used as inventory host name.
      - Names are unique only within a type (deployments are one type). With V(name), projects and deployments of
        different types that share a name are named C(<type>-<name>) instead (only those), so the inventory still
        loads; two of one type with the same name make it fail, naming both ids. V(alias) and V(id) are always
        unique.
    type: str
    choices:
      - name
      - alias
      - id
    default: name
  include_status:
    description:
      - Also read each project's phase (for example V(initializing), V(initialized)) into the V(ec_phase) host
        variable.
      - This costs one extra API call per project, so it is off by default. Deployments always have V(ec_status).
    type: bool
    default: false
"""

EXAMPLES = r"""
# my.elastic_cloud.yml: every project, grouped by type and by the value of its "env" tag.
# Credentials come from EC_API_KEY (and EC_ENDPOINT for another API endpoint).
plugin: elastic_cloud.cloud.elastic_cloud
keyed_groups:
  - key: ec_type
    prefix: type
  - key: ec_tags.env | default('none')
    prefix: env

---
# my.elastic_cloud.yml: production observability and security projects in one region,
# with their phase, cached for ten minutes; the tasks for these hosts run on the controller.
plugin: elastic_cloud.cloud.elastic_cloud
types:
  - observability
  - security
tags:
  env: prod
regions:
  - aws-us-east-1
include_status: true
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/elastic_cloud_inventory
cache_timeout: 600
groups:
  not_ready: ec_phase != 'initialized'
compose:
  ansible_connection: "'local'"
  elasticsearch_url: ec_endpoints.elasticsearch


---
# my.elastic_cloud.yml: hosted deployments only, grouped by region, stack version and "team" tag,
# with a group of the unhealthy ones. On Elastic Cloud Enterprise a login works too (EC_USERNAME, EC_PASSWORD).
plugin: elastic_cloud.cloud.elastic_cloud
types:
  - deployment
keyed_groups:
  - key: ec_region
    prefix: region
  - key: ec_version
    prefix: version
  - key: ec_tags.team | default('none')
    prefix: team
groups:
  unhealthy: not ec_healthy

# Run it with:  ansible-inventory -i my.elastic_cloud.yml --graph
"""

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import (
    check_api_key_only,
    cleartext_warning,
    client_from_options,
    scrub_credentials,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import search, search_query, summary
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import list_projects, read_status
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import project_tags

FILE_SUFFIXES = ("elastic_cloud.yml", "elastic_cloud.yaml")
# Project fields that become host variables under another name (or not at all).
RENAMED_FIELDS = ("region_id", "metadata")
# Unprefixed, "name" and "tags" would be play keywords and "id" or "type" easy to shadow.
HOSTVAR_PREFIX = "ec_"
DEPLOYMENT = "deployment"


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "elastic_cloud.cloud.elastic_cloud"

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(FILE_SUFFIXES)

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        projects = self._cached_projects(self.get_cache_key(path), cache)
        for project, hostname in zip(projects, self._hostnames(projects)):
            self._add_project(project, hostname)

    # -- fetching -----------------------------------------------------------------------
    def _cached_projects(self, cache_key, cache):
        """The project list from the cache when allowed and present, else from the API (then cached)."""
        use_cache = self.get_option("cache")
        if use_cache and cache:
            try:
                return self._cache[cache_key]
            except KeyError:
                pass
        projects = self._fetch_projects()
        if use_cache:
            self._cache[cache_key] = projects
        return projects

    def _fetch_projects(self):
        try:
            return self._list_projects(self._client())
        except AnsibleError:
            raise
        except Exception as exc:
            # Whatever failed, its text must not carry a credential in any form Ansible would not mask.
            raise AnsibleError("Elastic Cloud project inventory: unexpected error: %s" % scrub_credentials(exc, self._credentials()))

    def _list_projects(self, client):
        regions = set(self.get_option("regions") or [])
        found = []
        try:
            for project_type in self._project_types():
                for project in list_projects(client, project_type, tags=self.get_option("tags")):
                    if regions and project.get("region_id") not in regions:
                        continue
                    project = dict(project, type=project.get("type") or project_type)
                    if self.get_option("include_status"):
                        project["phase"] = self._phase(client, project)
                    found.append(project)
            if DEPLOYMENT in self.get_option("types"):
                found.extend(deployment for deployment in self._list_deployments(client)
                             if not regions or deployment["region"] in regions)  # fmt: skip
        except ElasticCloudError as exc:
            raise AnsibleError("Elastic Cloud project inventory: %s" % scrub_credentials(exc.message, self._credentials()))
        return found

    def _project_types(self):
        return [kind for kind in self.get_option("types") if kind != DEPLOYMENT]

    def _list_deployments(self, client):
        """Every deployment with the tags set, as the modules describe one, plus its type and region."""
        return [dict(summary(deployment), type=DEPLOYMENT, region=deployment_region(deployment))
                for deployment in search(client, search_query(tags=self.get_option("tags")))]  # fmt: skip

    @staticmethod
    def _phase(client, project):
        # A project deleted between the list and this call simply has no phase.
        return (read_status(client, project["type"], project["id"]) or {}).get("phase")

    def _client(self):
        if not HAS_REQUESTS:
            raise AnsibleError("The elastic_cloud.cloud.elastic_cloud inventory needs the Python library requests: %s" % REQUESTS_IMPORT_ERROR)
        options = dict(self._credentials(), endpoint=self._text_option("endpoint"), timeout=self._text_option("timeout"))
        options.update(validate_certs=self.get_option("validate_certs"), ca_path=self.get_option("ca_path"))
        if cleartext_warning(options["endpoint"]):
            self.display.warning(cleartext_warning(options["endpoint"]))
        try:
            if self._project_types():
                check_api_key_only(options, "the inventory of projects", "the Serverless API")
            return client_from_options(options, warn=self.display.warning)
        except UsageError as exc:
            raise AnsibleError("Elastic Cloud inventory: %s" % scrub_credentials(to_native(exc), options))

    def _credentials(self):
        return {name: self._text_option(name) for name in ("api_key", "username", "password")}

    def _text_option(self, name):
        # Vault-encrypted values decrypt when turned into text.
        value = self.get_option(name)
        return to_native(value) if value is not None else None

    # -- populating ---------------------------------------------------------------------
    def _hostnames(self, projects):
        """One unique host name per project: its ``hostname`` field, ``<type>-<name>`` where a name spans types."""
        field = self.get_option("hostname")
        by_value = {}
        for project in projects:
            by_value.setdefault(project.get(field), []).append(project)
        for value, same in by_value.items():
            types = [project.get("type") for project in same]
            if len(same) > 1 and (field != "name" or len(set(types)) < len(types)):
                raise AnsibleError(
                    "%d Elastic Cloud projects share the %s %r (%s); set hostname: alias or hostname: id in the inventory file"
                    % (len(same), field, value, ", ".join("%s %s" % (p["type"], p["id"]) for p in same))
                )
        return [
            "%s-%s" % (project["type"], project[field]) if len(by_value[project.get(field)]) > 1 else project[field]
            for project in projects
        ]

    def _add_project(self, project, hostname):
        self.inventory.add_host(hostname)
        hostvars = deployment_variables(project) if project["type"] == DEPLOYMENT else host_variables(project)
        for name, value in hostvars.items():
            self.inventory.set_variable(hostname, name, value)
        strict = self.get_option("strict")
        self._set_composite_vars(self.get_option("compose"), hostvars, hostname, strict=strict)
        self._add_host_to_composed_groups(self.get_option("groups"), hostvars, hostname, strict=strict)
        self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, hostname, strict=strict)


def host_variables(project):
    """The ``ec_`` host variables of one project: its API fields, with region, tags and created_at brought up."""
    fields = {key: value for key, value in project.items() if key not in RENAMED_FIELDS}
    metadata = project.get("metadata") or {}
    fields.update(region=project.get("region_id"), tags=project_tags(project), created_at=metadata.get("created_at"))
    return {HOSTVAR_PREFIX + key: value for key, value in fields.items()}


def deployment_variables(deployment):
    """The ``ec_`` host variables of one deployment: what the modules return of it, with its type and region."""
    return {HOSTVAR_PREFIX + key: value for key, value in deployment.items()}


def deployment_region(deployment):
    """The region of the deployment's resources (one region per deployment; Elasticsearch's first)."""
    for resources in (deployment.get("resources") or {}).values():
        for resource in resources or []:
            if resource.get("region"):
                return resource["region"]
    return None
