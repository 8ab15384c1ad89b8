"""``ansible-galaxy collection build`` ships no development files, and its tarball installs and works."""

import fnmatch
import os
import subprocess
import tarfile

import pytest

from tests.integration.runner import BIN_DIR, REPO_ROOT, ansible_env, explain, run

# Files a developer's checkout grows that must never reach users.
DECOYS = [
    ".venv/bin/activate",
    ".cache/collection-link/marker",
    ".pytest_cache/v/cache/nodeids",
    "tests/.pytest_cache/v/cache/lastfailed",
    ".ansible/collections/marker",
    "playbooks/.ansible/roles/marker",
    "tests/output/junit/python3.11-units.xml",
    "emulator/elastic_cloud_emulator/__pycache__/app.cpython-311.pyc",
    "emulator-state.db",
    "tests/integration/emulator.db-journal",
    "emulator/state.sqlite",
    "elastic_cloud-cloud-0.0.1.tar.gz",
    ".molecule/default/state.yml",
    ".schemathesis/cassettes/marker",
    ".git/HEAD",
]
DEV_ONLY = [
    ".venv*",
    "*.pyc",
    "*__pycache__*",
    ".cache*",
    "*/.cache/*",
    "*.pytest_cache*",
    "*.ansible/*",
    "tests/output*",
    "*.db",
    "*.db-*",
    "*.sqlite",
    "*.tar.gz",
    "*.molecule*",
    ".schemathesis*",
    ".git/*",
    "Makefile",
    "requirements-dev.txt",
    "emulator/*",  # a Python project of its own, with the vendor specs (CC BY-NC-ND 4.0)
]
# What a collection tarball may hold at its top level.
COLLECTION_CONTENT = {
    "MANIFEST.json", "FILES.json", "README.md", "CHANGELOG.rst", "CONTRIBUTING.md", "COPYING", "LICENSES",
    "changelogs", "docs", "meta", "playbooks", "plugins", "roles", "tests", "requirements.txt",
}
SHIPPED = [
    "MANIFEST.json",
    "FILES.json",
    "README.md",
    "meta/runtime.yml",
    "meta/execution-environment.yml",
    "requirements.txt",
    "plugins/modules/region_info.py",
    "plugins/inventory/elastic_cloud.py",
    "plugins/module_utils/_client.py",
]


def checkout_copy(destination):
    """The collection's tracked and new (not ignored) files, as a fresh clone plus work in progress would have."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.decode().split("\0")
    for relative in filter(None, listed):
        source = os.path.join(REPO_ROOT, relative)
        if not os.path.isfile(source):
            continue  # deleted in the work tree but not yet in git
        target = os.path.join(destination, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(source, "rb") as reader, open(target, "wb") as writer:
            writer.write(reader.read())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A tarball built from a checkout copy littered with development files."""
    source = tmp_path_factory.mktemp("checkout") / "ansible_collections" / "elastic_cloud" / "cloud"
    checkout_copy(str(source))
    for decoy in DECOYS:
        path = source / decoy
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("development only\n")
    output = tmp_path_factory.mktemp("build")
    command = [os.path.join(BIN_DIR, "ansible-galaxy"), "collection", "build", "--output-path", str(output), str(source)]
    result = run(command, ansible_env(), cwd=str(source), timeout=300)
    assert result.returncode == 0, explain(result)
    tarballs = [name for name in os.listdir(output) if name.endswith(".tar.gz")]
    assert tarballs == ["elastic_cloud-cloud-0.1.0.tar.gz"], tarballs
    return output / tarballs[0]


def members(tarball):
    with tarfile.open(tarball) as archive:
        return [member.name for member in archive.getmembers() if member.isfile()]


def test_build_leaves_out_development_files(built):
    files = members(built)
    leaked = sorted(name for name in files if any(fnmatch.fnmatch(name, pattern) for pattern in DEV_ONLY))
    assert leaked == []


def test_build_holds_only_collection_content(built):
    top_level = {name.split("/", 1)[0] for name in members(built)}
    assert sorted(top_level - COLLECTION_CONTENT) == []
    assert not [name for name in members(built) if name.endswith(("serverless-project-api.yml", "cloud-api-swagger.json"))]


def test_build_ships_what_users_need(built):
    files = set(members(built))
    assert [name for name in SHIPPED if name not in files] == []


def test_tarball_installs_and_its_plugins_load(built, tmp_path):
    install = tmp_path / "collections"
    command = [os.path.join(BIN_DIR, "ansible-galaxy"), "collection", "install", "--force", "-p", str(install), str(built)]
    result = run(command, ansible_env(), cwd=str(tmp_path), timeout=300)
    assert result.returncode == 0, explain(result)
    installed = install / "ansible_collections" / "elastic_cloud" / "cloud"
    assert (installed / "MANIFEST.json").is_file()
    assert not (installed / ".venv").exists()

    env = ansible_env(extra={"ANSIBLE_COLLECTIONS_PATH": str(install)})
    for plugin_type, name in [("module", "region_info"), ("inventory", "elastic_cloud")]:
        shown = run([os.path.join(BIN_DIR, "ansible-doc"), "-t", plugin_type, "elastic_cloud.cloud." + name], env, cwd=str(tmp_path))
        assert shown.returncode == 0, explain(shown)
        assert str(installed) in shown.stdout, explain(shown)
