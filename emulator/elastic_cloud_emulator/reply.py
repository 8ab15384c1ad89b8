"""The value every request handler returns."""

import hashlib
import json
from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int = 200
    body: object = None
    headers: dict = field(default_factory=dict)
    content_type: str = None  # set: ``body`` is text sent as-is (a proxy's page), not JSON


def etag(document):
    """A strong ETag for a JSON document: it changes whenever the document does."""
    return '"' + hashlib.sha1(json.dumps(document, sort_keys=True).encode()).hexdigest()[:20] + '"'


def json_reply(body, status=200, **headers):
    return Reply(status, body, {name.replace("_", "-"): value for name, value in headers.items()})


def text_reply(status, text, content_type, headers=None):
    return Reply(status, text, dict(headers or {}), content_type)


def error_reply(error):
    """Vendor error body plus the ``x-cloud-error-codes`` header naming its code."""
    return Reply(error.status, error.body(), {"x-cloud-error-codes": error.code, **error.headers})
