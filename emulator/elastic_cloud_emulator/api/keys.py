"""API keys: ``/api/v1/users/auth/keys`` and ``/api/v1/users/{user_id}/auth/keys`` (cloud API).

Only a digest of each key is stored; the secret appears once, in the create response.
"""

import base64
import re
import secrets

from .. import clock
from ..auth import API_KEY, key_digest
from ..errors import ApiError, bad_request, forbidden, not_found
from ..reply import json_reply
from ..routing import CLOUD, Route
from ..settings import parse_seed_key

BASE = "/api/v1/users/auth/keys"
USER_BASE = "/api/v1/users/{user_id}/auth/keys"
DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


OWNER_ROLE = "organization-admin"


def seed(app):
    """Register the --api-key keys (kept if already stored), owned by the platform's key owner."""
    owner = app.auth.key_owner
    for number, text in enumerate(app.settings.api_keys, 1):
        key, roles = parse_seed_key(text)
        digest = key_digest(key)
        if app.store.find(API_KEY, digest) is None:
            assignments = None
            if roles is not None:
                assignments = {"organization": [{"role_id": role, "organization_id": owner.organization_id} for role in roles]}
            record = _record(f"seed-{digest[:16]}", owner, f"Emulator seed key {number}", role_assignments=assignments)
            app.store.insert(API_KEY, record["id"], record, org=owner.organization_id, owner=owner.id, lookup=digest)


def _record(key_id, user, description, expires=None, role_assignments=None):
    record = {
        "id": key_id,
        "description": description,
        "user_id": user.id,
        "organization_id": user.organization_id,
        "creation_date": clock.iso(clock.now()),
        "role_assignments": role_assignments or _creator_roles(user),
    }
    if expires is not None:
        record["expiration_date"] = clock.iso(expires)
    return record


def _creator_roles(user):
    role = "organization-viewer" if user.readonly else "organization-admin"
    return {"organization": [{"role_id": role, "organization_id": user.organization_id}]}


def parse_expiration(text):
    """Seconds in a duration such as ``1d``, ``3h`` or ``30m``."""
    match = DURATION.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise bad_request(
            f"Invalid expiration '{text}': use a positive duration such as 30m, 3h or 1d",
            ["expiration"],
            "api_keys.invalid_input",
        )
    return int(match.group(1)) * SECONDS[match.group(2)]


def _keys_of(call, user_id=None):
    return [record for _seq, record in call.store.list(API_KEY, org=call.organization_id, owner=user_id)]


def _user(call, user_id):
    user = call.app.auth.users.get(user_id)
    if user is None or user.organization_id != call.organization_id:
        raise not_found("api_keys.user_not_found", f"User '{user_id}' was not found")
    return user


def _key(call, key_id, user_id):
    record = call.store.get(API_KEY, key_id)
    if record is None or record["user_id"] != user_id or record["organization_id"] != call.organization_id:
        raise not_found("api_keys.key_not_found", f"API key '{key_id}' was not found")
    return record


# -- the caller's own keys ----------------------------------------------------------------------
def list_own(call):
    return json_reply({"keys": _keys_of(call, call.user_id)})


def check_may_create(call):
    """Who may own and create keys differs per platform; both refusals are 403s naming what is needed."""
    if call.settings.platform == "ece":
        if call.principal.user.builtin:
            # ECE docs (Authentication / ECE API keys): "API keys are not available for the built-in users".
            raise forbidden(
                "API keys are not available for the built-in users (admin and readonly): log in as another platform user"
            )
    elif call.principal.scheme == "apikey" and OWNER_ROLE not in call.principal.organization_roles:
        # Elastic Cloud docs (Elastic Cloud API keys): "Only Organization owners can create and manage API keys".
        raise forbidden("Only organization owners (role organization-admin) can create API keys")


