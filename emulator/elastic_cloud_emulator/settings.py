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
    admin_password: str = "admin-password"
    readonly_password: str = "readonly-password"
    token_ttl: float = 900.0
    tls: bool = False
    cert_file: str = None
    faults: list = field(default_factory=list)
    page_size: int = 100
    ignore_page_cursor: str = None  # None, "same-token" or "fresh-token": see api/projects.py
    traffic_filter_list_all: bool = False  # a plain traffic-filter list returns every filter
    specs_dir: str = None
    clock_step: float = None  # frozen clock stepping this much per API request
