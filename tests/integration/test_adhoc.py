"""Ad-hoc use: ``ansible localhost -m elastic_cloud.cloud.region_info`` with environment credentials."""

import json

from .runner import explain, run_adhoc


def test_adhoc_region_info_with_environment_credentials(emulator):
    result = run_adhoc(
        "elastic_cloud.cloud.region_info",
        "id=aws-us-east-1",
        emulator,
        options=["-o"],
        env={"EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key},
    )
    assert result.returncode == 0, explain(result)
    answer = json.loads(result.stdout.split("=>", 1)[1])
    assert answer["regions"][0]["id"] == "aws-us-east-1"
    assert answer["changed"] is False


def test_adhoc_ec_host_alias_and_missing_credentials(emulator):
    result = run_adhoc("elastic_cloud.cloud.region_info", "", emulator, options=["-o"], env={"EC_HOST": emulator.url})
    assert result.returncode != 0
    assert "No credentials: set api_key (or EC_API_KEY)" in result.stdout, explain(result)
    assert "Traceback" not in result.stdout + result.stderr


def test_adhoc_catalogue_reads_with_a_login_from_the_environment(emulator):
    """Deployment templates and stack versions take an ECE-style login as well as an API key."""
    env = {"EC_ENDPOINT": emulator.url, "EC_USERNAME": "admin", "EC_PASSWORD": "admin-password"}
    versions = run_adhoc("elastic_cloud.cloud.stack_version_info", "version=8.18.2", emulator, options=["-o"], env=env)
    assert versions.returncode == 0, explain(versions)
    assert json.loads(versions.stdout.split("=>", 1)[1])["stack_versions"][0]["upgradable_to"] == ["8.19.3", "9.0.4"]
    templates = run_adhoc("elastic_cloud.cloud.deployment_template_info", "region=gcp-us-central1 show_instance_configurations=no",
                          emulator, options=["-o"], env=env)  # fmt: skip
    assert templates.returncode == 0, explain(templates)
    answer = json.loads(templates.stdout.split("=>", 1)[1])
    assert [t["id"] for t in answer["deployment_templates"]][0] == "gcp-storage-optimized"
    assert answer["changed"] is False


def test_adhoc_deployment_modules_with_a_login(emulator):
    """The deployment modules take an ECE-style login too; a missing deployment is a one-line failure."""
    env = {"EC_ENDPOINT": emulator.url, "EC_USERNAME": "admin", "EC_PASSWORD": "admin-password"}
    for module, args in (("deployment_remote_clusters", "deployment_id=%s state=absent" % ("0" * 32)),
                         ("deployment_credentials_reset", "deployment_id=%s" % ("0" * 32))):  # fmt: skip
        result = run_adhoc("elastic_cloud.cloud.%s" % module, args, emulator, options=["-o"], env=env)
        assert result.returncode != 0, explain(result)
        assert "No deployment has id %s" % ("0" * 32) in result.stdout, explain(result)
        assert "Traceback" not in result.stdout + result.stderr
