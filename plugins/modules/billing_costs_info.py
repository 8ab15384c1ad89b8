#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: billing_costs_info
short_description: Get the cost charts of an Elastic Cloud organization or of one deployment
version_added: 0.1.0
description:
  - Returns the costs of an organization, or of one of its deployments, per day or per month over a period, with the
    totals per cost dimension.
  - The API marks these endpoints experimental; they are not available in self-hosted ECE.
  - An invalid period (O(from) after O(to)) fails before any API call, naming both dates.
  - Costs need an API key with the Billing admin or the Organization owner role; other keys fail, saying so.
author:
  - Elastic Cloud collection maintainers (@elastic-cloud-collection)
options:
  deployment_id:
    description:
      - Only the costs of this deployment.
    type: str
  from:
    description:
      - Start of the period.
      - An ISO 8601 date (V(2026-01-01), midnight UTC) or date-time (V(2026-01-01T08:00:00Z); without a time zone,
        UTC), V(now), V(today) (midnight UTC), or a time relative to now such as V(-30d), V(-2w), V(-12h) or
        V(now-7d) (units V(h), V(d), V(w)).
      - Defaults to the start of the current month (UTC), as the API does.
    type: str
  to:
    description:
      - End of the period, in the forms O(from) accepts. A date alone means the end of that day (23:59:59 UTC), so
        the day is included.
      - Defaults to now.
    type: str
  bucketing_strategy:
    description:
      - One chart item per day or per month.
    type: str
    choices: [daily, monthly]
    default: daily
extends_documentation_fragment:
  - elastic_cloud.cloud.connection.api_key_only
  - elastic_cloud.cloud.organization
  - elastic_cloud.cloud.attributes.info_module
"""

EXAMPLES = r"""
- name: Costs of the last 30 days, per day
  elastic_cloud.cloud.billing_costs_info:
    from: -30d
  register: last_month

- name: Total of the period
  ansible.builtin.debug:
    msg: "{{ last_month.costs.total }}"

- name: Costs of one deployment in the first quarter, per month
  elastic_cloud.cloud.billing_costs_info:
    deployment_id: 0123456789abcdef0123456789abcdef
    from: "2026-01-01"
    to: "2026-03-31"
    bucketing_strategy: monthly
  register: quarter
"""

RETURN = r"""
costs:
  description:
    - The cost charts and the period they cover.
  returned: success
  type: dict
  contains:
    organization_id:
      description: The organization.
      type: str
      sample: "1234567890"
    deployment_id:
      description: The deployment, or V(null) for the whole organization.
      type: str
      sample: 0123456789abcdef0123456789abcdef
    from:
      description: Start of the period sent to the API, in UTC.
      type: str
      sample: "2026-01-01T00:00:00Z"
    to:
      description: End of the period sent to the API, in UTC.
      type: str
      sample: "2026-03-31T23:59:59Z"
    bucketing_strategy:
      description: V(daily) or V(monthly).
      type: str
      sample: monthly
    charts:
      description: One item per day or month, as the API returns them.
      type: list
      elements: dict
      contains:
        timestamp:
          description: Start of the day or month, in seconds since the epoch.
          type: int
          sample: 1767225600
        values:
          description: Cost per dimension, each with C(id), C(name) and C(value).
          type: list
          elements: dict
          sample: [{"id": "capacity", "name": "Capacity", "value": 12.5}]
    totals:
      description: Sum over the period per dimension, each with C(id), C(name) and C(value), in order of appearance.
      type: list
      elements: dict
      sample: [{"id": "capacity", "name": "Capacity", "value": 370.25}]
    total:
      description: Sum over the period of every dimension.
      type: float
      sample: 402.1
