"""Vendor-format API errors: ``{"errors": [{"code", "message", "fields"}]}``."""

from dataclasses import dataclass, field


@dataclass
class ApiError(Exception):
    """An error answered to the client; raising it rolls back the request's transaction."""

    status: int
    code: str
    message: str
    fields: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)

    def body(self):
        error = {"code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = list(self.fields)
        return {"errors": [error]}


def bad_request(message, fields=(), code="root.invalid_data"):
    return ApiError(400, code, message, list(fields))


def unauthenticated(message="The supplied authentication is invalid"):
    return ApiError(401, "root.unauthenticated", message)


def forbidden(message="The current user does not have the privileges for this operation"):
    return ApiError(403, "root.unauthorized", message)


def not_found(code, message):
    return ApiError(404, code, message)


def conflict(code, message, fields=()):
    return ApiError(409, code, message, list(fields))
