"""Organization members, invitations and user role assignments (Elastic Cloud only).

``/api/v1/organizations/{id}/members``, ``/api/v1/organizations/{id}/invitations``,
``/api/v1/organizations/invitations/{token}`` and ``/api/v1/users/{user_id}/role_assignments``.

Role ids are those terraform-provider-ec's ``ec_organization`` resource sends: organization roles
``organization-admin`` and ``billing-admin``; deployment roles ``deployment-<role>``; project roles
``<type>-<role>`` (its ``roleModelToApi`` adds the prefix, its schema lists the roles of each type).
"""

import re
import secrets

from .. import clock
from ..errors import ApiError, bad_request, not_found
from ..reply import json_reply
from ..routing import CLOUD, ESS, Route
from ..settings import ORGANIZATION_ID, ORGANIZATION_NAME

MEMBER = "organization_member"
INVITATION = "organization_invitation"
BASE = "/api/v1/organizations/{organization_id}"
SEED_USER = "admin"
SEED_EMAIL = "admin@emulator.example"
OWNER_ROLE = "organization-admin"
ORGANIZATION_ROLES = {OWNER_ROLE, "billing-admin"}
DEPLOYMENT_ROLES = {"deployment-admin", "deployment-editor", "deployment-viewer"}
SECURITY_ROLES = (
    "admin editor viewer t1-analyst t2-analyst t3-analyst threat-intel-analyst rule-author soc-manager "
    "endpoint-operations-analyst platform-engineer detections-admin endpoint-policy-manager"
).split()
PROJECT_ROLES = {
    "elasticsearch": {f"elasticsearch-{role}" for role in ("admin", "developer", "viewer")},
    "observability": {f"observability-{role}" for role in ("admin", "editor", "viewer")},
    "security": {f"security-{role}" for role in SECURITY_ROLES},
}
DEFAULT_EXPIRY = 3 * 86400  # the spec: expires_in "Defaults to three days from now"
DURATION = re.compile(r"^(\d+)([smhd])$")  # terraform-provider-ec sends ExpiresIn "7d"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def seed(app):
    """The emulator's own user, the organization's owner (kept if already stored)."""
    if app.store.get(MEMBER, SEED_USER) is None:
        member = _membership(SEED_USER, SEED_EMAIL, "Emulator admin", {"organization": [_owner_assignment()]})
        app.store.insert(MEMBER, SEED_USER, member, org=ORGANIZATION_ID)


def _owner_assignment():
    return {"role_id": OWNER_ROLE, "organization_id": ORGANIZATION_ID}


def _membership(user_id, email, name, role_assignments):
    return {"organization_id": ORGANIZATION_ID, "user_id": user_id, "email": email, "name": name,
            "member_since": clock.iso(clock.now()), "role_assignments": role_assignments}  # fmt: skip


# -- access ------------------------------------------------------------------------------
def _organization(call):
    if call.params["organization_id"] != call.organization_id:
        raise not_found("organization.not_found", f"Organization {call.params['organization_id']} was not found")
    return call.params["organization_id"]


def _must_own(call, code="organization.invalid_access"):
    """Only the Organization owner role manages members: the stricter reading, as the spec names 403s for these
    writes without saying which roles pass."""
    if OWNER_ROLE not in call.principal.organization_roles:
        raise ApiError(403, code, "Managing the organization's members needs the Organization owner role")


# -- role assignments --------------------------------------------------------------------
def _key(kind, assignment):
    ids = assignment.get("deployment_ids") if kind == "deployment" else assignment.get("project_ids")
    return (assignment["role_id"], bool(assignment.get("all")), tuple(sorted(ids or ())))


def _check_scope(kind, assignment):
    # The spec: ids "Must be absent if `all` is true, and present if `all` is false".
    ids_field = "deployment_ids" if kind == "deployment" else "project_ids"
    if bool(assignment.get("all")) == bool(assignment.get(ids_field)):
        raise bad_request(f"A {kind} role assignment needs either all=true or {ids_field}, not both", [ids_field])


def _validated(body):
    """``[(kind, assignment)]`` of a RoleAssignments body; 400 for an unknown role, 403 for another organization."""
    found = []
    for assignment in body.get("organization") or []:
        found.append(("organization", assignment, ORGANIZATION_ROLES))
    for assignment in body.get("deployment") or []:
        found.append(("deployment", assignment, DEPLOYMENT_ROLES))
    for project_type, assignments in (body.get("project") or {}).items():
        for assignment in assignments or []:
            found.append((project_type, assignment, PROJECT_ROLES[project_type]))
    if body.get("platform"):
        raise ApiError(403, "role_assignments.unauthorized_role_assignments", "Platform roles cannot be assigned here")
    for kind, assignment, roles in found:
        if assignment["role_id"] not in roles:
            raise bad_request(f"Unknown {kind} role '{assignment['role_id']}': expected one of {sorted(roles)}", ["role_id"])
        if assignment["organization_id"] != ORGANIZATION_ID:
            raise ApiError(403, "role_assignments.unauthorized_role_assignments",
                           f"Role assignments of organization {assignment['organization_id']} are not yours to make")
        if kind != "organization":
            _check_scope(kind, assignment)
    return [(kind, assignment) for kind, assignment, _roles in found]


