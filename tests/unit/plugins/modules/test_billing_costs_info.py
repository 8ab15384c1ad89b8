"""billing_costs_info: date forms, the period check before any call, the default organization, totals."""

from datetime import datetime, timezone

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules import billing_costs_info as module
from ansible_collections.elastic_cloud.cloud.plugins.modules.billing_costs_info import BillingCostsInfo

from .fake_cloud import ScriptedClient, api_error, run_module

NOW = datetime(2026, 5, 20, 15, 30, 45, tzinfo=timezone.utc)
ORG_CHARTS = "/api/v1/billing/costs/org-1/charts"
ORGANIZATIONS = "/api/v1/organizations"
CHARTS = {
    "data": [
        {"timestamp": 1, "values": [{"id": "capacity", "name": "Capacity", "value": 1.25}, {"id": "storage", "name": "Storage", "value": 0.5}]},
        {"timestamp": 2, "values": [{"id": "capacity", "name": "Capacity", "value": 2.0}, {"id": "data_transfer", "name": "Data transfer", "value": 0.1}]},
    ]
}


@pytest.mark.parametrize(
    "text, end_of_day, expected",
    [
        ("2026-01-31", False, "2026-01-31T00:00:00Z"),
        ("2026-01-31", True, "2026-01-31T23:59:59Z"),
        ("2026-01-31T08:00:00Z", True, "2026-01-31T08:00:00Z"),
        ("2026-01-31T08:00:00", False, "2026-01-31T08:00:00Z"),
        ("2026-01-31T10:00:00+02:00", False, "2026-01-31T08:00:00Z"),
        ("now", True, "2026-05-20T15:30:45Z"),
        ("today", False, "2026-05-20T00:00:00Z"),
        ("-30d", False, "2026-04-20T15:30:45Z"),
        ("now-2w", False, "2026-05-06T15:30:45Z"),
        ("now - 12h", False, "2026-05-20T03:30:45Z"),
        ("today+1d", False, "2026-05-21T00:00:00Z"),
    ],
)
def test_moment_forms(text, end_of_day, expected):
    assert module.iso(module.parse_moment(text, "from", NOW, end_of_day=end_of_day)) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "-30", "30d", "-3y", "2026-13-01", "now-"])
def test_other_forms_are_an_error_naming_the_option_and_value(text):
    with pytest.raises(UsageError) as error:
        module.parse_moment(text, "to", NOW)
    assert str(error.value).startswith("to must be an ISO 8601 date or date-time")
    assert repr(text) in str(error.value)


def test_defaults_are_the_start_of_the_month_and_now():
    assert module.period(None, None, NOW) == ("2026-05-01T00:00:00Z", "2026-05-20T15:30:45Z")


def test_one_day_is_a_valid_period():
    assert module.period("2026-01-31", "2026-01-31", NOW) == ("2026-01-31T00:00:00Z", "2026-01-31T23:59:59Z")


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("2026-03-01", "2026-02-01", "from 2026-03-01T00:00:00Z (given as '2026-03-01') is after to 2026-02-01T23:59:59Z (given as '2026-02-01')"),
        ("now+1d", None, "from 2026-05-21T15:30:45Z (given as 'now+1d') is after to 2026-05-20T15:30:45Z (default: now)"),
        (None, "-30d", "from 2026-05-01T00:00:00Z (default: start of this month) is after to 2026-04-20T15:30:45Z (given as '-30d')"),
    ],
)
def test_from_after_to_names_both_dates(start, end, message):
    with pytest.raises(UsageError) as error:
        module.period(start, end, NOW)
    assert str(error.value) == "Invalid period: " + message


def test_an_invalid_period_fails_before_any_call():
    scripted = ScriptedClient({})
    with pytest.raises(UsageError, match="Invalid period"):
        run_module(BillingCostsInfo, scripted, **{"from": "2026-03-01", "to": "2026-02-01"})
    assert scripted.calls == []


def test_the_organization_defaults_to_the_callers_one_organization_and_totals_add_up():
    organizations = {"organizations": [{"id": "org-1", "name": "Ours"}]}
    scripted = ScriptedClient({("GET", ORGANIZATIONS): organizations, ("GET", ORG_CHARTS): CHARTS})
    result = run_module(BillingCostsInfo, scripted, **{"from": "2026-01-01", "to": "2026-01-02"})
    assert [c["path"] for c in scripted.calls] == [ORGANIZATIONS, ORG_CHARTS]
    assert scripted.calls[-1]["params"] == {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T23:59:59Z", "bucketing_strategy": "daily"}
    costs = result["costs"]
    assert costs["organization_id"] == "org-1" and costs["deployment_id"] is None
    assert costs["charts"] == CHARTS["data"]
    assert costs["totals"] == [
        {"id": "capacity", "name": "Capacity", "value": 3.25},
        {"id": "storage", "name": "Storage", "value": 0.5},
        {"id": "data_transfer", "name": "Data transfer", "value": 0.1},
    ]
    assert costs["total"] == 3.85
    assert result["changed"] is False


def test_a_deployment_of_a_named_organization_reads_no_account():
    path = "/api/v1/billing/costs/org%2F2/deployments/dep-1/charts"
    scripted = ScriptedClient({("GET", path): {"data": []}})
    result = run_module(BillingCostsInfo, scripted, organization_id="org/2", deployment_id="dep-1", bucketing_strategy="monthly")
    assert [c["path"] for c in scripted.calls] == [path]
    assert scripted.calls[0]["params"]["bucketing_strategy"] == "monthly"
    assert result["costs"]["totals"] == [] and result["costs"]["total"] == 0


@pytest.mark.parametrize(
    "listing, named",
    [
        ({"organizations": [{"id": "org-1", "name": "A"}, {"id": "org-2", "name": "B"}]}, "(org-1, org-2)"),
        ({"organizations": [{"id": "org-1", "name": "A"}], "next_page": "cursor"}, "(org-1 and more)"),
    ],
)
def test_several_organizations_ask_for_organization_id_before_any_costs(listing, named):
    scripted = ScriptedClient({("GET", ORGANIZATIONS): listing})
    with pytest.raises(UsageError) as error:
        run_module(BillingCostsInfo, scripted)
    assert str(error.value) == (
        "The caller belongs to several organizations %s: set organization_id to the one to report on" % named
    )
    assert [c["path"] for c in scripted.calls] == [ORGANIZATIONS]


def test_no_organization_asks_for_organization_id():
    scripted = ScriptedClient({("GET", ORGANIZATIONS): {"organizations": []}})
    with pytest.raises(UsageError, match="listed no organization for the caller: set organization_id"):
        run_module(BillingCostsInfo, scripted)


def test_a_key_without_a_billing_role_is_told_which_roles_see_costs():
    refused = api_error(403, "organization.invalid_access", "no access", path=ORG_CHARTS)
    scripted = ScriptedClient({("GET", ORG_CHARTS): refused})
    with pytest.raises(Exception) as error:
        run_module(BillingCostsInfo, scripted, organization_id="org-1")
    assert str(error.value.message).startswith("The costs of organization org-1 were refused (GET ")
    assert "Billing admin (billing-admin) or Organization owner (organization-admin) role" in error.value.message
