"""Measure emulator start-up time and sequential request throughput.

Usage: python -m tests.emulator.bench [--requests N]
"""

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

from .control import REPO_ROOT, Emulator

REGIONS = "/api/v1/serverless/regions"


def measure_startup():
    """Seconds from process launch until the port file exists and the banner is printed."""
    with tempfile.TemporaryDirectory() as directory:
        port_file = os.path.join(directory, "port")
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "--port", "0", "--port-file", port_file],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        banner = process.stdout.readline().strip()
        elapsed = time.perf_counter() - started
        process.terminate()
        process.wait()
    return elapsed, banner


def timed_gets(emulator, path, count):
    url = urlsplit(emulator.url)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    headers = emulator.auth_header
    started = time.perf_counter()
    for _ in range(count):
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.emulator.bench")
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args(argv)
    startup, banner = measure_startup()
    print(f"start-up: {startup:.3f} s  ({banner})")
    with Emulator() as emulator:
        import json
        import urllib.request

        request = urllib.request.Request(
            emulator.url + "/api/v1/serverless/projects/elasticsearch",
            data=json.dumps({"name": "bench", "region_id": "aws-us-east-1"}).encode(),
            headers={**emulator.auth_header, "Content-Type": "application/json"},
        )
        project_id = json.loads(urllib.request.urlopen(request).read())["id"]
        for label, path in (
            ("regions", REGIONS),
            ("project", f"/api/v1/serverless/projects/elasticsearch/{project_id}"),
            ("api keys", "/api/v1/users/auth/keys"),
        ):
            elapsed = timed_gets(emulator, path, options.requests)
            rate = options.requests / elapsed
            print(f"{options.requests} sequential GET {label}: {elapsed:.3f} s ({rate:.0f} req/s)")


if __name__ == "__main__":
    main()
