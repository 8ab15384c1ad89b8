"""The caller's account and its trust settings (``/api/v1/account``) and organizations (``/api/v1/organizations``).

Both are Elastic Cloud's: the spec says organizations are unavailable in self-hosted ECE.
"""

import copy

from ..errors import bad_request
from ..reply import json_reply
from ..routing import CLOUD, ESS, Route
from ..settings import ACCOUNT_ID, ORGANIZATION_NAME

ACCOUNT = "account"
BASE = "/api/v1/account"
DEFAULT_TRUST = {"trust_all": True}


def _load(call):
    return call.store.get(ACCOUNT, ACCOUNT_ID) or {"id": ACCOUNT_ID, "trust": dict(DEFAULT_TRUST)}


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


def list_organizations(call):
    # Elastic Cloud users belong to one organization at a time (Elastic Cloud docs, "Manage users"), so the list
    # holds the caller's own.
    return json_reply({"organizations": [{"id": call.organization_id, "name": ORGANIZATION_NAME}]})


def dump(store):
    return {"accounts": [record for _seq, record in store.list(ACCOUNT)]}


ROUTES = [
    Route("GET", BASE, get_account, api=CLOUD, platforms=(ESS,)),
    Route("PUT", BASE, update_account, api=CLOUD, platforms=(ESS,)),
    Route("PATCH", BASE, patch_account, api=CLOUD, platforms=(ESS,)),
    Route("GET", "/api/v1/organizations", list_organizations, api=CLOUD, platforms=(ESS,)),
]
