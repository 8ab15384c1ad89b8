"""An execution environment built with ``ansible-builder`` gets the collection and its Python requirement.

No container runtime is needed: ``ansible-builder create`` writes the build context, then the test
replays its galaxy and introspection stages the way the Containerfile runs them.
"""

import os

import pytest
import yaml

from tests.integration.runner import BIN_DIR, REPO_ROOT, ansible_env, explain, run

TARBALL = "elastic_cloud-cloud-0.1.0.tar.gz"


def definition(tarball):
    """An EE definition (ansible-builder format 3) installing the built collection."""
    return {
        "version": 3,
        "images": {"base_image": {"name": "quay.io/ansible/awx-ee:latest"}},
        "dependencies": {
            "ansible_core": {"package_pip": "ansible-core==2.19.14"},
            "ansible_runner": {"package_pip": "ansible-runner==2.4.3"},
            # Relative to /build, the working directory of the galaxy stage.
            "galaxy": {"collections": [{"name": "collections/" + TARBALL, "type": "file"}]},
        },
        "additional_build_files": [{"src": str(tarball), "dest": "collections"}],
    }


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    work = tmp_path_factory.mktemp("ee")
    build = run(
        [os.path.join(BIN_DIR, "ansible-galaxy"), "collection", "build", "--output-path", str(work), REPO_ROOT],
        ansible_env(),
        timeout=300,
    )
    assert build.returncode == 0, explain(build)
    (work / "execution-environment.yml").write_text(yaml.safe_dump(definition(work / TARBALL)))
    created = run(
        [
            os.path.join(BIN_DIR, "ansible-builder"),
            "create",
            "--file",
            str(work / "execution-environment.yml"),
            "--context",
            str(work / "context"),
            "--output-filename",
            "Containerfile",
        ],
        ansible_env(),
        cwd=str(work),
        timeout=300,
    )
    assert created.returncode == 0, explain(created)
    return work


def test_context_carries_the_built_collection(context):
    copied = context / "context" / "_build" / "collections" / TARBALL
    assert copied.read_bytes() == (context / TARBALL).read_bytes()
    containerfile = (context / "context" / "Containerfile").read_text()
    assert "COPY _build /build" in containerfile
    assert "ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml" in containerfile
    assert "introspect.py introspect --write-bindep=/tmp/src/bindep.txt --write-pip=/tmp/src/requirements.txt" in containerfile


def test_generated_context_installs_requests(context):
    build_dir = context / "context" / "_build"
    collections = context / "image" / "collections"
    # The galaxy stage: install what requirements.yml names, from /build.
    installed = run(
        [os.path.join(BIN_DIR, "ansible-galaxy"), "collection", "install", "--force", "-r", "requirements.yml", "-p", str(collections)],
        ansible_env(),
        cwd=str(build_dir),
        timeout=300,
    )
    assert installed.returncode == 0, explain(installed)
    assert (collections / "ansible_collections" / "elastic_cloud" / "cloud" / "meta" / "execution-environment.yml").is_file()

    # The builder stage: the context's own introspection script collects Python requirements.
    pip_file, bindep_file = context / "image" / "requirements.txt", context / "image" / "bindep.txt"
    introspected = run(
        [
            os.path.join(BIN_DIR, "python"),
            str(build_dir / "scripts" / "introspect.py"),
            "introspect",
            "--write-pip",
            str(pip_file),
            "--write-bindep",
            str(bindep_file),
            str(collections),
        ],
        ansible_env(),
        timeout=120,
    )
    assert introspected.returncode == 0, explain(introspected)
    lines = [line.strip() for line in pip_file.read_text().splitlines() if line.strip()]
    with open(os.path.join(REPO_ROOT, "requirements.txt")) as handle:
        wanted = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    for requirement in wanted:
        assert any(line.startswith(requirement) and "elastic_cloud.cloud" in line for line in lines), lines
    assert any(line.startswith("requests") for line in lines), lines
