"""ECE-style login with username and password: short-lived tokens, wrong passwords, mixed credentials.

The emulator issues bearer tokens that live ``--token-ttl`` seconds. Every module
logs in at ``/api/v1/users/auth/_login``, refreshes the token before it expires and
logs in again when the API answers 401; none of that may reach the user.
"""

import json

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_adhoc, run_playbook

TOKEN_TTL = "3"
PASSWORD = "ece-admin-Pa55-x7q"
READONLY_PASSWORD = "ece-readonly-Pa55-k2m"
LOGIN = "/api/v1/users/auth/_login"
REFRESH = "/api/v1/users/auth/_refresh"
KEYS = "/api/v1/users/auth/keys"


def write_play(tmp_path, tasks, username="admin", password="{{ ece_password }}"):
    defaults = {"endpoint": "{{ ec_endpoint }}"}
    if username:
        defaults.update(username=username, password=password)
    play = {
        "name": "ECE authentication",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {"group/elastic_cloud.cloud.all": defaults},
        "tasks": tasks,
    }
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump([play], sort_keys=False))
    return str(path)


@pytest.fixture
def ece():
    """An emulator with 3-second tokens."""
    with Emulator(
        "--token-ttl", TOKEN_TTL, "--admin-password", PASSWORD,
        "--readonly-password", READONLY_PASSWORD,
    ) as running:
        yield running


def sleep_task(seconds):
    return {"name": "Outlive the current token", "ansible.builtin.wait_for": {"timeout": seconds}}


def test_tokens_expiring_between_and_during_tasks_are_survived(ece, tmp_path):
    tasks = [
        {"name": "First call logs in", "elastic_cloud.cloud.api_key_info": {}, "register": "first"},
        sleep_task(4),
        {
            "name": "A comment, after the first token expired",
            "elastic_cloud.cloud.comment": {"resource_type": "allocator", "resource_id": "a-1", "text": "from ECE"},
            "register": "comment",
        },
        {
            "name": "Hold the next key listing until its token has expired",
            "ansible.builtin.uri": {
                "url": "{{ emulator_url }}/_emulator/faults",
                "method": "POST",
                "body_format": "json",
                "body": {"method": "GET", "path": "users/auth/keys$", "action": "delay", "seconds": 4},
                "status_code": 201,
            },
        },
        {
            "name": "A key, whose first call is answered 401",
            "elastic_cloud.cloud.api_key": {"description": "ece-key"},
            "register": "key",
            "no_log": True,
        },
        {
            "name": "Everything worked as the admin user",
            "ansible.builtin.assert": {
                "that": [
                    "first is not changed",
                    "comment is changed and comment.comment.user_id == 'admin'",
                    "key is changed and key.api_key.user_id == 'admin'",
                ]
            },
        },
    ]
    result = run_playbook(write_play(tmp_path, tasks), ece, extra_vars={"ece_password": PASSWORD})
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)

    journal = ece.journal()
    api_calls = [entry for entry in journal if entry["path"] not in (LOGIN, REFRESH)]
    assert {entry["auth"] for entry in api_calls} == {"bearer"}
    assert all(entry["status"] == 200 for entry in journal if entry["path"] == LOGIN)

    # The one request answered 401 is the held listing; the module logged in again and carried on.
    unauthorized = [i for i, entry in enumerate(journal) if entry["status"] == 401 and entry["path"] != REFRESH]
    assert [journal[i]["path"] for i in unauthorized] == [KEYS], json.dumps(journal, indent=1)
    after = journal[unauthorized[0] + 1:]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in after] == [
        ("POST", LOGIN, 200),
        ("GET", KEYS, 200),
        ("POST", KEYS, 201),
    ]


def test_wrong_password_is_a_clear_failure_that_does_not_echo_it(ece, tmp_path):
    wrong = "Wr0ng-Pa55-zq81"
    tasks = [{"name": "List keys", "elastic_cloud.cloud.api_key_info": {}}]
    # From a variable, as real playbooks do: Ansible quotes the playbook's source around a failing task.
    result = run_playbook(write_play(tmp_path, tasks), ece, extra_vars={"ece_password": wrong}, options=["-vvv"])
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Login as 'admin' at %s was refused: wrong username or password" % ece.url in output, explain(result)
    assert wrong not in output
    assert "Traceback" not in result.stdout
    assert [entry["status"] for entry in ece.journal()] == [401]


def test_api_key_and_username_together_are_a_clear_error(ece, tmp_path):
    tasks = [
        {
            "name": "Both kinds of credentials",
            "elastic_cloud.cloud.api_key_info": {"api_key": "{{ ec_api_key }}"},
            "register": "both",
            "ignore_errors": True,
        },
        {
            "name": "Is refused before any call",
            "ansible.builtin.assert": {
                "that": [
                    "both is failed",
                    "both.msg is search('api_key .or EC_API_KEY. cannot be combined with username and password')",
                ]
            },
        },
    ]
    result = run_playbook(write_play(tmp_path, tasks), ece, extra_vars={"ece_password": PASSWORD}, options=["-vvv"])
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
    assert PASSWORD not in result.stdout + result.stderr
    assert ece.api_key not in result.stdout + result.stderr
    assert ece.journal() == []


def test_environment_api_key_with_a_login_is_the_same_clear_error(ece):
    result = run_adhoc(
        "elastic_cloud.cloud.api_key_info",
        "username=admin password=%s" % PASSWORD,
        ece,
        env={"EC_ENDPOINT": ece.url, "EC_API_KEY": ece.api_key},
    )
    assert result.returncode != 0
    assert "api_key (or EC_API_KEY) cannot be combined with username and password" in result.stdout, explain(result)
    assert ece.journal() == []


def test_environment_login_works_ad_hoc(ece):
    result = run_adhoc(
        "elastic_cloud.cloud.api_key_info",
        "",
        ece,
        options=["-o"],
        env={"EC_ENDPOINT": ece.url, "EC_USERNAME": "admin", "EC_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, explain(result)
    assert json.loads(result.stdout.split("=>", 1)[1])["api_keys"][0]["user_id"] == "admin"
    assert [entry["path"] for entry in ece.journal()] == [LOGIN, KEYS]


def test_read_only_user_reads_but_writes_fail_clearly(ece, tmp_path):
    tasks = [
        {"name": "Reading works", "elastic_cloud.cloud.api_key_info": {"all_users": True}, "register": "keys"},
        {
            "name": "Creating a key",
            "elastic_cloud.cloud.api_key": {"description": "readonly-key"},
            "register": "key",
            "ignore_errors": True,
        },
        {
            "name": "Creating a comment",
            "elastic_cloud.cloud.comment": {"resource_type": "allocator", "resource_id": "a-1", "text": "hello"},
            "register": "comment",
            "ignore_errors": True,
        },
        {
            "name": "Writes are refused with the API's 403",
            "ansible.builtin.assert": {
                "that": [
                    "keys.api_keys | length >= 1",
                    "key is failed",
                    "key.msg is search('POST /api/v1/users/auth/keys returned 403')",
                    "key.msg is search('root.unauthorized')",
                    "comment is failed",
                    "comment.failure.status == 403",
                ]
            },
        },
    ]
    play = write_play(tmp_path, tasks, username="readonly")
    result = run_playbook(play, ece, extra_vars={"ece_password": READONLY_PASSWORD})
    assert result.returncode == 0, explain(result)
    assert "failed=0" in result.stdout, explain(result)