def create(call):
    check_may_create(call)
    user = call.principal.user
    expiration = call.body.get("expiration")
    expires = clock.now() + parse_expiration(expiration) if expiration is not None else None
    key_id = secrets.token_hex(10)
    secret = "essu_" + base64.b64encode(f"{key_id}:{secrets.token_urlsafe(32)}".encode()).decode()
    record = _record(key_id, user, call.body["description"], expires, call.body.get("role_assignments"))
    call.store.insert(API_KEY, key_id, record, org=user.organization_id, owner=user.id, lookup=key_digest(secret))
    return json_reply({**record, "key": secret}, status=201)


def delete_own_many(call):
    for key_id in call.body["keys"]:
        record = call.store.get(API_KEY, key_id)
        if record is not None and record["user_id"] == call.user_id:
            call.store.delete(API_KEY, key_id)
    return json_reply({})


def get_own(call):
    return json_reply(_key(call, call.params["api_key_id"], call.user_id))


def check_delete_rate(call):
    """With --key-delete-rate, single deletes closer together than the rate allows answer 500.

    Evidence: ecctl's ``auth key delete`` sends one DELETE per key and waits between them, commenting "Only delete a
    key per second as anything below causes a 500" (elastic/ecctl, cmd/auth/key/delete.go). The spec documents no
    such limit and no 500, and the multi-key DELETE avoids it, so it is a flag, off by default.
    """
    rate = call.settings.key_delete_rate
    if not rate:
        return
    last = call.app.key_deletes.get(call.organization_id)
    now = clock.now()
    if last is not None and now - last < 1.0 / rate:
        raise ApiError(500, "root.unexpected_error", "An unexpected error occurred")
    call.app.key_deletes[call.organization_id] = now


def delete_own(call):
    check_delete_rate(call)
    call.store.delete(API_KEY, _key(call, call.params["api_key_id"], call.user_id)["id"])
    return json_reply({})


# -- every user's keys ------------------------------------------------------------------------------
def list_all(call):
    return json_reply({"keys": _keys_of(call)})


def delete_all_listed(call):
    for entry in call.body["user_api_keys"]:
        record = call.store.get(API_KEY, entry["api_key_id"])
        if record and record["user_id"] == entry["user_id"] and record["organization_id"] == call.organization_id:
            call.store.delete(API_KEY, record["id"])
    return json_reply({})


def list_user(call):
    return json_reply({"keys": _keys_of(call, _user(call, call.params["user_id"]).id)})


def delete_user_all(call):
    for record in _keys_of(call, _user(call, call.params["user_id"]).id):
        call.store.delete(API_KEY, record["id"])
    return json_reply({})


def get_user_key(call):
    return json_reply(_key(call, call.params["api_key_id"], call.params["user_id"]))


def delete_user_key(call):
    check_delete_rate(call)
    call.store.delete(API_KEY, _key(call, call.params["api_key_id"], call.params["user_id"])["id"])
    return json_reply({})


def dump(store):
    return {"api_keys": [record for _seq, record in store.list(API_KEY)]}


ROUTES = [
    Route("GET", BASE, list_own, api=CLOUD),
    Route("POST", BASE, create, api=CLOUD),
    Route("DELETE", BASE, delete_own_many, api=CLOUD),
    Route("GET", f"{BASE}/_all", list_all, api=CLOUD),
    Route("DELETE", f"{BASE}/_all", delete_all_listed, api=CLOUD),
    Route("GET", f"{BASE}/{{api_key_id}}", get_own, api=CLOUD),
    Route("DELETE", f"{BASE}/{{api_key_id}}", delete_own, api=CLOUD),
    Route("GET", USER_BASE, list_user, api=CLOUD),
    Route("DELETE", USER_BASE, delete_user_all, api=CLOUD),
    Route("GET", f"{USER_BASE}/{{api_key_id}}", get_user_key, api=CLOUD),
    Route("DELETE", f"{USER_BASE}/{{api_key_id}}", delete_user_key, api=CLOUD),
]
