"""Run-time settings of one emulator process (filled from the command line)."""

from dataclasses import dataclass, field

DEFAULT_API_KEY = "emulator-api-key"
ORGANIZATION_ID = "org-emulator"


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
    specs_dir: str = None
    clock_step: float = None  # frozen clock stepping this much per API request
    omit_optional_fields: bool = False  # project replies leave out product_tier, product_types, ... (see projects.py)
    shuffle_product_types: bool = False  # project replies list product_types in another order
    delete_immediately: bool = False  # a deleted project reads as 404 at once, with no deleting phase
    conflict_when_deleting_twice: bool = False  # DELETE of a project being deleted answers 409
    conflict_while_initializing: bool = False  # PATCH and _reset-credentials answer 409 while initializing
    keep_alias_on_rename: bool = False  # a rename keeps a derived alias (and endpoints, cloud_id) unchanged
