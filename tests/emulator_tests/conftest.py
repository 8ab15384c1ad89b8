"""One emulator per test session, reset before every test."""

from collections import defaultdict

import pytest
import requests

from tests.emulator.app import MODULES
from tests.emulator.control import Emulator
from tests.emulator.errors import ApiError
from tests.emulator.routing import Router

from .spec_check import assert_cloud_valid, assert_serverless_valid

FAST = ("--phase-delay", "0.3", "--delete-delay", "0.3", "--page-size", "3")


class Client:
    """Thin requests wrapper that checks every response against the specs."""

    def __init__(self, emulator, auth=None):
        self.emulator = emulator
        self.session = requests.Session()
        self.auth = auth if auth is not None else f"ApiKey {emulator.api_key}"

    def request(self, method, path, validate=True, auth=None, **kwargs):
        headers = dict(kwargs.pop("headers", {}) or {})
        credential = self.auth if auth is None else auth
        if credential:
            headers.setdefault("Authorization", credential)
        response = self.session.request(method, self.emulator.url + path, headers=headers, timeout=10, **kwargs)
        if validate:
            check = assert_serverless_valid if path.startswith("/api/v1/serverless") else assert_cloud_valid
            check(response)
            _note_coverage(method, response)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


ROUTER = Router([route for module in MODULES for route in module.ROUTES])
STATUSES_SEEN = defaultdict(set)  # (method, route template) -> statuses validated against the spec


def _note_coverage(method, response):
    path = requests.utils.urlparse(response.request.url).path
    try:
        route = ROUTER.resolve(method.upper(), path)[0]
    except ApiError:
        return
    STATUSES_SEEN[(route.method, route.template)].add(response.status_code)


def pytest_terminal_summary(terminalreporter):
    """Which endpoints had spec-validated responses, with which statuses (informational)."""
    if not STATUSES_SEEN:
        return
    terminalreporter.section("emulator endpoints checked against the specs")
    for route in sorted(ROUTER.routes, key=lambda route: (route.template, route.method)):
        statuses = sorted(STATUSES_SEEN.get((route.method, route.template), ()))
        terminalreporter.write_line(f"{route.method:6} {route.template}: {statuses or 'NOT EXERCISED'}")


@pytest.fixture(scope="session")
def emulator():
    with Emulator(*FAST) as running:
        yield running


@pytest.fixture(autouse=True)
def _clean_state(request):
    if "emulator" in request.fixturenames:
        request.getfixturevalue("emulator").reset()


@pytest.fixture
def client(emulator):
    return Client(emulator)


def error_code(response):
    return response.json()["errors"][0]["code"]
