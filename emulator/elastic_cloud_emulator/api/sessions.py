"""Password login and bearer sessions: ``/api/v1/users/auth`` (cloud API)."""

from urllib.parse import quote

from .. import clock
from ..errors import ApiError
from ..reply import Reply, json_reply
from ..routing import CLOUD, ECE, Route

BASE = "/api/v1/users/auth"
REFRESH_URL = f"{BASE}/_refresh"


def _token_reply(token, claims):
    return json_reply({"token": token, "session_expiration_time": clock.iso(claims["exp"])})


def login(call):
    token, claims = call.app.auth.login(call.body["username"], call.body["password"])
    path = call.body.get("login_state", {}).get("path")
    if path:  # browser flow: hand the token over in a redirect fragment
        return Reply(302, {}, {"Location": f"/sso/token#{token}?state={quote(path)}"})
    return _token_reply(token, claims)


def refresh(call):
    """Swap a valid bearer token for a fresh one (the spec's 401 code here is root.unauthorized)."""
    scheme, _space, token = (call.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "root.unauthorized", "A bearer token is required to refresh the session")
    claims = call.app.auth.verify_token(token.strip(), code="root.unauthorized")
    return _token_reply(*call.app.auth.issue_token(call.app.auth.users[claims["sub"]]))


def logout(call):
    if call.principal.scheme == "bearer":
        call.app.auth.revoke(call.principal.claims)
    return json_reply({})


def authentication_info(call):
    info = {"has_elevated_permissions": False, "has_totp_device": False, "refresh_token_url": REFRESH_URL}
    if call.principal.scheme == "bearer":
        info["expires_at"] = clock.iso(call.principal.claims["exp"])
    return json_reply(info)


def methods(call):
    return json_reply({"password": True, "saml": False, "openid": False, "sso_methods": []})


# Password login is ECE's: Elastic Cloud users sign in to the Cloud console, and its API takes API keys
# (the Elastic Cloud API docs describe API key authentication only).
ROUTES = [
    Route("POST", f"{BASE}/_login", login, api=CLOUD, open=True, platforms=(ECE,)),
    Route("POST", REFRESH_URL, refresh, api=CLOUD, open=True, platforms=(ECE,)),
    Route("POST", f"{BASE}/_logout", logout, api=CLOUD, readonly_allowed=True, platforms=(ECE,)),
    Route("GET", BASE, authentication_info, api=CLOUD),
    Route("GET", f"{BASE}/methods", methods, api=CLOUD),
]
