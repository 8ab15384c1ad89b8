"""Serverless projects: ``/api/v1/serverless/projects/{elasticsearch,observability,security}``.

Phases are derived from timestamps rather than timers: a project is ``initializing``
until its ``ready_at`` (creation + --phase-delay), and a deleted project stays in
phase ``deleting`` until ``gone_at`` (deletion + --delete-delay), after which it is
purged on the next read.  That keeps the behaviour identical across --db restarts.
"""

import base64
import binascii
import copy
import json
import secrets
import string
from urllib.parse import parse_qsl

from .. import clock
from ..errors import ApiError, bad_request, conflict, not_found
from ..reply import Reply, json_reply
from ..reply import etag as document_etag
from ..routing import Route
from . import catalogue
from . import project_model as model
from . import traffic_filters

PROJECT = "project"
PRIVATE_LINK_TYPES = ("vpce", "private_endpoint")
# Fields the spec does not require in a project and a real reply may leave out (--omit-optional-fields):
# Elastic's terraform-provider-ec keeps the configured admin_features_package and product_types "when the API
# doesn't return them" and copes with a missing product_tier; traffic_filters is optional in the spec too.
OPTIONAL_FIELDS = ("product_tier", "product_types", "admin_features_package", "traffic_filters")


# -- persistence -----------------------------------------------------------------------------
def _is_gone(record, now):
    gone_at = record["internal"].get("gone_at")
    return gone_at is not None and gone_at <= now


def load(call, project_type, project_id):
    """The caller's project, or 404 (deleted projects vanish after --delete-delay)."""
    record = call.store.get(PROJECT, project_id, org=call.organization_id)
    if record is not None and _is_gone(record, clock.now()):
        call.store.delete(PROJECT, project_id)
        record = None
    if record is None or record["project"]["type"] != project_type:
        raise not_found("projects.not_found", f"The {project_type} project '{project_id}' was not found")
    return record


def using_traffic_filter(store, org, filter_id):
    """Ids of the organization's live projects that have that traffic filter attached."""
    return [
        record["project"]["id"]
        for _seq, record in visible_records(store, org)
        if filter_id in {entry["id"] for entry in record["project"].get("traffic_filters", [])}
    ]


def visible_records(store, org, project_type=None):
    """Live projects of an organization, oldest first, as ``(seq, record)`` pairs."""
    now = clock.now()
    found = []
    for seq, record in store.list(PROJECT, org=org):
        if _is_gone(record, now):
            store.delete(PROJECT, record["project"]["id"])
        elif project_type in (None, record["project"]["type"]):
            found.append((seq, record))
    return found


def shown(call, project):
    """The project as a reply shows it, under the readings of --omit-optional-fields and --shuffle-product-types."""
    settings = call.settings
    if not (settings.omit_optional_fields or settings.shuffle_product_types):
        return project
    view = copy.deepcopy(project)
    if settings.omit_optional_fields:
        for name in OPTIONAL_FIELDS:
            view.pop(name, None)
    if settings.shuffle_product_types and view.get("product_types"):
        # ProductTypes is a list the spec gives no order for: a reply need not keep the order it was set in.
        view["product_types"] = view["product_types"][::-1]
    return view


def save(call, record):
    call.store.update(PROJECT, record["project"]["id"], record)


def etag(record):
    return document_etag(record["project"])


def check_if_match(call, record):
    wanted = call.headers.get("If-Match")
    if wanted is None or wanted.strip() == "*":
        return
    candidates = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    current = etag(record)
    if current not in candidates and current.strip('"') not in candidates:
        raise ApiError(412, "projects.precondition_failed", "The project was modified since the given ETag")


def phase(record, now=None):
    """``(phase, since)`` of a project at ``now``."""
    now = clock.now() if now is None else now
    internal = record["internal"]
    if internal.get("deleting_since") is not None:
        return "deleting", internal["deleting_since"]
    if internal.get("suspended_at") is not None:
        return "suspended", internal["suspended_at"]
    if now >= internal["ready_at"]:
        return "initialized", internal["ready_at"]
    return "initializing", internal["phase_since"]


def ensure_not_deleting(record):
    if phase(record)[0] == "deleting":
        raise conflict("projects.deletion_in_progress", "The project is being deleted")


