# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""When and how long the client waits before sending a call again (private: not an API for other collections)."""

from __future__ import annotations

import random
import time

try:
    from urllib3.exceptions import ProtocolError
    from urllib3.util.retry import RequestHistory, Retry
except ImportError:  # pragma: no cover - the client reports the missing requests library
    Retry = object
    RequestHistory = None
    ProtocolError = ()

# The longest Retry-After a task waits for (seconds); longer ones fail with the wait the server asked for.
MAX_RETRY_AFTER = 60.0
IDEMPOTENT_METHODS = frozenset(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])
# Statuses after which a write may have been committed although no usable answer arrived.
AMBIGUOUS_STATUSES = (None, 502, 504)
RETRY_STATUSES = frozenset([429, 500, 502, 503, 504])
# How a write is reported whose answer was lost: it reached the server, which may have acted on it.
LOST_ANSWER = "%s %s was sent but its answer was lost (%s): the server may have made the change"
LOST_ANSWER_ADVICE = "; run the task again: it reads what is there before writing"

# Waits (seconds) before each new try of a call rejected with 429 and no Retry-After: about 30 s in all.
# The Serverless API sends no Retry-After and its limit is per credential, so a short backoff (urllib3's
# 0.5 s doubling, ~7 s in all) fails a busy run; Elastic's Terraform provider moved to retrying 429s for longer
# for the same reason ("retry 429s and slow project init polling").
RATE_LIMIT_BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0)
# Each wait is stretched or shrunk by up to this fraction at random, so runs rejected together do not retry together.
RATE_LIMIT_JITTER = 0.25


def lost_answer_reason(error):
    """Why the answer to a request that went out never came (connection reset or closed), else None.

    urllib3 raises ProtocolError when the connection breaks while the answer is awaited; a refused, unresolved or
    timed-out connection (nothing sent) raises other errors. ``error`` is the requests ConnectionError.
    """
    reason = error.args[0] if error.args else None
    reason = getattr(reason, "reason", None) or reason  # MaxRetryError wraps the last error
    if not isinstance(reason, ProtocolError):
        return None
    causes = [arg for arg in reason.args if isinstance(arg, Exception)]
    cause = causes[-1] if causes else reason
    return getattr(cause, "strerror", None) or str(cause)


class RetryAfterTooLong(Exception):
    """The server asked to wait longer than MAX_RETRY_AFTER: fail, naming the wait, instead of sleeping."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


class RateLimitAwareRetry(Retry):
    """urllib3 Retry with a budget and backoff of its own for 429, for every method.

    A 429 means the request was refused before it was processed, so sending a POST
    again cannot create a duplicate. Every other status is retried only for
    idempotent methods, as urllib3 does, within the ordinary budget. 429s do not
    spend that budget: ``rate_limited`` counts them against RATE_LIMIT_BACKOFF.
    ``sleep`` (default ``time.sleep``) and ``rng`` (default ``random``) are injectable.
    """

    def __init__(self, *args, rate_limited=0, rate_limit_backoff=RATE_LIMIT_BACKOFF, sleep=None, rng=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rate_limited = rate_limited
        self.rate_limit_backoff = tuple(rate_limit_backoff)
        self._sleep_function = sleep
        self._rng = rng

    def new(self, **kw):
        kw.setdefault("rate_limited", self.rate_limited)
        kw.setdefault("rate_limit_backoff", self.rate_limit_backoff)
        kw.setdefault("sleep", self._sleep_function)
        kw.setdefault("rng", self._rng)
        return super().new(**kw)

    def is_retry(self, method, status_code, has_retry_after=False):
        if status_code == 429:
            return self.rate_limited < len(self.rate_limit_backoff)
        return super().is_retry(method, status_code, has_retry_after)

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if error is None and response is not None and response.status == 429:
            # Counted apart: a 429 spends only the rate-limit budget (is_retry stops when it is spent).
            history = self.history + (RequestHistory(method, url, None, 429, None),)
            return self.new(rate_limited=self.rate_limited + 1, history=history)
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def sleep(self, response=None):
        if response is not None and response.status == 429:
            self._pause(self._rate_limit_wait(response))
            return
        super().sleep(response)

    def _rate_limit_wait(self, response):
        """Retry-After when sent (up to MAX_RETRY_AFTER), else the next step of RATE_LIMIT_BACKOFF with jitter."""
        seconds = self.get_retry_after(response)
        if seconds is not None:
            self._check_retry_after(seconds)
            return seconds
        step = self.rate_limit_backoff[max(0, self.rate_limited - 1)]
        return step * (1 + (self._rng or random).uniform(-RATE_LIMIT_JITTER, RATE_LIMIT_JITTER))

    def sleep_for_retry(self, response=None):
        seconds = self.get_retry_after(response) if response is not None else None
        if seconds is None:
            return False
        self._check_retry_after(seconds)
        self._pause(seconds)
        return True

    def _sleep_backoff(self):
        backoff = self.get_backoff_time()
        if backoff > 0:
            self._pause(backoff)

    @staticmethod
    def _check_retry_after(seconds):
        # Retry-After is honoured up to a cap: an hour-long wait would block the task silently.
        if seconds > MAX_RETRY_AFTER:
            raise RetryAfterTooLong(seconds)

    def _pause(self, seconds):
        if seconds > 0:
            (self._sleep_function or time.sleep)(seconds)


def build_retry(retries, backoff_factor=0.5, backoff_max=8.0, **rate_limit):
    """The client's retry policy: ``retries`` tries more for errors, RATE_LIMIT_BACKOFF for 429s.

    ``rate_limit`` passes ``rate_limit_backoff``, ``sleep`` or ``rng`` on to RateLimitAwareRetry.
    """
    return RateLimitAwareRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=0,
        allowed_methods=IDEMPOTENT_METHODS,
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        backoff_jitter=0.25,
        respect_retry_after_header=True,
        raise_on_status=False,
        **rate_limit
    )
