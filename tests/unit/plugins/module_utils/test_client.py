"""The shared HTTP client against a scripted server on loopback."""

import socket
import time
from datetime import datetime, timedelta, timezone

import pytest
import urllib3.util.retry

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import (
    COLLECTION_VERSION,
    ElasticCloudClient,
    ElasticCloudError,
    api_path,
    create_once,
)

from .scripted_server import ScriptedServer

OK = (200, {"ok": True}, None)
VENDOR_ERROR = {"errors": [{"code": "project.not_found", "message": "Project abc not found", "fields": ["id"]}]}


@pytest.fixture(autouse=True)
def recorded_sleeps(monkeypatch):
    """Record urllib3's back-off sleeps instead of sleeping."""
    sleeps = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", sleeps.append)
    return sleeps


def client_for(server, **kwargs):
    kwargs.setdefault("api_key", "secret-key")
    return ElasticCloudClient(endpoint=server.url, timeout=5, **kwargs)


def test_sends_api_key_json_and_user_agent():
    with ScriptedServer([(201, {"id": "1"}, {"ETag": '"v1"'})]) as server:
        response = client_for(server).post("/api/v1/things", body={"name": "x"})
    sent = server.received[0]
    assert response.status == 201 and response.data == {"id": "1"} and response.etag == '"v1"'
    assert sent["headers"]["Authorization"] == "ApiKey secret-key"
    assert sent["headers"]["Content-Type"] == "application/json"
    assert sent["body"] == b'{"name": "x"}'
    assert sent["headers"]["User-Agent"].startswith("elastic_cloud.cloud/%s" % COLLECTION_VERSION)


def test_get_retries_429_honouring_retry_after(recorded_sleeps):
    with ScriptedServer([(429, VENDOR_ERROR, {"Retry-After": "3"}), OK]) as server:
        assert client_for(server).get("/x").data == {"ok": True}
    assert server.methods() == ["GET", "GET"]
    assert 3 in recorded_sleeps


def test_post_is_retried_on_429_only():
    with ScriptedServer([(429, VENDOR_ERROR, {"Retry-After": "1"}), (201, {"id": "1"}, None)]) as server:
        assert client_for(server).post("/x", body={}).status == 201
    assert server.methods() == ["POST", "POST"]

    with ScriptedServer([(503, VENDOR_ERROR, None), OK]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).post("/x", body={})
    assert server.methods() == ["POST"]
    assert caught.value.status == 503


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_idempotent_calls_are_retried_on_server_errors(status):
    with ScriptedServer([(status, "<html><body><h1>Bad gateway</h1></body></html>", None), OK]) as server:
        assert client_for(server).delete("/x").data == {"ok": True}
    assert server.methods() == ["DELETE", "DELETE"]


def test_patch_is_not_retried_on_server_errors():
    with ScriptedServer([(502, VENDOR_ERROR, None), OK]) as server:
        with pytest.raises(ElasticCloudError):
            client_for(server).patch("/x", body={"a": 1})
    assert server.methods() == ["PATCH"]


