"""The elastic_cloud.cloud.elastic_cloud inventory through real ``ansible-inventory`` against the emulator."""

import json
import os

import pytest
import requests
import yaml

from elastic_cloud_emulator.control import Emulator
from tests.integration.runner import BIN_DIR, ansible_env, explain, run, run_tasks

PROJECTS = "/api/v1/serverless/projects"


def create_project(emulator, project_type, name, region="aws-us-east-1", tags=None):
    body = {"name": name, "region_id": region}
    if tags:
        body["metadata"] = {"tags": tags}
    response = requests.post(emulator.url + f"{PROJECTS}/{project_type}", json=body, headers=emulator.auth_header, timeout=30)
    assert response.status_code == 201, response.text
    project = response.json()
    project.pop("credentials", None)
    return project


def write_inventory(directory, **config):
    path = os.path.join(str(directory), "my.elastic_cloud.yml")
    with open(path, "w") as handle:
        yaml.safe_dump(dict({"plugin": "elastic_cloud.cloud.elastic_cloud"}, **config), handle)
    return path


def inventory(emulator, path, *options, env=None):
    """``ansible-inventory -i path options``, with credentials only in the environment by default."""
    credentials = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key} if env is None else env
    # A source that fails to parse must fail the command rather than print an empty inventory.
    credentials = dict(credentials, ANSIBLE_INVENTORY_UNPARSED_FAILED="1", ANSIBLE_INVENTORY_ENABLED="elastic_cloud.cloud.elastic_cloud")
    command = [os.path.join(BIN_DIR, "ansible-inventory"), "-i", path, *options]
    return run(command, ansible_env(emulator, credentials), timeout=120)


