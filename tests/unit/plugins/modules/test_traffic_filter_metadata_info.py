"""traffic_filter_metadata_info: one metadata call, with the region and csp filters the spec defines."""

from ansible_collections.elastic_cloud.cloud.plugins.modules.traffic_filter_metadata_info import TrafficFilterMetadataInfo

from .fake_cloud import ScriptedClient, run_module

PATH = "/api/v1/serverless/traffic-filters/metadata"
AWS = {"region": "aws-us-east-1", "csp": "aws", "private_service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-1"}
GCP = {"region": "gcp-us-central1", "csp": "gcp", "private_service_name": "projects/p/regions/us-central1/serviceAttachments/s"}


def client(answer=None):
    return ScriptedClient({("GET", PATH): {"regions": [AWS, GCP]} if answer is None else answer})


def test_every_region_in_one_call_without_filters():
    scripted = client()
    assert run_module(TrafficFilterMetadataInfo, scripted) == {"regions": [AWS, GCP], "changed": False}
    assert [(c["method"], c["path"], c["params"]) for c in scripted.calls] == [("GET", PATH, None)]


def test_region_and_csp_are_sent_as_query_parameters():
    scripted = client({"regions": [GCP]})
    result = run_module(TrafficFilterMetadataInfo, scripted, region="gcp-us-central1", csp="gcp")
    assert result["regions"] == [GCP]
    assert scripted.calls[0]["params"] == {"region": "gcp-us-central1", "csp": "gcp"}


def test_no_match_is_an_empty_list():
    assert run_module(TrafficFilterMetadataInfo, client({}), region="nowhere")["regions"] == []
