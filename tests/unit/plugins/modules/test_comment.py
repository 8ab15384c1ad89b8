"""comment: create by message, update by id with the version read, delete, explain the API's errors."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.comment import Comment

from .fake_cloud import ScriptedClient, api_error, run_module

BASE = "/api/v1/comments/allocator/alloc%2F1"
ONE = BASE + "/c1"
NOTE = {"id": "c1", "user_id": "u1", "message": "hello"}
TARGET = dict(resource_type="allocator", resource_id="alloc/1")


def listing(*comments):
    return {"values": [{"comment": c, "metadata": {"version": "4", "created_time": "t", "modified_time": "t"}} for c in comments]}


def versioned(data, version="4"):
    return ApiResponse(200, data, {"x-cloud-resource-version": version})


def test_create_when_no_comment_has_the_message():
    client = ScriptedClient({("GET", BASE): listing(dict(NOTE, message="other")),
                             ("POST", BASE): ApiResponse(201, dict(NOTE, id="c2"), {"x-cloud-resource-version": "1"})})
    result = run_module(Comment, client, text="hello", **TARGET)
    assert result["changed"] is True
    assert result["comment"] == {"id": "c2", "user_id": "u1", "message": "hello", "version": "1"}
    assert client.calls[-1]["body"] == {"message": "hello"}
    assert result["diff"] == {"before": {}, "after": {"message": "hello"}}


def test_an_existing_comment_with_the_message_is_enough():
    client = ScriptedClient({("GET", BASE): listing(NOTE)})
    result = run_module(Comment, client, text="hello", **TARGET)
    assert result == {"comment": dict(NOTE, version="4"), "changed": False}


def test_create_in_check_mode_sends_nothing():
    client = ScriptedClient({("GET", BASE): listing()})
    result = run_module(Comment, client, check_mode=True, text="hello", **TARGET)
    assert result["changed"] is True and result["comment"] == {"message": "hello"}
    assert client.writes() == []


def test_update_sends_the_version_it_read():
    client = ScriptedClient({("GET", ONE): versioned(NOTE), ("PUT", ONE): versioned(dict(NOTE, text="bye"), "5")})
    result = run_module(Comment, client, comment_id="c1", text="bye", **TARGET)
    assert result["changed"] is True
    assert result["comment"]["version"] == "5"
    assert client.calls[-1]["params"] == {"version": "4"}
    assert result["diff"] == {"before": {"message": "hello"}, "after": {"message": "bye"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_update_with_the_same_message_is_unchanged(check_mode):
    client = ScriptedClient({("GET", ONE): versioned(NOTE)})
    result = run_module(Comment, client, check_mode=check_mode, comment_id="c1", text="hello", **TARGET)
    assert result["changed"] is False
    assert client.writes() == []


def test_update_in_check_mode_sends_nothing():
    client = ScriptedClient({("GET", ONE): versioned(NOTE)})
    result = run_module(Comment, client, check_mode=True, comment_id="c1", text="bye", **TARGET)
    assert result["changed"] is True
    assert client.writes() == []


def test_update_of_a_missing_comment_is_a_clear_error():
    client = ScriptedClient({("GET", ONE): api_error(404, "comments.comment_does_not_exist")})
    with pytest.raises(UsageError, match="comment c1 does not exist on allocator alloc/1: leave out comment_id"):
        run_module(Comment, client, comment_id="c1", text="bye", **TARGET)


@pytest.mark.parametrize(
    "status, code, explanation",
    [
        (409, "comments.version_conflict", "someone else changed or deleted comment c1 since it was read"),
        (401, "comments.unauthorised", "comment c1 was written by another user: only its author can change or delete it"),
        (401, "comments.no_user_id", "the credentials have no user attached"),
        (404, "comments.comment_does_not_exist", "comment c1 does not exist on allocator alloc/1"),
    ],
)
def test_documented_update_errors_are_explained(status, code, explanation):
    client = ScriptedClient({("GET", ONE): versioned(NOTE), ("PUT", ONE): api_error(status, code, method="PUT", path=ONE)})
    with pytest.raises(ElasticCloudError) as caught:
        run_module(Comment, client, comment_id="c1", text="bye", **TARGET)
    assert caught.value.message.startswith(explanation)
    assert "returned %d" % status in caught.value.message


def test_create_on_a_resource_that_cannot_hold_comments():
    client = ScriptedClient({("GET", BASE): listing(), ("POST", BASE): api_error(404, "comments.resource_does_not_exist")})
    with pytest.raises(ElasticCloudError) as caught:
        run_module(Comment, client, text="hello", **TARGET)
    assert caught.value.message.startswith("no allocator alloc/1 can hold comments")


def test_delete_by_id_with_version():
    client = ScriptedClient({("GET", ONE): versioned(NOTE), ("DELETE", ONE): {}})
    result = run_module(Comment, client, state="absent", comment_id="c1", **TARGET)
    assert result["changed"] is True and result["removed"] == [dict(NOTE, version="4")]
    assert client.calls[-1]["params"] == {"version": "4"}


def test_delete_of_a_missing_comment_is_unchanged():
    client = ScriptedClient({("GET", ONE): api_error(404, "comments.comment_does_not_exist")})
    assert run_module(Comment, client, state="absent", comment_id="c1", **TARGET) == {"removed": [], "changed": False}


def test_delete_by_message_removes_every_match_and_names_the_one_that_conflicts():
    second = dict(NOTE, id="c2")
    client = ScriptedClient({
        ("GET", BASE): listing(NOTE, second, dict(NOTE, id="c3", message="keep")),
        ("DELETE", ONE): {},
        ("DELETE", BASE + "/c2"): api_error(409, "comments.version_conflict", method="DELETE"),
    })
    with pytest.raises(ElasticCloudError) as caught:
        run_module(Comment, client, state="absent", text="hello", **TARGET)
    assert caught.value.message.startswith("someone else changed or deleted comment c2")
    assert client.writes() == [("DELETE", ONE), ("DELETE", BASE + "/c2")]


def test_delete_in_check_mode_sends_nothing():
    client = ScriptedClient({("GET", BASE): listing(NOTE)})
    result = run_module(Comment, client, check_mode=True, state="absent", text="hello", **TARGET)
    assert result["changed"] is True
    assert client.writes() == []
