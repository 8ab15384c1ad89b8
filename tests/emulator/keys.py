"""API keys: ``/api/v1/users/auth/keys`` and ``/api/v1/users/{user_id}/auth/keys``."""

from . import clock
from .auth import API_KEY, USERS, key_digest


def seed(app):
    """Register the --api-key keys as keys of the admin user (kept if already stored)."""
    admin = USERS["admin"]
    for number, key in enumerate(app.settings.api_keys, 1):
        digest = key_digest(key)
        if app.store.find(API_KEY, digest) is not None:
            continue
        key_id = f"seed-{digest[:16]}"
        record = {
            "id": key_id,
            "description": f"Emulator seed key {number}",
            "user_id": admin.id,
            "organization_id": admin.organization_id,
            "creation_date": clock.iso(clock.now()),
        }
        app.store.insert(API_KEY, key_id, record, org=admin.organization_id, owner=admin.id, lookup=digest)


def public(record):
    return {name: value for name, value in record.items() if name != "key"}


def dump(store):
    return {"api_keys": [public(record) for _, record in store.list(API_KEY)]}


ROUTES = []