def plain(value):
    """``--list`` output with the markers of untrusted (never templated) API strings removed."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def listed(emulator, path, *options, env=None):
    result = inventory(emulator, path, "--list", *options, env=env)
    assert result.returncode == 0, explain(result)
    assert "WARNING" not in result.stderr, explain(result)
    return plain(json.loads(result.stdout))


def api_calls(emulator):
    return [(entry["method"], entry["path"]) for entry in emulator.journal()]


@pytest.fixture
def fleet(emulator):
    """Three projects, one of each type, in two regions with different tags."""
    return {
        "search-prod": create_project(emulator, "elasticsearch", "search-prod", tags={"env": "prod", "team": "search"}),
        "logs-dev": create_project(emulator, "observability", "logs-dev", region="aws-eu-west-1", tags={"env": "dev"}),
        "siem-prod": create_project(emulator, "security", "siem-prod", region="aws-eu-west-1", tags={"env": "prod"}),
    }


def test_graph_groups_hosts_by_keyed_groups_and_conditions(emulator, fleet, tmp_path):
    path = write_inventory(
        tmp_path,
        keyed_groups=[{"key": "ec_type", "prefix": "type"}, {"key": "ec_tags.env", "prefix": "env"}],
        groups={"europe": "ec_region.startswith('aws-eu')"},
    )
    result = inventory(emulator, path, "--graph")
    assert result.returncode == 0, explain(result)
    graph = result.stdout
    for group, host in [
        ("type_elasticsearch", "search-prod"),
        ("type_observability", "logs-dev"),
        ("type_security", "siem-prod"),
        ("env_dev", "logs-dev"),
    ]:
        assert f"@{group}:\n  |  |--{host}\n" in graph, graph
    assert "@env_prod:\n  |  |--search-prod\n  |  |--siem-prod\n" in graph, graph
    assert "@europe:\n  |  |--logs-dev\n  |  |--siem-prod\n" in graph, graph


def test_list_gives_project_hostvars_without_status_calls(emulator, fleet, tmp_path):
    path = write_inventory(tmp_path, compose={"es_url": "ec_endpoints.elasticsearch"})
    emulator.clear_journal()
    data = listed(emulator, path)
    hostvars = data["_meta"]["hostvars"]
    assert sorted(hostvars) == sorted(fleet)
    for name, project in fleet.items():
        host = hostvars[name]
        assert host["ec_id"] == project["id"]
        assert host["ec_name"] == name
        assert host["ec_type"] == project["type"]
        assert host["ec_region"] == project["region_id"]
        assert host["ec_alias"] == project["alias"]
        assert host["ec_cloud_id"] == project["cloud_id"]
        assert host["ec_endpoints"] == project["endpoints"]
        assert host["ec_tags"] == project["metadata"]["tags"]
        assert host["ec_created_at"] == project["metadata"]["created_at"]
        assert host["es_url"] == project["endpoints"]["elasticsearch"]
        assert "ec_phase" not in host
    assert hostvars["logs-dev"]["ec_product_tier"] == fleet["logs-dev"]["product_tier"]
    calls = api_calls(emulator)
    assert sorted(calls) == sorted(("GET", f"{PROJECTS}/{kind}") for kind in ("elasticsearch", "observability", "security"))


def test_types_tags_and_regions_narrow_the_hosts(emulator, fleet, tmp_path):
    emulator.clear_journal()
    data = listed(emulator, write_inventory(tmp_path, types=["observability", "security"], tags={"env": "prod"}))
    assert sorted(data["_meta"]["hostvars"]) == ["siem-prod"]
    # Only the chosen types are listed, and the tag filter is sent to the API.
    requested = [(entry["path"], entry["query"]) for entry in emulator.journal()]
    assert sorted(requested) == [(f"{PROJECTS}/observability", "tags%5Benv%5D=prod"), (f"{PROJECTS}/security", "tags%5Benv%5D=prod")]

    data = listed(emulator, write_inventory(tmp_path, regions=["aws-eu-west-1"]))
    assert sorted(data["_meta"]["hostvars"]) == ["logs-dev", "siem-prod"]


def test_include_status_reads_each_phase_once(tmp_path):
    # Projects stay initializing for the whole test, so the phase is known.
    with Emulator("--phase-delay", "600") as slow:
        first = create_project(slow, "elasticsearch", "first")
        second = create_project(slow, "security", "second")
        path = write_inventory(tmp_path, include_status=True, groups={"not_ready": "ec_phase != 'initialized'"})
        slow.clear_journal()
        data = listed(slow, path)
        status_calls = sorted(path for method, path in api_calls(slow) if path.endswith("/status"))
    assert data["_meta"]["hostvars"]["first"]["ec_phase"] == "initializing"
    assert data["_meta"]["hostvars"]["second"]["ec_phase"] == "initializing"
    assert sorted(data["not_ready"]["hosts"]) == ["first", "second"]
    assert status_calls == sorted(
        [f"{PROJECTS}/elasticsearch/{first['id']}/status", f"{PROJECTS}/security/{second['id']}/status"]
    )


def test_cache_serves_the_second_run_until_flushed(emulator, fleet, tmp_path):
    cache_dir = tmp_path / "cache"
    path = write_inventory(
        tmp_path, cache=True, cache_plugin="ansible.builtin.jsonfile", cache_connection=str(cache_dir), cache_timeout=3600
    )
    first = listed(emulator, path)
    assert sorted(first["_meta"]["hostvars"]) == sorted(fleet)
    cached = [name for name in os.listdir(cache_dir) if not name.startswith(".")]
    assert len(cached) == 1
    with open(cache_dir / cached[0]) as handle:
        assert emulator.api_key not in handle.read()

    create_project(emulator, "elasticsearch", "added-later")
    emulator.clear_journal()
    second = listed(emulator, path)
    assert second["_meta"]["hostvars"] == first["_meta"]["hostvars"]
    assert api_calls(emulator) == []

    flushed = listed(emulator, path, "--flush-cache")
    assert "added-later" in flushed["_meta"]["hostvars"]
    assert len(api_calls(emulator)) == 3


def test_a_name_shared_across_types_gets_type_dash_name_hosts(emulator, tmp_path):
    one = create_project(emulator, "elasticsearch", "twin")
    two = create_project(emulator, "observability", "twin")
    create_project(emulator, "security", "alone")
    data = listed(emulator, write_inventory(tmp_path))
    assert sorted(data["_meta"]["hostvars"]) == ["alone", "elasticsearch-twin", "observability-twin"]
    assert data["_meta"]["hostvars"]["elasticsearch-twin"]["ec_id"] == one["id"]

    data = listed(emulator, write_inventory(tmp_path, hostname="alias"))
    assert {one["alias"], two["alias"]} <= set(data["_meta"]["hostvars"])


def test_duplicate_names_within_a_type_fail_naming_both_ids(emulator, tmp_path):
    one = create_project(emulator, "elasticsearch", "twin")
    two = create_project(emulator, "elasticsearch", "twin")
    result = inventory(emulator, write_inventory(tmp_path), "--list")
    assert result.returncode != 0, explain(result)
    assert one["id"] in result.stderr and two["id"] in result.stderr, explain(result)
    assert "hostname: alias" in result.stderr


def test_options_in_the_file_and_a_login_from_env_is_refused(emulator, fleet, tmp_path):
    in_file = write_inventory(tmp_path, endpoint=emulator.url, api_key=emulator.api_key)
    assert sorted(listed(emulator, in_file, env={})["_meta"]["hostvars"]) == sorted(fleet)

    # Empty variables, as a credential with unset fields injects them, count as unset.
    empty_login = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key, "EC_USERNAME": "", "EC_PASSWORD": ""}
    assert sorted(listed(emulator, write_inventory(tmp_path), env=empty_login)["_meta"]["hostvars"]) == sorted(fleet)

    # The Serverless API takes API keys only: a login fails before any call, saying so.
    emulator.clear_journal()
    login = {"EC_HOST": emulator.url, "EC_USER": "admin", "EC_PASS": "admin-password"}
    result = inventory(emulator, write_inventory(tmp_path), "--list", env=login)
    assert result.returncode != 0, explain(result)
    assert "the inventory of projects needs an API key (api_key or EC_API_KEY), not username and password" in result.stderr
    assert "admin-password" not in result.stdout + result.stderr
    assert api_calls(emulator) == []


def test_wrong_key_fails_cleanly_without_echoing_it(emulator, fleet, tmp_path):
    secret = "not-a-valid-key-7f3a9c"
    result = inventory(emulator, write_inventory(tmp_path), "--list", env={"EC_ENDPOINT": emulator.url, "EC_API_KEY": secret})
    assert result.returncode != 0, explain(result)
    assert "returned 401" in result.stderr, explain(result)
    assert "Traceback" not in result.stderr
    assert secret not in result.stdout + result.stderr


def test_missing_credentials_are_named(emulator, tmp_path):
    result = inventory(emulator, write_inventory(tmp_path), "--list", env={"EC_ENDPOINT": emulator.url})
    assert result.returncode != 0, explain(result)
    assert "Elastic Cloud inventory: No credentials: set api_key (or EC_API_KEY)" in " ".join(result.stderr.split()), explain(result)


def test_vault_encrypted_api_key_in_the_file(emulator, fleet, tmp_path):
    password_file = tmp_path / "vault-password"
    password_file.write_text("inventory-vault-password\n")
    encrypted = run(
        [os.path.join(BIN_DIR, "ansible-vault"), "encrypt_string", "--vault-password-file", str(password_file), "--name", "api_key", emulator.api_key],
        ansible_env(),
    )
    assert encrypted.returncode == 0, explain(encrypted)
    path = tmp_path / "vaulted.elastic_cloud.yml"
    path.write_text("plugin: elastic_cloud.cloud.elastic_cloud\nendpoint: %s\n%s" % (emulator.url, encrypted.stdout))
    assert emulator.api_key not in path.read_text()
    data = listed(emulator, str(path), "--vault-password-file", str(password_file), env={})
    assert sorted(data["_meta"]["hostvars"]) == sorted(fleet)


@pytest.mark.parametrize("enabled", ["elastic_cloud.cloud.projects", "auto"])
def test_the_old_plugin_name_still_lists_projects_with_a_deprecation_warning(emulator, tmp_path, enabled):
    create_project(emulator, "elasticsearch", "kept")
    path = tmp_path / "old.elastic_cloud.yml"
    path.write_text("plugin: elastic_cloud.cloud.projects\n")
    env = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key, "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
           "ANSIBLE_INVENTORY_ENABLED": enabled, "ANSIBLE_DEPRECATION_WARNINGS": "1"}  # fmt: skip
    command = [os.path.join(BIN_DIR, "ansible-inventory"), "-i", str(path), "--list"]
    result = run(command, ansible_env(emulator, env), timeout=120)
    assert result.returncode == 0, explain(result)
    assert sorted(plain(json.loads(result.stdout))["_meta"]["hostvars"]) == ["kept"]
    warning = " ".join(result.stderr.split())
    assert "elastic_cloud.cloud.projects has been deprecated" in warning, explain(result)
    assert "Use elastic_cloud.cloud.elastic_cloud instead" in warning, explain(result)


def create_deployments(emulator, tmp_path, *deployments):
    """Deployments made with the deployment module (not waiting for their plans); their ids by name."""
    tasks = [{"elastic_cloud.cloud.deployment": dict(options, region=options.get("region", "aws-us-east-1"),
                                                     deployment_template_id="aws-storage-optimized", wait=False),
              "no_log": True, "register": "made_%d" % number}
             for number, options in enumerate(deployments)]  # fmt: skip
    result = run_tasks(tasks, emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    emulator.clock(advance=600)  # every plan done
    return {deployment["name"]: deployment["id"] for deployment in emulator.state()["deployments"]}


def test_deployments_are_hosts_beside_projects_grouped_by_region_version_and_tag(emulator, fleet, tmp_path):
    ids = create_deployments(emulator, tmp_path,
                             {"name": "logging", "version": "8.19.3", "tags": {"team": "ops"}},
                             {"name": "search-prod", "version": "9.1.2", "region": "aws-eu-west-1", "tags": {"team": "search"}})  # fmt: skip
    path = write_inventory(tmp_path, types=["elasticsearch", "deployment"], keyed_groups=[
        {"key": "ec_type", "prefix": "type"}, {"key": "ec_region", "prefix": "region"},
        {"key": "ec_version | default('none', true)", "prefix": "version"},
        {"key": "ec_tags.team | default('none')", "prefix": "team"},
    ])  # fmt: skip
    data = listed(emulator, path)
    hostvars = data["_meta"]["hostvars"]
    # The project and the deployment named search-prod are told apart by their type.
    assert sorted(hostvars) == ["deployment-search-prod", "elasticsearch-search-prod", "logging"]
    logging = hostvars["logging"]
    assert logging["ec_id"] == ids["logging"] and logging["ec_type"] == "deployment"
    assert logging["ec_region"] == "aws-us-east-1" and logging["ec_tags"] == {"team": "ops"}
    assert logging["ec_deployment_template_id"] == "aws-storage-optimized"
    assert logging["ec_endpoints"]["elasticsearch"].startswith("https://")
    assert "kibana" in logging["ec_endpoints"] and logging["ec_cloud_id"]
    assert {resource["kind"] for resource in logging["ec_resources"]} >= {"elasticsearch", "kibana"}
    assert sorted(data["type_deployment"]["hosts"]) == ["deployment-search-prod", "logging"]
    assert data["region_aws_eu_west_1"]["hosts"] == ["deployment-search-prod"]
    assert data["version_8_19_3"]["hosts"] == ["logging"] and data["version_9_1_2"]["hosts"] == ["deployment-search-prod"]
    assert logging["ec_healthy"] is True and logging["ec_status"] == "started"
    assert data["team_ops"]["hosts"] == ["logging"]

    # Regions and tags narrow deployments as they narrow projects; the tags go to the API's search.
    emulator.clear_journal()
    narrowed = listed(emulator, write_inventory(tmp_path, types=["deployment"], tags={"team": "search"}))
    assert sorted(narrowed["_meta"]["hostvars"]) == ["search-prod"]
    searches = [entry for entry in emulator.journal() if entry["path"].endswith("/deployments/_search")]
    assert searches and "metadata.tags" in json.dumps(searches[0].get("body"))
    in_region = listed(emulator, write_inventory(tmp_path, types=["deployment"], regions=["aws-us-east-1"]))
    assert sorted(in_region["_meta"]["hostvars"]) == ["logging"]


def test_deployments_alone_take_a_login_and_projects_still_refuse_one(emulator, tmp_path):
    create_deployments(emulator, tmp_path, {"name": "logging", "version": "8.19.3"})
    login = {"EC_HOST": emulator.url, "EC_USER": "admin", "EC_PASS": "admin-password"}
    assert sorted(listed(emulator, write_inventory(tmp_path, types=["deployment"]), env=login)["_meta"]["hostvars"]) == ["logging"]
    result = inventory(emulator, write_inventory(tmp_path, types=["deployment", "security"]), "--list", env=login)
    assert result.returncode != 0, explain(result)
    assert "the inventory of projects needs an API key" in result.stderr, explain(result)
    assert "admin-password" not in result.stdout + result.stderr


def test_two_deployments_of_one_name_fail_naming_both_ids(emulator, tmp_path):
    ids = create_deployments(emulator, tmp_path, {"name": "twin", "version": "8.19.3"}, {"name": "other", "version": "8.19.3"})
    renamed = run_tasks([{"elastic_cloud.cloud.deployment": {"id": ids["other"], "name": "twin", "wait": False}}], emulator, tmp_path)
    assert renamed.returncode == 0, explain(renamed)
    twins = [deployment["id"] for deployment in emulator.state()["deployments"] if deployment["name"] == "twin"]
    assert len(twins) == 2
    result = inventory(emulator, write_inventory(tmp_path, types=["deployment"]), "--list")
    assert result.returncode != 0, explain(result)
    assert all(deployment_id in result.stderr for deployment_id in twins), explain(result)
