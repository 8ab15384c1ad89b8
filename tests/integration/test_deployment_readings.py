"""Deployments against other readings of the real API, with real ansible-playbook.

``--hide-shut-down-deployments``: searches leave shut-down deployments out (as Elastic Cloud does), so a task that
finds one by name does not see it. ``--refuse-deployment-delete``: DELETE answers 405 (as Elastic Cloud did).
Time is the emulator's: ``--clock-step 1`` moves its clock one second per request.
"""

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

FAST = ("--clock-step", "1", "--plan-delay", "2")
DEPLOYMENT = {"name": "logging", "region": "aws-us-east-1", "deployment_template_id": "aws-storage-optimized",
              "version": "8.19.3"}  # fmt: skip


def task(register, **options):
    return {"elastic_cloud.cloud.deployment": options, "register": register}


def writes(emulator):
    return [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in emulator.journal()
            if entry["method"] != "GET" and not entry["path"].endswith("_search")]  # fmt: skip


def test_a_hidden_shut_down_deployment_is_adopted_by_its_request_id_and_restored(tmp_path):
    tasks = [
        dict(task("created", **DEPLOYMENT), no_log=True),
        task("shut", id="{{ created.deployment.id }}", state="shutdown"),
        task("restored", **DEPLOYMENT),
        {"ansible.builtin.assert": {"that": [
            "restored is changed",
            "restored.deployment.id == created.deployment.id",
            "restored.deployment.status == 'started'",
            "'credentials' not in restored",
        ]}},
    ]  # fmt: skip
    with Emulator(*FAST, "--hide-shut-down-deployments") as emulator:
        result = run_tasks(tasks, emulator, tmp_path)
        assert result.returncode == 0, explain(result)
        # The second create, found by its request_id, made nothing: the deployment was restored.
        assert writes(emulator) == [("POST", "deployments"), ("POST", "_shutdown"), ("POST", "deployments"),
                                    ("POST", "_restore")]  # fmt: skip
        assert len(emulator.state()["deployments"]) == 1


def test_a_refused_delete_warns_and_a_hidden_deployment_is_then_gone_by_name(tmp_path):
    tasks = [
        dict(task("created", **DEPLOYMENT), no_log=True),
        task("refused", id="{{ created.deployment.id }}", state="absent"),
        task("again", name="logging", state="absent"),
        {"ansible.builtin.assert": {"that": [
            "refused is changed",
            "not refused.removed",
            "refused.deployment.status == 'stopped'",
            "refused.warnings | select('search', 'refused to delete it') | list | length == 1",
            "again is not changed",
        ]}},
    ]  # fmt: skip
    with Emulator(*FAST, "--hide-shut-down-deployments", "--refuse-deployment-delete") as emulator:
        result = run_tasks(tasks, emulator, tmp_path)
        assert result.returncode == 0, explain(result)
        assert writes(emulator) == [("POST", "deployments"), ("POST", "_shutdown"), ("DELETE", emulator.state()
                                    ["deployments"][0]["id"])]  # fmt: skip


def test_observability_set_to_self_is_unchanged_whichever_id_the_get_answers(tmp_path):
    """The spec lets the GET answer "self" or the deployment's own id (``--resolve-observability-self``)."""
    observe = {"deployment_id": "self", "logs": True, "metrics": False}
    tasks = [
        dict(task("created", **DEPLOYMENT), no_log=True),
        task("observed", id="{{ created.deployment.id }}", observability=observe),
        task("again", id="{{ created.deployment.id }}", observability=observe),
        task("dropped", id="{{ created.deployment.id }}", observability={"logs": False, "metrics": False}),
        {"ansible.builtin.assert": {"that": [
            "observed is changed",
            "again is not changed",
            "dropped is changed",
        ]}},
    ]  # fmt: skip
    for reading in ((), ("--resolve-observability-self",)):
        with Emulator(*FAST, *reading) as emulator:
            result = run_tasks(tasks, emulator, tmp_path)
            assert result.returncode == 0, explain(result)
            settings = [entry["body"].get("settings") for entry in emulator.journal() if entry["method"] == "PUT"]
            assert settings == [{"observability": {"logging": {"destination": {"deployment_id": "self"}}}},
                                {"observability": {}}]  # fmt: skip
