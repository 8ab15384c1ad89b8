"""deployment_extension_info: all, by id, by exact name, with the deployments that use them."""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_extension_info import DeploymentExtensionInfo

from .fake_cloud import ScriptedClient, run_module

BASE = "/api/v1/deployments/extensions"
SYNONYMS = {"id": "1111111111", "name": "synonyms", "extension_type": "bundle", "version": "8.*",
            "url": "repo://1111111111", "description": "Shop [sha256:%s]" % ("a" * 64),
            "file_metadata": {"size": 12, "last_modified_date": "2026-01-01T00:00:00.000Z", "url": "https://x"}}  # fmt: skip
PLUGIN = {"id": "2222222222", "name": "analysis", "extension_type": "plugin", "version": "8.15.0",
          "url": "repo://2222222222", "download_url": "https://e/a.zip"}  # fmt: skip


def test_lists_every_extension_without_the_checksum_mark():
    client = ScriptedClient({("GET", BASE): {"extensions": [SYNONYMS, PLUGIN]}})
    result = run_module(DeploymentExtensionInfo, client)
    first, second = result["deployment_extensions"]
    assert result["changed"] is False
    assert (first["description"], first["file_sha256"], first["file_size"]) == ("Shop", "a" * 64, 12)
    assert (second["download_url"], second["file_size"], second["file_sha256"]) == ("https://e/a.zip", None, None)
    assert "deployments" not in first


def test_by_exact_name():
    client = ScriptedClient({("GET", BASE): {"extensions": [SYNONYMS, PLUGIN, dict(PLUGIN, id="3", name="analysis-x")]}})
    result = run_module(DeploymentExtensionInfo, client, name="analysis")
    assert [item["id"] for item in result["deployment_extensions"]] == ["2222222222"]


def test_by_id_with_deployments():
    one = BASE + "/1111111111"
    client = ScriptedClient({("GET", one): dict(SYNONYMS, deployments=["d1"])})
    result = run_module(DeploymentExtensionInfo, client, id="1111111111", include_deployments=True)
    assert result["deployment_extensions"][0]["deployments"] == ["d1"]
    assert client.calls[0]["params"] == {"include_deployments": "true"}


def test_an_unknown_id_is_an_empty_list():
    client = ScriptedClient({})
    assert run_module(DeploymentExtensionInfo, client, id="9")["deployment_extensions"] == []


def test_a_listing_with_deployments_reads_each_extension():
    client = ScriptedClient({("GET", BASE): {"extensions": [SYNONYMS, PLUGIN]},
                             ("GET", BASE + "/1111111111"): ApiResponse(200, dict(SYNONYMS, deployments=["d1"]), {}),
                             ("GET", BASE + "/2222222222"): dict(PLUGIN, deployments=[])})  # fmt: skip
    result = run_module(DeploymentExtensionInfo, client, include_deployments=True)
    assert [item["deployments"] for item in result["deployment_extensions"]] == [["d1"], []]
