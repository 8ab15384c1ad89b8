"""Shared options and their checks in the base module class."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import (
    ElasticCloudModule,
    check_api_key_only,
    cleartext_warning,
    check_endpoint,
    check_one_credential,
    connection_argument_spec,
    parse_duration,
    validate_certs_from,
    verification,
)


@pytest.mark.parametrize(
    "value, seconds", [("40", 40), (40, 40), ("2.5", 2.5), ("30s", 30), ("2m", 120), ("1h", 3600), (" 5m ", 300)]
)
def test_parse_duration_accepts_seconds_and_durations(value, seconds):
    assert parse_duration(value, "timeout") == seconds


@pytest.mark.parametrize("value", ["soon", "0", "-1", "5d", "", "1m30s"])
def test_parse_duration_rejects_anything_else_naming_the_option(value):
    with pytest.raises(UsageError) as caught:
        parse_duration(value, "timeout")
    assert str(caught.value).startswith("timeout must be a positive number of seconds or a duration")


@pytest.mark.parametrize(
    "explicit, environ, expected",
    [
        (None, {}, True),
        (False, {}, False),
        (True, {"EC_INSECURE": "true"}, True),
        (None, {"EC_INSECURE": "true"}, False),
        (None, {"EC_INSECURE": "false"}, True),
        (None, {"EC_SKIP_TLS_VALIDATION": "1"}, False),
        (None, {"EC_SKIP_TLS_VALIDATION": "no"}, True),
    ],
)
def test_validate_certs_falls_back_to_inverted_insecure_variables(explicit, environ, expected):
    assert validate_certs_from({"validate_certs": explicit}, environ) is expected


@pytest.mark.parametrize("endpoint", ["https://api.elastic-cloud.com", "http://127.0.0.1:8080", "https://ece.local:12443/"])
def test_check_endpoint_accepts_urls(endpoint):
    assert check_endpoint(endpoint) == endpoint


@pytest.mark.parametrize("endpoint", ["api.elastic-cloud.com", "ftp://x", "https://", "", None])
def test_check_endpoint_rejects_non_urls(endpoint):
    with pytest.raises(UsageError, match="endpoint must be an http:// or https:// URL"):
        check_endpoint(endpoint)


def test_secrets_are_no_log_and_env_fallbacks_use_the_terraform_names():
    spec = connection_argument_spec()
    assert spec["api_key"]["no_log"] and spec["password"]["no_log"]
    fallbacks = {name: option["fallback"][1] for name, option in spec.items() if "fallback" in option}
    assert fallbacks == {
        "endpoint": ["EC_ENDPOINT", "EC_HOST"],
        "api_key": ["EC_API_KEY"],
        "username": ["EC_USERNAME", "EC_USER"],
        "password": ["EC_PASSWORD", "EC_PASS"],
        "ca_path": ["EC_CA_PATH"],
        "timeout": ["EC_TIMEOUT"],
    }


@pytest.mark.parametrize(
    "params",
    [
        {"api_key": "key-value-9f2", "username": "admin", "password": "pw-value-7c1"},
        {"api_key": "key-value-9f2", "username": "admin"},
        {"api_key": "key-value-9f2", "password": "pw-value-7c1"},
    ],
)
def test_an_api_key_and_a_login_together_are_refused_without_echoing_them(params):
    with pytest.raises(UsageError) as caught:
        check_one_credential(params)
    message = str(caught.value)
    assert message.startswith("api_key (or EC_API_KEY) cannot be combined with username and password")
    assert "key-value-9f2" not in message and "pw-value-7c1" not in message


@pytest.mark.parametrize("params", [{"api_key": "k"}, {"username": "admin", "password": "pw"}, {"api_key": "", "username": "u"}])
def test_one_kind_of_credential_is_accepted(params):
    check_one_credential(params)


@pytest.mark.parametrize("params", [{"username": "admin", "password": "pw-value-7c1"}, {"username": "admin"}, {"password": "pw"}])
def test_a_login_for_an_elastic_cloud_only_api_asks_for_an_api_key(params):
    with pytest.raises(UsageError) as caught:
        check_api_key_only(params, "project", "the Serverless API")
    assert str(caught.value) == (
        "project needs an API key (api_key or EC_API_KEY), not username and password: the Serverless API exists only "
        "on Elastic Cloud, which accepts API keys only; username and password log in to Elastic Cloud Enterprise, "
        "which does not have it"
    )


@pytest.mark.parametrize(
    "params, api",
    [({"api_key": "k"}, "the Serverless API"), ({"username": "admin", "password": "pw"}, None), ({"username": ""}, "x")],
)
def test_an_api_key_or_a_module_that_serves_ece_passes(params, api):
    check_api_key_only(params, "project", api)


@pytest.mark.parametrize(
    "endpoint, warned",
    [("http://api.example.test", True), ("http://10.0.0.5:12400", True), ("https://api.example.test", False),
     ("http://127.0.0.1:8080", False), ("http://localhost:8080", False)],
)
def test_plain_http_to_another_machine_is_warned_about(endpoint, warned):
    assert (cleartext_warning(endpoint) is not None) is warned


def test_ca_path_must_be_a_file_and_is_what_requests_verifies_with(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("pem")
    assert verification({"ca_path": str(bundle)}) == str(bundle)
    assert verification({"ca_path": str(bundle), "validate_certs": False}) is False
    assert verification({}) is True
    with pytest.raises(UsageError, match="ca_path .* is not a file"):
        verification({"ca_path": str(tmp_path / "missing.pem")})


class StubModule:
    """Just what ElasticCloudModule.execute() uses of an AnsibleModule."""

    params = {"endpoint": "https://api.example.test", "api_key": "k", "username": None, "password": None,
              "validate_certs": None, "timeout": None}  # fmt: skip
    check_mode = False

    def warn(self, message):
        pass

    def fail_json(self, **result):
        raise SystemExit(("failed", result))

    def exit_json(self, **result):
        raise SystemExit(("exited", result))


@pytest.mark.parametrize(
    "raised, traceback_kept",
    [(UsageError("name must not be empty"), False), (ValueError("a bug"), True), (KeyError("bug"), True)],
)
def test_usage_errors_fail_plainly_and_bugs_keep_their_traceback(monkeypatch, raised, traceback_kept):
    class Broken(ElasticCloudModule):
        def run(self):
            raise raised

    monkeypatch.setattr(Broken, "define_module", classmethod(lambda cls: StubModule()))
    with pytest.raises(SystemExit) as ended:
        Broken.execute()
    outcome, result = ended.value.code
    assert outcome == "failed"
    assert ("exception" in result) is traceback_kept
    assert result["msg"] == ("Unexpected error: " if traceback_kept else "") + str(raised)


def test_a_modules_client_warns_through_the_module():
    class Lister(ElasticCloudModule):
        def run(self):
            return {}

    module = StubModule()
    module.params = dict({name: None for name in connection_argument_spec()}, endpoint="http://localhost:9", api_key="k")
    assert Lister(module).client.warn == module.warn
