"""Fault matrix: each module call under injected faults leaves exactly the intended resources.

The emulator's fault hooks make the next matching requests answer 429/5xx, answer
slowly, reset the connection, or commit a write and drop the response. Every case
checks the final emulator state: nothing lost, nothing duplicated.
"""

import pytest

from .runner import explain, run_tasks

PROJECTS = "/api/v1/serverless/projects/elasticsearch"
CREATE = {"elastic_cloud.cloud.project": {"name": "faulty", "region_id": "aws-us-east-1", "wait": False}}


def projects_named(emulator, name, project_type="elasticsearch"):
    return [p for p in emulator.state()["projects"][project_type] if p["name"] == name]


def requests_to(emulator, method, path_end):
    return [r for r in emulator.journal() if r["method"] == method and r["path"].endswith(path_end)]


def create_project(emulator, name="existing"):
    import requests  # pylint: disable=import-outside-toplevel

    response = requests.post(
        emulator.url + PROJECTS, json={"name": name, "region_id": "aws-us-east-1"}, headers=emulator.auth_header, timeout=10
    )
    response.raise_for_status()
    return response.json()["id"]


def test_create_honours_429_retry_after_without_hammering(emulator, tmp_path):
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="status", status=429, retry_after=1, count=2)
    result = run_tasks([CREATE], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    posts = requests_to(emulator, "POST", PROJECTS)
    assert [p["status"] for p in posts] == [429, 429, 201]
    assert len(projects_named(emulator, "faulty")) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_create_is_not_retried_on_server_errors_and_fails_clearly(emulator, tmp_path, status):
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="status", status=status, count=1)
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('returned %d')" % status]}}
    result = run_tasks([dict(CREATE, register="out", ignore_errors=True), check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [p["status"] for p in requests_to(emulator, "POST", PROJECTS)] == [status]
    assert projects_named(emulator, "faulty") == []
    assert "Traceback" not in result.stdout


def test_create_after_a_gateway_error_looks_up_the_name_and_never_posts_again(emulator, tmp_path):
    # A 502 from a gateway may hide a commit: look the name up over a bounded window, never send the POST again.
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="status", status=502, count=1)
    task = dict(CREATE, register="out", ignore_errors=True)
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('returned 502')",
                                                 "out.msg is search('run the task again to adopt what it made')"]}}  # fmt: skip
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    calls = [(r["method"], r["status"]) for r in emulator.journal() if r["path"] == PROJECTS]
    assert calls == [("GET", 200), ("POST", 502)] + [("GET", 200)] * 4
    assert projects_named(emulator, "faulty") == []