def ensure_not_initializing(call, record):
    """409 for a write to a project still initializing, under --conflict-while-initializing.

    The spec lists 409 for PATCH and _reset-credentials without saying when; a write right after a create is
    the likely case, so the flag shows it (the default accepts such writes).
    """
    if call.settings.conflict_while_initializing and phase(record)[0] == "initializing":
        raise conflict("projects.initializing", "The project is still initializing; retry once it is initialized")


def new_password():
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _position in range(24))


# -- references to other resources ----------------------------------------------------------
def resolve_traffic_filters(call, region_id, requested):
    """Check requested filters exist in the project's region; default to include_by_default ones."""
    if requested is None:
        filters = traffic_filters.included_by_default(call.store, call.organization_id, region_id)
        return [{"id": record["id"]} for record in filters], _private_link(filters)
    filters = []
    for position, reference in enumerate(requested):
        record = traffic_filters.find(call.store, call.organization_id, reference["id"])
        if record is None:
            raise bad_request(f"Traffic filter '{reference['id']}' does not exist", [f"traffic_filters.{position}.id"])
        if record["region"] != region_id:
            raise bad_request(
                f"Traffic filter '{reference['id']}' belongs to region {record['region']}, not {region_id}",
                [f"traffic_filters.{position}.id"],
            )
        filters.append(record)
    unique = list(dict.fromkeys(record["id"] for record in filters))
    return [{"id": filter_id} for filter_id in unique], _private_link(filters)


def _private_link(filters):
    return any(record.get("type") in PRIVATE_LINK_TYPES for record in filters)


def resolve_links(call, project_id, requested, current=None):
    """LinkConfiguration after applying requested links (``null`` entries unlink)."""
    links = dict(current or {})
    for linked_id, entry in requested.items():
        if entry is None:
            links.pop(linked_id, None)
            continue
        target = call.store.get(PROJECT, linked_id, org=call.organization_id)
        if linked_id == project_id or target is None or not _is_link_candidate(target):
            # Only a link candidate can be linked: the spec names link-candidates "the list of projects which can
            # be linked", so the emulator refuses any other one, as the stricter reading.
            raise bad_request(f"Project '{linked_id}' cannot be linked", [f"linked.projects.{linked_id}"])
        if target["project"]["type"] != entry["type"]:
            raise bad_request(
                f"Project '{linked_id}' is a {target['project']['type']} project", [f"linked.projects.{linked_id}.type"]
            )
        links[linked_id] = {"status": "enabled", "type": entry["type"]}
    return links


def _is_link_candidate(record):
    """Whether a project may join another's cross-project search: live and not being deleted."""
    return not _is_gone(record, clock.now()) and phase(record)[0] != "deleting"


def set_links(project, links):
    if links:
        project["linked"] = {"projects": links}
    else:
        project.pop("linked", None)


def linking_origins(call, project_id):
    """Projects whose cross-project search links point at ``project_id``."""
    return [
        record["project"]
        for _seq, record in visible_records(call.store, call.organization_id)
        if project_id in record["project"].get("linked", {}).get("projects", {})
    ]


# -- handlers ----------------------------------------------------------------------------------
def _creation_region(region_id):
    region = catalogue.region(region_id)
    if region is None:
        raise bad_request(f"Region '{region_id}' does not exist", ["region_id"], "projects.invalid_region")
    if not region["project_creation_enabled"]:
        raise ApiError(
            422, "projects.region_unavailable", f"Region '{region_id}' does not accept new projects", ["region_id"]
        )
    return region


def create_project(call, project_type):
    request = call.body
    region = _creation_region(request["region_id"])
    tags = request.get("metadata", {}).get("tags", {})
    model.check_tag_keys(tags)
    project_id, now = secrets.token_hex(16), clock.now()
    filters, private_link = resolve_traffic_filters(call, region["id"], request.get("traffic_filters"))
    metadata = {"created_at": clock.iso(now), "created_by": call.user_id, "organization_id": call.organization_id}
    model.set_tags(metadata, tags)
    project = {
        "id": project_id,
        "name": request["name"],
        "region_id": region["id"],
        "type": project_type,
        "metadata": metadata,
        "traffic_filters": filters,
        **model.type_fields(project_type, request),
    }
    label = model.alias_label(request["name"], request.get("alias"))
    model.refresh_derived(project, label, private_link)
    set_links(project, resolve_links(call, project_id, request.get("linked", {}).get("projects", {})))
    internal = {
        "label": label,
        "alias_chosen": bool(request.get("alias")),  # a rename re-derives only an alias derived from the name
        "password": new_password(),
        "phase_since": now,
        "ready_at": now + call.settings.phase_delay,
    }
    record = {"project": project, "internal": internal}
    call.store.insert(PROJECT, project_id, record, org=call.organization_id, owner=call.user_id)
    credentials = {"username": "admin", "password": internal["password"]}
    return json_reply({**shown(call, project), "credentials": credentials}, status=201, ETag=etag(record))


