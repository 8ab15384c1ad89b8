"""Changelog fragments and the changelog itself pass antsibull-changelog's own checks."""

import os
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(os.path.dirname(sys.executable), "antsibull-changelog")


def test_changelog_fragments_and_history_lint_clean():
    result = subprocess.run([TOOL, "lint"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_changelog_yaml_lints_clean():
    changelog = os.path.join(REPO_ROOT, "changelogs", "changelog.yaml")
    result = subprocess.run([TOOL, "lint-changelog-yaml", changelog], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