@pytest.mark.parametrize("status", [500, 502, 503])
def test_reads_are_retried_on_server_errors(emulator, tmp_path, status):
    project_id = create_project(emulator)
    emulator.add_fault(method="GET", path=PROJECTS + "/" + project_id + "$", action="status", status=status, count=2)
    task = {"elastic_cloud.cloud.project_info": {"id": project_id, "type": "elasticsearch"}, "register": "out"}
    check = {"ansible.builtin.assert": {"that": ["out.projects | length == 1", "out.projects[0].id == '%s'" % project_id]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r["status"] for r in requests_to(emulator, "GET", project_id)] == [status, status, 200]


def test_reads_fail_clearly_once_the_retry_budget_is_spent(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="GET", path=project_id + "$", action="status", status=503, count=50)
    task = {
        "elastic_cloud.cloud.project_info": {"id": project_id, "type": "elasticsearch"},
        "register": "out",
        "ignore_errors": True,
    }
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('returned 503')"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert 2 <= len(requests_to(emulator, "GET", project_id)) <= 6  # a bounded budget, not a hammering loop


def test_update_under_429_is_retried_and_applied_once(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="PATCH", path=project_id + "$", action="status", status=429, retry_after=1, count=1)
    task = {"elastic_cloud.cloud.project": {"id": project_id, "tags": {"env": "prod"}, "wait": False}}
    result = run_tasks([task], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r["status"] for r in requests_to(emulator, "PATCH", project_id)] == [429, 200]
    assert projects_named(emulator, "existing")[0]["metadata"]["tags"] == {"env": "prod"}


# 429 as the Serverless API sends it, with no Retry-After: every method, POST included (a 429 is answered before
# anything is done), is sent again after the client's own backoff, and the change is made once.
NO_RETRY_AFTER_CASES = {
    "POST": (PROJECTS + "$", lambda project_id: CREATE, ["existing", "faulty"]),
    "GET": (
        "/%s$",
        lambda project_id: {"elastic_cloud.cloud.project_info": {"id": project_id, "type": "elasticsearch"}},
        ["existing"],
    ),
    "PATCH": (
        "/%s$",
        lambda project_id: {"elastic_cloud.cloud.project": {"id": project_id, "tags": {"env": "prod"}, "wait": False}},
        ["existing"],
    ),
    "DELETE": (
        "/%s$",
        lambda project_id: {"elastic_cloud.cloud.project": {"id": project_id, "state": "absent", "wait": True}},
        [],
    ),
}


@pytest.mark.parametrize("method", sorted(NO_RETRY_AFTER_CASES))
def test_429_without_retry_after_is_retried_for_every_method_and_applied_once(emulator, tmp_path, method):
    path, task, names = NO_RETRY_AFTER_CASES[method]
    project_id = create_project(emulator)
    emulator.clear_journal()
    path = path % project_id if "%s" in path else path
    emulator.add_fault(method=method, path=path, action="status", status=429, count=1)
    result = run_tasks([task(project_id)], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    sent = [r["status"] for r in emulator.journal() if r["method"] == method and r["path"].endswith(path.rstrip("$"))]
    assert sent == [429, 201 if method == "POST" else 200]
    assert sorted(p["name"] for p in emulator.state()["projects"]["elasticsearch"]) == names
    if method == "PATCH":
        assert projects_named(emulator, "existing")[0]["metadata"]["tags"] == {"env": "prod"}


def test_a_create_slower_than_the_timeout_is_adopted_when_it_lands_never_posted_again(emulator, tmp_path):
    # The POST is held unanswered (the client times out after 1 s) and lands just before the module's second
    # lookup: the first lookup finds nothing, the second finds the project, whatever the machine's speed.
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="hold", requests=2)
    task = dict(CREATE, register="out")
    task["elastic_cloud.cloud.project"] = dict(CREATE["elastic_cloud.cloud.project"], timeout=1)
    check = {"ansible.builtin.assert": {"that": ["out is changed", "out.project.name == 'faulty'"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert "was found by name and adopted" in result.stderr, explain(result)
    assert len(projects_named(emulator, "faulty")) == 1
    assert len(requests_to(emulator, "POST", PROJECTS)) == 1


def test_a_create_that_never_lands_fails_saying_a_rerun_adopts_it_and_posts_once(emulator, tmp_path):
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="reset", count=1)
    task = dict(CREATE, register="out", ignore_errors=True)
    check = {"ansible.builtin.assert": {"that": [
        "out is failed", "out.msg is search('The create may still complete on the server: run the task again')"]}}  # fmt: skip
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert len(requests_to(emulator, "POST", PROJECTS)) == 1 and projects_named(emulator, "faulty") == []
    again = run_tasks([CREATE], emulator, tmp_path)
    assert again.returncode == 0, explain(again)
    assert len(projects_named(emulator, "faulty")) == 1


def test_lost_response_after_committed_create_is_adopted_not_duplicated(emulator, tmp_path):
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="drop_after_commit", count=1)
    task = dict(CREATE, register="out")
    check = {"ansible.builtin.assert": {"that": ["out is changed", "out.project.name == 'faulty'"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert len(projects_named(emulator, "faulty")) == 1
    assert len(requests_to(emulator, "POST", PROJECTS)) == 1


def test_delete_is_retried_through_a_reset_connection(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="DELETE", path=project_id + "$", action="reset", count=1)
    task = {"elastic_cloud.cloud.project": {"id": project_id, "state": "absent", "wait": True}}
    result = run_tasks([task], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert projects_named(emulator, "existing") == []


def test_delete_with_committed_but_lost_response_succeeds(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="DELETE", path=project_id + "$", action="drop_after_commit", count=1)
    task = {"elastic_cloud.cloud.project": {"id": project_id, "state": "absent"}, "register": "out"}
    check = {"ansible.builtin.assert": {"that": ["out is changed"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert projects_named(emulator, "existing") == []


def test_twenty_parallel_creates_under_a_rate_limit_make_twenty_projects(emulator, tmp_path):
    emulator.add_fault(method="POST", path=PROJECTS + "$", action="status", status=429, retry_after=1, count=15)
    hosts = ["p%02d" % index for index in range(20)]
    task = {"elastic_cloud.cloud.project": {"name": "load-{{ inventory_hostname }}", "region_id": "aws-us-east-1", "wait": False}}
    result = run_tasks([task], emulator, tmp_path, options=["--forks", "20"], inventory=",".join(hosts) + ",", hosts="all")
    assert result.returncode == 0, explain(result)
    names = sorted(p["name"] for p in emulator.state()["projects"]["elasticsearch"])
    assert names == sorted("load-" + host for host in hosts)


# -- API keys -----------------------------------------------------------------------------------------------
KEYS = "/api/v1/users/auth/keys"


def keys_described(emulator, description):
    return [key for key in emulator.state()["api_keys"] if key["description"] == description]


def test_key_create_honours_429_and_makes_one_key(emulator, tmp_path):
    emulator.add_fault(method="POST", path=KEYS + "$", action="status", status=429, retry_after=1, count=1)
    task = {"elastic_cloud.cloud.api_key": {"description": "ci"}, "register": "out", "no_log": True}
    check = {"ansible.builtin.assert": {"that": ["out.api_key.key is defined"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [r["status"] for r in requests_to(emulator, "POST", KEYS)] == [429, 201]
    assert len(keys_described(emulator, "ci")) == 1


def test_key_create_on_503_fails_clearly_and_makes_none(emulator, tmp_path):
    emulator.add_fault(method="POST", path=KEYS + "$", action="status", status=503, count=1)
    task = {"elastic_cloud.cloud.api_key": {"description": "ci"}, "register": "out", "ignore_errors": True}
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('returned 503')"]}}
    result = run_tasks([task, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert keys_described(emulator, "ci") == []


def test_key_create_with_lost_answer_leaves_one_usable_key(emulator, tmp_path):
    emulator.add_fault(method="POST", path=KEYS + "$", action="drop_after_commit", count=1)
    task = {"elastic_cloud.cloud.api_key": {"description": "ci"}, "register": "out", "no_log": True}
    use = {"elastic_cloud.cloud.region_info": {"api_key": "{{ out.api_key.key }}", "id": "aws-us-east-1"}, "no_log": True}
    result = run_tasks([task, use], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert len(keys_described(emulator, "ci")) == 1  # the orphan whose secret was lost is gone


def test_key_delete_is_retried_through_a_reset(emulator, tmp_path):
    result = run_tasks([{"elastic_cloud.cloud.api_key": {"description": "ci"}, "no_log": True}], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    emulator.add_fault(method="DELETE", path=KEYS + "/", action="reset", count=1)
    result = run_tasks([{"elastic_cloud.cloud.api_key": {"description": "ci", "state": "absent"}}], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert keys_described(emulator, "ci") == []


# -- comments -----------------------------------------------------------------------------------------------
def comments_on(emulator, resource_id):
    import requests  # pylint: disable=import-outside-toplevel

    response = requests.get(
        emulator.url + "/api/v1/comments/elasticsearch/" + resource_id, headers=emulator.auth_header, timeout=10
    )
    return [value["comment"] for value in response.json()["values"]]


def test_comment_create_with_lost_answer_leaves_one_comment(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="POST", path="/comments/", action="drop_after_commit", count=1)
    task = {"elastic_cloud.cloud.comment": {"resource_type": "elasticsearch", "resource_id": project_id, "text": "hello"}}
    result = run_tasks([task, task], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [c["message"] for c in comments_on(emulator, project_id)] == ["hello"]


def test_comment_create_under_429_is_sent_once_more(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.add_fault(method="POST", path="/comments/", action="status", status=429, retry_after=1, count=1)
    task = {"elastic_cloud.cloud.comment": {"resource_type": "elasticsearch", "resource_id": project_id, "text": "hello"}}
    result = run_tasks([task], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [c["message"] for c in comments_on(emulator, project_id)] == ["hello"]


def test_comment_update_whose_answer_was_lost_is_not_a_conflict(emulator, tmp_path):
    project_id = create_project(emulator)
    create = {"elastic_cloud.cloud.comment": {"resource_type": "elasticsearch", "resource_id": project_id, "text": "v1"},
              "register": "made"}
    update = {"elastic_cloud.cloud.comment": {"resource_type": "elasticsearch", "resource_id": project_id, "text": "v2",
                                              "comment_id": "{{ made.comment.id }}"}, "register": "out"}
    check = {"ansible.builtin.assert": {"that": ["out is changed", "out.comment.message == 'v2'"]}}
    emulator.add_fault(method="PUT", path="/comments/", action="drop_after_commit", count=1)
    result = run_tasks([create, update, check], emulator, tmp_path)
    assert result.returncode == 0, explain(result)
    assert [c["message"] for c in comments_on(emulator, project_id)] == ["v2"]


def test_concurrent_runs_creating_one_name_are_told_of_each_other(emulator, tmp_path):
    # Serverless creates have no idempotency key. Run A's create is held until run B has listed (finding nothing)
    # and sent its own create: both projects are billed, and each run, listing after its create, names both.
    import threading  # pylint: disable=import-outside-toplevel
    import time  # pylint: disable=import-outside-toplevel

    emulator.add_fault(method="POST", path=PROJECTS + "$", action="hold", requests=2)
    tasks = [dict(CREATE, ignore_errors=True, register="out")]
    results = {}

    def run_a():
        (tmp_path / "a").mkdir()
        results["a"] = run_tasks(tasks, emulator, tmp_path / "a")

    first = threading.Thread(target=run_a)
    first.start()
    deadline = time.monotonic() + 120
    while emulator.faults() and time.monotonic() < deadline:  # the hold is taken once A's create arrived
        time.sleep(0.1)
    (tmp_path / "b").mkdir()
    results["b"] = run_tasks(tasks, emulator, tmp_path / "b")
    first.join(timeout=300)
    twins = projects_named(emulator, "faulty")
    assert len(twins) == 2 and len(requests_to(emulator, "POST", PROJECTS)) == 2
    for result in results.values():
        assert result.returncode == 0, explain(result)
        assert "probably a concurrent run created it" in result.stdout, explain(result)
        assert all(project["id"] in result.stdout for project in twins), explain(result)


FILTERS = "/api/v1/serverless/traffic-filters"
FILTER = {"name": "office", "region": "aws-us-east-1", "type": "ip", "rules": [{"source": "192.0.2.0/24"}]}


def test_a_lost_traffic_filter_create_is_adopted_and_a_lost_update_is_checked(emulator, tmp_path):
    emulator.add_fault(method="POST", path=FILTERS + "$", action="drop_after_commit", count=1)
    created = run_tasks([{"elastic_cloud.cloud.traffic_filter": FILTER, "register": "out"},
                         {"ansible.builtin.assert": {"that": ["out is changed", "out.traffic_filter.name == 'office'"]}}],
                        emulator, tmp_path)  # fmt: skip
    assert created.returncode == 0, explain(created)
    assert "was found and adopted" in created.stderr, explain(created)
    assert [item["name"] for item in emulator.state()["traffic_filters"]] == ["office"]
    assert len(requests_to(emulator, "POST", FILTERS)) == 1

    emulator.add_fault(method="PATCH", path="traffic-filters/", action="drop_after_commit", count=1)
    updated = run_tasks([{"elastic_cloud.cloud.traffic_filter": dict(FILTER, description="Office"), "register": "out"},
                         {"ansible.builtin.assert": {"that": ["out is changed", "out.traffic_filter.description == 'Office'"]}}],
                        emulator, tmp_path)  # fmt: skip
    assert updated.returncode == 0, explain(updated)
    assert "the change is in place" in updated.stderr, explain(updated)
    assert len(requests_to(emulator, "PATCH", "")) == 1


# -- resume and links ---------------------------------------------------------------------------------------
def test_resume_fails_in_one_line_on_5xx_waits_out_429_and_a_lost_answer_converges(emulator, tmp_path):
    project_id = create_project(emulator)
    emulator.suspend("elasticsearch", project_id)
    resume = {"elastic_cloud.cloud.project": {"id": project_id, "state": "resumed", "wait": False},
              "register": "out", "ignore_errors": True}  # fmt: skip
    emulator.add_fault(method="POST", path="_resume$", action="status", status=503, count=1)
    emulator.add_fault(method="POST", path="_resume$", action="status", status=429, retry_after=1, count=1)
    emulator.add_fault(method="POST", path="_resume$", action="drop_after_commit", count=1)
    checks = [
        ["out is failed", "out.msg is search('returned 503')", "out.msg.splitlines() | length == 1"],
        ["out is failed", "out.msg is search('may have made the change')", "out.msg.splitlines() | length == 1"],
        ["out is not failed", "out is not changed"],
    ]
    for that in checks:
        result = run_tasks([resume, {"ansible.builtin.assert": {"that": that}}], emulator, tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stdout, explain(result)
    assert [r["status"] for r in requests_to(emulator, "POST", "_resume")] == [503, 429, 200]


def test_a_lost_link_update_converges_on_the_rerun(emulator, tmp_path):
    project_id = create_project(emulator)
    other_id = create_project(emulator, "other")
    emulator.add_fault(method="PATCH", path=project_id + "$", action="drop_after_commit", count=1)
    link = {"elastic_cloud.cloud.project": {"id": project_id, "linked_projects": [other_id], "wait": False},
            "register": "out", "ignore_errors": True}  # fmt: skip
    for that in (["out is failed or out is changed"], ["out is not failed", "out is not changed"]):
        result = run_tasks([link, {"ansible.builtin.assert": {"that": that}}], emulator, tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stdout, explain(result)
    assert len(requests_to(emulator, "PATCH", project_id)) == 1
