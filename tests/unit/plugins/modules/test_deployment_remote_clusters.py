"""deployment_remote_clusters: exactly the list given, compared by alias; remote deployments found by id or name."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_remote_clusters import DeploymentRemoteClusters

from .fake_cloud import ScriptedClient, hosted_deployment, run_module

ID, OTHER = "d" * 32, "e" * 32
BASE = "/api/v1/deployments"
REMOTES = BASE + "/" + ID + "/elasticsearch/main-elasticsearch/remote-clusters"
SEARCH = BASE + "/_search"


def remote(alias, skip=False, deployment_id=OTHER):
    return {"deployment_id": deployment_id, "elasticsearch_ref_id": "main-elasticsearch", "alias": alias,
            "skip_unavailable": skip}  # fmt: skip


def option(alias, skip=False, **found_by):
    found_by = found_by or {"deployment_id": OTHER}
    return dict({"deployment_id": None, "deployment_name": None, "ref_id": None}, alias=alias, skip_unavailable=skip,
                **found_by)  # fmt: skip


def cloud(current):
    shown = [dict(entry, info={"healthy": True, "connected": True}) for entry in current]
    other = hosted_deployment(OTHER, name="logging")
    return ScriptedClient({
        ("GET", BASE + "/" + ID): hosted_deployment(ID, name="search"), ("GET", BASE + "/" + OTHER): other,
        ("POST", SEARCH): {"deployments": [other], "match_count": 1},
        ("GET", REMOTES): {"resources": shown}, ("PUT", REMOTES): {},
    })  # fmt: skip


def puts(client):
    return [call["body"] for call in client.calls if call["method"] == "PUT"]


def test_present_puts_the_whole_list_once_then_is_unchanged():
    client = cloud([])
    wanted = [option("logs", True, deployment_name="logging"), option("archive")]
    result = run_module(DeploymentRemoteClusters, client, deployment_id=ID, remote_clusters=wanted)
    assert result["changed"] is True
    assert puts(client) == [{"resources": [remote("archive"), remote("logs", True)]}]
    assert result["remote_clusters"]["clusters"] == [remote("archive"), remote("logs", True)]
    assert result["diff"] == {"before": {"remote_clusters": []},
                              "after": {"remote_clusters": [remote("archive"), remote("logs", True)]}}  # fmt: skip
    again = cloud([remote("logs", True), remote("archive")])  # the API's order does not matter
    assert run_module(DeploymentRemoteClusters, again, deployment_id=ID, remote_clusters=wanted)["changed"] is False
    assert again.writes() == [("POST", SEARCH)]  # the search by name is a read


def test_a_changed_entry_or_a_missing_one_is_a_change():
    client = cloud([remote("logs"), remote("old")])
    result = run_module(DeploymentRemoteClusters, client, deployment_id=ID, remote_clusters=[option("logs", True)])
    assert result["changed"] is True and puts(client) == [{"resources": [remote("logs", True)]}]


def test_absent_empties_the_list_and_check_mode_sends_nothing():
    client = cloud([remote("logs")])
    result = run_module(DeploymentRemoteClusters, client, check_mode=True, deployment_id=ID, state="absent")
    assert result["changed"] is True and client.writes() == []
    result = run_module(DeploymentRemoteClusters, client, deployment_id=ID, state="absent")
    assert puts(client) == [{"resources": []}] and result["remote_clusters"]["clusters"] == []
    empty = cloud([])
    assert run_module(DeploymentRemoteClusters, empty, deployment_id=ID, state="absent")["changed"] is False


def test_repeated_aliases_fail_before_any_call():
    client = cloud([])
    with pytest.raises(UsageError, match="each alias may appear once; repeated: logs"):
        run_module(DeploymentRemoteClusters, client, deployment_id=ID, remote_clusters=[option("logs"), option("logs")])
    assert client.calls == []


def test_an_unknown_remote_ref_id_is_named():
    client = cloud([])
    with pytest.raises(UsageError, match="has no Elasticsearch resource 'nope'"):
        run_module(DeploymentRemoteClusters, client, deployment_id=ID, remote_clusters=[option("x", ref_id="nope",
                                                                                               deployment_id=OTHER)])
