"""stack_version_info: newest first whatever the API's order, one version by name, the same fields on both platforms."""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_catalogue import allows_upgrade, version_key
from ansible_collections.elastic_cloud.cloud.plugins.modules.stack_version_info import StackVersionInfo

from .fake_cloud import ScriptedClient, api_error, run_module

BASE = "/api/v1/stack/versions"
V818 = {
    "version": "8.18.2", "template": {"template_version": "8.18.2"}, "elasticsearch": {"docker_image": "es"},
    "kibana": {"docker_image": "kb"}, "apm": {"docker_image": "apm"}, "upgradable_to": ["9.0.4", "8.19.3"],
    "min_upgradable_from": "7.17.0", "deleted": False, "whitelisted": True, "accessible": True,
}  # fmt: skip
# As ECE sends it: no accessible, no whitelisted (the spec says they are Elastic Cloud only), no min_upgradable_from.
V900_ECE = {"version": "9.0.4", "template": {}, "elasticsearch": {"docker_image": "es"}, "kibana": {}, "upgradable_to": []}
RC = dict(V900_ECE, version="9.0.0-rc1")


def client():
    return ScriptedClient(
        {
            ("GET", BASE): {"stacks": [V818, RC, V900_ECE]},
            ("GET", BASE + "/8.18.2"): V818,
            ("GET", BASE + "/7.0.0"): api_error(404, "stackpack.version_not_found", path=BASE + "/7.0.0"),
        }
    )


def test_lists_newest_first_with_the_flags_sent():
    scripted = client()
    result = run_module(StackVersionInfo, scripted)
    assert [s["version"] for s in result["stack_versions"]] == ["9.0.4", "9.0.0-rc1", "8.18.2"]
    assert result["changed"] is False
    assert scripted.calls[0]["params"] == {"show_deleted": "false", "show_unusable": "false"}
    run_module(StackVersionInfo, scripted, show_deleted=True, show_unusable=True)
    assert scripted.calls[1]["params"] == {"show_deleted": "true", "show_unusable": "true"}


def test_one_version_is_summarised():
    result = run_module(StackVersionInfo, client(), version="8.18.2")
    assert result["stack_versions"] == [
        {
            "version": "8.18.2",
            "upgradable_to": ["8.19.3", "9.0.4"],
            "min_upgradable_from": "7.17.0",
            "available_resources": ["elasticsearch", "kibana", "apm"],
            "template_version": "8.18.2",
            "deleted": False,
            "accessible": True,
            "whitelisted": True,
        }
    ]


def test_fields_ece_leaves_out_are_none_and_a_section_without_an_image_is_not_available():
    summary = run_module(StackVersionInfo, client())["stack_versions"][0]
    assert summary["version"] == "9.0.4"
    assert summary["accessible"] is None and summary["whitelisted"] is None and summary["min_upgradable_from"] is None
    assert summary["available_resources"] == ["elasticsearch"]
    assert summary["template_version"] is None


def test_an_unknown_version_is_an_empty_list_and_check_mode_writes_nothing():
    scripted = client()
    assert run_module(StackVersionInfo, scripted, check_mode=True, version="7.0.0")["stack_versions"] == []
    assert scripted.writes() == []


def test_version_order_and_upgrade_check():
    assert sorted(["8.9.0", "8.10.1", "8.10.1-rc2", "10.0.0"], key=version_key) == ["8.9.0", "8.10.1-rc2", "8.10.1", "10.0.0"]
    assert version_key("not-a-version") < version_key("0.0.1")
    assert allows_upgrade(V818, "9.0.4") and not allows_upgrade(V818, "9.1.2") and not allows_upgrade({}, "9.0.4")
