"""In-memory record of the API requests served, for test assertions."""

import json
import re
import threading

NO_BODY = object()
# Request bodies that carry secrets are journaled without them.
SECRET_BODY_PATHS = ("/api/v1/users/auth/_login",)
# Keystore writes are journaled with the setting names (what tests check), never the values.
KEYSTORE_PATH = re.compile(r"^/api/v1/deployments/[^/]+/elasticsearch/[^/]+/keystore$")


def _without_keystore_values(body):
    secrets = body.get("secrets") if isinstance(body, dict) else None
    if not isinstance(secrets, dict):
        return body
    hidden = {name: ({key: "<hidden>" if key == "value" else value for key, value in secret.items()}
                     if isinstance(secret, dict) else secret) for name, secret in secrets.items()}  # fmt: skip
    return dict(body, secrets=hidden)


def journal_body(method, path, raw_body):
    """The decoded JSON body of a write, for the journal; NO_BODY for reads and bodiless writes."""
    if method not in ("POST", "PUT", "PATCH", "DELETE") or not raw_body:
        return NO_BODY
    if path in SECRET_BODY_PATHS:
        return None
    try:
        body = json.loads(raw_body)
    except ValueError:
        return None if KEYSTORE_PATH.match(path) else raw_body.decode("utf-8", "replace")
    return _without_keystore_values(body) if KEYSTORE_PATH.match(path) else body


class Journal:
    def __init__(self):
        self._entries = []
        self._lock = threading.Lock()

    def record(self, method, path, query, status, fault=None, auth=None, body=NO_BODY):
        entry = {"method": method, "path": path, "query": query, "status": status, "fault": fault, "auth": auth}
        if body is not NO_BODY:
            entry["body"] = body
        with self._lock:
            self._entries.append(entry)

    def entries(self):
        with self._lock:
            return list(self._entries)

    def clear(self):
        with self._lock:
            self._entries.clear()
