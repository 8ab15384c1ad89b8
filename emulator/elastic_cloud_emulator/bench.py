"""Measure emulator start-up time and sequential request throughput.

Usage: python -m elastic_cloud_emulator.bench [--requests N]
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlsplit

from .control import Emulator, emulator_command, emulator_env

REGIONS = "/api/v1/serverless/regions"


def measure_startup():
    """Seconds from process launch until the port file exists and the banner is printed."""
    with tempfile.TemporaryDirectory() as directory:
        port_file = os.path.join(directory, "port")
        started = time.perf_counter()
        process = subprocess.Popen(
            emulator_command(sys.executable, port_file),
            env=emulator_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        banner = process.stdout.readline().strip()
        elapsed = time.perf_counter() - started
        process.terminate()
        process.wait()
    return elapsed, banner


def timed_gets(emulator, path, count, keep_alive=True):
    """Seconds for ``count`` sequential GETs, over one connection or a new one each time."""
    url = urlsplit(emulator.url)
    connection = None
    started = time.perf_counter()
    for _request in range(count):
        if connection is None or not keep_alive:
            connection = http.client.HTTPConnection(url.hostname, url.port)
        connection.request("GET", path, headers=emulator.auth_header)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        if not keep_alive:
            connection.close()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def create_project(emulator):
    request = urllib.request.Request(
        emulator.url + "/api/v1/serverless/projects/elasticsearch",
        data=json.dumps({"name": "bench", "region_id": "aws-us-east-1"}).encode(),
        headers={**emulator.auth_header, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())["id"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m elastic_cloud_emulator.bench")
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args(argv)
    startup, banner = measure_startup()
    print(f"start-up: {startup:.3f} s  ({banner})")
    with Emulator() as emulator:
        project_id = create_project(emulator)
        for label, path in (
            ("regions", REGIONS),
            ("project", f"/api/v1/serverless/projects/elasticsearch/{project_id}"),
            ("api keys", "/api/v1/users/auth/keys"),
        ):
            for keep_alive in (True, False):
                elapsed = timed_gets(emulator, path, options.requests, keep_alive)
                rate = options.requests / elapsed
                mode = "keep-alive" if keep_alive else "new connection each"
                print(f"{options.requests} sequential GET {label} ({mode}): {elapsed:.3f} s ({rate:.0f} req/s)")


if __name__ == "__main__":
    main()
