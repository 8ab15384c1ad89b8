"""Command line of ``python -m elastic_cloud_emulator``."""

import argparse
import json
import signal
import sys

from .ratelimit import parse_rate
from .settings import DEFAULT_API_KEY, DEFAULT_ECE_USER, PLATFORMS, Settings


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="elastic-cloud-emulator", description="Local Elastic Cloud API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the bound port here once listening")
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        help=f"accepted key, optionally KEY:role,role with organization role ids (repeatable; default {DEFAULT_API_KEY}"
        " with organization-admin)",
    )
    parser.add_argument(
        "--platform",
        choices=PLATFORMS,
        default="both",
        help="ess: Elastic Cloud (serverless, billing, account, organizations; no password login); "
        "ece: Elastic Cloud Enterprise (password login, comments; no serverless API); both: every route (default)",
    )
    parser.add_argument(
        "--ece-user",
        action="append",
        dest="ece_users",
        type=_name_and_password,
        help=f"ordinary ECE platform user NAME:PASSWORD (repeatable; default {':'.join(DEFAULT_ECE_USER)})",
    )
    parser.add_argument(
        "--key-delete-rate",
        type=_deletes_per_second,
        default=0.0,
        help="single API key deletes per second and organization (such as 1/s); faster ones answer 500 (default: no limit)",
    )
    parser.add_argument("--db", help="SQLite file to persist state (default: in memory)")
    parser.add_argument("--phase-delay", type=float, default=1.0, help="seconds from initializing to initialized")
    parser.add_argument(
        "--delete-delay", type=float, default=0.5, help="seconds a deleted project stays in phase deleting"
    )
    parser.add_argument(
        "--plan-delay", type=float, default=2.0, help="seconds a deployment plan stays pending before it applies"
    )
    parser.add_argument("--admin-password", default="admin-password")
    parser.add_argument("--readonly-password", default="readonly-password")
    parser.add_argument("--token-ttl", type=float, default=900.0, help="bearer token lifetime in seconds")
    parser.add_argument("--tls", action="store_true", help="serve https with a self-signed certificate")
    parser.add_argument("--cert-file", help="with --tls, write the generated certificate (PEM) here")
    parser.add_argument("--fault", action="append", default=[], type=json.loads, help="fault spec as JSON (repeatable)")
    parser.add_argument("--page-size", type=int, default=100, help="projects per list page")
    parser.add_argument(
        "--ignore-page-cursor",
        nargs="?",
        const="same-token",
        choices=["same-token", "fresh-token"],
        help="project lists ignore next_page and always answer the first page, with the same token (default) or a "
        "fresh one each time",
    )
    parser.add_argument(
        "--traffic-filter-list-all",
        action="store_true",
        help="a traffic-filter list without include_by_default returns every filter (default: only those not "
        "included by default, the spec's default of false applied)",
    )
    parser.add_argument(
        "--stack-versions-oldest-first",
        action="store_true",
        help="a stack version list answers oldest first (default: newest first; the spec promises no order)",
    )
    parser.add_argument("--specs-dir", help="directory holding the vendor API specs")
    parser.add_argument(
        "--clock-step",
        type=float,
        help="freeze the clock and move it this many seconds at each API request (time independent of the machine)",
    )
    _project_behaviours(parser)
    _deployment_behaviours(parser)
    _organization_behaviours(parser)
    parser.add_argument(
        "--rate-limit",
        type=_request_rate,
        help="answer 429 (no Retry-After) beyond this many API requests per credential, as 5/s, 100/m or 3/2s, "
        "counted on the emulator clock (default: no limit)",
    )
    args = parser.parse_args(argv)
    values = vars(args)
    values["faults"] = values.pop("fault")
    values["api_keys"] = values["api_keys"] or [DEFAULT_API_KEY]
    values["ece_users"] = values["ece_users"] or [DEFAULT_ECE_USER]
    return Settings(**values)


def _project_behaviours(parser):
    """Readings of the real API the specs leave open; each is documented in projects.py beside its behaviour."""
    for flag, text in (
        ("--omit-optional-fields", "project replies leave out product_tier, product_types, admin_features_package, traffic_filters"),
        ("--shuffle-product-types", "project replies list product_types in another order than they were set"),
        ("--delete-immediately", "a deleted project reads as not found at once (no visible deleting phase)"),
        ("--conflict-when-deleting-twice", "DELETE of a project already being deleted answers 409"),
        ("--conflict-while-initializing", "PATCH and _reset-credentials of an initializing project answer 409"),
        ("--keep-alias-on-rename", "a rename keeps the alias derived from the old name (and endpoints, cloud_id)"),
    ):
        parser.add_argument(flag, action="store_true", help=text)


def _deployment_behaviours(parser):
    """Readings of the real API the specs leave open for deployments; see api/deployment_lifecycle.py."""
    for flag, text in (
        ("--refuse-deployment-delete", "DELETE of a deployment answers 405, as Elastic Cloud did to its users"),
        ("--hide-shut-down-deployments", "deployment searches and lists leave out the deployments that are shut down"),
        ("--ruleset-in-use-conflict", "DELETE of a traffic filter ruleset with associations answers 409 (default: 500)"),
        ("--resolve-observability-self", "a deployment's GET names its own id where its observability was set to self"),
    ):
        parser.add_argument(flag, action="store_true", help=text)


def _organization_behaviours(parser):
    """Readings of the real API the spec leaves open for organization members; see api/organizations.py."""
    parser.add_argument(
        "--invitation-exists",
        choices=["reject", "refresh"],
        default="reject",
        help="inviting an email with a pending invitation answers 400 invitation_already_exists (reject, default) "
        "or refreshes that invitation (refresh)",
    )
    parser.add_argument(
        "--last-owner-removable",
        action="store_true",
        help="the organization's last Organization owner may be removed (default: refused with 400)",
    )


def _name_and_password(text):
    name, colon, password = text.partition(":")
    if not (name and colon and password):
        raise argparse.ArgumentTypeError("expected NAME:PASSWORD")
    return name, password


def _deletes_per_second(text):
    """Deletes per second from ``2``, ``1/s`` or ``30/m``."""
    number, _slash, unit = text.partition("/")
    try:
        return float(number) / {"": 1, "s": 1, "m": 60}[unit]
    except (KeyError, ValueError):
        raise argparse.ArgumentTypeError("expected a rate such as 1/s, 30/m or 0 (no limit)")


def _request_rate(text):
    try:
        return parse_rate(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error))


def _stop(signum, frame):
    # Raised in the main thread, which interrupts serve_forever() cleanly.
    raise SystemExit(0)


def main(argv=None):
    settings = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    from .server import EmulatorServer  # imported late so --help stays instant

    server = EmulatorServer(settings)
    try:
        server.announce()
        server.serve_forever()
    except SystemExit:
        pass
    finally:
        server.server_close()
    sys.exit(0)
