"""Request validation against the vendor specs.

Serverless requests go through openapi-core (OpenAPI 3.0); cloud requests are checked
with jsonschema against the Swagger 2.0 ``definitions``, made strict about unknown
fields because the real API rejects them.  Failures become vendor-format 400 errors
naming the offending fields.
"""

import copy
import email.parser
import email.policy
import json
import re
import threading
from urllib.parse import parse_qsl

from jsonschema import Draft4Validator
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request.exceptions import (
    MissingRequestBodyError,
    ParameterValidationError,
    RequestBodyValidationError,
)
from werkzeug.datastructures import Headers, ImmutableMultiDict

from .errors import bad_request

INVALID_DATA = "root.invalid_data"
MULTIPART = "multipart/form-data"


def schema_error_fields(error, prefix=()):
    """Dotted names of the fields a jsonschema error is about."""
    path = [*prefix, *error.absolute_path]
    if error.validator == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        names = [[*path, missing.group(1)]] if missing else [path]
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        names = [[*path, name] for name in error.instance if name not in known] or [path]
    else:
        names = [path]
    return [".".join(str(part) for part in name) or "body" for name in names]


def _invalid(errors, prefix=(), code=INVALID_DATA):
    fields, messages = [], []
    for error in errors:
        names = schema_error_fields(error, prefix)
        fields.extend(name for name in names if name not in fields)
        messages.append(f"{', '.join(names)}: {error.message}")
    return bad_request("Invalid request: " + "; ".join(messages), fields, code)


class SpecRequest:
    """Adapter giving openapi-core the request in the shape it expects."""

    def __init__(self, host_url, method, path, raw_query, headers, body):
        self.host_url = host_url
        self.method = method.lower()
        self.path = path
        self.body = body or b""
        self.content_type = "application/json"
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(raw_query, keep_blank_values=True)),
            header=Headers(list(headers.items())),
        )


class ServerlessValidator:
    def __init__(self, spec):
        self._api = OpenAPI.from_dict(spec, config=Config(spec_validator_cls=None))
        self._host_url = spec["servers"][0]["url"]
        self._paths = spec["paths"]
        # openapi-core caches lazily inside the spec tree; keep threads out of each other's way.
        self._lock = threading.Lock()

    def prepare(self, method, spec_path):
        if method.lower() not in self._paths.get(spec_path, {}):
            raise LookupError(f"{method} {spec_path} is not in the serverless spec")

    def validate(self, method, path, raw_query, headers, body):
        """Return the unmarshalled query parameters, or raise a 400 ApiError."""
        request = SpecRequest(self._host_url, method, path, raw_query, headers, body)
        with self._lock:
            result = self._api.unmarshal_request(request)
        for error in result.errors:
            self._raise_for(error)
        return dict(result.parameters.query)

    @staticmethod
    def _raise_for(error):
        cause = error.__cause__
        schema_errors = getattr(cause, "schema_errors", None) or ()
        if isinstance(error, ParameterValidationError):
            if error.location == "path":
                return  # handlers answer 404 for ids that cannot exist
            if schema_errors:
                raise _invalid(schema_errors, prefix=(error.name,))
            raise bad_request(f"{error}", [error.name])
        if isinstance(error, MissingRequestBodyError):
            raise bad_request("A JSON request body is required", ["body"])
        if isinstance(error, RequestBodyValidationError) and schema_errors:
            raise _invalid(schema_errors)
        raise bad_request(f"Invalid request: {error}")


def _strict(schema):
    """Copy of a Swagger schema that rejects properties it does not declare."""
    schema = copy.deepcopy(schema)
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            # Some definitions require fields they never declare (e.g. CreateApiKeyRequest.description).
            for name in node.get("required", []):
                node["properties"].setdefault(name, {})
            node["additionalProperties"] = False
        stack.extend(value for key, value in node.items() if key != "example")
    return schema


def _corrected(definitions):
    """The definitions, where the spec's own text contradicts its schema, read as its text says."""
    keystore = definitions.get("KeystoreSecret")
    if keystore:
        # KeystoreSecret.value is typed object, yet described as "either a string or a JSON object" (ecctl's
        # keystore examples send strings). A secret set to null removes it (ecctl's `keystore update` docs).
        keystore["properties"]["value"] = {"type": ["string", "object"]}
        definitions["KeystoreContents"]["properties"]["secrets"]["additionalProperties"] = {
            "anyOf": [{"$ref": "#/definitions/KeystoreSecret"}, {"type": "null"}]
        }
    return definitions


