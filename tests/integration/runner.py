"""Run real ``ansible-playbook`` / ``ansible`` against a running emulator."""

import json
import os
import subprocess
import sys
import tempfile
import uuid

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGETS_DIR = os.path.join(REPO_ROOT, "tests", "integration", "targets")
BIN_DIR = os.path.dirname(sys.executable)


def ansible_env(emulator=None, extra=None):
    """Environment for ansible commands: this collection, this Python, no EC_* leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EC_")}
    env.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": os.environ["ELASTIC_CLOUD_COLLECTIONS_PATH"],
            "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_ROLES_PATH": os.path.join(REPO_ROOT, "roles"),
            "PATH": BIN_DIR + os.pathsep + env.get("PATH", ""),
        }
    )
    if emulator is not None:
        env["ELASTIC_CLOUD_EMULATOR_URL"] = emulator.url
    env.update(extra or {})
    return env


def emulator_vars(emulator):
    """Variables every integration play gets: where the emulator is and how to log in."""
    return {
        "emulator_url": emulator.url,
        "ec_endpoint": emulator.url,
        "ec_api_key": emulator.api_key,
    }


def run(command, env, cwd=None, timeout=600):
    return subprocess.run(
        command, env=env, cwd=cwd or REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_playbook(playbook, emulator, extra_vars=None, options=(), env=None, inventory="localhost,", timeout=600):
    """``ansible-playbook`` on ``playbook`` with the emulator variables as extra vars."""
    variables = dict(emulator_vars(emulator), **(extra_vars or {}))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(variables, handle)
    try:
        command = [os.path.join(BIN_DIR, "ansible-playbook"), "-i", inventory, "-e", "@" + handle.name, *options, playbook]
        return run(command, ansible_env(emulator, env), timeout=timeout)
    finally:
        os.unlink(handle.name)


def run_adhoc(module, args, emulator=None, options=(), env=None):
    """``ansible localhost -m module -a args``; connection settings come from ``env``."""
    command = [os.path.join(BIN_DIR, "ansible"), "localhost", "-m", module, "-a", args, *options]
    return run(command, ansible_env(emulator, env))


def target_playbook(target, directory):
    """A play that runs a target's tasks with the connection options as module_defaults."""
    play = {
        "name": "Integration target %s" % target,
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {
            "group/elastic_cloud.cloud.all": {"endpoint": "{{ ec_endpoint }}", "api_key": "{{ ec_api_key }}"}
        },
        "roles": [os.path.join(TARGETS_DIR, target)],
    }
    path = os.path.join(directory, "%s.yml" % target)
    with open(path, "w") as handle:
        yaml.safe_dump([play], handle, sort_keys=False)
    return path


def target_prefix():
    """A name prefix of its own for each target run: cleanup removes only what this run made."""
    return "ansible-test-%s" % uuid.uuid4().hex[:8]


def run_target(target, directory, emulator=None, hooks=True, endpoint=None, api_key=None):
    """``ansible-playbook --diff`` on a target, against ``emulator`` or a real ``endpoint``.

    The emulator's hooks (``emulator_url``) are offered only with ``hooks``: a target
    run without them must pass on assertions the real API can satisfy alone.
    """
    extra_vars = {"ec_prefix": target_prefix()}
    if emulator is None:
        extra_vars.update({"ec_endpoint": endpoint, "ec_api_key": api_key})
    playbook = target_playbook(target, str(directory))
    variables = dict(emulator_vars(emulator) if emulator else {}, **extra_vars)
    if not hooks:
        variables.pop("emulator_url", None)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(variables, handle)
    try:
        command = [os.path.join(BIN_DIR, "ansible-playbook"), "-i", "localhost,", "-e", "@" + handle.name, "--diff", playbook]
        return run(command, ansible_env(emulator), timeout=1800)
    finally:
        os.unlink(handle.name)


def target_emulator_args(target):
    """Extra emulator options a target asks for in its ``emulator_args`` file."""
    path = os.path.join(TARGETS_DIR, target, "emulator_args")
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return handle.read().split()


def target_aliases(target):
    """The words of a target's ``aliases`` file (ansible-test's convention), e.g. ``platform/ece``."""
    path = os.path.join(TARGETS_DIR, target, "aliases")
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()]


def target_platforms(target):
    """The platforms whose real API serves a target (``platform/ess``, ``platform/ece`` aliases)."""
    return [alias.split("/", 1)[1] for alias in target_aliases(target) if alias.startswith("platform/")]


def targets():
    return sorted(
        name for name in os.listdir(TARGETS_DIR) if os.path.exists(os.path.join(TARGETS_DIR, name, "tasks", "main.yml"))
    )


def explain(result):
    """Everything a failed run printed, for the assertion message."""
    return "exit %s\n--- stdout ---\n%s\n--- stderr ---\n%s" % (result.returncode, result.stdout[-20000:], result.stderr[-5000:])


def play(tasks, hosts="localhost", credentials=None, **extra):
    """A play running ``tasks`` with the connection options as module_defaults.

    ``credentials`` (such as ``username``/``password``) replace the emulator's API key.
    """
    defaults = dict({"endpoint": "{{ ec_endpoint }}"}, **(credentials or {"api_key": "{{ ec_api_key }}"}))
    return dict(
        {
            "name": "Test play",
            "hosts": hosts,
            "connection": "local",
            "gather_facts": False,
            "module_defaults": {"group/elastic_cloud.cloud.all": defaults},
            "tasks": tasks,
        },
        **extra,
    )


def run_tasks(tasks, emulator, directory, options=(), extra_vars=None, env=None, inventory="localhost,", **play_extra):
    """Write ``tasks`` as a one-play playbook in ``directory`` and run it against ``emulator``."""
    path = os.path.join(str(directory), "play-%d.yml" % len(os.listdir(str(directory))))
    hosts = play_extra.pop("hosts", "localhost")
    with open(path, "w") as handle:
        yaml.safe_dump([play(tasks, hosts=hosts, **play_extra)], handle, sort_keys=False)
    return run_playbook(path, emulator, extra_vars=extra_vars, options=options, env=env, inventory=inventory)
