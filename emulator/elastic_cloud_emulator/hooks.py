"""Test hooks under /_emulator (no authentication, never journaled)."""

import re

from . import clock
from .api import organizations, projects
from .errors import ApiError
from .faults import Fault
from .reply import error_reply, json_reply
from .validation import parse_json_body


def _requests(app, body):
    return json_reply({"requests": app.journal.entries()})


def _clear_requests(app, body):
    app.journal.clear()
    return json_reply({"requests": []})


def _reset(app, body):
    app.reset()
    return json_reply({"reset": True})


def _add_fault(app, body):
    specs = body if isinstance(body, list) else [body]
    faults = [Fault.from_spec(spec) for spec in specs]  # all valid before any is armed
    for fault in faults:
        app.faults.add(fault)
    return json_reply({"faults": app.faults.pending()}, status=201)


def _faults(app, body):
    return json_reply({"faults": app.faults.pending()})


def _clear_faults(app, body):
    app.faults.clear()
    return json_reply({"faults": []})


def _state(app, body):
    return json_reply(app.state_dump())


CLOCK_FIELDS = {"advance": (int, float), "freeze": bool, "step": (int, float)}


def _valid_clock_field(name, value):
    expected = CLOCK_FIELDS.get(name)
    if expected is None or not isinstance(value, expected):
        return False
    return name == "freeze" or (not isinstance(value, bool) and value >= 0)


def _set_clock(app, body):
    """``{"advance": s, "freeze": bool, "step": s}``, each optional; answers the clock's state."""
    body = {} if body is None else body
    wrong = sorted(body) if not isinstance(body, dict) else [n for n, v in body.items() if not _valid_clock_field(n, v)]
    if not isinstance(body, dict) or wrong:
        raise ApiError(400, "root.invalid_json_request", f"Invalid clock change {wrong}: expected {sorted(CLOCK_FIELDS)}")
    clock.CLOCK.set(**body)
    return json_reply(clock.CLOCK.describe())


def _clock(app, body):
    return json_reply(clock.CLOCK.describe())


def _health(app, body):
    return json_reply({"status": "ok"})


HOOKS = {
    ("GET", "/_emulator/requests"): _requests,
    ("DELETE", "/_emulator/requests"): _clear_requests,
    ("POST", "/_emulator/reset"): _reset,
    ("GET", "/_emulator/faults"): _faults,
    ("POST", "/_emulator/faults"): _add_fault,
    ("DELETE", "/_emulator/faults"): _clear_faults,
    ("GET", "/_emulator/state"): _state,
    ("GET", "/_emulator/health"): _health,
    ("GET", "/_emulator/clock"): _clock,
    ("POST", "/_emulator/clock"): _set_clock,
}


SUSPEND = re.compile(r"^/_emulator/projects/(?P<type>[a-z]+)/(?P<id>[^/]+)/_suspend$")


def _suspend(app, body, project_type, project_id):
    reason = (body or {}).get("reason", "trial expired")
    return json_reply(projects.suspend(app, project_type, project_id, reason))


ACCEPT = re.compile(r"^/_emulator/invitations/(?P<token>[^/]+)/_accept$")


def _accept(app, body, token):
    """The invited person accepts the invitation; answers the new membership."""
    return json_reply(organizations.accept(app, token, (body or {}).get("name")))


MONITORED = re.compile(r"^/_emulator/projects/(?P<type>[a-z]+)/(?P<id>[^/]+)/_monitored$")


def _monitored(app, body, project_type, project_id):
    return json_reply(projects.set_monitored(app, project_type, project_id, (body or {}).get("projects", [])))


def handle_hook(app, method, path, raw_body):
    try:
        body = parse_json_body(raw_body)
        hook = HOOKS.get((method, path.rstrip("/")))
        if hook is not None:
            return hook(app, body)
        suspend = SUSPEND.match(path)
        if method == "POST" and suspend:
            return _suspend(app, body, suspend["type"], suspend["id"])
        accept = ACCEPT.match(path)
        if method == "POST" and accept:
            return _accept(app, body, accept["token"])
        monitored = MONITORED.match(path)
        if method == "POST" and monitored:
            return _monitored(app, body, monitored["type"], monitored["id"])
        raise ApiError(404, "root.resource_not_found", f"No emulator hook {method} {path}")
    except ApiError as error:
        return error_reply(error)
