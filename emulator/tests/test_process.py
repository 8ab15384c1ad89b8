"""The emulator as a process: persistence, concurrency, TLS, signals and the control CLI."""

import json
import os
import signal
import subprocess
import sys
import threading

import requests

from elastic_cloud_emulator.control import Emulator, emulator_env

from spec_client import Client

PROJECTS = "/api/v1/serverless/projects"


def test_state_survives_restart_with_db(tmp_path):
    database = tmp_path / "state.db"
    with Emulator("--db", database, "--phase-delay", "0") as emulator:
        client = Client(emulator)
        project = client.post(f"{PROJECTS}/security", json={"name": "kept", "region_id": "aws-us-east-1"}).json()
        key = client.post("/api/v1/users/auth/keys", json={"description": "kept"}).json()
        comment = client.post("/api/v1/comments/elasticsearch/d1", json={"message": "kept"}).json()
        filter_id = client.post(
            "/api/v1/serverless/traffic-filters", json={"name": "f", "region": "aws-us-east-1", "type": "ip"}
        ).json()["id"]
        client.put("/api/v1/account", json={"trust": {"trust_all": False}})
        login = {"username": "admin", "password": "admin-password"}
        token = client.post("/api/v1/users/auth/_login", json=login, auth="").json()["token"]
        emulator.restart()
        client = Client(emulator)
        assert client.get(f"{PROJECTS}/security/{project['id']}").json()["name"] == "kept"
        assert client.get(f"{PROJECTS}/security/{project['id']}/status").json()["phase"] == "initialized"
        assert client.get(PROJECTS + "/elasticsearch", auth=f"ApiKey {key['key']}").status_code == 200
        assert client.get(f"/api/v1/comments/elasticsearch/d1/{comment['id']}").json()["message"] == "kept"
        assert client.get(f"/api/v1/serverless/traffic-filters/{filter_id}").status_code == 200
        assert client.get("/api/v1/account").json()["trust"] == {"trust_all": False}
        assert client.get("/api/v1/users/auth", auth=f"Bearer {token}").status_code == 200
        seed_keys = [entry for entry in emulator.state()["api_keys"] if entry["id"].startswith("seed-")]
        assert len(seed_keys) == 1  # seeding is idempotent across restarts


def test_without_db_state_is_gone_after_restart():
    with Emulator() as emulator:
        client = Client(emulator)
        client.post(f"{PROJECTS}/elasticsearch", json={"name": "lost", "region_id": "aws-us-east-1"})
        emulator.restart()
        assert Client(emulator).get(f"{PROJECTS}/elasticsearch").json() == {"items": []}


def _in_threads(count, work):
    results, errors = [None] * count, []
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _concurrent_writes_keep_everything(emulator):
    url = emulator.url + f"{PROJECTS}/elasticsearch"
    headers = emulator.auth_header

    def create(index):
        response = requests.post(url, json={"name": f"p{index}", "region_id": "aws-us-east-1"}, headers=headers)
        return response.status_code, response.json()["id"]

    created = _in_threads(20, create)
    assert {status for status, _project_id in created} == {201}
    ids = {project_id for _status, project_id in created}
    assert len(ids) == 20
    stored = {project["id"] for project in emulator.state()["projects"]["elasticsearch"]}
    assert stored == ids

    target = f"{url}/{sorted(ids)[0]}"

    def tag(index):
        response = requests.patch(target, json={"metadata": {"tags": {f"t{index}": "x"}}}, headers=headers)
        return response.status_code

    assert set(_in_threads(20, tag)) == {200}
    tags = requests.get(target, headers=headers).json()["metadata"]["tags"]
    assert set(tags) == {f"t{index}" for index in range(20)}  # no update was lost


def test_concurrent_writes_in_memory(emulator):
    _concurrent_writes_keep_everything(emulator)


def test_concurrent_writes_on_disk(tmp_path):
    with Emulator("--db", tmp_path / "state.db") as emulator:
        _concurrent_writes_keep_everything(emulator)


def test_tls_with_generated_certificate(tmp_path):
    cert = tmp_path / "cert.pem"
    with Emulator("--tls", "--cert-file", cert) as emulator:
        assert emulator.url.startswith("https://")
        response = requests.get(
            emulator.url + "/api/v1/serverless/regions", headers=emulator.auth_header, verify=str(cert)
        )
        assert response.status_code == 200
        assert emulator.journal()[-1]["status"] == 200


def test_faults_from_the_command_line():
    fault = json.dumps({"method": "GET", "path": "regions", "action": "status", "status": 503, "count": 2})
    with Emulator("--fault", fault) as emulator:
        url = emulator.url + "/api/v1/serverless/regions"
        statuses = [requests.get(url, headers=emulator.auth_header).status_code for _attempt in range(3)]
        assert statuses == [503, 503, 200]


def test_banner_port_file_and_signals(tmp_path):
    port_file = tmp_path / "port"
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        process = subprocess.Popen(
            [sys.executable, "-m", "elastic_cloud_emulator", "--port-file", str(port_file)],
            env=emulator_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        banner = process.stdout.readline().strip()
        port = port_file.read_text()
        assert banner == f"Elastic Cloud API emulator listening on http://127.0.0.1:{port}"
        assert requests.get(f"http://127.0.0.1:{port}/_emulator/health").json() == {"status": "ok"}
        process.send_signal(stop_signal)
        assert process.wait(timeout=5) == 0
        process.stdout.close()


def test_control_cli_starts_and_stops_in_background(tmp_path):
    pid_file, url_file = tmp_path / "emulator.pid", tmp_path / "emulator.url"
    command = [sys.executable, "-m", "elastic_cloud_emulator.control"]
    started = subprocess.run(
        [*command, "start", "--pid-file", str(pid_file), "--url-file", str(url_file), "--phase-delay", "0"],
        env=emulator_env(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    url = url_file.read_text().strip()
    pid = int(pid_file.read_text())
    response = requests.get(url + "/api/v1/serverless/regions", headers={"Authorization": "ApiKey emulator-api-key"})
    assert response.status_code == 200
    stopped = subprocess.run([*command, "stop", "--pid-file", str(pid_file)], env=emulator_env(), timeout=30, check=False)
    assert stopped.returncode == 0
    assert not pid_file.exists()
    try:
        os.kill(pid, 0)
        alive = os.path.exists(f"/proc/{pid}") and "zombie" not in open(f"/proc/{pid}/status").read()
    except ProcessLookupError:
        alive = False
    assert not alive