"""

import re
from datetime import datetime, timedelta, timezone

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import ElasticCloudModule
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import api_path
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._organizations import caller_organization

COSTS_PATH = "/api/v1/billing/costs/{}"
RELATIVE = re.compile(r"^(now|today)?\s*(?:([+-])\s*(\d+)\s*([hdw]))?$")
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNITS = {"h": "hours", "d": "days", "w": "weeks"}
FORMS = "an ISO 8601 date or date-time, now, today, or a relative time such as -30d, -2w, -12h or now-7d"


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(value, name, now, end_of_day=False):
    """A UTC datetime from the forms the options accept; UsageError naming the option otherwise."""
    text = str(value).strip()
    match = RELATIVE.match(text)
    if text and match:
        anchor, sign, amount, unit = match.groups()
        moment = now.replace(hour=0, minute=0, second=0, microsecond=0) if anchor == "today" else now
        if amount:
            step = timedelta(**{UNITS[unit]: int(amount)})
            moment = moment - step if sign == "-" else moment + step
        return moment
    try:
        moment = datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError:
        raise UsageError("%s must be %s; got %r" % (name, FORMS, value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    if end_of_day and DATE_ONLY.match(text):
        moment = moment + timedelta(days=1, seconds=-1)
    return moment.astimezone(timezone.utc)


def period(from_value, to_value, now):
    """(from, to) as ISO strings, defaulting like the API; UsageError naming both when from is after to."""
    start = (
        parse_moment(from_value, "from", now)
        if from_value is not None
        else now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    )
    end = parse_moment(to_value, "to", now, end_of_day=True) if to_value is not None else now
    if start > end:
        raise UsageError(
            "Invalid period: from %s%s is after to %s%s"
            % (iso(start), _given(from_value, "start of this month"), iso(end), _given(to_value, "now"))
        )
    return iso(start), iso(end)


def _given(value, default):
    return " (default: %s)" % default if value is None else " (given as %r)" % str(value)


def totals(charts):
    """Sum per dimension in order of first appearance, and the grand total."""
    sums, names = {}, {}
    for item in charts:
        for value in item.get("values") or []:
            sums[value["id"]] = sums.get(value["id"], 0) + (value.get("value") or 0)
            names.setdefault(value["id"], value.get("name"))
    per_dimension = [{"id": key, "name": names[key], "value": round(sum_, 6)} for key, sum_ in sums.items()]
    return per_dimension, round(sum(sums.values()), 6)


def billing_refused(exc, organization_id):
    """A 403 on costs, saying which roles see them."""
    if exc.status != 403:
        return exc
    return exc.reworded(
        "The costs of organization %s were refused (%s): they need an API key with the Billing admin (billing-admin) "
        "or Organization owner (organization-admin) role in that organization" % (organization_id, exc.message)
    )


class BillingCostsInfo(ElasticCloudModule):
    api_key_only = "the billing API"
    module_options = {
        "organization_id": dict(type="str"),
        "deployment_id": dict(type="str"),
        "from": dict(type="str"),
        "to": dict(type="str"),
        "bucketing_strategy": dict(type="str", choices=["daily", "monthly"], default="daily"),
    }

    def run(self):
        params = self.params
        start, end = period(params["from"], params["to"], datetime.now(timezone.utc))
        organization_id = params["organization_id"] or caller_organization(self.client)
        path = api_path(COSTS_PATH, organization_id)
        if params["deployment_id"]:
            path += api_path("/deployments/{}", params["deployment_id"])
        query = {"from": start, "to": end, "bucketing_strategy": params["bucketing_strategy"]}
        try:
            charts = (self.client.get(path + "/charts", params=query).data or {}).get("data") or []
        except ElasticCloudError as exc:
            raise billing_refused(exc, organization_id)
        per_dimension, total = totals(charts)
        return {
            "costs": {
                "organization_id": organization_id,
                "deployment_id": params["deployment_id"],
                "from": start,
                "to": end,
                "bucketing_strategy": params["bucketing_strategy"],
                "charts": charts,
                "totals": per_dimension,
                "total": total,
            }
        }


def main():
    BillingCostsInfo.execute()


if __name__ == "__main__":
    main()
