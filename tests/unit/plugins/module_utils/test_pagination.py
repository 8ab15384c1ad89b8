"""collect_pages: follows next_page, and ends with a warning when the API ignores the cursor."""

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._pagination import collect_pages
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_api import find_by_name
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._traffic_filters import find_traffic_filter

from .scripted_server import ScriptedServer
from .test_client import client_for


def item(n):
    return {"id": "p%d" % n, "name": "n%d" % n}


class Pages:
    """An API answering each request with the next scripted page, recording the params it got."""

    def __init__(self, pages, repeat_last=False):
        self.pages = list(pages)
        self.repeat_last = repeat_last
        self.received = []

    def __call__(self, params):
        self.received.append(params)
        if self.repeat_last and len(self.received) > len(self.pages):
            return self.pages[-1]
        return self.pages[len(self.received) - 1]


def collect(pages, **kwargs):
    warnings = []
    listing = collect_pages(pages, "items", params={"a": "b"}, warn=warnings.append, **kwargs)
    return listing, warnings


def test_follows_the_cursor_to_the_last_page_without_a_warning():
    pages = Pages([{"items": [item(1), item(2)], "next_page": "t1"}, {"items": [item(3)], "next_page": None}])
    listing, warnings = collect(pages)
    assert listing == [item(1), item(2), item(3)] and listing.complete
    assert warnings == []
    assert pages.received == [{"a": "b"}, {"a": "b", "next_page": "t1"}]


def test_same_token_again_ends_the_listing_with_a_warning():
    # The cursor is ignored: the first page and its token come back every time.
    first = {"items": [item(1), item(2)], "next_page": "t1"}
    pages = Pages([first], repeat_last=True)
    listing, warnings = collect(pages)
    assert listing == [item(1), item(2)] and not listing.complete
    assert len(pages.received) == 2
    assert len(warnings) == 1
    assert "same next_page token" in warnings[0] and "may be incomplete" in warnings[0]


def test_fresh_token_with_items_already_seen_ends_the_listing_with_a_warning():
    pages = Pages([{"items": [item(1), item(2)], "next_page": "t%d" % n} for n in range(5)])
    listing, warnings = collect(pages)
    assert listing == [item(1), item(2)] and not listing.complete
    assert len(pages.received) == 2
    assert "items already listed" in warnings[0]


def test_overlapping_pages_bring_each_id_once_and_go_on():
    # Items may shift between pages while the listing runs (a create elsewhere): still one entry per id.
    pages = Pages([
        {"items": [item(1), item(2)], "next_page": "t1"},
        {"items": [item(2), item(3)], "next_page": "t2"},
        {"items": [item(4)]},
    ])
    listing, warnings = collect(pages)
    assert listing == [item(1), item(2), item(3), item(4)] and listing.complete
    assert warnings == []


def test_empty_pages_with_fresh_tokens_stop_at_the_page_cap():
    pages = Pages([{"items": [], "next_page": "t%d" % n} for n in range(10)])
    listing, warnings = collect(pages, max_pages=4)
    assert listing == [] and not listing.complete
    assert len(pages.received) == 4
    assert "still had pages after 4" in warnings[0]


def test_new_items_with_fresh_tokens_stop_at_the_page_cap():
    pages = Pages([{"items": [item(n)], "next_page": "t%d" % n} for n in range(10)])
    listing, warnings = collect(pages, max_pages=3)
    assert [entry["id"] for entry in listing] == ["p0", "p1", "p2"]
    assert len(warnings) == 1


def test_without_a_warn_callback_the_listing_still_ends():
    pages = Pages([{"items": [item(1)], "next_page": "t1"}], repeat_last=True)
    assert collect_pages(pages, "items") == [item(1)]


def test_client_paginate_warns_through_its_callback_and_names_the_path():
    page = (200, {"items": [item(1)], "next_page": "same"}, None)
    warnings = []
    with ScriptedServer([page, page]) as server:
        assert client_for(server, warn=warnings.append).paginate("/list", "items") == [item(1)]
    assert len(server.received) == 2
    assert len(warnings) == 1 and "GET /list" in warnings[0]


def cut_short(items):
    listing = collect_pages(Pages([{"items": items, "next_page": "same"}], repeat_last=True), "items")
    assert not listing.complete
    return listing


def test_a_name_missing_from_a_cut_short_listing_is_an_error_not_an_absence():
    with pytest.raises(UsageError, match=r"No elasticsearch project is named 'p9' in a listing the API cut short \(it did "
                                         r"not follow the page cursor; 2 listed\), .* use the id instead of the name"):
        find_by_name(cut_short([item(1), item(2)]), "p9", "elasticsearch")


def test_a_name_found_in_a_cut_short_listing_is_found():
    assert find_by_name(cut_short([item(1), item(2)]), "n2", "elasticsearch") == item(2)


def test_a_complete_listing_without_the_name_is_an_absence():
    assert find_by_name(collect_pages(Pages([{"items": [item(1)]}]), "items"), "p9", "elasticsearch") is None


def test_a_traffic_filter_name_missing_from_a_cut_short_listing_is_an_error():
    class CutShort:
        def paginate(self, path, items_key, params=None):
            return cut_short([dict(item(1), region="aws-us-east-1")])

    with pytest.raises(UsageError, match="No traffic filter is named 'lab' in region aws-us-east-1 in a listing the API cut short"):
        find_traffic_filter(CutShort(), name="lab", region="aws-us-east-1")
