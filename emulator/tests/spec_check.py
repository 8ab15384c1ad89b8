"""Assertions that emulator responses honour the vendor specs.

Serverless responses are checked with openapi-core; cloud responses with jsonschema
against the Swagger definitions.  OpenAPI/Swagger response lists need not cover every
status ("it is not expected that the documentation necessarily cover all possible HTTP
response codes"), so an error status a spec leaves out (401 on a single-project GET,
an injected 503, ...) is checked against that spec's generic error schema instead.
"""

import copy
import functools
import json
from urllib.parse import parse_qsl, urlsplit

from jsonschema import Draft4Validator, FormatChecker
from openapi_core import Config, OpenAPI
from openapi_core.templating.responses.exceptions import ResponseNotFound
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS30Validator

from elastic_cloud_emulator.app import MODULES
from elastic_cloud_emulator.routing import CLOUD, Router
from elastic_cloud_emulator.specs import cloud_spec, serverless_spec

CLOUD_BASE = "/api/v1"


def spec_without_its_contradiction():
    """The serverless spec, less one rule it contradicts itself with.

    ``LinkedCandidateProject`` requires ``tags``, a ``ProjectTags`` with ``minProperties: 1``: an untagged
    project has no valid value. The emulator leaves ``tags`` out for it, as projects leave out
    ``metadata.tags``; only that ``required`` entry is relaxed here, and the file itself stays verbatim.
    """
    spec = copy.deepcopy(serverless_spec())
    candidate = spec["components"]["schemas"]["LinkedCandidateProject"]
    candidate["required"] = [name for name in candidate["required"] if name != "tags"]
    return spec


@functools.lru_cache(maxsize=None)
def _serverless_api():
    return OpenAPI.from_dict(spec_without_its_contradiction(), config=Config(spec_validator_cls=None))


def _error_codes_match(response):
    body = response.json()
    codes = [error["code"] for error in body["errors"]]
    assert codes, "error responses carry at least one error"
    header = response.headers.get("x-cloud-error-codes")
    assert header is not None, "error responses carry x-cloud-error-codes"
    assert [code.strip() for code in header.split(",")] == codes


def assert_serverless_valid(response):
    url = urlsplit(response.request.url)
    request = MockRequest(
        serverless_spec()["servers"][0]["url"],
        response.request.method,
        url.path,
        args=dict(_query_pairs(url.query)),
        headers=dict(response.request.headers),
    )
    mock = MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers.get("Content-Type", "application/json"),
    )
    try:
        _serverless_api().validate_response(request, mock)
    except ResponseNotFound:
        assert response.status_code >= 400, f"undocumented success status {response.status_code}"
        schema = serverless_spec()["components"]["schemas"]["MultiErrorResponse"]
        resolver_root = {"components": serverless_spec()["components"], **schema}
        OAS30Validator(resolver_root).validate(response.json())
    if response.status_code >= 400:
        _error_codes_match(response)


def _query_pairs(query):
    return parse_qsl(query, keep_blank_values=True)


@functools.lru_cache(maxsize=None)
def _cloud_validator(schema_json):
    schema = {"definitions": cloud_spec()["definitions"], "allOf": [json.loads(schema_json)]}
    return Draft4Validator(schema, format_checker=FormatChecker())


def cloud_operation(method, path):
    """The Swagger operation serving a concrete /api/v1 path."""
    router = Router([route for module in MODULES for route in module.ROUTES if route.api == CLOUD])
    route = router.resolve(method, path)[0]
    return cloud_spec()["paths"][route.spec_path][method.lower()]


def assert_cloud_valid(response):
    method = response.request.method
    operation = cloud_operation(method, urlsplit(response.request.url).path)
    documented = operation["responses"].get(str(response.status_code))
    if documented is None:
        assert response.status_code >= 400, f"undocumented success status {response.status_code}"
        documented = {"schema": {"$ref": "#/definitions/BasicFailedReply"}}
    schema = documented.get("schema")
    if schema is not None:
        body = response.json() if response.content else None
        _cloud_validator(json.dumps(schema, sort_keys=True)).validate(body)
    codes = documented.get("headers", {}).get("x-cloud-error-codes", {}).get("enum")
    if response.status_code >= 400:
        _error_codes_match(response)
        code = response.headers["x-cloud-error-codes"]
        # Cross-cutting root.* errors (authentication, malformed input, injected faults)
        # can come from any endpoint, whatever codes the operation itself documents.
        if codes and not code.startswith("root."):
            assert code in codes, f"{code} not among documented codes {codes}"
    for header in documented.get("headers", {}):
        if header != "x-cloud-error-codes":
            assert header in response.headers, f"documented header {header} missing"