def list_projects(call, project_type):
    records = visible_records(call.store, call.organization_id, project_type)
    wanted_tags = query_tags(call.raw_query)
    records = [(seq, record) for seq, record in records if _matches_filters(call, record["project"], wanted_tags)]
    # The spec marks next_page deprecated and names no request parameter for it; terraform-provider-ec's sweeper
    # guards against an API that "keeps returning the same next_page token or ignores the query parameter".
    # --ignore-page-cursor shows that reading: always the first page, with the same or a fresh token.
    ignore_cursor = call.settings.ignore_page_cursor
    after = 0 if ignore_cursor else _page_start(call.raw_query)
    page = [(seq, record) for seq, record in records if seq > after]
    body = {"items": [shown(call, record["project"]) for _seq, record in page[: call.settings.page_size]]}
    if len(page) > call.settings.page_size:
        nonce = secrets.token_hex(4) if ignore_cursor == "fresh-token" else None
        body["next_page"] = _page_token(page[call.settings.page_size - 1][0], nonce)
    return json_reply(body)


def query_tags(raw_query):
    """The ``tags`` filter, a deepObject (``tags[<key>]=<value>``); a malformed one is a 400, not ignored."""
    tags = {}
    for name, value in parse_qsl(raw_query, keep_blank_values=True):
        if name != "tags" and not name.startswith("tags["):
            continue
        key = name[len("tags[") : -1] if name.endswith("]") else ""
        if not model.TAG_KEY.match(key):
            raise bad_request(f"Invalid query parameter {name!r}: filter by tag as tags[<key>]=<value>", ["tags"])
        tags[key] = value
    return tags


def _has_tags(tags, wanted_tags):
    return all(tags.get(key) == value for key, value in wanted_tags.items())


def _matches_filters(call, project, wanted_tags):
    if not _has_tags(project["metadata"].get("tags", {}), wanted_tags):
        return False
    traffic_filter = call.query.get("traffic_filter")
    if traffic_filter and traffic_filter not in {entry["id"] for entry in project.get("traffic_filters", [])}:
        return False
    linked = call.query.get("linked")
    return not linked or linked in project.get("linked", {}).get("projects", {})


def _page_token(seq, nonce=None):
    cursor = {"after": seq} if nonce is None else {"after": seq, "nonce": nonce}
    return base64.urlsafe_b64encode(json.dumps(cursor).encode()).decode()


def _page_start(raw_query):
    token = dict(parse_qsl(raw_query)).get("next_page")
    if not token:
        return 0
    try:
        after = json.loads(base64.urlsafe_b64decode(token.encode()))["after"]
        if isinstance(after, int):
            return after
    except (ValueError, KeyError, TypeError, binascii.Error):
        pass
    raise bad_request("The next_page token is invalid", ["next_page"])


def get_project(call, project_type):
    record = load(call, project_type, call.params["id"])
    return json_reply(shown(call, record["project"]), ETag=etag(record))


def patch_project(call, project_type):
    """Only the fields present in the body change."""
    record = load(call, project_type, call.params["id"])
    check_if_match(call, record)
    ensure_not_deleting(record)
    ensure_not_initializing(call, record)
    project, request = record["project"], call.body
    _patch_name_and_tags(call, record, request)
    private_link = _patch_traffic_filters(call, project, request)
    _patch_links(call, project, request)
    model.patch_type_fields(project, request)
    model.refresh_derived(project, record["internal"]["label"], private_link)
    save(call, record)
    return json_reply(shown(call, project), ETag=etag(record))


def _patch_name_and_tags(call, record, request):
    project, internal = record["project"], record["internal"]
    if "alias" in request:
        internal["label"] = model.alias_label(request.get("name", project["name"]), request["alias"])
        internal["alias_chosen"] = bool(request["alias"])
    elif "name" in request and not _alias_chosen(project, internal) and not call.settings.keep_alias_on_rename:
        # Elastic's terraform-provider-ec marks alias, endpoints and cloud_id unknown when the name changes: a
        # derived alias follows the new name, and the endpoints and cloud ID with it (--keep-alias-on-rename: not).
        internal["label"] = model.alias_label(request["name"])
    if "name" in request:
        project["name"] = request["name"]
    if "metadata" in request:
        tags = model.patch_tags(project["metadata"].get("tags"), request["metadata"]["tags"])
        model.set_tags(project["metadata"], tags)


