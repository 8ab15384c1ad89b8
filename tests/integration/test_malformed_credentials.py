"""Credentials as they come out of files, secret stores and AWX fields: never printed, in any form.

A trailing newline is stripped and the credential works. A tab, a control character or (in the API key, which
travels in an HTTP header) a non-ASCII character is refused before any call, naming the option and never the
value. Every module and the inventory, at normal and -vvv verbosity: no form of the value (raw, stripped, repr,
URL-encoded, JSON-escaped) appears in any output.
"""

import json
import os
from urllib.parse import quote

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import BIN_DIR, ansible_env, explain, run, run_playbook
from .test_examples import SETUPS

API_KEY = "sk-5f0c9e1a-valid-api-key"
PASSWORD = "Adm1n-Pa55-w0rd-q7"
BAD_KEYS = {
    "trailing newline": API_KEY + "\n",
    "tab inside": "sk-5f0c\t9e1a-tabbed-key",
    "non-ASCII": "sk-5f0c-schl\u00fcssel-key",
    "control character": "sk-5f0c-\x01-control-key",
}
REFUSED = {
    "tab inside": "api_key contains a control character",
    "non-ASCII": "api_key contains a non-ASCII character",
    "control character": "api_key contains a control character",
}
# One task per module, in check mode: with a working key each sends only reads.
TASKS = {
    "account": {},
    "api_key": {"description": "malformed-credentials"},
    "api_key_info": {},
    "billing_costs_info": {},
    "comment": {"resource_type": "allocator", "resource_id": "a-1", "text": "hello"},
    "credentials_reset": {"type": "elasticsearch", "name": "nobody"},
    "deployment": {"name": "d", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
                   "version": "8.19.3"},
    "deployment_extension": {"name": "e", "extension_type": "bundle", "version": "8.*"},
    "deployment_extension_info": {},
    "deployment_credentials_reset": {"deployment_name": "nobody"},
    "deployment_info": {},
    "deployment_keystore": {"deployment_name": "nobody", "settings": {"a.b": {"value": "c"}}},
    "deployment_remote_clusters": {"deployment_name": "nobody", "state": "absent"},
    "deployment_template_info": {"region": "aws-us-east-1"},
    "deployment_traffic_filter": {"name": "f", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.1"}]},
    "deployment_traffic_filter_info": {},
    "organization_info": {},
    "organization_member": {"email": "new@example.com", "organization_role": "billing-admin"},
    "project": {"name": "p", "region_id": "aws-us-east-1"},
    "project_info": {},
    "projects": {"projects": [{"name": "p", "region_id": "aws-us-east-1"}]},
    "region_info": {},
    "stack_version_info": {},
    "traffic_filter": {"name": "f", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.1"}]},
    "traffic_filter_info": {},
    "traffic_filter_metadata_info": {},
}
# The tasks above that fail with a working key: what they act on does not exist.
MISSING = ("credentials_reset", "deployment_credentials_reset", "deployment_keystore", "deployment_remote_clusters")


def forms(value):
    """Every way a value can be written into an error text."""
    found = set()
    for variant in (value, value.strip()):
        found.update({variant, repr(variant)[1:-1], quote(variant, safe=""), json.dumps(variant)[1:-1]})
    return {form for form in found if len(form) >= 6}


def assert_never_shown(output, value):
    for form in forms(value):
        assert form not in output, "a form of the credential (%r) appears in the output" % form


@pytest.fixture(scope="module")
def emulator():
    with Emulator("--api-key", API_KEY, "--admin-password", PASSWORD) as running:
        yield running


def test_every_module_is_tried():
    assert sorted(TASKS) == sorted(SETUPS)  # SETUPS: every module, kept complete by its own test


@pytest.mark.parametrize("verbosity", [[], ["-vvv"]], ids=["normal", "vvv"])
@pytest.mark.parametrize("case", sorted(BAD_KEYS))
def test_modules_never_print_a_malformed_api_key(emulator, tmp_path, case, verbosity):
    key = BAD_KEYS[case]
    tasks = [
        {"name": module, "elastic_cloud.cloud.%s" % module: options, "check_mode": True, "ignore_errors": True}
        for module, options in TASKS.items()
    ]
    play = [{"name": "Malformed key", "hosts": "localhost", "connection": "local", "gather_facts": False,
             "module_defaults": {"group/elastic_cloud.cloud.all": {"endpoint": "{{ ec_endpoint }}", "api_key": "{{ bad_key }}"}},
             "tasks": tasks}]  # fmt: skip
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    result = run_playbook(str(path), emulator, extra_vars={"bad_key": key}, options=verbosity)
    output = result.stdout + result.stderr
    assert result.returncode == 0, explain(result)
    assert_never_shown(output, key)
    assert "Traceback" not in output
    if case in REFUSED:
        assert output.count(REFUSED[case]) >= len(TASKS), explain(result)
        assert "ignored=%d" % len(TASKS) in result.stdout, explain(result)
    else:  # stripped: the key works; only the modules whose project or deployment is missing fail
        assert "ignored=%d" % len(MISSING) in result.stdout, explain(result)
        assert "No elasticsearch project is named 'nobody'" in output, explain(result)
        assert output.count("No deployment is named 'nobody'") >= len(MISSING) - 1, explain(result)


@pytest.mark.parametrize("password", ["Adm1n-Pa55-w0rd-q7\n", "Adm1n-\u00fc-wrong-q7", "Adm1n-\t-tabbed-q7"])
def test_a_malformed_password_is_never_printed(emulator, tmp_path, password):
    play = [{"name": "Malformed password", "hosts": "localhost", "connection": "local", "gather_facts": False,
             "tasks": [{"name": "List keys", "elastic_cloud.cloud.api_key_info": {
                 "endpoint": "{{ ec_endpoint }}", "username": "admin", "password": "{{ bad_password }}"}, "ignore_errors": True}]}]  # fmt: skip
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    result = run_playbook(str(path), emulator, extra_vars={"bad_password": password}, options=["-vvv"])
    output = result.stdout + result.stderr
    assert result.returncode == 0, explain(result)
    assert_never_shown(output, password)
    if password.strip() == PASSWORD:
        assert "ignored=0" in result.stdout, explain(result)
    elif "\t" in password:
        assert "password contains a control character" in output, explain(result)
    else:  # non-ASCII travels in the JSON body: the login is simply refused
        assert "was refused: wrong username or password" in output, explain(result)


@pytest.mark.parametrize("verbosity", [[], ["-vvv"]], ids=["normal", "vvv"])
@pytest.mark.parametrize("case", sorted(BAD_KEYS))
def test_the_inventory_never_prints_a_malformed_api_key(emulator, tmp_path, case, verbosity):
    key = BAD_KEYS[case]
    path = tmp_path / "my.elastic_cloud.yml"
    path.write_text("plugin: elastic_cloud.cloud.elastic_cloud\n")
    env = {"EC_ENDPOINT": emulator.url, "EC_API_KEY": key, "ANSIBLE_INVENTORY_ENABLED": "elastic_cloud.cloud.elastic_cloud",
           "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"}  # fmt: skip
    result = run([os.path.join(BIN_DIR, "ansible-inventory"), "-i", str(path), "--list", *verbosity], ansible_env(emulator, env))
    output = result.stdout + result.stderr
    assert_never_shown(output, key)
    if case in REFUSED:
        assert result.returncode != 0 and REFUSED[case] in " ".join(output.split()), explain(result)
    else:
        assert result.returncode == 0, explain(result)
