"""A requests client that checks every emulator answer against the vendor specs."""

from collections import defaultdict

import requests
from spec_check import assert_cloud_valid, assert_serverless_valid

from elastic_cloud_emulator.app import MODULES
from elastic_cloud_emulator.errors import ApiError
from elastic_cloud_emulator.routing import Router


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


def error_code(response):
    return response.json()["errors"][0]["code"]
