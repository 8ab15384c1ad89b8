"""account: read, and set trust_all with a merge patch of what differs."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.modules.account import Account

from .fake_cloud import ScriptedClient, run_module

ACCOUNT = "/api/v1/account"


def client(trust):
    account = {"id": "org-1"}
    if trust is not None:
        account["trust"] = trust

    def patch(call):
        return dict(account, trust=dict(account.get("trust") or {"trust_all": True}, **call["body"]["trust"]))

    return ScriptedClient({("GET", ACCOUNT): account, ("PATCH", ACCOUNT): patch})


def test_without_options_it_only_reads():
    scripted = client({"trust_all": False})
    result = run_module(Account, scripted)
    assert result["changed"] is False
    assert result["account"] == {"id": "org-1", "trust": {"trust_all": False}}
    assert scripted.writes() == []


def test_missing_trust_settings_read_as_the_api_default():
    assert run_module(Account, client(None))["account"]["trust"] == {"trust_all": True}


@pytest.mark.parametrize("check_mode", [False, True])
def test_same_value_is_no_change(check_mode):
    scripted = client({"trust_all": True})
    assert run_module(Account, scripted, check_mode=check_mode, trust_all=True)["changed"] is False
    assert scripted.writes() == []


def test_change_patches_only_trust_all():
    scripted = client({"trust_all": True})
    result = run_module(Account, scripted, trust_all=False)
    assert result["changed"] is True
    assert scripted.calls[-1]["body"] == {"trust": {"trust_all": False}}
    assert result["account"]["trust"] == {"trust_all": False}
    assert result["diff"] == {"before": {"trust": {"trust_all": True}}, "after": {"trust": {"trust_all": False}}}


def test_check_mode_predicts_what_a_real_run_returns():
    real = run_module(Account, client({"trust_all": True}), trust_all=False)
    scripted = client({"trust_all": True})
    assert run_module(Account, scripted, check_mode=True, trust_all=False) == real
    assert scripted.writes() == []
