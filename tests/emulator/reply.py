"""The value every request handler returns."""

from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int = 200
    body: object = None
    headers: dict = field(default_factory=dict)


def json_reply(body, status=200, **headers):
    return Reply(status, body, {name.replace("_", "-"): value for name, value in headers.items()})


def error_reply(error):
    """Vendor error body plus the ``x-cloud-error-codes`` header naming its code."""
    return Reply(error.status, error.body(), {"x-cloud-error-codes": error.code, **error.headers})
