"""Start, drive and stop an emulator process from tests, scripts and Makefiles.

Library use::

    with Emulator("--phase-delay", "0.2") as emulator:
        requests.get(emulator.url + "/api/v1/serverless/regions",
                     headers={"Authorization": f"ApiKey {emulator.api_key}"})
        emulator.journal()

Command line (background start for Makefiles)::

    python -m elastic_cloud_emulator.control start --pid-file F --url-file F [emulator args...]
    python -m elastic_cloud_emulator.control stop --pid-file F
"""

import argparse
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from .settings import DEFAULT_API_KEY, parse_seed_key

# The folder holding this package: put on PYTHONPATH, the emulator starts from a source checkout too.
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_TIMEOUT = 15.0


def emulator_command(python, port_file, *args):
    """The command line that starts an emulator on a free port, published in ``port_file``."""
    return [python, "-m", "elastic_cloud_emulator", "--port", "0", "--port-file", port_file, *args]


def emulator_env():
    """The caller's environment with this package importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_PARENT, env.get("PYTHONPATH")]))
    return env


class EmulatorError(RuntimeError):
    pass


class Emulator:
    """An emulator subprocess: ``python -m elastic_cloud_emulator --port 0 --port-file <tmp> *args``."""

    def __init__(self, *args, python=sys.executable, log_path=None, start_timeout=START_TIMEOUT, detach=False):
        self.args = [str(arg) for arg in args]
        self.detach = detach  # own session: survives the caller's terminal signals
        self.python = python
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.process = None
        self.url = None
        self._workdir = None
        self._log = None

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        if self.process is not None:
            raise EmulatorError("emulator already started")
        self._workdir = tempfile.mkdtemp(prefix="emulator-")
        port_file = os.path.join(self._workdir, "port")
        self._log = open(self.log_path or os.path.join(self._workdir, "emulator.log"), "ab")
        self.process = subprocess.Popen(
            emulator_command(self.python, port_file, *self.args),
            env=emulator_env(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=self.detach,
        )
        self._wait_until_ready(port_file)
        return self

    def _wait_until_ready(self, port_file):
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output, code = self.log_text(), self.process.returncode
                self.stop()
                raise EmulatorError(f"emulator exited with {code}: {output}")
            if os.path.exists(port_file):
                with open(port_file, encoding="utf-8") as handle:
                    port = handle.read().strip()
                self.url = f"{self.scheme}://{self.host}:{port}"
                try:
                    self._hook("GET", "/_emulator/health")
                    return
                except (OSError, EmulatorError):
                    pass
            time.sleep(0.02)
        output = self.log_text()
        self.stop()
        raise EmulatorError(f"emulator did not start within {self.start_timeout}s: {output}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log:
            self._log.close()
            self._log = None
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def restart(self):
        """Stop and start again with the same arguments (state survives only with --db)."""
        self.stop()
        return self.start()

    # -- configuration seen from outside ---------------------------------------
    def _option(self, name, default=None):
        values = [self.args[i + 1] for i, arg in enumerate(self.args[:-1]) if arg == name]
        return values[0] if values else default

    @property
    def host(self):
        return self._option("--host", "127.0.0.1")

    @property
    def scheme(self):
        return "https" if "--tls" in self.args else "http"

    @property
    def api_key(self):
        """The first --api-key, without its role list (KEY:role,role)."""
        return parse_seed_key(self._option("--api-key", DEFAULT_API_KEY))[0]

    @property
    def auth_header(self):
        return {"Authorization": f"ApiKey {self.api_key}"}

    def log_text(self):
        path = self._log.name if self._log else self.log_path
        if path and os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                return handle.read()[-4000:]
        return ""

    # -- test hooks --------------------------------------------------------------
    def _hook(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        context = ssl._create_unverified_context() if self.scheme == "https" else None
        try:
            with urllib.request.urlopen(request, timeout=10, context=context) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise EmulatorError(f"{method} {path} -> {error.code}: {error.read().decode(errors='replace')}")

    def journal(self):
        return self._hook("GET", "/_emulator/requests")["requests"]

    def clear_journal(self):
        self._hook("DELETE", "/_emulator/requests")

    def reset(self):
        self._hook("POST", "/_emulator/reset")

    def add_fault(self, **spec):
        return self._hook("POST", "/_emulator/faults", spec)["faults"]

    def faults(self):
        return self._hook("GET", "/_emulator/faults")["faults"]

    def clear_faults(self):
        self._hook("DELETE", "/_emulator/faults")

    def state(self):
        return self._hook("GET", "/_emulator/state")

    def accept_invitation(self, token, name=None):
        """The invited person accepts an organization invitation; returns the new membership."""
        return self._hook("POST", f"/_emulator/invitations/{token}/_accept", {"name": name} if name else None)

    def suspend(self, project_type, project_id, reason="trial expired"):
        """Suspend a project, as an expired trial would."""
        return self._hook("POST", f"/_emulator/projects/{project_type}/{project_id}/_suspend", {"reason": reason})

    def set_monitored(self, project_type, project_id, monitors):
        """Make ``monitors`` (``[{"id", "type"}]``) monitor a project, so it cannot be deleted ([]: none)."""
        return self._hook("POST", f"/_emulator/projects/{project_type}/{project_id}/_monitored", {"projects": monitors})

    def clock(self, **change):
        """The emulator's clock; ``advance=s``, ``freeze=True/False`` or ``step=s`` change it first."""
        if change:
            return self._hook("POST", "/_emulator/clock", change)
        return self._hook("GET", "/_emulator/clock")


# -- command line --------------------------------------------------------------------
def _start(options, emulator_args):
    emulator = Emulator(*emulator_args, log_path=options.log_file, detach=True)
    emulator.start()
    # Detach: the emulator outlives this command and is stopped with `stop`.
    _write(options.pid_file, str(emulator.process.pid))
    _write(options.url_file, emulator.url)
    print(emulator.url)
    emulator.process = None


def _stop(options):
    try:
        with open(options.pid_file, encoding="utf-8") as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        print(f"no emulator pid in {options.pid_file}", file=sys.stderr)
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.remove(options.pid_file)
    return 0


def _alive(pid):
    """True while the process runs (a zombie awaiting its parent counts as stopped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _write(path, text):
    if path:
        partial = f"{path}.tmp"
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(partial, path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m elastic_cloud_emulator.control")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start an emulator in the background")
    start.add_argument("--pid-file", required=True)
    start.add_argument("--url-file", required=True)
    start.add_argument("--log-file", help="emulator output (default: a file in a temporary directory)")
    stop = commands.add_parser("stop", help="stop an emulator started with `start`")
    stop.add_argument("--pid-file", required=True)
    options, rest = parser.parse_known_args(argv)
    if options.command == "start":
        _start(options, [arg for arg in rest if arg != "--"])
        return 0
    return _stop(options)


if __name__ == "__main__":
    sys.exit(main())
