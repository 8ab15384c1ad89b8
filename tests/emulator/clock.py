"""Time helpers: the API speaks ISO 8601 UTC timestamps."""

import time
from datetime import datetime, timezone


def now():
    return time.time()


def iso(timestamp):
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text):
    """Parse an ISO 8601 date or date-time (naive values are UTC); ``ValueError`` if invalid."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
