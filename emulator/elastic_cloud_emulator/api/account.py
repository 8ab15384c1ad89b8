"""The caller's account and its trust settings: ``/api/v1/account`` (cloud API)."""

import copy

from ..errors import bad_request
from ..reply import json_reply
from ..routing import CLOUD, Route

ACCOUNT = "account"
BASE = "/api/v1/account"
DEFAULT_TRUST = {"trust_all": True}


def _load(call):
    return call.store.get(ACCOUNT, call.organization_id) or {"id": call.organization_id, "trust": dict(DEFAULT_TRUST)}


def _save(call, account):
    if call.store.get(ACCOUNT, account["id"]) is None:
        call.store.insert(ACCOUNT, account["id"], account, org=call.organization_id, owner=call.user_id)
    else:
        call.store.update(ACCOUNT, account["id"], account)
    return json_reply(account)


def get_account(call):
    return json_reply(_load(call))


def update_account(call):
    account = _load(call)
    account["trust"] = call.body.get("trust", dict(DEFAULT_TRUST))
    return _save(call, account)


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch; ``null`` removes a member (its default then applies)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged


def patch_account(call):
    if not isinstance(call.body, dict):
        raise bad_request("The body must be a JSON merge patch object", ["body"])
    account = _load(call)
    changes = merge_patch({"trust": account["trust"]}, call.body)
    call.app.cloud_validator.validate_definition("AccountUpdateRequest", changes)
    account["trust"] = {**DEFAULT_TRUST, **changes.get("trust", {})}
    return _save(call, account)


def dump(store):
    return {"accounts": [record for _seq, record in store.list(ACCOUNT)]}


ROUTES = [
    Route("GET", BASE, get_account, api=CLOUD),
    Route("PUT", BASE, update_account, api=CLOUD),
    Route("PATCH", BASE, patch_account, api=CLOUD),
]