def test_retry_budget_ends_in_one_clear_error():
    with ScriptedServer([(503, VENDOR_ERROR, None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server, retries=2).get("/x")
    assert len(server.received) == 3
    assert caught.value.status == 503
    assert "GET /x returned 503: Project abc not found" in caught.value.message


def test_vendor_error_payload_is_mapped():
    with ScriptedServer([(404, VENDOR_ERROR, {"x-cloud-error-codes": "project.not_found,other.code"})]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/api/v1/serverless/projects/elasticsearch/abc")
    error = caught.value
    assert error.status == 404
    assert error.codes == ["project.not_found", "other.code"]
    assert error.messages == ["Project abc not found"]
    assert error.fields == ["id"]
    assert error.message == (
        "GET /api/v1/serverless/projects/elasticsearch/abc returned 404: Project abc not found "
        "(project.not_found, other.code)"
    )
    assert error.to_failure()["codes"] == ["project.not_found", "other.code"]


def test_html_error_page_from_a_proxy_is_readable():
    page = "<html><head><title>403</title></head><body><p>Blocked by proxy</p></body></html>"
    with ScriptedServer([(403, page, None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/x")
    assert "Blocked by proxy" in caught.value.message
    assert "<" not in caught.value.message


def test_proxy_page_shows_its_message_without_head_script_or_style():
    page = (
        "<html><head><title>502 Bad Gateway</title><style>body { color: red; }</style></head>"
        "<body><script>track('x');</script><!-- cache miss --><center><h1>502 Bad Gateway</h1></center>"
        "<hr><center>nginx &amp; friends</center></body></html>"
    )
    with ScriptedServer([(502, page, None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server, retries=0).get("/x")
    assert caught.value.message == "GET /x returned 502: 502 Bad Gateway (text/html): 502 Bad Gateway nginx & friends"


def test_page_with_only_a_title_keeps_the_title():
    with ScriptedServer([(403, "<html><head><title>Access denied</title></head><body></body></html>", None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/x")
    assert caught.value.message == "GET /x returned 403: 403 Forbidden (text/html): Access denied"


def test_non_json_success_body_is_a_clear_error():
    with ScriptedServer([(200, "<html>login page</html>", None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/x")
    assert "Expected JSON" in caught.value.message and "login page" in caught.value.message


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_write_whose_answer_is_lost_is_sent_once_and_said_to_be_maybe_made(method):
    with ScriptedServer([(None, None, None), (200, {}, None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).request(method, "/x", body={"a": 1})
    assert server.methods() == [method]
    assert caught.value.message == (
        "%s /x was sent but its answer was lost (Remote end closed connection without response): the server may "
        "have made the change; run the task again: it reads what is there before writing" % method
    )
    assert caught.value.response_lost


def test_a_create_whose_answer_is_lost_gives_the_create_advice_only():
    with ScriptedServer([(None, None, None)]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            create_once(client_for(server), "/x", {"a": 1}, lambda: None, lookups=(0,), sleep=lambda seconds: None)
    assert caught.value.message == (
        "POST /x was sent but its answer was lost (Remote end closed connection without response): the server may "
        "have made the change. The create may still complete on the server: run the task again to adopt what it "
        "made, rather than create another"
    )


def test_a_lost_answer_to_a_put_is_sent_again():
    with ScriptedServer([(None, None, None), (200, {"ok": True}, None)]) as server:
        assert client_for(server).put("/x", body={"a": 1}).data == {"ok": True}
    assert server.methods() == ["PUT", "PUT"]


def test_unreachable_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ElasticCloudClient(endpoint="http://127.0.0.1:%d" % port, api_key="k", retries=1)
    with pytest.raises(ElasticCloudError) as caught:
        client.get("/x")
    assert caught.value.message.startswith("Could not reach http://127.0.0.1:%d" % port)
    assert caught.value.response_lost
    assert "\n" not in caught.value.message


def test_slow_response_is_a_timeout_error():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections but never answers
    try:
        client = ElasticCloudClient(
            endpoint="http://127.0.0.1:%d" % listener.getsockname()[1], api_key="k", timeout=0.3, retries=1
        )
        with pytest.raises(ElasticCloudError) as caught:
            client.post("/x", body={})
    finally:
        listener.close()
    assert "timed out after 0.3 seconds" in caught.value.message
    assert caught.value.response_lost


def test_paginate_follows_next_page():
    pages = [(200, {"items": [1, 2], "next_page": "p2"}, None), (200, {"items": [3]}, None)]
    with ScriptedServer(pages) as server:
        assert client_for(server).paginate("/list", "items", params={"a": "b"}) == [1, 2, 3]
    assert server.received[1]["path"] == "/list?a=b&next_page=p2"


def test_get_optional_returns_none_on_404_only():
    with ScriptedServer([(404, VENDOR_ERROR, None)]) as server:
        assert client_for(server).get_optional("/x") is None
    with ScriptedServer([(403, VENDOR_ERROR, None)]) as server:
        with pytest.raises(ElasticCloudError):
            client_for(server).get_optional("/x")


def test_delete_missing_ok_takes_404_as_done_and_nothing_else():
    with ScriptedServer([(404, VENDOR_ERROR, None), (404, VENDOR_ERROR, None)]) as server:
        assert client_for(server).delete("/x", missing_ok=True) is None
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).delete("/x")
    assert server.methods() == ["DELETE", "DELETE"] and caught.value.status == 404
    with ScriptedServer([(409, VENDOR_ERROR, None)]) as server:
        with pytest.raises(ElasticCloudError):
            client_for(server).delete("/x", missing_ok=True)


def test_api_path_quotes_each_segment_whole():
    assert api_path("/api/v1/users/{}/auth/keys/{}", "a/b", "k y?") == "/api/v1/users/a%2Fb/auth/keys/k%20y%3F"
    assert api_path("/api/v1/serverless/projects/security/{}", 7) == "/api/v1/serverless/projects/security/7"


def token_reply(token, expires_in):
    expires = (datetime.now(timezone.utc) + timedelta(seconds=expires_in)).isoformat()
    return (200, {"token": token, "session_expiration_time": expires}, None)


def test_username_password_logs_in_once_and_uses_bearer_token():
    with ScriptedServer([token_reply("t1", 600), OK, OK]) as server:
        client = client_for(server, api_key=None, username="admin", password="pw")
        client.get("/a")
        client.get("/b")
    assert [r["path"] for r in server.received] == ["/api/v1/users/auth/_login", "/a", "/b"]
    assert b'"password": "pw"' in server.received[0]["body"]
    assert "Authorization" not in server.received[0]["headers"]
    assert server.received[2]["headers"]["Authorization"] == "Bearer t1"


def test_token_close_to_expiry_is_refreshed_first():
    with ScriptedServer([token_reply("t1", 300), OK, token_reply("t2", 300), OK]) as server:
        client = client_for(server, api_key=None, username="admin", password="pw")
        client.get("/a")
        assert 200 < client._token_refresh_at - time.time() <= 240  # the last minute of a 300 s token
        client._token_refresh_at = time.time() - 1  # as if that minute had come
        client.get("/b")
    paths = [r["path"] for r in server.received]
    assert paths == ["/api/v1/users/auth/_login", "/a", "/api/v1/users/auth/_refresh", "/b"]
    assert server.received[2]["headers"]["Authorization"] == "Bearer t1"
    assert server.received[3]["headers"]["Authorization"] == "Bearer t2"


def test_token_past_its_expiry_is_replaced_by_a_login_not_a_refresh():
    with ScriptedServer([token_reply("t1", 300), OK, token_reply("t2", 300), OK]) as server:
        client = client_for(server, api_key=None, username="admin", password="pw")
        client.get("/a")
        client._token_expires_at = time.time() - 1  # as if the process had slept past the expiry
        client.get("/b")
    paths = [r["path"] for r in server.received]
    assert paths == ["/api/v1/users/auth/_login", "/a", "/api/v1/users/auth/_login", "/b"]
    assert server.received[3]["headers"]["Authorization"] == "Bearer t2"


def test_401_logs_in_again_once():
    unauthenticated = (401, {"errors": [{"code": "root.unauthenticated", "message": "expired"}]}, None)
    with ScriptedServer([token_reply("t1", 600), unauthenticated, token_reply("t2", 600), OK]) as server:
        client = client_for(server, api_key=None, username="admin", password="pw")
        assert client.get("/a").data == {"ok": True}
    assert server.received[3]["headers"]["Authorization"] == "Bearer t2"


def test_wrong_password_is_clear_and_does_not_echo_it():
    refused = (401, {"errors": [{"code": "root.unauthenticated", "message": "bad credentials"}]}, None)
    with ScriptedServer([refused]) as server:
        client = client_for(server, api_key=None, username="admin", password="hunter2-secret")
        with pytest.raises(ElasticCloudError) as caught:
            client.get("/a")
    assert "wrong username or password" in caught.value.message
    assert "hunter2-secret" not in caught.value.message
    assert len(server.received) == 1


def test_a_login_where_there_is_none_asks_for_an_api_key():
    missing = (404, {"errors": [{"code": "root.resource_not_found", "message": "No API resource"}]}, None)
    with ScriptedServer([missing]) as server:
        client = client_for(server, api_key=None, username="admin", password="hunter2-secret")
        with pytest.raises(ElasticCloudError) as caught:
            client.get("/a")
    assert caught.value.message.startswith("Login as 'admin' at %s failed: the endpoint has no password login" % server.url)
    assert "Elastic Cloud accepts API keys only: set api_key (or EC_API_KEY)" in caught.value.message
    assert "hunter2-secret" not in caught.value.message and len(server.received) == 1


@pytest.mark.parametrize("body, kind", [([1, 2], "array"), ('"hello"', "string")])
def test_an_answer_that_is_not_the_api_says_to_check_the_endpoint(body, kind):
    with ScriptedServer([(200, body, {"Content-Type": "application/json"})]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/api/v1/account")
    message = caught.value.message
    assert "GET /api/v1/account did not return an Elastic Cloud API answer (a JSON %s where object was expected)" % kind in message
    assert "is endpoint %s right?" % server.url in message


def test_a_list_is_fine_where_a_list_is_expected():
    with ScriptedServer([(200, [{"id": "r"}], None)]) as server:
        assert client_for(server).get("/api/v1/serverless/regions", expect=list).data == [{"id": "r"}]


def test_a_redirect_is_not_followed_and_says_where_it_led():
    with ScriptedServer([(301, None, {"Location": "https://api.example.test/api/v1/account"})]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/api/v1/account")
    assert server.methods() == ["GET"]  # nothing sent to the other address
    assert "answered 301, a redirect to https://api.example.test/api/v1/account, which is not followed" in caught.value.message


def test_a_retry_after_beyond_the_cap_fails_naming_the_wait_instead_of_sleeping(recorded_sleeps):
    with ScriptedServer([(429, VENDOR_ERROR, {"Retry-After": "3600"}), OK]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server).get("/x")
    assert server.methods() == ["GET"] and recorded_sleeps == []
    assert "asked to wait 3600 seconds before trying again (Retry-After), longer than the 60 seconds" in caught.value.message
    assert caught.value.status == 429
