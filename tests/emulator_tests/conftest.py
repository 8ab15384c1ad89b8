"""One emulator per test session, reset before every test."""

import pytest
import requests

from tests.emulator.control import Emulator

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
