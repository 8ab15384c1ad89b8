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
