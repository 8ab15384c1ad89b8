"""The retry policy: a long backoff of its own for 429 without Retry-After, for every method; no real waiting."""

import pytest
from requests import Session
from requests.adapters import HTTPAdapter

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ElasticCloudClient, ElasticCloudError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._retry import (
    MAX_RETRY_AFTER,
    RATE_LIMIT_BACKOFF,
    RATE_LIMIT_JITTER,
    build_retry,
)

from .scripted_server import ScriptedServer

OK = (200, {"ok": True}, None)
CREATED = (201, {"id": "1"}, None)
TOO_MANY = (429, {"errors": [{"code": "root.too_many_requests", "message": "Too many requests"}]}, None)


class NoJitter:
    """Jitter pinned to one end, so a schedule is exact (stands in for the random module)."""

    def __init__(self, end):
        self.end = end

    def uniform(self, low, high):
        return high if self.end > 0 else low


def client_for(server, sleeps, **kwargs):
    return ElasticCloudClient(endpoint=server.url, api_key="secret-key", timeout=5, sleep=sleeps.append, **kwargs)


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "PUT", "DELETE"])
def test_every_method_is_sent_again_after_a_429(method):
    sleeps = []
    with ScriptedServer([TOO_MANY, TOO_MANY, CREATED]) as server:
        response = client_for(server, sleeps).request(method, "/x", body=None if method in ("GET", "DELETE") else {})
    assert response.status == 201
    assert server.methods() == [method] * 3
    assert len(sleeps) == 2 and 0.75 <= sleeps[0] <= 1.25 and 1.5 <= sleeps[1] <= 2.5


def test_429_without_retry_after_backs_off_1_2_4_8_16_seconds_then_fails_clearly():
    sleeps = []
    with ScriptedServer([TOO_MANY]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server, sleeps).post("/x", body={})
    assert server.methods() == ["POST"] * (len(RATE_LIMIT_BACKOFF) + 1)
    assert len(sleeps) == len(RATE_LIMIT_BACKOFF)
    for waited, step in zip(sleeps, RATE_LIMIT_BACKOFF):
        assert step * (1 - RATE_LIMIT_JITTER) <= waited <= step * (1 + RATE_LIMIT_JITTER)
    assert 23 <= sum(sleeps) <= 39  # about 30 s in all
    assert caught.value.status == 429
    assert "POST /x returned 429: Too many requests (root.too_many_requests). Still rate limited after 6 tries" in (
        caught.value.message
    )
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("end, expected", [(1, [1.25, 2.5, 5.0, 10.0, 20.0]), (-1, [0.75, 1.5, 3.0, 6.0, 12.0])])
def test_the_jitter_stays_within_a_quarter_of_each_step(end, expected):
    sleeps = []
    retry = build_retry(4, sleep=sleeps.append, rng=NoJitter(end))
    with ScriptedServer([TOO_MANY]) as server:
        session = Session()
        session.mount("http://", HTTPAdapter(max_retries=retry))
        assert session.get(server.url + "/x", timeout=5).status_code == 429
    assert sleeps == expected


def test_retry_after_wins_over_the_rate_limit_backoff():
    sleeps = []
    with ScriptedServer([(429, TOO_MANY[1], {"Retry-After": "7"}), (429, TOO_MANY[1], {"Retry-After": "3"}), OK]) as server:
        assert client_for(server, sleeps).get("/x").data == {"ok": True}
    assert sleeps == [7, 3]


def test_a_retry_after_beyond_the_cap_still_fails_naming_it():
    sleeps = []
    too_long = str(int(MAX_RETRY_AFTER) + 1)
    with ScriptedServer([(429, TOO_MANY[1], {"Retry-After": too_long}), OK]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server, sleeps).post("/x", body={})
    assert server.methods() == ["POST"] and sleeps == []
    assert "asked to wait %s seconds" % too_long in caught.value.message


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_post_is_retried_on_429_only(status):
    sleeps = []
    with ScriptedServer([TOO_MANY, (status, TOO_MANY[1], None), CREATED]) as server:
        with pytest.raises(ElasticCloudError) as caught:
            client_for(server, sleeps).post("/x", body={})
    assert server.methods() == ["POST", "POST"]  # sent again after the 429, never after the server error
    assert caught.value.status == status


def test_429s_do_not_spend_the_server_error_budget():
    sleeps = []
    script = [TOO_MANY] * 3 + [(503, TOO_MANY[1], None)] * 2 + [OK]
    with ScriptedServer(script) as server:
        assert client_for(server, sleeps, retries=2).get("/x").data == {"ok": True}
    assert server.methods() == ["GET"] * 6
    for waited, step in zip(sleeps[:3], RATE_LIMIT_BACKOFF):
        assert step * (1 - RATE_LIMIT_JITTER) <= waited <= step * (1 + RATE_LIMIT_JITTER)


def test_server_errors_keep_their_short_backoff():
    sleeps = []
    with ScriptedServer([(503, TOO_MANY[1], None)] * 3 + [OK]) as server:
        assert client_for(server, sleeps).get("/x").data == {"ok": True}
    assert len(sleeps) == 2 and max(sleeps) <= 8.0  # the first retry is immediate, as urllib3 does
