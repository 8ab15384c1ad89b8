"""Bad input: every module fails clearly, naming the field, without a traceback, an API write or a secret.

The matrix runs as a few ``ansible-playbook -vvv`` runs, one host per case (forks in
parallel), each case a task with ``ignore_errors`` whose registered result is saved
for the per-case assertions:

* ``local``: wrong types, unknown options, missing or conflicting options, an endpoint
  that is not a URL. The module knows without asking the API: no API call at all.
* ``api``: values only a lookup or the API can refuse (patterns the spec defines for
  project ids, aliases and tag values, ...). Reads are fine, and so is a write the API
  refuses with 400 (the failure then carries the vendor ``fields``); none is accepted.
* ``proxy``: a proxy answers every request with an HTML 502 page.
* ``proxy_writes``: a proxy answers every write with a plain-text 503 page.

Every case: the task failed, ``msg`` names the field or value (and carries no HTML),
no traceback; the emulator state is what it was before. The API key and a password
come from variables and never appear in the ``-vvv`` output.
"""

import json
import os
from collections import namedtuple

import pytest
import requests
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import REPO_ROOT, explain, run_playbook

API_KEY = "sk-bad-input-3c9d1e-api-key-value"
PASSWORD = "Bad-Input-Secret-Pa55-w0rd"
SECRET_MARKERS = ("essu_", "eyJ")  # API key secrets and bearer tokens of the emulator
WRITES = ("POST", "PUT", "PATCH", "DELETE")
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(REPO_ROOT, "plugins", "modules")) if name.endswith(".py"))
HTML_PAGE = (
    "<html><head><title>502 Bad Gateway</title><style>body { width: 35em; }</style></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)
TEXT_PAGE = "upstream connect error or disconnect/reset before headers. reset reason: overflow"

Case = namedtuple("Case", "phase module name args expect fields")
EXISTING = "existing"  # the elasticsearch project every phase starts with
VALID_ID = "0" * 32  # matches ProjectID (^[a-z0-9]{32}$) but names no project


def the(c):
    """The Case of a plain case or of a pytest.param."""
    return c.values[0] if hasattr(c, "values") else c


def host(c):
    c = the(c)
    return "%s--%s--%s" % (c.phase, c.module, c.name)


def case(phase, module, name, args, *expect, fields=None):
    return Case(phase, module, name, args, expect, fields)


def local(module, name, args, *expect):
    return case("local", module, name, args, *expect)


def api(module, name, args, *expect, fields=None):
    """``fields``: what the API's 400 blames, returned in ``failure.fields``."""
    return case("api", module, name, args, *expect, fields=fields)


NEW_ITEM = {"name": "new", "region_id": "aws-us-east-1"}  # one of ``projects``
NEW_PROJECT = dict(NEW_ITEM, wait=False)
COMMENT = {"resource_type": "allocator", "resource_id": "a-1"}
IP_FILTER = {"name": "new-filter", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.0/24"}]}
NEW_EXTENSION = {"name": "new-extension", "extension_type": "bundle", "version": "8.*"}
NEW_DEPLOYMENT = {"name": "new-dep", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
                  "version": "8.19.3", "wait": False}

CASES = [
    # -- local: the module must refuse before any API call --------------------------------------
    local("account", "wrong_type", {"trust_all": "maybe"}, "trust_all", "bool"),
    local("account", "unknown_option", {"trust_all": True, "colour": "blue"}, "colour"),
    local("account", "endpoint_not_a_url", {"endpoint": "api.elastic-cloud.com"}, "endpoint", "api.elastic-cloud.com"),
    local("account", "timeout_not_a_duration", {"timeout": "soon"}, "timeout", "soon"),
    local("api_key", "wrong_type", {"description": "k", "role_assignments": "notadict"}, "role_assignments", "dict"),
    local("api_key", "bad_choice", {"description": "k", "state": "gone"}, "state", "gone"),
    local("api_key", "missing_description", {}, "description"),
    local("api_key", "id_and_description", {"id": "abc", "description": "k", "state": "absent"}, "id", "description"),
    local("api_key", "unknown_option", {"description": "k", "expires": "1d"}, "expires"),
    local("api_key", "api_key_and_password", {"description": "k", "username": "admin", "password": "{{ secret_password }}"},
          "api_key", "username and password"),
    local("api_key_info", "wrong_type", {"all_users": "maybe"}, "all_users", "bool"),
    local("api_key_info", "all_users_and_id", {"all_users": True, "id": "abc"}, "all_users", "id"),
    local("api_key_info", "unknown_option", {"owner": "me"}, "owner"),
    local("api_key_info", "no_credentials", {"api_key": ""}, "api_key"),
    local("billing_costs_info", "bad_date", {"from": "last tuesday"}, "from", "last tuesday"),
    local("billing_costs_info", "bad_choice", {"bucketing_strategy": "hourly"}, "bucketing_strategy", "hourly"),
    local("billing_costs_info", "from_after_to", {"from": "2025-02-01", "to": "2025-01-01"}, "from", "to"),
    local("billing_costs_info", "unknown_option", {"currency": "EUR"}, "currency"),
    local("organization_info", "unknown_option", {"team": "platform"}, "team"),
    local("organization_member", "missing_email", {"organization_role": "owner"}, "email"),
    local("organization_member", "bad_choice", {"email": "a@example.com", "organization_role": "admin"},
          "organization_role", "admin"),
    local("organization_member", "neither_all_nor_ids", {"email": "a@example.com", "deployment_roles": [{"role": "viewer"}]},
          "deployment_roles", "viewer", "all=true"),
    local("organization_member", "unknown_project_role",
          {"email": "a@example.com", "project_roles": {"security": [{"role": "wizard", "all": True}]}},
          "project_roles.security", "wizard"),
    local("comment", "missing_resource_id", {"resource_type": "allocator", "text": "t"}, "resource_id"),
    local("comment", "bad_choice", dict(COMMENT, resource_type="planet", text="t"), "resource_type", "planet"),
    local("comment", "missing_text", dict(COMMENT), "text"),
    local("comment", "unknown_option", dict(COMMENT, text="t", body="b"), "body"),
    local("credentials_reset", "wrong_type", {"type": "elasticsearch", "name": EXISTING, "wait_timeout": "soon"},
          "wait_timeout", "int"),
    local("credentials_reset", "missing_type", {"name": EXISTING}, "type"),
    local("credentials_reset", "id_and_name", {"type": "elasticsearch", "id": VALID_ID, "name": EXISTING}, "id", "name"),
    local("credentials_reset", "unwritable_file",
          {"type": "elasticsearch", "name": EXISTING, "credentials_file": "/nonexistent/dir/credentials.json"},
          "credentials_file", "/nonexistent/dir"),
    local("deployment", "missing_id_and_name", {"region": "aws-us-east-1"}, "id", "name"),
    local("deployment", "bad_state", {"name": "new-dep", "state": "gone"}, "state", "gone"),
    local("deployment", "size_without_unit", {"name": "new-dep", "elasticsearch": {"hot_content": {"size": "8"}}},
          "elasticsearch.hot_content.size", "8"),
    local("deployment", "unknown_tier", {"name": "new-dep", "elasticsearch": {"blazing": {"size": "8g"}}}, "blazing"),
    local("deployment", "wait_timeout_not_an_int", dict(NEW_DEPLOYMENT, wait_timeout="soon"), "wait_timeout", "int"),
    local("deployment_extension", "bad_type", dict(NEW_EXTENSION, extension_type="theme"), "extension_type", "theme"),
    local("deployment_extension", "file_and_url", dict(NEW_EXTENSION, file_path="/tmp/x.zip", download_url="https://e/x.zip"),
          "file_path", "download_url"),
    local("deployment_extension", "unreadable_file", dict(NEW_EXTENSION, file_path="/nonexistent/x.zip"),
          "file_path", "/nonexistent/x.zip"),
    local("deployment_extension_info", "id_and_name", {"id": "1", "name": "e"}, "id", "name"),
    local("deployment_extension_info", "wrong_type", {"include_deployments": "maybe"}, "include_deployments", "bool"),
    local("deployment_keystore", "id_and_name", {"deployment_id": VALID_ID, "deployment_name": "dep", "settings": {}},
          "deployment_id", "deployment_name"),
    local("deployment_keystore", "bad_update_value", {"deployment_name": "dep", "settings": {}, "update_value": "never"},
          "update_value", "never"),
    local("deployment_keystore", "setting_without_value", {"deployment_name": "dep", "settings": {"a.b": "plain"}},
          "settings.a.b", "value"),
    local("deployment_remote_clusters", "missing_deployment", {"state": "absent"}, "deployment_id", "deployment_name"),
    local("deployment_remote_clusters", "remote_without_alias",
          {"deployment_name": "dep", "remote_clusters": [{"deployment_name": "other"}]}, "alias"),
    local("deployment_remote_clusters", "repeated_alias", {"deployment_name": "dep", "remote_clusters": [
        {"alias": "a", "deployment_name": "x"}, {"alias": "a", "deployment_name": "y"}]}, "alias", "repeated"),
    local("deployment_credentials_reset", "missing_deployment", {}, "deployment_id", "deployment_name"),
    local("deployment_credentials_reset", "unknown_option", {"deployment_name": "dep", "type": "x"}, "type"),
    local("deployment_info", "bad_status", {"status": "running"}, "status", "running"),
    local("deployment_info", "id_and_name", {"id": VALID_ID, "name": "dep"}, "id", "name"),
    local("deployment_info", "tags_not_a_dict", {"tags": "notadict"}, "tags", "dict"),
    local("deployment_traffic_filter", "bad_choice", dict(IP_FILTER, type="firewall"), "type", "firewall"),
    local("deployment_traffic_filter", "name_without_region", {"name": "new-filter"}, "region"),
    local("deployment_traffic_filter", "unknown_rule_field", dict(IP_FILTER, rules=[{"src": "192.0.2.0/24"}]), "src"),
    local("deployment_traffic_filter_info", "wrong_type", {"include_associations": "perhaps"}, "include_associations"),
    local("deployment_traffic_filter_info", "unknown_option", {"type": "ip"}, "type"),
    local("deployment_template_info", "missing_region", {}, "region"),
    local("deployment_template_info", "wrong_type", {"region": "aws-us-east-1", "show_instance_configurations": "maybe"},
          "show_instance_configurations", "bool"),
    local("deployment_template_info", "unknown_option", {"region": "aws-us-east-1", "csp": "aws"}, "csp"),
    local("project", "tags_not_a_dict", dict(NEW_PROJECT, tags="notadict"), "tags", "dict"),
    local("project", "wait_timeout_not_an_int", dict(NEW_PROJECT, wait_timeout="soon"), "wait_timeout", "int"),
    local("project", "search_power_not_an_int", dict(NEW_PROJECT, search_lake={"search_power": "lots"}), "search_power", "int"),
    local("project", "unknown_option", dict(NEW_PROJECT, colour="blue"), "colour"),
    local("project", "missing_id_and_name", {"region_id": "aws-us-east-1"}, "id", "name"),
    local("project", "option_of_another_type", dict(NEW_PROJECT, type="observability", optimized_for="vector"),
          "optimized_for", "observability"),
    local("project", "missing_product_tier", dict(NEW_PROJECT, type="security", product_types=[{"product_line": "cloud"}]),
          "product_tier"),
    local("project", "endpoint_not_a_url", dict(NEW_PROJECT, endpoint="ftp://api.elastic-cloud.com"), "endpoint", "ftp://"),
    local("project_info", "wrong_type", {"include_status": "maybe"}, "include_status", "bool"),
    local("project_info", "tags_not_a_dict", {"tags": "notadict"}, "tags", "dict"),
    local("project_info", "id_and_name", {"id": VALID_ID, "name": EXISTING}, "id", "name"),
    local("project_info", "bad_choice", {"type": "kibana"}, "type", "kibana"),
    local("projects", "missing_projects", {}, "projects"),
    local("projects", "projects_not_a_list_of_dicts", {"projects": "notalist"}, "projects"),
    local("projects", "item_tags_not_a_dict", {"projects": [dict(NEW_ITEM, tags="notadict")]}, "projects[0]", "tags", "dict"),
    local("projects", "item_unknown_option", {"projects": [dict(NEW_ITEM, colour="blue")]}, "projects[0]", "colour"),
    local("projects", "wait_timeout_not_an_int", {"projects": [NEW_ITEM], "wait_timeout": "soon"}, "wait_timeout", "int"),
    local("region_info", "unknown_option", {"csp": "aws"}, "csp"),
    local("region_info", "endpoint_not_a_url", {"endpoint": "not a url"}, "endpoint", "not a url"),
    local("region_info", "negative_timeout", {"timeout": "-5"}, "timeout", "-5"),
    local("region_info", "wrong_type", {"validate_certs": "maybe"}, "validate_certs", "bool"),
    local("stack_version_info", "wrong_type", {"show_deleted": "maybe"}, "show_deleted", "bool"),
    local("stack_version_info", "unknown_option", {"upgradable_from": "8.18.2"}, "upgradable_from"),
    local("traffic_filter", "wrong_type", dict(IP_FILTER, include_by_default="maybe"), "include_by_default", "bool"),
    local("traffic_filter", "bad_choice", dict(IP_FILTER, type="firewall"), "type", "firewall"),
    local("traffic_filter", "unknown_rule_field", dict(IP_FILTER, rules=[{"src": "192.0.2.0/24"}]), "src"),
    local("traffic_filter", "name_without_region", {"name": "new-filter"}, "region"),
    local("traffic_filter", "missing_id_and_name", {"region": "aws-us-east-1"}, "id", "name"),
    local("traffic_filter_info", "wrong_type", {"privatelink_metadata": "maybe"}, "privatelink_metadata", "bool"),
    local("traffic_filter_info", "include_by_default_not_a_bool", {"include_by_default": "perhaps"}, "include_by_default"),
    local("traffic_filter_info", "unknown_option", {"type": "ip"}, "type"),
    local("traffic_filter_metadata_info", "bad_choice", {"csp": "ibm"}, "csp", "ibm"),
    local("project", "bad_state", dict(NEW_PROJECT, state="suspended"), "state", "resumed", "suspended"),
    local("project_info", "include_roles_not_a_bool", {"include_roles": "maybe"}, "include_roles", "bool"),
    # -- api: a lookup or the API refuses; nothing is written ------------------------------------
    api("project", "invalid_alias", dict(NEW_PROJECT, alias="-Not_An_Alias-"), "alias", "-Not_An_Alias-", fields=["alias"]),
    api("project", "invalid_tag_value", dict(NEW_PROJECT, tags={"env": "Prod Env"}), "tags.env", "Prod Env",
        fields=["metadata.tags.env"]),
    api("project", "invalid_tag_value_on_update", {"name": EXISTING, "tags": {"env": "Prod Env"}, "wait": False},
        "tags.env", "Prod Env", fields=["metadata.tags.env"]),
    api("project", "invalid_alias_on_update", {"name": EXISTING, "alias": "a_b", "wait": False}, "alias", "a_b",
        fields=["alias"]),
    api("project", "invalid_id", {"id": "not-a-project-id", "tags": {"env": "prod"}, "wait": False}, "not-a-project-id"),
    api("deployment", "unknown_id", {"id": VALID_ID, "state": "shutdown"}, "No deployment has id", VALID_ID),
    api("deployment_keystore", "unknown_id", {"deployment_id": VALID_ID, "settings": {"a.b": {"value": "c"}}},
        "No deployment has id", VALID_ID),
    api("deployment_remote_clusters", "unknown_id", {"deployment_id": VALID_ID, "state": "absent"},
        "No deployment has id", VALID_ID),
    api("deployment_credentials_reset", "unknown_id", {"deployment_id": VALID_ID}, "No deployment has id", VALID_ID),
    api("project_info", "invalid_id", {"id": "not-a-project-id", "type": "elasticsearch"}, "id", "not-a-project-id"),
    api("credentials_reset", "invalid_id", {"type": "elasticsearch", "id": "not-a-project-id"}, "not-a-project-id"),
    api("projects", "item_invalid_alias", {"projects": [dict(NEW_ITEM, alias="-Not_An_Alias-")], "wait": False},
        "projects[0]", "alias", "-Not_An_Alias-"),
    api("traffic_filter", "create_without_type", {"name": "new-filter", "region": "aws-us-east-1"}, "type"),
    api("deployment_traffic_filter", "create_without_type", {"name": "new-filter", "region": "aws-us-east-1"}, "type"),
    api("traffic_filter", "ip_rule_without_source", dict(IP_FILTER, rules=[{"description": "no source"}]),
        "rules[0].source"),
    # Ansible turns a dict into a string for a str option; the API refuses it without the key being shown.
    api("region_info", "api_key_not_a_string", {"api_key": {"value": "{{ ec_api_key }}"}}, "returned 401", "API key"),
    api("deployment_template_info", "unknown_region", {"region": "mars-olympus-1"}, "region", "mars-olympus-1",
        fields=["region"]),
    api("organization_member", "invalid_email", {"email": "not-an-email"}, "not-an-email", fields=["emails"]),
    api("api_key", "invalid_expiration", {"description": "k", "expiration": "forever"}, "expiration", "forever"),
]

# Valid tasks for the proxy phases: the modules' first call (proxy) or first write (proxy_writes) meets the page.
PROXY_TASKS = {
    "account": {"trust_all": True},
    "api_key": {"description": "new-key"},
    "api_key_info": {},
    "billing_costs_info": {},
    "comment": dict(COMMENT, text="new comment"),
    "credentials_reset": {"type": "elasticsearch", "name": EXISTING},
    "deployment": NEW_DEPLOYMENT,
    "deployment_extension": NEW_EXTENSION,
    "deployment_extension_info": {},
    "deployment_credentials_reset": {"deployment_name": "dep"},
    "deployment_info": {},
    "deployment_keystore": {"deployment_name": "dep", "settings": {"a.b": {"value": "c"}}},
    "deployment_remote_clusters": {"deployment_name": "dep", "state": "absent"},
    "deployment_template_info": {"region": "aws-us-east-1"},
    "deployment_traffic_filter": IP_FILTER,
    "deployment_traffic_filter_info": {},
    "organization_info": {},
    "organization_member": {"email": "new@example.com"},
    "project": NEW_PROJECT,
    "project_info": {},
    "projects": {"projects": [NEW_ITEM], "wait": False},
    "region_info": {},
    "stack_version_info": {},
    "traffic_filter": IP_FILTER,
    "traffic_filter_info": {},
    "traffic_filter_metadata_info": {},
}
WRITE_TASKS = [
    ("account", "update", {"trust_all": False}),
    ("api_key", "create", {"description": "new-key"}),
    ("api_key", "delete", {"description": "existing-key", "state": "absent"}),
    ("comment", "create", dict(COMMENT, text="new comment")),
    ("comment", "update", dict(COMMENT, text="changed", comment_id="{{ comment_id }}")),
    ("credentials_reset", "reset", {"type": "elasticsearch", "name": EXISTING}),
    ("deployment", "create", NEW_DEPLOYMENT),
    ("deployment_traffic_filter", "create", IP_FILTER),
    ("deployment_extension", "create", NEW_EXTENSION),
    ("organization_member", "invite", {"email": "new@example.com", "organization_role": "billing-admin"}),
    # By id: a lookup by name is a POST (_search), which the proxy refuses before the write is reached.
    ("deployment", "shutdown", {"id": "{{ deployment_id }}", "state": "shutdown", "wait": False}),
    ("deployment_credentials_reset", "reset", {"deployment_id": "{{ deployment_id }}"}),
    ("deployment_extension", "update", {"name": "existing-extension", "description": "changed"}),
    ("deployment_keystore", "set", {"deployment_id": "{{ deployment_id }}", "settings": {
        "a.b": {"value": "keystore-value-of-the-bad-input-matrix"}}}),
    ("deployment_remote_clusters", "set", {"deployment_id": "{{ deployment_id }}", "remote_clusters": [
        {"alias": "self", "deployment_id": "{{ deployment_id }}"}]}),
    ("deployment_traffic_filter", "update", {"name": "existing-rules", "region": "aws-us-east-1", "description": "changed"}),
    ("project", "create", NEW_PROJECT),
    ("project", "update", {"name": EXISTING, "tags": {"env": "prod"}, "wait": False}),
    ("projects", "create", {"projects": [NEW_ITEM], "wait": False}),
    ("traffic_filter", "create", IP_FILTER),
    ("traffic_filter", "update", {"name": "existing-filter", "region": "aws-us-east-1", "description": "changed"}),
]
CASES += [case("proxy", module, "html_502", args, "returned 502: 502 Bad Gateway") for module, args in PROXY_TASKS.items()]
CASES += [
    case("proxy_writes", module, action + "_text_503", args, "returned 503: 503 Service Unavailable", "upstream connect error")
    for module, action, args in WRITE_TASKS
]
CASES = [c for c in CASES if the(c).module in MODULES]  # a module being added is covered once it exists
PHASES = ("local", "api", "proxy", "proxy_writes")
FAULTS = {
    "proxy": [{"path": ".", "action": "status", "status": 502, "body": HTML_PAGE, "count": 10000}],
    "proxy_writes": [
        {"method": method, "path": ".", "action": "status", "status": 503, "body": TEXT_PAGE,
         "content_type": "text/plain", "count": 10000}
        for method in WRITES
    ],
}


@pytest.fixture(scope="module")
def emulator():
    with Emulator("--api-key", API_KEY, "--phase-delay", "0.5", "--delete-delay", "0.3") as running:
        yield running


def seed(emulator):
    """One project, key, comment, traffic filter, deployment, extension and ruleset, for the cases that change one."""
    headers = emulator.auth_header

    def post(path, body):
        response = requests.post(emulator.url + path, json=body, headers=headers, timeout=10)
        assert response.status_code < 300, response.text
        return response.json()

    post("/api/v1/serverless/projects/elasticsearch", {"name": EXISTING, "region_id": "aws-us-east-1"})
    post("/api/v1/users/auth/keys", {"description": "existing-key"})
    comment = post("/api/v1/comments/allocator/a-1", {"message": "existing comment"})
    post("/api/v1/serverless/traffic-filters", dict(IP_FILTER, name="existing-filter", rules=[{"source": "198.51.100.1"}]))
    deployment = post("/api/v1/deployments?template_id=aws-general-purpose", {"name": "dep", "region": "aws-us-east-1"})
    post("/api/v1/deployments/extensions", {"name": "existing-extension", "extension_type": "bundle", "version": "8.*"})
    post("/api/v1/deployments/traffic-filter/rulesets", dict(IP_FILTER, name="existing-rules", include_by_default=False))
    return {"comment_id": comment["id"], "deployment_id": deployment["id"]}


def run_phase(emulator, directory, phase, seeded):
    """One ``-vvv`` playbook run of the phase's cases, one host each; their results as {host: result}."""
    cases = [the(c) for c in CASES if the(c).phase == phase]
    cases_dir = directory / phase
    cases_dir.mkdir()
    for c in cases:
        task = {"name": host(c), "elastic_cloud.cloud." + c.module: c.args, "register": "out", "ignore_errors": True}
        (cases_dir / (host(c) + ".yml")).write_text(yaml.safe_dump([task], sort_keys=False))
    play = {
        "name": "Bad input: " + phase,
        "hosts": "all",
        "connection": "local",
        "gather_facts": False,
        "strategy": "free",  # each host its own case file, all in parallel
        "module_defaults": {
            "group/elastic_cloud.cloud.all": {"endpoint": "{{ ec_endpoint }}", "api_key": "{{ ec_api_key }}"}
        },
        "tasks": [{"ansible.builtin.include_tasks": str(cases_dir) + "/{{ inventory_hostname }}.yml"}],
    }
    keep = {
        "name": "Keep every result",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "tasks": [
            {
                "ansible.builtin.copy": {
                    "content": "{{ dict(groups['all'] | zip(groups['all'] | map('extract', hostvars, 'out'))) | to_json }}",
                    "dest": str(directory / (phase + "-results.json")),
                    "mode": "0600",
                },
            }
        ],
    }
    playbook = directory / (phase + ".yml")
    playbook.write_text(yaml.safe_dump([play, keep], sort_keys=False))
    emulator.clear_faults()
    if phase in FAULTS:
        for fault in FAULTS[phase]:
            emulator.add_fault(**fault)
    emulator.clear_journal()
    result = run_playbook(
        str(playbook), emulator, options=["-vvv", "--forks", "6"], inventory=",".join(host(c) for c in cases) + ",",
        extra_vars=dict(seeded, secret_password=PASSWORD), env={"ANSIBLE_PIPELINING": "1"},
    )
    journal = emulator.journal()
    emulator.clear_faults()
    path = directory / (phase + "-results.json")
    return result, journal, json.loads(path.read_text()) if path.exists() else {}


def summary(state):
    """What a write would change, without the fields that move by themselves (phases, timestamps)."""
    projects = {
        (kind, p["id"], p["name"], p.get("alias"), json.dumps((p.get("metadata") or {}).get("tags"), sort_keys=True))
        for kind, items in state["projects"].items()
        for p in items
    }
    return {
        "projects": projects,
        "api_keys": sorted(json.dumps(k, sort_keys=True) for k in state["api_keys"]),
        "comments": sorted(json.dumps(c, sort_keys=True) for c in state["comments"]),
        "traffic_filters": sorted(json.dumps(f, sort_keys=True) for f in state["traffic_filters"]),
        "accounts": sorted(json.dumps(a, sort_keys=True) for a in state["accounts"]),
        "extensions": sorted(json.dumps(e, sort_keys=True) for e in state["extensions"]),
        "deployment_rulesets": sorted(json.dumps(r, sort_keys=True) for r in state["deployment_rulesets"]),
        "deployments": sorted(json.dumps({k: d.get(k) for k in ("id", "name", "keystores", "remote_clusters")}, sort_keys=True)
                              for d in state["deployments"]),
        "invitations": sorted(i["email"] for i in state["organization_invitations"]),
    }


@pytest.fixture(scope="module")
def matrix(emulator, tmp_path_factory):
    directory = tmp_path_factory.mktemp("bad-input")
    seeded = seed(emulator)
    before = summary(emulator.state())
    runs = {}
    for phase in PHASES:
        runs[phase] = run_phase(emulator, directory, phase, seeded)
    return {"runs": runs, "before": before, "after": summary(emulator.state())}


def test_every_module_is_covered_in_every_kind_of_case():
    for phase in ("local", "proxy"):
        assert sorted({the(c).module for c in CASES if the(c).phase == phase}) == MODULES, phase
    assert len({host(c) for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=host)
def test_case_fails_clearly_naming_the_field(matrix, c):
    result, _journal, outcomes = matrix["runs"][c.phase]
    out = outcomes.get(host(c))
    assert out is not None, explain(result)
    assert out.get("failed") is True, json.dumps(out, indent=2)
    msg = out.get("msg", "")
    for expected in c.expect:
        assert expected.lower() in msg.lower(), "%r not in msg %r" % (expected, msg)
    # Ansible itself sets exception to "(traceback unavailable)" for option errors: not a traceback.
    assert "Traceback" not in out.get("exception", "") + msg and "Unexpected error" not in msg, json.dumps(out, indent=2)
    assert "<" not in msg and "width" not in msg, "markup in msg %r" % msg
    if c.fields is not None:
        assert out["failure"]["fields"] == c.fields, json.dumps(out, indent=2)


@pytest.mark.parametrize("phase", PHASES)
def test_runs_show_no_traceback_and_no_secret(matrix, phase):
    result = matrix["runs"][phase][0]
    assert result.returncode == 0, explain(result)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "full traceback" not in output, explain(result)
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in output  # -vvv did print module arguments, masked
    for secret in (API_KEY, PASSWORD) + SECRET_MARKERS:
        assert secret not in output, "a secret appears in the %s output" % phase


def test_local_cases_make_no_api_call(matrix):
    journal = matrix["runs"]["local"][1]
    assert journal == [], journal


@pytest.mark.parametrize("phase", PHASES[1:])
def test_no_write_is_accepted(matrix, phase):
    journal = matrix["runs"][phase][1]
    accepted = [r for r in journal if r["method"] in WRITES and r["status"] is not None and r["status"] < 400]
    assert accepted == [], accepted


def test_state_is_unchanged(matrix):
    assert matrix["after"] == matrix["before"]
