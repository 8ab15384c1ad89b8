"""``pip install ./emulator`` into an empty virtual environment gives a working console script."""

import os
import shutil
import subprocess
import venv

import requests

EMULATOR_PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_installed_console_script_serves_the_api(tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    # From a copy: pip builds in the project's folder, and the checkout must stay clean.
    leftovers = shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".pytest_cache")
    project = shutil.copytree(EMULATOR_PROJECT, tmp_path / "project", ignore=leftovers)
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(project)],
        capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    listed = subprocess.run([str(python), "-m", "pip", "list"], capture_output=True, text=True, check=True).stdout
    assert "elastic-cloud-emulator" in listed and "ansible" not in listed and "molecule" not in listed

    port_file = tmp_path / "port"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "ELASTIC_CLOUD_SPECS_DIR")}
    process = subprocess.Popen(
        [str(environment / "bin" / "elastic-cloud-emulator"), "--port", "0", "--port-file", str(port_file)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        banner = process.stdout.readline().strip()  # printed once the port file is written
        assert banner.startswith("Elastic Cloud API emulator listening on http://127.0.0.1:"), banner
        url = f"http://127.0.0.1:{port_file.read_text()}/api/v1/serverless/regions"
        response = requests.get(url, headers={"Authorization": "ApiKey emulator-api-key"}, timeout=10)
        assert response.status_code == 200 and "aws-us-east-1" in {region["id"] for region in response.json()}
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
