"""Injected faults: canned error statuses, delays and dropped connections."""

import re
import threading
from dataclasses import asdict, dataclass

from .errors import ApiError, bad_request
from .reply import error_reply, text_reply

ACTIONS = ("status", "delay", "reset", "drop_after_commit", "hold")
HOLD_LIMIT = 60.0  # seconds a held request (and the request releasing it) may wait at most

ERROR_CODES = {
    429: ("root.too_many_requests", "Too many requests, retry later"),
    500: ("root.unexpected_error", "An unexpected error occurred"),
    502: ("root.bad_gateway", "The upstream service failed to answer"),
    503: ("root.service_unavailable", "The service is temporarily unavailable"),
    504: ("root.gateway_timeout", "The upstream service timed out"),
}


@dataclass
class Fault:
    path: str
    method: str = "*"
    count: int = 1
    action: str = "status"
    status: int = 500
    retry_after: float = None
    seconds: float = 0.0
    body: str = None  # status only: answer this text instead of a vendor error (a proxy's page)
    content_type: str = "text/html"
    requests: int = 1  # hold only: the request is handled just before the n-th API request after it

    @classmethod
    def from_spec(cls, spec):
        """Build a fault from its JSON form, answering 400 on nonsense."""
        if not isinstance(spec, dict):
            raise bad_request("A fault must be a JSON object")
        unknown = set(spec) - set(cls.__dataclass_fields__)
        if unknown:
            raise bad_request(f"Unknown fault fields: {sorted(unknown)}", sorted(unknown))
        if "path" not in spec:
            raise bad_request("A fault needs a 'path' regular expression", ["path"])
        fault = cls(**spec)
        fault.method = fault.method.upper()
        fault._check()
        return fault

    def _check(self):
        try:
            re.compile(self.path)
        except (re.error, TypeError) as error:
            raise bad_request(f"Invalid path pattern: {error}", ["path"])
        if self.action not in ACTIONS:
            raise bad_request(f"action must be one of {ACTIONS}", ["action"])
        if not isinstance(self.count, int) or self.count < 1:
            raise bad_request("count must be a positive integer", ["count"])
        if self.action == "status" and not (isinstance(self.status, int) and 400 <= self.status <= 599):
            raise bad_request("status must be an HTTP error status (400-599)", ["status"])
        if not isinstance(self.seconds, (int, float)) or self.seconds < 0:
            raise bad_request("seconds must be a non-negative number", ["seconds"])
        if self.body is not None and (self.action != "status" or not isinstance(self.body, str)):
            raise bad_request("body must be a string, for a status fault", ["body"])
        if not isinstance(self.requests, int) or isinstance(self.requests, bool) or self.requests < 1:
            raise bad_request("requests must be a positive integer", ["requests"])
        if not isinstance(self.content_type, str) or not self.content_type:
            raise bad_request("content_type must be a media type such as text/html", ["content_type"])

    def matches(self, method, path):
        return self.method in ("*", method) and re.search(self.path, path) is not None

    def as_error(self):
        code, message = ERROR_CODES.get(self.status, ("root.injected_fault", "Injected fault"))
        headers = {"Retry-After": _seconds_text(self.retry_after)} if self.retry_after is not None else {}
        return ApiError(self.status, code, message, headers=headers)

    def reply(self):
        """The answer of a status fault: the vendor error, or the given text as a proxy would send it."""
        if self.body is None:
            return error_reply(self.as_error())
        headers = {"Retry-After": _seconds_text(self.retry_after)} if self.retry_after is not None else {}
        return text_reply(self.status, self.body, self.content_type, headers)

    def to_dict(self):
        return asdict(self)


def _seconds_text(value):
    return str(int(value)) if float(value).is_integer() else str(value)


class Held:
    """A request held unhandled until ``remaining`` more API requests arrive (a create slower than the client).

    The request that ends the hold waits until the held one is committed, so what it reads is certain: it sees
    the held request's effect, and every request before it did not.
    """

    def __init__(self, remaining):
        self.remaining = remaining
        self.released = threading.Event()
        self.committed = threading.Event()
        self.abandoned = False  # the faults were cleared (or the emulator reset): the request is dropped

    def release(self):
        self.released.set()
        self.committed.wait(HOLD_LIMIT)


class FaultRegistry:
    def __init__(self):
        self._faults = []
        self._held = []
        self._lock = threading.Lock()

    def hold(self, fault):
        held = Held(fault.requests)
        with self._lock:
            self._held.append(held)
        return held

    def arrived(self):
        """Another API request arrived: release the held requests whose turn it is, and wait for them."""
        with self._lock:
            for held in self._held:
                held.remaining -= 1
            due = [held for held in self._held if held.remaining <= 0]
            self._held = [held for held in self._held if held.remaining > 0]
        for held in due:
            held.release()

    def add(self, fault):
        with self._lock:
            self._faults.append(fault)

    def take(self, method, path):
        """Consume one use of the first fault matching the request, if any."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def pending(self):
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def clear(self):
        with self._lock:
            self._faults.clear()
            held, self._held = self._held, []
        for item in held:  # dropped unhandled: nobody waits forever, and a reset state stays reset
            item.abandoned = True
            item.released.set()
