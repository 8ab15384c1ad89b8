"""The demo behind ``make demo``: provisioning playbooks against a local emulator.

Starts the emulator, runs each step's playbook from the installed collection with
the emulator's endpoint and key in the environment (as a user would set
EC_ENDPOINT and EC_API_KEY), prints the output, and stops the emulator.
"""

import argparse
import os
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)
sys.path.insert(0, os.path.join(REPO_ROOT, "emulator"))

from elastic_cloud_emulator.control import Emulator  # noqa: E402  pylint: disable=wrong-import-position

BIN_DIR = os.path.dirname(sys.executable)
EXAMPLE_VARS = "@" + os.path.join(REPO_ROOT, "playbooks", "vars", "example.yml")
# Where the demo keeps the new projects' credentials and the new key's secret (files of mode 0600).
CREDENTIALS = "provision_credentials_dir=" + os.path.join(REPO_ROOT, ".cache", "demo-credentials")
STEPS = [
    ("Serverless regions", ["elastic_cloud.cloud.list_regions"]),
    ("Provision", ["elastic_cloud.cloud.provision", "-e", EXAMPLE_VARS, "-e", CREDENTIALS, "-e", "provision_summary=true"]),
    ("Provision again: nothing to change (changed=0)", ["elastic_cloud.cloud.provision", "-e", EXAMPLE_VARS, "-e", CREDENTIALS]),
    ("Tear down", ["elastic_cloud.cloud.teardown", "-e", EXAMPLE_VARS]),
]


def run_step(title, arguments, emulator, collections_path):
    print("\n=== %s: ansible-playbook %s" % (title, " ".join(arguments)), flush=True)
    env = dict(
        os.environ,
        EC_ENDPOINT=emulator.url,
        EC_API_KEY=emulator.api_key,
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
    )
    command = [os.path.join(BIN_DIR, "ansible-playbook"), "-i", "localhost,", *arguments]
    return subprocess.run(command, env=env, cwd=REPO_ROOT, check=False).returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collections-path", required=True, help="where the built collection is installed")
    parser.add_argument("emulator_args", nargs="*", help="extra emulator options (after --)")
    options = parser.parse_args()
    collections_path = os.path.abspath(options.collections_path)
    with Emulator(*options.emulator_args) as emulator:
        print("Emulator of the Elastic Cloud API at %s" % emulator.url, flush=True)
        for title, arguments in STEPS:
            code = run_step(title, arguments, emulator, collections_path)
            if code:
                print("Demo step %r failed with exit code %d" % (title, code), file=sys.stderr)
                return code
    print("\nDemo finished.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
