"""EXAMPLES of projects run as written against an emulator (HOME in a scratch directory for ~/.elastic)."""

import json
import os
import stat

import yaml

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_playbook
from .test_examples import examples


def test_examples_run(tmp_path):
    tasks = examples("projects")
    assert any("elastic_cloud.cloud.projects" in task for task in tasks)
    play = [{"name": "Examples of projects", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]
    path = tmp_path / "examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}
    with Emulator("--phase-delay", "0.5", "--delete-delay", "0.2") as emulator:
        env.update(EC_ENDPOINT=emulator.url, EC_API_KEY=emulator.api_key)
        result = run_playbook(str(path), emulator, env=env)
        assert result.returncode == 0, explain(result)
        assert "failed=0" in result.stdout, explain(result)
        deletes = [entry["path"].split("/")[-2] for entry in emulator.journal() if entry["method"] == "DELETE"]
        state = emulator.state()
    credentials = home / ".elastic" / "elasticsearch-search-prod.json"
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    assert json.loads(credentials.read_text())["username"] == "admin"
    # The last example deleted two of the three (without waiting until they are gone).
    assert sorted(deletes) == ["observability", "security"]
    assert [project["name"] for project in state["projects"]["elasticsearch"]] == ["search-prod"]
