"""api_key: create by description, delete by id or description, refuse to guess."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.api_key import ApiKey

from .fake_cloud import ScriptedClient, api_error, run_module

KEYS = "/api/v1/users/auth/keys"
CI = {"id": "k1", "description": "ci", "user_id": "u1", "creation_date": "2026-01-01T00:00:00Z"}
CI_TWIN = dict(CI, id="k2")
OTHER = {"id": "k3", "description": "other", "user_id": "u1", "creation_date": "2026-01-01T00:00:00Z"}


def keys_client(keys, routes=None):
    scripted = {("GET", KEYS): {"keys": list(keys)}}
    scripted.update(routes or {})
    return ScriptedClient(scripted)


def created(call):
    return dict(call["body"], id="new", user_id="u1", creation_date="2026-01-02T00:00:00Z", key="essu_secret")


def test_present_creates_with_expiration_and_roles_and_returns_the_secret():
    roles = {"organization": [{"role_id": "organization-viewer", "organization_id": "o1"}]}
    client = keys_client([OTHER])
    client.routes[("POST", KEYS)] = created
    result = run_module(ApiKey, client, description="ci", expiration="30d", role_assignments=roles)
    assert result["changed"] is True
    assert result["api_key"]["key"] == "essu_secret"
    assert client.calls[-1]["body"] == {"description": "ci", "expiration": "30d", "role_assignments": roles}
    assert result["diff"] == {"before": {}, "after": {"id": "new", "description": "ci", "user_id": "u1", "role_assignments": roles}}
    assert "essu_secret" not in repr(result["diff"])


def test_present_in_check_mode_reports_changed_and_sends_nothing():
    client = keys_client([OTHER])
    result = run_module(ApiKey, client, check_mode=True, description="ci", expiration="30d")
    assert result["changed"] is True
    assert result["api_key"] == {"description": "ci"}
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_present_leaves_an_existing_key_alone(check_mode):
    client = keys_client([CI, OTHER])
    result = run_module(ApiKey, client, check_mode=check_mode, description="ci")
    assert result == {"api_key": CI, "changed": False}
    assert client.writes() == []


def test_present_warns_only_when_an_existing_key_has_other_roles():
    viewer = {"organization": [{"role_id": "organization-viewer", "organization_id": "o1"}]}
    admin = {"organization": [{"role_id": "organization-admin", "organization_id": "o1"}]}
    client = keys_client([dict(CI, role_assignments=admin)])
    result = run_module(ApiKey, client, description="ci", expiration="1d", role_assignments=viewer)
    assert result["changed"] is False
    assert "with other role_assignments and was left alone" in result["warnings"][0]
    same = run_module(ApiKey, client, description="ci", expiration="1d", role_assignments=admin)
    assert "warnings" not in same
    assert client.writes() == []


def test_present_fails_when_two_keys_share_the_description():
    client = keys_client([CI, CI_TWIN])
    with pytest.raises(UsageError) as caught:
        run_module(ApiKey, client, description="ci")
    assert "2 API keys have the description 'ci' (ids k1, k2)" in str(caught.value)
    assert client.writes() == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"description": "ci", "user_id": "u2"}, "user_id is only used with state=absent"),
        ({"description": "ci", "all": True}, "all is only used with state=absent"),
        ({"state": "absent", "id": "k1", "all": True}, "all is only used with description"),
    ],
)
def test_options_that_do_not_apply_are_refused_before_any_call(params, message):
    client = keys_client([])
    with pytest.raises(UsageError, match=message):
        run_module(ApiKey, client, **params)
    assert client.calls == []


def test_absent_ignores_the_options_that_only_matter_on_creation():
    client = keys_client([CI], routes={("DELETE", KEYS + "/k1"): {}})
    result = run_module(ApiKey, client, state="absent", description="ci", expiration="1d", role_assignments={"a": []})
    assert result["changed"] is True and result["removed"] == [CI]
    assert [(call["method"], call["path"]) for call in client.calls] == [("GET", KEYS), ("DELETE", KEYS + "/k1")]


def test_absent_by_id_deletes_the_key_and_shows_it_in_diff():
    client = ScriptedClient({("GET", KEYS + "/k1"): CI, ("DELETE", KEYS + "/k1"): {}})
    result = run_module(ApiKey, client, state="absent", id="k1")
    assert result["changed"] is True
    assert result["removed"] == [CI]
    assert result["diff"]["before"] == {"api_keys": [{"id": "k1", "description": "ci", "user_id": "u1"}]}
    assert client.writes() == [("DELETE", KEYS + "/k1")]


def test_absent_by_id_of_another_user_uses_the_user_path():
    path = "/api/v1/users/u%202/auth/keys/k1"
    client = ScriptedClient({("GET", path): CI, ("DELETE", path): {}})
    result = run_module(ApiKey, client, state="absent", id="k1", user_id="u 2")
    assert result["changed"] is True
    assert client.writes() == [("DELETE", path)]


def test_absent_by_id_when_gone_is_unchanged():
    client = ScriptedClient({("GET", KEYS + "/k1"): api_error(404, "api_keys.key_not_found")})
    result = run_module(ApiKey, client, state="absent", id="k1")
    assert result == {"removed": [], "changed": False}


def test_absent_in_check_mode_sends_nothing():
    client = keys_client([CI, CI_TWIN, OTHER])
    result = run_module(ApiKey, client, check_mode=True, state="absent", description="ci", all=True)
    assert result["changed"] is True
    assert [key["id"] for key in result["removed"]] == ["k1", "k2"]
    assert client.writes() == []


def test_absent_by_description_needs_all_for_several():
    client = keys_client([CI, CI_TWIN])
    with pytest.raises(UsageError, match="set all=true to delete all of them"):
        run_module(ApiKey, client, state="absent", description="ci")
    assert client.writes() == []


def test_absent_with_all_deletes_them_in_one_multi_key_call():
    client = keys_client([CI, CI_TWIN, OTHER], {("DELETE", KEYS): {}})
    result = run_module(ApiKey, client, state="absent", description="ci", all=True)
    assert result["changed"] is True
    assert client.writes() == [("DELETE", KEYS)]
    assert client.calls[-1]["body"] == {"keys": ["k1", "k2"]}


def test_absent_with_all_for_another_user_lists_user_and_key_pairs():
    user_keys = "/api/v1/users/u1/auth/keys"
    client = ScriptedClient({("GET", user_keys): {"keys": [CI, CI_TWIN]}, ("DELETE", KEYS + "/_all"): {}})
    result = run_module(ApiKey, client, state="absent", description="ci", all=True, user_id="u1")
    assert result["changed"] is True
    assert client.writes() == [("DELETE", KEYS + "/_all")]
    assert client.calls[-1]["body"] == {
        "user_api_keys": [{"user_id": "u1", "api_key_id": "k1"}, {"user_id": "u1", "api_key_id": "k2"}]
    }


def test_absent_with_all_and_one_match_tolerates_it_deleted_meanwhile():
    client = keys_client([CI, OTHER], {("DELETE", KEYS + "/k1"): api_error(404, "api_keys.key_not_found", method="DELETE")})
    result = run_module(ApiKey, client, state="absent", description="ci", all=True)
    assert result["changed"] is True
    assert client.writes() == [("DELETE", KEYS + "/k1")]


def test_a_refused_creation_says_who_may_create_keys():
    client = keys_client([], routes={("POST", KEYS): api_error(403, "root.unauthorized", "no", method="POST", path=KEYS)})
    with pytest.raises(Exception) as caught:
        run_module(ApiKey, client, description="ci")
    message = caught.value.message
    assert message.startswith("Creating API key 'ci' was refused (POST /api/v1/users/auth/keys returned 403")
    assert "only organization owners (role organization-admin) can create API keys" in message
    assert "the built-in admin and readonly users cannot own API keys, so log in as another platform user" in message


def test_absent_for_an_unknown_user_names_it():
    client = ScriptedClient({("GET", "/api/v1/users/ghost/auth/keys"): api_error(404, "api_keys.user_not_found")})
    with pytest.raises(Exception) as caught:
        run_module(ApiKey, client, state="absent", description="ci", user_id="ghost")
    assert caught.value.message.startswith("user_id 'ghost': no such user in the organization")


def test_secrets_dir_keeps_the_new_secret_in_a_private_file_and_out_of_the_result(tmp_path):
    client = keys_client([], routes={("POST", KEYS): created})
    directory = tmp_path / "secrets"
    result = run_module(ApiKey, client, description="ci/deploy key", secrets_dir=str(directory))
    path = directory / "ci_deploy_key.key"
    assert result["secret_file"] == str(path) and "key" not in result["api_key"]
    assert path.read_text() == "essu_secret\n" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(directory.stat().st_mode & 0o777) == "0o700"


def test_secrets_dir_is_left_alone_for_an_existing_key_and_in_check_mode(tmp_path):
    directory = tmp_path / "secrets"
    existing = run_module(ApiKey, keys_client([CI]), description="ci", secrets_dir=str(directory))
    assert "secret_file" not in existing and not directory.exists()
    planned = run_module(ApiKey, keys_client([]), check_mode=True, description="new", secrets_dir=str(directory))
    assert planned["changed"] is True and "secret_file" not in planned and not directory.exists()
