"""Following deployment plans: two quiet reads, the outcome of this change's plans, bounded waits."""

import copy

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import DeploymentError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_plan import latest_attempts, wait_for_plans

from ..modules.fake_cloud import FakeClock, ScriptedClient, attempt, es_plan, hosted_deployment

ID = "d" * 32
PATH = "/api/v1/deployments/" + ID
PENDING = attempt(es_plan(4096), "p1")
PENDING["plan_attempt_log"] = [{"step_id": "allocate-instances", "info_log": [{"message": "Step [allocate-instances] is running"}]}]


def reads(*deployments, final=None):
    """Answers the reads in turn (the last one repeats); a read with the plan history gets ``final``."""
    queue = list(deployments)

    def answer(call):
        if call["params"].get("show_plan_history"):
            return final if final is not None else queue[0]
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return answer


def pending():
    return hosted_deployment(status="reconfiguring", pending=copy.deepcopy(PENDING))


def test_done_after_two_reads_in_a_row_without_a_pending_plan():
    clock = FakeClock()
    client = ScriptedClient({("GET", PATH): reads(pending(), pending(), hosted_deployment(), hosted_deployment())})
    final = wait_for_plans(client, ID, {}, 600, sleep=clock.sleep, clock=clock)
    assert final["resources"]["elasticsearch"][0]["info"]["status"] == "started"
    assert clock.sleeps == [1.0, 2.0, 4.0, 1.0]  # backing off, then a prompt confirming read
    assert [bool(call["params"].get("show_plan_history")) for call in client.calls] == [False] * 4 + [True]


def test_a_plan_queued_between_two_reads_restarts_the_count():
    clock = FakeClock()
    deployments = [pending(), hosted_deployment(), pending(), hosted_deployment(), hosted_deployment()]
    client = ScriptedClient({("GET", PATH): reads(*deployments)})
    wait_for_plans(client, ID, {}, 600, sleep=clock.sleep, clock=clock)
    assert len(client.calls) == 6


def test_a_resumed_wait_reads_at_once():
    clock = FakeClock()
    client = ScriptedClient({("GET", PATH): reads(hosted_deployment())})
    wait_for_plans(client, ID, {}, 600, sleep=clock.sleep, clock=clock, after_change=False)
    assert clock.sleeps == [1.0]


def test_a_plan_this_change_started_that_failed_fails_with_its_message():
    failed = hosted_deployment(history=[attempt(es_plan(3072), "a2", error="Instance configuration does not allow size [3072]")])
    client = ScriptedClient({("GET", PATH): reads(hosted_deployment(), final=failed)})
    with pytest.raises(DeploymentError) as caught:
        wait_for_plans(client, ID, {("elasticsearch", "main-elasticsearch"): "a1"}, 600, sleep=FakeClock().sleep)
    assert str(caught.value) == (
        "The plan of deployment logging (%s) failed: elasticsearch main-elasticsearch: Instance configuration does not "
        "allow size [3072]" % ID
    )
    assert caught.value.result["deployment"] == {"id": ID}
    assert caught.value.result["plan"]["outcome"] == "failed"
    assert {"kind": "elasticsearch", "ref_id": "main-elasticsearch", "status": "error",
            "message": "Instance configuration does not allow size [3072]"} in caught.value.result["plan"]["resources"]


def test_a_failure_from_before_the_change_is_not_this_tasks_outcome():
    old_failure = hosted_deployment(history=[attempt(es_plan(3072), "a1", error="an old failure")])
    client = ScriptedClient({("GET", PATH): reads(old_failure)})
    before = latest_attempts(old_failure)
    assert before[("elasticsearch", "main-elasticsearch")] == "a1"
    assert wait_for_plans(client, ID, before, 600, sleep=FakeClock().sleep) is old_failure


def test_latest_attempts_prefer_the_pending_plan():
    assert latest_attempts(pending())[("elasticsearch", "main-elasticsearch")] == "p1"


def test_a_wait_past_its_timeout_names_the_pending_plan_and_says_it_keeps_running():
    clock = FakeClock()
    client = ScriptedClient({("GET", PATH): reads(pending())})
    with pytest.raises(DeploymentError) as caught:
        wait_for_plans(client, ID, {}, 5, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == [1.0, 2.0, 2.0]  # the last one shortened to the deadline
    assert str(caught.value) == (
        "Timed out after 5 seconds waiting for the plan of deployment logging (%s); still pending: elasticsearch "
        "main-elasticsearch (allocate-instances: Step [allocate-instances] is running). The plan keeps running on the "
        "server: run the task again to resume waiting, or raise wait_timeout" % ID
    )
    assert caught.value.result["plan"]["outcome"] == "pending"
    assert caught.value.result["plan"]["resources"][0] == {
        "kind": "elasticsearch", "ref_id": "main-elasticsearch", "status": "pending",
        "message": "allocate-instances: Step [allocate-instances] is running"}


def test_never_more_than_one_read_a_second_even_near_the_deadline():
    clock = FakeClock()
    client = ScriptedClient({("GET", PATH): reads(pending())})
    with pytest.raises(DeploymentError):
        wait_for_plans(client, ID, {}, 2.5, sleep=clock.sleep, clock=clock)
    assert min(clock.sleeps) >= 1.0


def test_a_deployment_gone_while_waiting_is_a_clear_failure():
    client = ScriptedClient({})
    with pytest.raises(DeploymentError, match="Deployment %s disappeared while waiting for its plans" % ID):
        wait_for_plans(client, ID, {}, 600, sleep=FakeClock().sleep)
