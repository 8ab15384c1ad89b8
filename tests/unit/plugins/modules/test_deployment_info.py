"""deployment_info: one by id or name, or a search by name prefix and tags, filtered by status."""

from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_info import DeploymentInfo

from .fake_cloud import ScriptedClient, hosted_deployment, run_module

ID = "d" * 32
SEARCH = "/api/v1/deployments/_search"


def found(*deployments):
    return {"deployments": list(deployments), "match_count": len(deployments)}


def test_one_by_id_or_none():
    client = ScriptedClient({("GET", "/api/v1/deployments/" + ID): hosted_deployment()})
    result = run_module(DeploymentInfo, client, id=ID)
    assert [one["id"] for one in result["deployments"]] == [ID]
    assert result["deployments"][0]["endpoints"]["fleet"] == "https://integrations_server.example"
    assert run_module(DeploymentInfo, ScriptedClient({}), id=ID)["deployments"] == []


def test_by_name_keeps_the_exact_name_only():
    client = ScriptedClient({("POST", SEARCH): found(hosted_deployment(name="logging"), hosted_deployment(name="logging two"))})
    result = run_module(DeploymentInfo, client, name="logging")
    assert [one["name"] for one in result["deployments"]] == ["logging"]
    assert client.calls[0]["body"]["query"] == {"match": {"name": {"query": "logging", "operator": "and"}}}


def test_a_search_by_prefix_and_tags_filtered_by_status():
    answer = found(hosted_deployment("a" * 32, name="logs-a", tags={"team": "obs"}),
                   hosted_deployment("b" * 32, name="logs-b", tags={"team": "obs"}, status="stopped"),
                   hosted_deployment("c" * 32, name="my logs", tags={"team": "obs"}))  # fmt: skip
    client = ScriptedClient({("POST", SEARCH): answer})
    result = run_module(DeploymentInfo, client, name_prefix="logs", tags={"team": "obs"}, status="started")
    assert [one["name"] for one in result["deployments"]] == ["logs-a"]
    must = client.calls[0]["body"]["query"]["bool"]["must"]
    assert must[0] == {"prefix": {"name": {"value": "logs"}}}
    assert must[1]["nested"]["path"] == "metadata.tags"
    assert result["changed"] is False


def test_every_page_is_read():
    pages = [{"deployments": [hosted_deployment("a" * 32)], "match_count": 2},
             {"deployments": [hosted_deployment("b" * 32)], "match_count": 2}]  # fmt: skip
    client = ScriptedClient({("POST", SEARCH): lambda call: pages[call["body"]["from"]]})
    result = run_module(DeploymentInfo, client)
    assert [one["id"] for one in result["deployments"]] == ["a" * 32, "b" * 32]
    assert client.calls[0]["body"]["query"] == {"match_all": {}}
