"""Run-time settings of one emulator process (filled from the command line)."""

import re
from dataclasses import dataclass, field

DEFAULT_API_KEY = "emulator-api-key"
ORGANIZATION_ID = "org-emulator"
# The account (GET /api/v1/account) and the organization are different objects with different ids: nothing in the
# spec says they are equal, so the emulator keeps them apart and clients cannot confuse one for the other.
ACCOUNT_ID = "acct-emulator"
ORGANIZATION_NAME = "Emulator organization"
PLATFORMS = ("ess", "ece", "both")
DEFAULT_ECE_USER = ("platform-user", "platform-user-password")
ROLE_IDS = re.compile(r"^[a-z][a-z-]*(,[a-z][a-z-]*)*$")


def parse_seed_key(text):
    """``(key, role ids or None)`` from an --api-key value, ``KEY`` or ``KEY:role,role``."""
    key, colon, roles = text.rpartition(":")
    if colon and key and ROLE_IDS.match(roles):
        return key, roles.split(",")
    return text, None


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 0
    port_file: str = None
    api_keys: list = field(default_factory=lambda: [DEFAULT_API_KEY])
    db: str = None
    phase_delay: float = 1.0
    delete_delay: float = 0.5
    plan_delay: float = 2.0  # seconds a deployment resource's plan stays pending
    admin_password: str = "admin-password"
    readonly_password: str = "readonly-password"
    token_ttl: float = 900.0
    tls: bool = False
    cert_file: str = None
    faults: list = field(default_factory=list)
    page_size: int = 100
    ignore_page_cursor: str = None  # None, "same-token" or "fresh-token": see api/projects.py
    traffic_filter_list_all: bool = False  # a plain traffic-filter list returns every filter
    stack_versions_oldest_first: bool = False  # stack version lists answer oldest first (see api/stack_versions.py)
    specs_dir: str = None
    clock_step: float = None  # frozen clock stepping this much per API request
    omit_optional_fields: bool = False  # project replies leave out product_tier, product_types, ... (see projects.py)
    shuffle_product_types: bool = False  # project replies list product_types in another order
    delete_immediately: bool = False  # a deleted project reads as 404 at once, with no deleting phase
    conflict_when_deleting_twice: bool = False  # DELETE of a project being deleted answers 409
    conflict_while_initializing: bool = False  # PATCH and _reset-credentials answer 409 while initializing
    keep_alias_on_rename: bool = False  # a rename keeps a derived alias (and endpoints, cloud_id) unchanged
    refuse_deployment_delete: bool = False  # DELETE /deployments/{id} answers 405 (see deployment_lifecycle.py)
    invitation_exists: str = "reject"  # reject or refresh an invitation to an already invited email (organizations.py)
    last_owner_removable: bool = False  # the last Organization owner may be removed (organizations.py)
    hide_shut_down_deployments: bool = False  # searches and lists leave shut-down deployments out (deployment_lifecycle)
    ruleset_in_use_conflict: bool = False  # deleting an associated ruleset answers 409, not 500 (deployment_traffic_filters)
    resolve_observability_self: bool = False  # GET names the deployment's own id for observability "self" (deployments)
    platform: str = "both"  # ess (Elastic Cloud), ece (Elastic Cloud Enterprise) or both (every route)
    ece_users: list = field(default_factory=lambda: [DEFAULT_ECE_USER])  # ordinary platform users (name, password)
    key_delete_rate: float = 0.0  # single API key deletes allowed per second and organization; 0 is no limit
    rate_limit: tuple = None  # (requests, seconds) allowed per credential, counted on the emulator clock
