"""The first playbook of docs/getting-started.md runs as written: check mode, create, then nothing to change."""

import os
import re

from .runner import REPO_ROOT, explain, run_playbook


def guide_playbook(name="first.yml"):
    with open(os.path.join(REPO_ROOT, "docs", "getting-started.md")) as handle:
        guide = handle.read()
    return re.search(r"`%s`:\n\n```yaml\n(.*?)```" % re.escape(name), guide, re.S).group(1)


def first_playbook():
    return guide_playbook("first.yml")


def test_the_first_playbook_of_the_guide(emulator, tmp_path):
    path = tmp_path / "first.yml"
    path.write_text(first_playbook())
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key}
    checked = run_playbook(str(path), emulator, options=["--check", "--diff"], env=env)
    assert checked.returncode == 0 and "changed=1" in checked.stdout, explain(checked)
    assert "my-first-project" in checked.stdout and not (home / ".ec").exists()  # the diff shows; nothing written
    assert [entry["method"] for entry in emulator.journal()] == ["GET"] * 2

    created = run_playbook(str(path), emulator, env=env)
    assert created.returncode == 0 and "changed=1" in created.stdout, explain(created)
    credentials = home / ".ec" / "elasticsearch-my-first-project.json"
    assert credentials.exists() and oct(credentials.stat().st_mode & 0o777) == "0o600"
    assert '"elasticsearch": "https://my-first-project-' in created.stdout, explain(created)  # endpoints shown

    again = run_playbook(str(path), emulator, env=env)
    assert again.returncode == 0 and "changed=0" in again.stdout, explain(again)


def test_the_hosted_deployment_playbook_of_the_guide(emulator, tmp_path):
    path = tmp_path / "deployment.yml"
    path.write_text(guide_playbook("deployment.yml"))
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "EC_ENDPOINT": emulator.url, "EC_API_KEY": emulator.api_key}
    checked = run_playbook(str(path), emulator, options=["--check"], env=env)
    assert checked.returncode == 0 and "changed=0" not in checked.stdout, explain(checked)
    assert emulator.state()["deployments"] == [] and not (home / ".ec").exists()

    created = run_playbook(str(path), emulator, env=env)
    assert created.returncode == 0, explain(created)
    credentials = home / ".ec" / "deployment-my-first-deployment.json"
    assert credentials.exists() and oct(credentials.stat().st_mode & 0o777) == "0o600"
    assert '"elasticsearch": "https://' in created.stdout, explain(created)  # endpoints shown

    again = run_playbook(str(path), emulator, env=env)
    assert again.returncode == 0 and "changed=0" in again.stdout, explain(again)