def _alias_chosen(project, internal):
    """Whether the user set the alias (records from before that was kept: the label is not the derived one)."""
    if "alias_chosen" in internal:
        return internal["alias_chosen"]
    return internal["label"] != model.alias_label(project["name"])


def _patch_traffic_filters(call, project, request):
    """Apply a traffic_filters change (null detaches all); return whether PrivateLink is on."""
    if "traffic_filters" in request:
        project["traffic_filters"], private_link = resolve_traffic_filters(
            call, project["region_id"], request["traffic_filters"] or []
        )
        return private_link
    org = project["metadata"]["organization_id"]
    attached = [traffic_filters.find(call.store, org, entry["id"]) or {} for entry in project.get("traffic_filters", [])]
    return _private_link(attached)


def _patch_links(call, project, request):
    if "linked" not in request:
        return
    requested = request["linked"]
    current = None if requested is None else project.get("linked", {}).get("projects")
    set_links(project, resolve_links(call, project["id"], (requested or {}).get("projects", {}), current))


def delete_project(call, project_type):
    record = load(call, project_type, call.params["id"])
    check_if_match(call, record)
    if phase(record)[0] == "deleting":
        # The spec lists 409 for DELETE without saying when: by default deleting twice is accepted (the deletion
        # is already scheduled); --conflict-when-deleting-twice answers 409 instead.
        if call.settings.conflict_when_deleting_twice:
            raise conflict("projects.deletion_in_progress", "The project is already being deleted")
        return Reply(200, None, {"ETag": etag(record)})
    origins = linking_origins(call, record["project"]["id"])
    if origins:
        raise conflict("projects.linked", f"The project is linked from {len(origins)} project(s); unlink them first")
    monitors = record["internal"].get("monitored_projects") or []
    if monitors:
        raise conflict("projects.monitored", f"The project is monitored by {len(monitors)} project(s); stop that first")
    if call.settings.delete_immediately:
        # Elastic's acceptance tests expect a deleted project to read as not found right after the DELETE.
        call.store.delete(PROJECT, record["project"]["id"])
        return Reply(200, None, {"ETag": etag(record)})
    now = clock.now()
    record["internal"].update(deleting_since=now, gone_at=now + call.settings.delete_delay)
    save(call, record)
    return Reply(200, None, {"ETag": etag(record)})


def project_status(call, project_type):
    current, since = phase(load(call, project_type, call.params["id"]))
    return json_reply({"phase": current, "phase_change_timestamp": clock.iso(since)})


def reset_credentials(call, project_type):
    record = load(call, project_type, call.params["id"])
    check_if_match(call, record)
    ensure_not_deleting(record)
    ensure_not_initializing(call, record)
    record["internal"]["password"] = new_password()
    save(call, record)
    return json_reply({"username": "admin", "password": record["internal"]["password"]}, ETag=etag(record))


def resume_project(call, project_type):
    record = load(call, project_type, call.params["id"])
    check_if_match(call, record)
    ensure_not_deleting(record)
    if phase(record)[0] != "suspended":
        raise conflict("projects.not_suspended", "Only suspended projects can be resumed")
    now = clock.now()
    record["internal"].update(suspended_at=None, phase_since=now, ready_at=now + call.settings.phase_delay)
    for name in ("suspended_at", "suspended_reason"):
        record["project"]["metadata"].pop(name, None)
    save(call, record)
    return Reply(200, None, {"ETag": etag(record)})


def can_delete(call, project_type):
    record = load(call, project_type, call.params["id"])
    origins = [
        {key: origin[key] for key in ("id", "name", "type")} | {"alias": record_label(origin)}
        for origin in linking_origins(call, record["project"]["id"])
    ]
    monitors = record["internal"].get("monitored_projects") or []
    return json_reply({"linked_projects": origins, "monitored_projects": monitors, "can_be_deleted": not (origins or monitors)})


def record_label(project):
    """The user-facing alias (without the system suffix) of a project."""
    return project["alias"][: -len(project["id"][:6]) - 1]