def _slot(role_assignments, kind, create=False):
    if kind in ("organization", "deployment"):
        return role_assignments.setdefault(kind, []) if create else role_assignments.get(kind) or []
    project = role_assignments.setdefault("project", {}) if create else role_assignments.get("project") or {}
    return project.setdefault(kind, []) if create else project.get(kind) or []


def _add(role_assignments, pairs):
    # Holding two organization roles at once is allowed: terraform-provider-ec changes a member's organization role
    # by adding the new one before removing the old (organizationresource/update.go, updateMember).
    for kind, assignment in pairs:
        slot = _slot(role_assignments, kind, create=True)
        if all(_key(kind, held) != _key(kind, assignment) for held in slot):
            slot.append(dict(assignment))
    return _pruned(role_assignments)


def _remove(role_assignments, pairs):
    # Removing an assignment the user does not hold is a no-op: the spec documents no error for it.
    for kind, assignment in pairs:
        slot = _slot(role_assignments, kind, create=True)
        slot[:] = [held for held in slot if _key(kind, held) != _key(kind, assignment)]
    return _pruned(role_assignments)


def _pruned(role_assignments):
    project = {kind: held for kind, held in (role_assignments.get("project") or {}).items() if held}
    pruned = {kind: held for kind, held in role_assignments.items() if kind != "project" and held}
    if project:
        pruned["project"] = project
    return pruned


# -- members -----------------------------------------------------------------------------
def _members(call):
    return [record for _seq, record in call.store.list(MEMBER, org=call.organization_id)]


def _owners(members):
    return {m["user_id"] for m in members if any(a["role_id"] == OWNER_ROLE for a in _slot(m["role_assignments"], "organization"))}


def _keep_an_owner(call, members_after):
    """An organization must keep an owner, unless --last-owner-removable.

    The spec documents no error for it, and no Elastic source found says either way: refusing is the stricter reading,
    so it is the default, with the spec's generic invalid-data code; the flag offers the other reading.
    """
    if not call.settings.last_owner_removable and not _owners(members_after):
        raise bad_request("The organization must keep at least one member with the Organization owner role")


def list_members(call):
    _organization(call)
    return json_reply({"members": _members(call)})


def delete_members(call):
    _organization(call)
    _must_own(call)
    user_ids = [user_id for user_id in call.params["user_ids"].split(",") if user_id]
    members = {m["user_id"]: m for m in _members(call)}
    for user_id in user_ids:
        if user_id not in members:
            raise not_found("organization.membership_not_found", f"User {user_id} is not a member of the organization")
    _keep_an_owner(call, [m for uid, m in members.items() if uid not in user_ids])
    for user_id in user_ids:
        call.store.delete(MEMBER, user_id)
    return json_reply({})


def _change_roles(call, change):
    member = call.store.get(MEMBER, call.params["user_id"], org=call.organization_id)
    if member is None:
        raise bad_request(f"User {call.params['user_id']} is not a member of the organization", ["user_id"],
                          code="role_assignments.invalid_target_user_id")  # fmt: skip
    _must_own(call, "role_assignments.unauthorized_role_assignments")
    member["role_assignments"] = change(member.get("role_assignments") or {}, _validated(call.body))
    _keep_an_owner(call, [m for m in _members(call) if m["user_id"] != member["user_id"]] + [member])
    call.store.update(MEMBER, member["user_id"], member)
    return json_reply({})


def add_role_assignments(call):
    return _change_roles(call, _add)


def remove_role_assignments(call):
    return _change_roles(call, _remove)


# -- invitations ---------------------------------------------------------------------------
def _expires_in(text):
    if text is None:
        return DEFAULT_EXPIRY
    match = DURATION.match(text)
    if not match or int(match[1]) <= 0:
        raise bad_request(f"Invalid expires_in '{text}': expected a duration such as 7d, 12h or 30m", ["expires_in"])
    return int(match[1]) * UNITS[match[2]]


def _shown(invitation):
    shown = {name: value for name, value in invitation.items() if name != "expires_epoch"}
    shown["expired"] = invitation["expires_epoch"] <= clock.now()
    shown["organization"] = {"id": ORGANIZATION_ID, "name": ORGANIZATION_NAME}
    return shown


def _invitations(call):
    return [record for _seq, record in call.store.list(INVITATION, org=call.organization_id)]


def list_invitations(call):
    # Expired invitations stay listed, with expired=true, until deleted or refreshed (the field exists for them).
    _organization(call)
    return json_reply({"invitations": [_shown(invitation) for invitation in _invitations(call)]})


