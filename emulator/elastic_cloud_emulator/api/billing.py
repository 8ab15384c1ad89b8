"""Cost charts: ``/api/v1/billing/costs/{organization_id}[/deployments/{deployment_id}]/charts``.

Figures are synthetic but deterministic: the same organization, deployment and bucket
always cost the same, so tests can compare runs.
"""

import zlib
from datetime import datetime, timedelta, timezone

from .. import clock
from ..errors import ApiError
from ..reply import json_reply
from ..routing import CLOUD, ESS, Route

BASE = "/api/v1/billing/costs/{organization_id}"
DIMENSIONS = (("capacity", "Capacity"), ("data_transfer", "Data transfer"), ("storage", "Storage"))
MAX_BUCKETS = 1000
# Elastic Cloud's predefined organization roles that see costs: Organization owner and Billing admin
# (role ids as terraform-provider-ec's ec_organization resource names them).
BILLING_ROLES = {"organization-admin", "billing-admin"}


def _range(call):
    """``(start, end)`` datetimes from ``from``/``to``, defaulting to the current month so far."""
    now = datetime.fromtimestamp(clock.now(), tz=timezone.utc)
    try:
        start = _moment(call.query.get("from")) or now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        end = _moment(call.query.get("to")) or now
    except ValueError:
        raise _invalid_range("'from' and 'to' must be ISO 8601 date-times")
    if start > end:
        raise _invalid_range("'from' must not be after 'to'")
    return start, end


def _moment(text):
    return datetime.fromtimestamp(clock.parse_iso(text), tz=timezone.utc) if text else None


def _invalid_range(message):
    return ApiError(400, "costs.invalid_date_range", f"The specified date range is invalid: {message}", ["from", "to"])


def _next_month(value):
    # Day 28 plus four days always lands in the next month, whatever its length.
    return (value.replace(day=28) + timedelta(days=4)).replace(day=1)


def _next_day(value):
    return value + timedelta(days=1)


def _buckets(start, end, strategy):
    if strategy == "monthly":
        moment = start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        step = _next_month
    else:
        moment = start.replace(hour=0, minute=0, second=0, microsecond=0)
        step = _next_day
    buckets = []
    while moment <= end:
        buckets.append(moment)
        moment = step(moment)
        if len(buckets) > MAX_BUCKETS:
            raise _invalid_range(f"more than {MAX_BUCKETS} buckets requested")
    return buckets


def _cost(seed, timestamp, dimension):
    digest = zlib.crc32(f"{seed}/{timestamp}/{dimension}".encode())
    return round((digest % 100000) / 1000, 3)


def _chart(call, seed):
    if call.params["organization_id"] != call.organization_id:
        raise ApiError(403, "organization.invalid_access", "You do not have access to the requested organization")
    if not call.principal.organization_roles & BILLING_ROLES:
        # The spec's only 403 code for costs; the message names the roles that would do.
        raise ApiError(
            403,
            "organization.invalid_access",
            "You do not have access to the billing data of the organization: it needs the Billing admin or "
            "Organization owner role",
        )
    start, end = _range(call)
    data = []
    for bucket in _buckets(start, end, call.query.get("bucketing_strategy", "daily")):
        timestamp = int(bucket.timestamp())
        values = [{"id": key, "name": name, "value": _cost(seed, timestamp, key)} for key, name in DIMENSIONS]
        data.append({"timestamp": timestamp, "values": values})
    return json_reply({"data": data})


def organization_charts(call):
    return _chart(call, call.params["organization_id"])


def deployment_charts(call):
    return _chart(call, f"{call.params['organization_id']}/{call.params['deployment_id']}")


ROUTES = [
    Route("GET", f"{BASE}/charts", organization_charts, api=CLOUD, platforms=(ESS,)),
    Route("GET", f"{BASE}/deployments/{{deployment_id}}/charts", deployment_charts, api=CLOUD, platforms=(ESS,)),
]
