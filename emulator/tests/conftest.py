"""One emulator per test session, reset before every test."""

import os
import sys

import pytest

# Runs from a source checkout as well as against an installed package.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from elastic_cloud_emulator.control import Emulator  # noqa: E402  pylint: disable=wrong-import-position
from spec_client import ROUTER, STATUSES_SEEN, Client  # noqa: E402  pylint: disable=wrong-import-position

FAST = ("--phase-delay", "0.3", "--delete-delay", "0.3", "--page-size", "3")


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


def pytest_terminal_summary(terminalreporter):
    """Which endpoints had spec-validated responses, with which statuses (informational)."""
    if not STATUSES_SEEN:
        return
    terminalreporter.section("emulator endpoints checked against the specs")
    for route in sorted(ROUTER.routes, key=lambda route: (route.template, route.method)):
        statuses = sorted(STATUSES_SEEN.get((route.method, route.template), ()))
        terminalreporter.write_line(f"{route.method:6} {route.template}: {statuses or 'NOT EXERCISED'}")