def _invite(call, email, pending, expires, role_assignments):
    """A new invitation, or the pending one refreshed (--invitation-exists refresh)."""
    if any(m.get("email", "").lower() == email.lower() for m in _members(call)):
        raise bad_request(f"{email} already belongs to the organization", ["emails"],
                          code="organization.user_organization_already_belongs")  # fmt: skip
    current = pending.get(email.lower())
    unexpired = current is not None and current["expires_epoch"] > clock.now()
    if unexpired and call.settings.invitation_exists != "refresh":
        # The spec's 400 organization.invitation_already_exists; the operation's summary says it "Creates or
        # refreshes", so --invitation-exists refresh offers that other reading.
        raise bad_request(f"An invitation was already sent to {email}", ["emails"],
                          code="organization.invitation_already_exists")  # fmt: skip
    if current is not None:
        call.store.delete(INVITATION, current["token"])
    token = current["token"] if unexpired else secrets.token_hex(16)
    invitation = {"token": token, "email": email, "created_at": clock.iso(clock.now()),
                  "expires_at": clock.iso(clock.now() + expires), "expires_epoch": clock.now() + expires,
                  "organization_id": ORGANIZATION_ID, "role_assignments": role_assignments}  # fmt: skip
    call.store.insert(INVITATION, token, invitation, org=ORGANIZATION_ID)
    return invitation


def create_invitations(call):
    _organization(call)
    _must_own(call, "root.invalid_authentication")
    expires = _expires_in(call.body.get("expires_in"))
    role_assignments = _add({}, _validated(call.body.get("role_assignments") or {}))
    for email in call.body["emails"]:
        if not EMAIL.match(email):
            raise bad_request(f"Invalid email address '{email}'", ["emails"], code="organization.invitation_invalid_email")
    pending = {invitation["email"].lower(): invitation for invitation in _invitations(call)}
    made = [_invite(call, email, pending, expires, role_assignments) for email in call.body["emails"]]
    return json_reply({"invitations": [_shown(invitation) for invitation in made]}, status=201)


def delete_invitations(call):
    _organization(call)
    _must_own(call)
    tokens = [token for token in call.params["invitation_tokens"].split(",") if token]
    if not tokens:
        raise bad_request("No valid invitation token was supplied", ["invitation_tokens"])
    for token in tokens:
        if call.store.get(INVITATION, token, org=call.organization_id) is None:
            raise not_found("organization.invitation_not_found", f"Invitation {token} was not found")
    for token in tokens:
        call.store.delete(INVITATION, token)
    return json_reply({})


def _invitation(store, token):
    invitation = store.get(INVITATION, token)
    if invitation is None:
        raise not_found("organization.invitation_not_found", "Invitation not found")
    return invitation


def get_invitation(call):
    return json_reply(_shown(_invitation(call.store, call.params["invitation_token"])))


def accept_invitation(call):
    """Accepted by the invited user: every emulator user already belongs to the organization, so this refuses."""
    _invitation(call.store, call.params["invitation_token"])
    raise bad_request("The user already belongs to an organization", code="organization.user_organization_already_belongs")


def accept(app, token, name=None):
    """The invited person accepts (test hook): a member with the invitation's roles; the invitation goes.

    Accepted invitations leave the list: terraform-provider-ec reads every listed invitation as a pending member
    (organizationresource/read.go), which would otherwise show accepted people twice.
    """
    with app.store.transaction():
        invitation = _invitation(app.store, token)
        if invitation["expires_epoch"] <= clock.now():
            raise bad_request("The invitation has expired", code="organization.invitation_expired")
        user_id = "user-" + secrets.token_hex(6)
        member = _membership(user_id, invitation["email"], name or invitation["email"].split("@")[0],
                             invitation.get("role_assignments") or {})  # fmt: skip
        app.store.insert(MEMBER, user_id, member, org=invitation["organization_id"])
        app.store.delete(INVITATION, token)
        return member


def dump(store):
    return {"organization_members": [record for _seq, record in store.list(MEMBER)],
            "organization_invitations": [record for _seq, record in store.list(INVITATION)]}  # fmt: skip


ROUTES = [
    Route("GET", f"{BASE}/members", list_members, api=CLOUD, platforms=(ESS,)),
    Route("DELETE", f"{BASE}/members/{{user_ids}}", delete_members, api=CLOUD, platforms=(ESS,)),
    Route("GET", f"{BASE}/invitations", list_invitations, api=CLOUD, platforms=(ESS,)),
    Route("POST", f"{BASE}/invitations", create_invitations, api=CLOUD, platforms=(ESS,)),
    Route("DELETE", f"{BASE}/invitations/{{invitation_tokens}}", delete_invitations, api=CLOUD, platforms=(ESS,)),
    Route("GET", "/api/v1/organizations/invitations/{invitation_token}", get_invitation, api=CLOUD, platforms=(ESS,)),
    Route("POST", "/api/v1/organizations/invitations/{invitation_token}/_accept", accept_invitation, api=CLOUD,
          platforms=(ESS,)),  # fmt: skip
    Route("POST", "/api/v1/users/{user_id}/role_assignments", add_role_assignments, api=CLOUD, platforms=(ESS,)),
    Route("DELETE", "/api/v1/users/{user_id}/role_assignments", remove_role_assignments, api=CLOUD, platforms=(ESS,)),
]
