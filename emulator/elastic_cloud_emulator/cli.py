"""Command line of ``python -m elastic_cloud_emulator``."""

import argparse
import json
import signal
import sys

from .settings import DEFAULT_API_KEY, Settings


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="elastic-cloud-emulator", description="Local Elastic Cloud API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the bound port here once listening")
    parser.add_argument(
        "--api-key", action="append", dest="api_keys", help=f"accepted key (repeatable; default {DEFAULT_API_KEY})"
    )
    parser.add_argument("--db", help="SQLite file to persist state (default: in memory)")
    parser.add_argument("--phase-delay", type=float, default=1.0, help="seconds from initializing to initialized")
    parser.add_argument(
        "--delete-delay", type=float, default=0.5, help="seconds a deleted project stays in phase deleting"
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
    parser.add_argument("--specs-dir", help="directory holding the vendor API specs")
    parser.add_argument(
        "--clock-step",
        type=float,
        help="freeze the clock and move it this many seconds at each API request (time independent of the machine)",
    )
    args = parser.parse_args(argv)
    values = vars(args)
    values["faults"] = values.pop("fault")
    values["api_keys"] = values["api_keys"] or [DEFAULT_API_KEY]
    return Settings(**values)


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
