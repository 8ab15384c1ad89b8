"""Users, API keys and bearer tokens.

Two built-in users are seeded: ``admin`` and ``readonly`` (may read everything but gets 403 on
writes), plus the ordinary platform users of ``--ece-user``. The ``--api-key`` keys belong to
``admin``, except with ``--platform ece``, where built-in users cannot own keys: there they belong
to the first ``--ece-user``.  Bearer tokens are
HS256-signed JWTs whose signing secret lives in the store, so ``--db`` keeps them
valid across restarts and a reset invalidates them all.
"""

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from . import clock
from .errors import ApiError, forbidden, unauthenticated
from .settings import ORGANIZATION_ID

API_KEY = "api_key"
REVOKED_TOKEN = "revoked_token"
SECRET_META = "jwt_secret"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class User:
    id: str
    organization_id: str
    readonly: bool
    builtin: bool = False  # ECE's admin and readonly, which cannot own API keys there


@dataclass(frozen=True)
class Principal:
    user: User
    scheme: str  # "apikey" or "bearer"
    claims: dict = None
    role_assignments: dict = None  # an API key's roles; None for a login, which has its user's roles

    @property
    def organization_roles(self):
        """Role ids held in the caller's own organization."""
        if self.role_assignments is None:
            return {"organization-viewer" if self.user.readonly else "organization-admin"}
        return {
            assignment.get("role_id")
            for assignment in self.role_assignments.get("organization") or []
            if assignment.get("organization_id") == self.organization_id
        }

    @property
    def user_id(self):
        return self.user.id

    @property
    def organization_id(self):
        return self.user.organization_id


USERS = {
    "admin": User("admin", ORGANIZATION_ID, readonly=False, builtin=True),
    "readonly": User("readonly", ORGANIZATION_ID, readonly=True, builtin=True),
}


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def auth_scheme(header):
    """The scheme the client presented (for the journal), or None."""
    scheme = (header or "").strip().split(" ", 1)[0].lower()
    return {"apikey": "apikey", "bearer": "bearer"}.get(scheme)


class Authenticator:
    def __init__(self, settings, store):
        self._settings = settings
        self._store = store
        self._passwords = {"admin": settings.admin_password, "readonly": settings.readonly_password}
        self.users = dict(USERS)
        for name, password in settings.ece_users:
            self.users[name] = User(name, ORGANIZATION_ID, readonly=False)
            self._passwords[name] = password

    @property
    def key_owner(self):
        """Who owns the --api-key keys: on ECE the built-in users cannot own keys, so the first platform user does."""
        if self._settings.platform == "ece":
            return self.users[self._settings.ece_users[0][0]]
        return self.users["admin"]

    # -- checking requests -------------------------------------------------
    def authenticate(self, header):
        scheme, _space, credential = (header or "").strip().partition(" ")
        credential = credential.strip()
        if not credential:
            raise unauthenticated("Authentication is required: send 'Authorization: ApiKey <key>'")
        if scheme.lower() == "apikey":
            return self._by_api_key(credential)
        if scheme.lower() == "bearer":
            claims = self.verify_token(credential)
            return Principal(self.users[claims["sub"]], "bearer", claims)
        raise unauthenticated(f"Unsupported authorization scheme '{scheme}'")

    def _by_api_key(self, key):
        record = self._store.find(API_KEY, key_digest(key))
        if record is None:
            raise unauthenticated("The API key is invalid or has been deleted")
        expires = record.get("expiration_date")
        if expires and clock.parse_iso(expires) <= clock.now():
            raise unauthenticated("The API key has expired")
        return Principal(self.users[record["user_id"]], "apikey", role_assignments=record.get("role_assignments"))

    @staticmethod
    def authorize(principal, method, route):
        if principal.user.readonly and method in WRITE_METHODS and not route.readonly_allowed:
            raise forbidden("The read-only user cannot modify resources")

    # -- passwords and tokens ----------------------------------------------
    def login(self, username, password):
        expected = self._passwords.get(username)
        if expected is None or not hmac.compare_digest(expected.encode(), (password or "").encode()):
            raise unauthenticated("The supplied username or password is invalid")
        return self.issue_token(self.users[username])

    def issue_token(self, user):
        issued = clock.now()
        claims = {
            "sub": user.id,
            "org": user.organization_id,
            "iat": int(issued),
            "exp": issued + self._settings.token_ttl,
            "jti": secrets.token_hex(16),
        }
        header = _b64({"alg": "HS256", "typ": "JWT"})
        payload = _b64(claims)
        signature = _sign(self._secret(), f"{header}.{payload}")
        return f"{header}.{payload}.{signature}", claims

    def verify_token(self, token, code="root.unauthenticated"):
        try:
            header, payload, signature = token.split(".")
            expected = _sign(self._secret(), f"{header}.{payload}")
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            raise ApiError(401, code, "The bearer token is malformed")
        if not hmac.compare_digest(signature, expected):
            raise ApiError(401, code, "The bearer token is invalid")
        if claims.get("exp", 0) <= clock.now():
            raise ApiError(401, code, "The bearer token has expired")
        if self._store.get(REVOKED_TOKEN, claims.get("jti", "")) is not None:
            raise ApiError(401, code, "The bearer token has been revoked")
        if claims.get("sub") not in self.users:
            raise ApiError(401, code, "The bearer token names an unknown user")
        return claims

    def revoke(self, claims):
        if self._store.get(REVOKED_TOKEN, claims["jti"]) is None:
            self._store.insert(REVOKED_TOKEN, claims["jti"], {"exp": claims["exp"]})

    def _secret(self):
        secret = self._store.meta_get(SECRET_META)
        if secret is None:
            secret = self.rotate_secret()
        return secret

    def rotate_secret(self):
        secret = secrets.token_hex(32)
        self._store.meta_set(SECRET_META, secret)
        return secret


def _b64(data):
    raw = json.dumps(data, separators=(",", ":")).encode() if isinstance(data, dict) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _sign(secret, message):
    return _b64(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest())