class CloudValidator:
    """Checks cloud (Swagger 2.0) requests; operations are prepared once, on first use."""

    # PATCH /account takes a JSON merge patch; the spec types it as a string, so the
    # handler validates the merged result instead.
    UNCHECKED_BODIES = {("patch", "/account")}

    def __init__(self, spec):
        self._paths = spec["paths"]
        self._definitions = _corrected(_strict(spec["definitions"]))
        self._operations = {}
        self._lock = threading.Lock()

    def prepare(self, method, spec_path):
        key = (method.lower(), spec_path)
        with self._lock:
            if key not in self._operations:
                self._operations[key] = self._build(*key)
            return self._operations[key]

    def _build(self, method, spec_path):
        if method not in self._paths.get(spec_path, {}):
            raise LookupError(f"{method.upper()} {spec_path} is not in the cloud spec")
        operation = self._paths[spec_path][method]
        params = operation.get("parameters", [])
        body = next((param for param in params if param["in"] == "body"), None)
        validator = None
        if body and (method, spec_path) not in self.UNCHECKED_BODIES:
            schema = {"definitions": self._definitions, "allOf": [_strict(body["schema"])]}
            validator = Draft4Validator(schema)
        return {
            "body": body,
            "validator": validator,
            "query": [param for param in params if param["in"] == "query"],
            "form": [param for param in params if param["in"] == "formData"],
            "invalid_code": _documented_code(operation, "400") or INVALID_DATA,
        }

    def takes_form(self, method, spec_path):
        """Whether the operation's body is form data (a file upload) rather than JSON."""
        return bool(self.prepare(method, spec_path)["form"])

    def parse_form(self, method, spec_path, content_type, raw):
        """The form's parts by name, each ``{"filename", "content"}``, or a 400 naming what is wrong."""
        operation = self.prepare(method, spec_path)
        if (content_type or "").split(";", 1)[0].strip().lower() != MULTIPART:
            raise bad_request(f"The request body must be {MULTIPART}", ["body"], operation["invalid_code"])
        parts = parse_multipart(content_type, raw)
        missing = [param["name"] for param in operation["form"] if param.get("required") and param["name"] not in parts]
        if missing:
            raise bad_request(f"Missing form field(s): {', '.join(missing)}", missing, operation["invalid_code"])
        return parts

    def validate(self, method, spec_path, raw_query, body):
        """Return the typed query parameters, or raise a 400 ApiError."""
        operation = self.prepare(method, spec_path)
        query = _typed_query(operation["query"], dict(parse_qsl(raw_query, keep_blank_values=True)))
        if operation["body"] is not None and operation["body"].get("required") and body is None:
            raise bad_request("A JSON request body is required", ["body"], operation["invalid_code"])
        if operation["validator"] is not None and body is not None:
            errors = sorted(operation["validator"].iter_errors(body), key=lambda error: list(error.absolute_path))
            if errors:
                raise _invalid(errors, code=operation["invalid_code"])
        return query

    def validate_definition(self, name, value):
        """Check a value against one (strict) definition, e.g. a merged PATCH result."""
        schema = {"definitions": self._definitions, "allOf": [{"$ref": f"#/definitions/{name}"}]}
        errors = list(Draft4Validator(schema).iter_errors(value))
        if errors:
            raise _invalid(errors)


def _documented_code(operation, status):
    response = operation.get("responses", {}).get(status, {})
    codes = response.get("headers", {}).get("x-cloud-error-codes", {}).get("enum", [])
    return codes[0] if len(codes) == 1 else None


def _typed_query(declared, raw):
    values = {}
    for param in declared:
        name = param["name"]
        if name not in raw:
            continue
        value = raw[name]
        if param.get("type") == "boolean":
            if value not in ("true", "false"):
                raise bad_request(f"Query parameter {name} must be true or false", [name])
            value = value == "true"
        elif param.get("type") == "integer":
            try:
                value = int(value)
            except ValueError:
                raise bad_request(f"Query parameter {name} must be an integer", [name])
        if "enum" in param and value not in param["enum"]:
            raise bad_request(f"Query parameter {name} must be one of {param['enum']}", [name])
        values[name] = value
    return values


def parse_multipart(content_type, raw):
    """Parse a multipart/form-data body with the stdlib MIME parser (bytes in, bytes out)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + (raw or b""))
    if not message.is_multipart() or message.defects:
        raise bad_request("The request body is not valid multipart/form-data", ["body"])
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            parts[name] = {"filename": part.get_filename(), "content": part.get_payload(decode=True) or b""}
    return parts


def parse_json_body(raw):
    """Decode a request body; empty bodies are ``None``."""
    if not raw or not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise bad_request(f"The request body is not valid JSON: {error}", ["body"], "root.invalid_json_request")
