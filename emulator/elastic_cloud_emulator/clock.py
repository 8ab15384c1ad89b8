"""The emulator's clock, which tests control, and ISO 8601 helpers (the API speaks UTC timestamps).

Every time-driven behaviour (project phases, deletions, token and key expiry, billing
periods) reads :func:`now`. By default it is the wall clock. Tests that need a
resource to stay "not ready yet" must not bet on how fast the machine is, so the
clock can be frozen, advanced, or made to step a fixed amount at each API request
(``--clock-step``, ``POST /_emulator/clock``): then what a client observes depends
only on the requests it makes.
"""

import threading
import time
from datetime import datetime, timezone


class Clock:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self, step=None):
        """Back to the wall clock; with ``step``, frozen now and stepping that much per API request."""
        with self._lock:
            self._offset = 0.0
            self._frozen_at = None
            self._step = None
        if step is not None:
            self.set(step=step)

    def now(self):
        with self._lock:
            return self._frozen_at if self._frozen_at is not None else time.time() + self._offset

    def set(self, advance=None, freeze=None, step=None):
        """Advance by ``advance`` seconds; freeze (True) or run on (False); step per request (0 stops stepping)."""
        with self._lock:
            current = self._frozen_at if self._frozen_at is not None else time.time() + self._offset
            if step is not None:
                self._step = step or None
                freeze = True if step else freeze
            if freeze is True:
                self._frozen_at = current
            elif freeze is False:
                self._frozen_at, self._step = None, None
                self._offset = current - time.time()
            if advance:
                if self._frozen_at is not None:
                    self._frozen_at += advance
                else:
                    self._offset += advance

    def tick(self):
        """One API request was served: a stepping clock moves on."""
        with self._lock:
            if self._step is not None:
                self._frozen_at += self._step

    def describe(self):
        with self._lock:
            frozen, step = self._frozen_at is not None, self._step
        return {"now": iso(self.now()), "frozen": frozen, "step": step}


CLOCK = Clock()


def now():
    return CLOCK.now()


def iso(timestamp):
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text):
    """Parse an ISO 8601 date or date-time (naive values are UTC); ``ValueError`` if invalid."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
