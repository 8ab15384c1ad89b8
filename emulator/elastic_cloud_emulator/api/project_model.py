"""Shape of serverless projects: defaults, derived fields and patch semantics.

Pure functions over plain dicts; persistence and HTTP live in ``projects.py``.
"""

import base64
import copy
import re

from ..errors import bad_request
from . import catalogue

PROJECT_TYPES = ("elasticsearch", "observability", "security")

ENDPOINT_APPS = {
    "elasticsearch": {"elasticsearch": "es", "kibana": "kb"},
    "observability": {"elasticsearch": "es", "kibana": "kb", "apm": "apm", "ingest": "ingest"},
    "security": {"elasticsearch": "es", "kibana": "kb", "ingest": "ingest"},
}

DEFAULT_RETENTION_DAYS = 396
ELASTICSEARCH_SEARCH_LAKE = {"search_power": 100, "boost_window": 7}
SECURITY_SEARCH_LAKE = {
    "data_retention": {"max_retention_days": DEFAULT_RETENTION_DAYS, "default_retention_days": DEFAULT_RETENTION_DAYS}
}
SECURITY_PRODUCT_TYPES = [
    {"product_line": "security", "product_tier": "complete"},
    {"product_line": "cloud", "product_tier": "complete"},
    {"product_line": "endpoint", "product_tier": "complete"},
]
# Type-specific fields and the values a project gets when the request leaves them out.
TYPE_DEFAULTS = {
    "elasticsearch": {"optimized_for": "general_purpose", "search_lake": ELASTICSEARCH_SEARCH_LAKE},
    "observability": {"product_tier": "complete"},
    "security": {
        "admin_features_package": "standard",
        "product_types": SECURITY_PRODUCT_TYPES,
        "search_lake": SECURITY_SEARCH_LAKE,
    },
}

ROLES = {
    "elasticsearch": ["admin", "developer", "viewer"],
    "observability": ["admin", "editor", "viewer"],
    "security": [
        "admin",
        "editor",
        "viewer",
        "t1_analyst",
        "t2_analyst",
        "t3_analyst",
        "rule_author",
        "soc_manager",
        "detections_admin",
        "platform_engineer",
        "endpoint_operations_analyst",
        "endpoint_policy_manager",
    ],
}

TAG_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
MAX_TAGS = 64
ALIAS_MAX = 50


# -- names and endpoints ---------------------------------------------------------------
def alias_label(name, alias=None):
    """The DNS label chosen by the user, or derived from the project name."""
    if alias:
        return alias.lower()
    label = re.sub(r"[^a-z0-9]+", "-", name.lower())
    label = re.sub(r"^[^a-z]+", "", label)[:ALIAS_MAX].strip("-")
    return label or "project"


def full_alias(label, project_id):
    return f"{label}-{project_id[:6]}"


def endpoints(project_type, alias, region_id, private=False):
    domain = catalogue.domain(region_id)
    infix = "private." if private else ""
    return {app: f"https://{alias}.{short}.{infix}{domain}" for app, short in ENDPOINT_APPS[project_type].items()}


def cloud_id(alias, region_id):
    encoded = f"{catalogue.domain(region_id)}:443${alias}.es${alias}.kb"
    return f"{alias}:{base64.b64encode(encoded.encode()).decode()}"


def refresh_derived(project, label, private_link=False):
    """Recompute the fields that follow from alias and region."""
    project["alias"] = full_alias(label, project["id"])
    project["endpoints"] = endpoints(project["type"], project["alias"], project["region_id"])
    project["cloud_id"] = cloud_id(project["alias"], project["region_id"])
    if private_link:
        project["private_endpoints"] = endpoints(project["type"], project["alias"], project["region_id"], private=True)
    else:
        project.pop("private_endpoints", None)


# -- tags ----------------------------------------------------------------------------------
def check_tag_keys(tags, prefix="metadata.tags"):
    bad = [key for key in tags if not TAG_KEY.match(key)]
    if bad:
        raise bad_request(
            "Tag keys must start with a lowercase letter, contain only a-z, 0-9, '_' and '-', "
            f"and be at most 32 characters: {bad}",
            [f"{prefix}.{key}" for key in bad],
        )


def patch_tags(current, patch):
    """ProjectPatchTags semantics: a string sets a tag, null removes it, others stay."""
    check_tag_keys(patch)
    tags = dict(current or {})
    for key, value in patch.items():
        if value is None:
            tags.pop(key, None)
        else:
            tags[key] = value
    if len(tags) > MAX_TAGS:
        raise bad_request(f"A project can have at most {MAX_TAGS} tags", ["metadata.tags"])
    return tags


def set_tags(metadata, tags):
    # ProjectTags needs at least one entry, so an empty tag set is left out entirely.
    if tags:
        metadata["tags"] = tags
    else:
        metadata.pop("tags", None)


# -- type-specific fields --------------------------------------------------------------------
def type_fields(project_type, request):
    """Type-specific fields of a new project: the request's values over the defaults."""
    fields = copy.deepcopy(TYPE_DEFAULTS[project_type])
    for name in fields:
        if name in request:
            fields[name] = request[name]
    if project_type == "elasticsearch":
        fields["search_lake"] = {**ELASTICSEARCH_SEARCH_LAKE, **fields["search_lake"]}
    if project_type == "security":
        fields["search_lake"] = _security_search_lake(SECURITY_SEARCH_LAKE, fields["search_lake"], creating=True)
    return fields


def patch_type_fields(project, request):
    """Apply a PATCH to type-specific fields; ``null`` restores the default."""
    project_type = project["type"]
    for name, default in TYPE_DEFAULTS[project_type].items():
        if name not in request:
            continue
        value = request[name]
        if name == "search_lake" and project_type == "elasticsearch":
            project[name] = _elasticsearch_search_lake(project[name], value)
        elif name == "search_lake":
            project[name] = _security_search_lake(project[name], value)
        else:
            project[name] = copy.deepcopy(default) if value is None else value


def _elasticsearch_search_lake(current, patch):
    if patch is None:
        return dict(ELASTICSEARCH_SEARCH_LAKE)
    merged = dict(current)
    for name, value in patch.items():
        merged[name] = ELASTICSEARCH_SEARCH_LAKE[name] if value is None else value
    return merged


def _security_search_lake(current, patch, creating=False):
    if patch is None or patch.get("data_retention", {}) is None:
        return copy.deepcopy(SECURITY_SEARCH_LAKE)
    requested = patch.get("data_retention") or {}
    retention = dict(current["data_retention"])
    retention.update(requested)  # here null means "unlimited"
    if creating and "default_retention_days" not in requested and retention["max_retention_days"] is not None:
        retention["default_retention_days"] = min(DEFAULT_RETENTION_DAYS, retention["max_retention_days"])
    longest, default = retention["max_retention_days"], retention["default_retention_days"]
    if longest is not None and (default is None or default > longest):
        raise bad_request(
            "default_retention_days cannot exceed max_retention_days",
            ["search_lake.data_retention.default_retention_days"],
        )
    return {"data_retention": retention}


def roles(project_type):
    return {"roles": [{"name": role, "description": f"Predefined {role} role"} for role in ROLES[project_type]]}
