"""An optional rate limit per credential (``--rate-limit 5/s``), counted on the emulator's clock.

The Serverless API rate limits requests and answers 429 with no ``Retry-After`` header:
Elastic's Terraform provider notes that the API "does not document or return" it, and that
polling a project's status every 200 ms "burns through the API rate limit" (commit "retry
429s and slow project init polling"). So the emulator sends none: a client must bring its
own backoff. Neither the size nor the scope of the limit is documented; the emulator counts
per credential as sent (API key or bearer token), so runs sharing a key share its budget. Counting on the emulator's clock (fixed windows) keeps
tests independent of the machine: with ``--clock-step`` a window is a number of requests.
"""

import re
import threading

from .errors import ApiError
from .faults import ERROR_CODES

RATE = re.compile(r"^\s*(?P<count>[0-9]+)\s*/\s*(?P<amount>[0-9]*\.?[0-9]*)\s*(?P<unit>s|m)\s*$")
UNIT_SECONDS = {"s": 1.0, "m": 60.0}


def parse_rate(text):
    """``"5/s"``, ``"100/m"`` or ``"3/2s"`` as ``(requests, seconds)``; ValueError otherwise."""
    match = RATE.match(str(text))
    if not match:
        raise ValueError(f"invalid rate {text!r}: expected <requests>/<s|m>, such as 5/s, 100/m or 3/2s")
    count, seconds = int(match["count"]), float(match["amount"] or 1) * UNIT_SECONDS[match["unit"]]
    if count < 1 or seconds <= 0:
        raise ValueError(f"invalid rate {text!r}: needs at least 1 request per a positive time")
    return count, seconds


def rate_limited():
    """The API's 429: the vendor error body, and no Retry-After."""
    code, message = ERROR_CODES[429]
    return ApiError(429, code, message)


class RateLimiter:
    """At most ``count`` requests per credential in each window of ``seconds``.

    A credential's window opens at its first request and closes ``seconds`` later (by the emulator's clock), so
    which request is refused depends only on the requests made, never on where the wall clock happens to stand.
    """

    def __init__(self, count, seconds):
        self.count = count
        self.seconds = seconds
        self._windows = {}  # credential -> [window start, requests admitted in it]
        self._lock = threading.Lock()

    def admit(self, credential, now):
        """Count one request of ``credential`` at time ``now``; False (do not serve it) once its window is full."""
        with self._lock:
            window = self._windows.get(credential)
            if window is None or now >= window[0] + self.seconds:
                window = self._windows[credential] = [now, 0]
            if window[1] >= self.count:
                return False
            window[1] += 1
            return True

    def clear(self):
        with self._lock:
            self._windows.clear()


def credential_of(authorization):
    """What the limit is counted by: the credential as sent (an API key or a token); requests without one share one."""
    return (authorization or "").strip()
