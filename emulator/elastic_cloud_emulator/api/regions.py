"""Serverless regions: ``/api/v1/serverless/regions``."""

from ..errors import not_found
from ..reply import json_reply
from ..routing import Route
from . import catalogue


def list_regions(call):
    return json_reply(catalogue.all_regions())


def get_region(call):
    region = catalogue.region(call.params["id"])
    if region is None:
        raise not_found("regions.not_found", f"Region '{call.params['id']}' does not exist")
    return json_reply(region)


ROUTES = [
    Route("GET", "/api/v1/serverless/regions", list_regions),
    Route("GET", "/api/v1/serverless/regions/{id}", get_region),
]
