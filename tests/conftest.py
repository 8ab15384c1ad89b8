"""Make the repository importable as ``ansible_collections.elastic_cloud.cloud``, and the emulator, for pytest."""

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_ROOT = os.path.join(REPO_ROOT, ".cache", "collection-link")


def _link_collection():
    """Point .cache/collection-link/ansible_collections/elastic_cloud/cloud at the repository."""
    namespace_dir = os.path.join(COLLECTIONS_ROOT, "ansible_collections", "elastic_cloud")
    link = os.path.join(namespace_dir, "cloud")
    if os.path.realpath(REPO_ROOT).startswith(os.path.realpath(namespace_dir)):
        return  # already running inside an ansible_collections tree
    os.makedirs(namespace_dir, exist_ok=True)
    try:
        os.symlink(REPO_ROOT, link)
    except FileExistsError:
        pass  # made by an earlier run, or by another pytest worker a moment ago


def _collections_root():
    marker = os.sep + "ansible_collections" + os.sep
    real = os.path.realpath(REPO_ROOT)
    if marker in real + os.sep:
        return real[: real.index(marker)]
    _link_collection()
    return COLLECTIONS_ROOT


# The emulator is a Python project of its own beside the collection (emulator/).
EMULATOR_ROOT = os.path.join(REPO_ROOT, "emulator")
if EMULATOR_ROOT not in sys.path:
    sys.path.insert(0, EMULATOR_ROOT)

COLLECTIONS_PATH = _collections_root()
if COLLECTIONS_PATH not in sys.path:
    sys.path.insert(0, COLLECTIONS_PATH)
os.environ["ELASTIC_CLOUD_COLLECTIONS_PATH"] = COLLECTIONS_PATH
