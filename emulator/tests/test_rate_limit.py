"""The optional rate limit per credential: 429 without Retry-After, counted on the emulator clock."""

import pytest
import requests

from spec_client import error_code

from elastic_cloud_emulator.cli import parse_args
from elastic_cloud_emulator.control import Emulator
from elastic_cloud_emulator.ratelimit import RateLimiter, parse_rate

REGIONS = "/api/v1/serverless/regions"


@pytest.mark.parametrize("text, expected", [("5/s", (5, 1.0)), ("100/m", (100, 60.0)), ("3/2s", (3, 2.0)), (" 1 / s", (1, 1.0))])
def test_rates_are_read_as_requests_per_seconds(text, expected):
    assert parse_rate(text) == expected


@pytest.mark.parametrize("text", ["5", "0/s", "5/h", "x/s", "5/0s", ""])
def test_nonsense_rates_are_refused_on_the_command_line(text, capsys):
    with pytest.raises(SystemExit):
        parse_args(["--rate-limit", text])
    assert "--rate-limit" in capsys.readouterr().err


def test_no_limit_by_default():
    assert parse_args([]).rate_limit is None


def test_a_window_opens_at_the_first_request_and_counts_each_credential_apart():
    limiter = RateLimiter(2, 1.0)
    assert [limiter.admit("a", now) for now in (10.3, 10.5, 11.2)] == [True, True, False]
    assert limiter.admit("b", 11.2) is True  # its own budget
    assert [limiter.admit("a", now) for now in (11.3, 11.4, 12.0)] == [True, True, False]
    limiter.clear()
    assert limiter.admit("a", 12.0) is True


def get(emulator, key):
    return requests.get(emulator.url + REGIONS, headers={"Authorization": f"ApiKey {key}"}, timeout=10)


def test_requests_beyond_the_limit_get_the_api_429_without_retry_after():
    # Each API request moves the clock 0.25 s: a 1 s window holds four requests, whatever the machine's speed.
    with Emulator("--rate-limit", "2/s", "--clock-step", "0.25", "--api-key", "a", "--api-key", "b") as emulator:
        answers = [get(emulator, "a") for _attempt in range(3)]
        assert [answer.status_code for answer in answers] == [200, 200, 429]
        refused = answers[2]
        assert "Retry-After" not in refused.headers
        assert error_code(refused) == "root.too_many_requests"
        assert refused.headers["x-cloud-error-codes"] == "root.too_many_requests"
        assert list(refused.json()["errors"][0]) == ["code", "message"]
        assert get(emulator, "b").status_code == 200  # another credential has its own budget
        for _attempt in range(5):
            assert emulator.journal() and emulator.state() is not None  # hooks: never limited, never a tick
        assert get(emulator, "a").status_code == 200  # 1 s after a's first request: a new window
        assert [entry["status"] for entry in emulator.journal()] == [200, 200, 429, 200, 200]
        emulator.reset()
        assert [get(emulator, "a").status_code for _attempt in range(2)] == [200, 200]


def test_unauthenticated_requests_share_one_budget_and_are_limited_before_routing():
    with Emulator("--rate-limit", "1/m", "--clock-step", "1") as emulator:
        statuses = [requests.get(emulator.url + path, timeout=10).status_code for path in (REGIONS, "/api/v1/nope")]
        assert statuses == [401, 429]
