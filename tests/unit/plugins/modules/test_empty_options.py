"""An option given as an empty string fails before any call, naming it, in every module that takes it."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.api_key import ApiKey
from ansible_collections.elastic_cloud.cloud.plugins.modules.comment import Comment
from ansible_collections.elastic_cloud.cloud.plugins.modules.credentials_reset import CredentialsReset
from ansible_collections.elastic_cloud.cloud.plugins.modules.region_info import RegionInfo
from ansible_collections.elastic_cloud.cloud.plugins.modules.traffic_filter import TrafficFilter

from .fake_cloud import ScriptedClient, run_module

CASES = [
    (ApiKey, {"description": ""}, "description"),
    (Comment, {"resource_type": "allocator", "resource_id": "", "text": "hi"}, "resource_id"),
    (Comment, {"resource_type": "allocator", "resource_id": "a-1", "text": " "}, "text"),
    (CredentialsReset, {"type": "elasticsearch", "id": ""}, "id"),
    (RegionInfo, {"id": ""}, "id"),
    (TrafficFilter, {"name": "", "region": "aws-us-east-1", "type": "ip"}, "name"),
]


@pytest.mark.parametrize("module, params, option", CASES, ids=[case[2] + "-" + case[0].__name__ for case in CASES])
def test_an_empty_string_option_fails_before_any_call(module, params, option):
    client = ScriptedClient({})
    with pytest.raises(UsageError, match="^%s must not be empty$" % option):
        run_module(module, client, **params)
    assert client.calls == []


def test_an_empty_description_still_clears_a_traffic_filter_description():
    with pytest.raises(Exception) as caught:  # it gets past the check: the scripted client has no route for the list
        run_module(TrafficFilter, ScriptedClient({}), name="office", region="aws-us-east-1", type="ip", description="")
    assert not isinstance(caught.value, UsageError)