def link_candidates(call, project_type):
    """Projects that could join this project's cross-project search, filtered by the query."""
    record = load(call, project_type, call.params["id"])
    linked = record["project"].get("linked", {}).get("projects", {})
    items = [
        _candidate(other["project"], other["internal"]["label"], other["project"]["id"] in linked)
        for _seq, other in visible_records(call.store, call.organization_id)
        if other["project"]["id"] != record["project"]["id"] and _is_link_candidate(other)
    ]
    wanted_tags = query_tags(call.raw_query)
    return json_reply({"items": [item for item in items if _is_wanted_candidate(call.query, item, wanted_tags)]})


def _candidate(project, label, linked):
    candidate = {
        "id": project["id"],
        "name": project["name"],
        "alias": label,
        "type": project["type"],
        "csp": catalogue.region(project["region_id"])["csp"],
        "region": project["region_id"],
        "linked": linked,
    }
    # The spec lists tags as required but its ProjectTags needs at least one entry: an untagged project has
    # no valid value, so it is left out, as the API's own projects leave out metadata.tags when there are none.
    if project["metadata"].get("tags"):
        candidate["tags"] = project["metadata"]["tags"]
    return candidate


def _is_wanted_candidate(query, item, wanted_tags):
    for name, field in (("csp", "csp"), ("region", "region"), ("name", "name"), ("alias", "alias")):
        if query.get(name) not in (None, item[field]):
            return False
    if query.get("types") and item["type"] not in query["types"]:
        return False
    return _has_tags(item.get("tags", {}), wanted_tags)


def project_roles(call, project_type):
    record = load(call, project_type, call.params["id"])
    return json_reply({record["project"]["id"]: model.roles(project_type)}, ETag=etag(record))


def suspend(app, project_type, project_id, reason):
    """Test hook: suspend a project as an expired trial would."""
    with app.store.transaction():
        record = app.store.get(PROJECT, project_id)
        if record is None or record["project"]["type"] != project_type or _is_gone(record, clock.now()):
            raise not_found("projects.not_found", f"The {project_type} project '{project_id}' was not found")
        now = clock.now()
        record["internal"]["suspended_at"] = now
        record["project"]["metadata"].update(suspended_at=clock.iso(now), suspended_reason=reason)
        app.store.update(PROJECT, project_id, record)
        return record["project"]


def set_monitored(app, project_type, project_id, monitors):
    """Test hook: the projects that monitor this one (``_can-delete`` lists them and DELETE answers 409).

    CanDeleteResponse requires ``monitored_projects`` without describing its entries: they take the shape of its
    ``linked_projects`` entries (DependentProjectSummary).
    """
    if not isinstance(monitors, list) or not all(isinstance(entry, dict) and "id" in entry for entry in monitors):
        raise bad_request("Expected projects as a list of objects with an id and a type", ["projects"])
    with app.store.transaction():
        record = app.store.get(PROJECT, project_id)
        if record is None or record["project"]["type"] != project_type or _is_gone(record, clock.now()):
            raise not_found("projects.not_found", f"The {project_type} project '{project_id}' was not found")
        record["internal"]["monitored_projects"] = [{"type": project_type, **entry} for entry in monitors]
        app.store.update(PROJECT, project_id, record)
        return {"monitored_projects": record["internal"]["monitored_projects"]}


def dump(store):
    projects = {project_type: [] for project_type in model.PROJECT_TYPES}
    now = clock.now()
    for _seq, record in store.list(PROJECT):
        if not _is_gone(record, now):
            current = phase(record, now)[0]
            projects[record["project"]["type"]].append({**record["project"], "phase": current})
    return {"projects": projects}


def _bind(handler, project_type):
    def bound(call):
        return handler(call, project_type)

    bound.__name__ = f"{handler.__name__}_{project_type}"
    return bound


def _routes():
    routes = []
    for project_type in model.PROJECT_TYPES:
        base = f"/api/v1/serverless/projects/{project_type}"
        for method, suffix, handler in (
            ("GET", "", list_projects),
            ("POST", "", create_project),
            ("GET", "/{id}", get_project),
            ("PATCH", "/{id}", patch_project),
            ("DELETE", "/{id}", delete_project),
            ("GET", "/{id}/status", project_status),
            ("POST", "/{id}/_reset-credentials", reset_credentials),
            ("POST", "/{id}/_resume", resume_project),
            ("GET", "/{id}/_can-delete", can_delete),
            ("GET", "/{id}/roles", project_roles),
            ("GET", "/{id}/link-candidates", link_candidates),
        ):
            routes.append(Route(method, base + suffix, _bind(handler, project_type)))
    return routes


ROUTES = _routes()
