"""The vendor's serverless spec, driven through schemathesis against the emulator, finds nothing.

Phases: examples, coverage and fuzzing. Checks: no server error, the content types and
response bodies the spec declares, and negative data (requests the spec forbids) rejected.
"""

import os
import re
import subprocess
import sys

import pytest
import yaml

from elastic_cloud_emulator.control import Emulator
from spec_check import spec_without_its_contradiction

CHECKS = "not_a_server_error,content_type_conformance,response_schema_conformance,negative_data_rejection"
SCHEMATHESIS = os.path.join(os.path.dirname(sys.executable), "st")


@pytest.mark.skipif(not os.path.exists(SCHEMATHESIS), reason="schemathesis is not installed")
def test_schemathesis_finds_nothing(tmp_path):
    spec_path = tmp_path / "serverless-project-api.yml"
    spec_path.write_text(yaml.safe_dump(spec_without_its_contradiction()))
    with Emulator("--phase-delay", "0.2", "--delete-delay", "0.1") as emulator:
        command = [
            SCHEMATHESIS, "run", str(spec_path), "--url", emulator.url,
            "--header", f"Authorization: ApiKey {emulator.api_key}",
            "--phases", "examples,coverage,fuzzing", "--checks", CHECKS,
            "--max-examples", "25", "--seed", "1", "--workers", "1", "--no-color",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    generated = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert generated and generated.group(1) == generated.group(2) and int(generated.group(1)) > 1000, result.stdout[-3000:]
