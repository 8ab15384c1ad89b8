"""api_key_info: own keys, one user's, everyone's, or one by id."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.api_key_info import ApiKeyInfo

from .fake_cloud import ScriptedClient, api_error, run_module

KEYS = "/api/v1/users/auth/keys"
CI = {"id": "k1", "description": "ci", "user_id": "u1", "creation_date": "2026-01-01T00:00:00Z"}
OTHER = {"id": "k3", "description": "other", "user_id": "u2", "creation_date": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize(
    "params, path",
    [
        ({}, KEYS),
        ({"all_users": True}, KEYS + "/_all"),
        ({"user_id": "u2"}, "/api/v1/users/u2/auth/keys"),
    ],
)
def test_lists_from_the_matching_route(params, path):
    client = ScriptedClient({("GET", path): {"keys": [CI, OTHER]}})
    result = run_module(ApiKeyInfo, client, **params)
    assert result == {"api_keys": [CI, OTHER], "changed": False}
    assert [c["path"] for c in client.calls] == [path]


def test_filters_by_description():
    client = ScriptedClient({("GET", KEYS): {"keys": [CI, OTHER]}})
    result = run_module(ApiKeyInfo, client, description="other")
    assert result["api_keys"] == [OTHER]


def test_one_by_id_or_none():
    client = ScriptedClient({("GET", KEYS + "/k1"): CI, ("GET", KEYS + "/k9"): api_error(404, "api_keys.key_not_found")})
    assert run_module(ApiKeyInfo, client, id="k1")["api_keys"] == [CI]
    assert run_module(ApiKeyInfo, client, id="k9")["api_keys"] == []


def test_all_users_with_user_id_is_refused():
    client = ScriptedClient({})
    with pytest.raises(UsageError, match="all_users cannot be combined with id or user_id"):
        run_module(ApiKeyInfo, client, all_users=True, user_id="u2")
    assert client.calls == []


def test_other_errors_are_not_swallowed():
    client = ScriptedClient({("GET", KEYS + "/k1"): api_error(403, "root.unauthorized")})
    with pytest.raises(Exception) as caught:
        run_module(ApiKeyInfo, client, id="k1")
    assert caught.value.status == 403
