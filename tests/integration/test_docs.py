"""The generated reference in docs/plugins covers every plugin and role, and the plugin docs lint clean."""

import glob
import os
import re

import yaml

from tests.integration.runner import BIN_DIR, REPO_ROOT, ansible_env, explain, run

DOCS_PLUGINS = os.path.join(REPO_ROOT, "docs", "plugins")


def expected_pages():
    """The page antsibull-docs writes for each module, inventory plugin and role with an argument spec."""
    pages = set()
    for plugin_type in ("modules", "inventory"):
        suffix = "module" if plugin_type == "modules" else plugin_type
        for path in glob.glob(os.path.join(REPO_ROOT, "plugins", plugin_type, "*.py")):
            name = os.path.basename(path)[: -len(".py")]
            if not name.startswith("_"):
                pages.add("%s_%s.rst" % (name, suffix))
    for path in glob.glob(os.path.join(REPO_ROOT, "roles", "*", "meta", "argument_specs.yml")):
        pages.add("%s_role.rst" % path.split(os.sep)[-3])
    return pages


def redirect_pages():
    """The page antsibull-docs writes for each plugin name meta/runtime.yml redirects (a renamed plugin)."""
    with open(os.path.join(REPO_ROOT, "meta", "runtime.yml")) as handle:
        routing = yaml.safe_load(handle).get("plugin_routing") or {}
    suffixes = {"modules": "module", "inventory": "inventory"}
    return {"%s_%s.rst" % (name, suffixes[plugin_type]) for plugin_type, names in routing.items() for name in names}


def test_every_plugin_and_role_has_a_page_and_no_page_is_stale():
    present = {name for name in os.listdir(DOCS_PLUGINS) if name.endswith(".rst")} - {"index.rst"}
    assert present == expected_pages() | redirect_pages(), "run `make docs` to regenerate docs/plugins"


def test_index_links_every_page():
    with open(os.path.join(DOCS_PLUGINS, "index.rst")) as handle:
        linked = set(re.findall(r"<([a-z0-9_]+\.rst)>`_", handle.read()))
    assert linked == expected_pages()


def known_role_markup_issues():
    """Role argument specs that still write O(state=absent) for the per-item option ``<list>[].state``.

    lint-collection-docs rejects that reference; until those two descriptions are corrected their messages are the
    only ones allowed. Once corrected, the lint must be entirely clean.
    """
    found = set()
    for path in glob.glob(os.path.join(REPO_ROOT, "roles", "*", "meta", "argument_specs.yml")):
        with open(path) as handle:
            if "O(state=absent)" in handle.read():
                found.add(os.path.relpath(path, REPO_ROOT))
    return found


def test_lint_collection_docs_passes():
    env = ansible_env(extra={"ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false"})
    result = run([os.path.join(BIN_DIR, "antsibull-docs"), "lint-collection-docs", "--plugin-docs", "."], env, timeout=300)
    messages = [line for line in result.stdout.splitlines() if line.strip()]
    known = known_role_markup_issues()
    unexpected = [m for m in messages if not (m.split(":", 1)[0] in known and "O(state=absent)" in m)]
    assert unexpected == [], explain(result)
    if not known:
        assert result.returncode == 0, explain(result)
