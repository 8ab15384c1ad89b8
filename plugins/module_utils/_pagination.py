# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Following ``next_page`` through a list endpoint without trusting it to end (private).

The serverless spec marks ``next_page`` deprecated in every project list and no request parameter
accepts it, so the real API may ignore the cursor sent back. Elastic's own sweeper in
terraform-provider-ec guards against an API that "keeps returning the same next_page token or
ignores the query parameter"; so does this: a repeated token, a page of items already seen, or
MAX_PAGES pages end the listing, with a warning that it may be incomplete.
"""

from __future__ import annotations

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import UsageError

# Far beyond any real listing (pages hold up to 100 items), small enough that a cursor loop ends quickly.
MAX_PAGES = 1000


class Listing(list):
    """The items of a listing; ``complete`` is False when it had to stop before the API said it ended."""

    complete = True


def collect_pages(fetch_page, items_key, params=None, warn=None, max_pages=MAX_PAGES, what="the list"):
    """Every item of a paginated listing, each ``id`` once; ``fetch_page(params)`` returns a page's JSON.

    Stops at the last page, or early (``warn`` told why) when the API repeats a token, sends only
    items already seen, or still has pages after ``max_pages``.
    """
    params = dict(params or {})
    listing, seen_ids, sent_tokens = Listing(), set(), set()
    for _page in range(max_pages):
        page = fetch_page(dict(params)) or {}
        fresh = _unseen(page.get(items_key) or [], seen_ids)
        listing.extend(fresh)
        token = page.get("next_page")
        if not token:
            return listing
        if token in sent_tokens:
            return _stopped(listing, warn, what, "the API sent the same next_page token again")
        if page.get(items_key) and not fresh:
            return _stopped(listing, warn, what, "the API sent a page of items already listed")
        sent_tokens.add(token)
        params["next_page"] = token
    return _stopped(listing, warn, what, "the API still had pages after %d" % max_pages)


def _unseen(items, seen_ids):
    """The items whose ``id`` is not in ``seen_ids`` (which they join); items without an id all count."""
    fresh = []
    for item in items:
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id is not None:
            if item_id in seen_ids:
                continue
            seen_ids.add(item_id)
        fresh.append(item)
    return fresh


def _stopped(listing, warn, what, reason):
    listing.complete = False
    if warn:
        warn(
            "Listing %s stopped after %d items: %s (it may ignore the page cursor), so the list may be incomplete "
            "and a name looked up in it may exist beyond it; use ids where you can" % (what, len(listing), reason)
        )
    return listing


def check_found_or_complete(listing, not_found):
    """A UsageError when a lookup in ``listing`` found nothing but the listing was cut short.

    What was looked for may lie beyond the items listed: acting on its absence could create a
    second one, or report one still there as gone.
    """
    if not getattr(listing, "complete", True):
        raise UsageError(
            "%s in a listing the API cut short (it did not follow the page cursor; %d listed), so one may exist "
            "beyond it: nothing was changed; use the id instead of the name" % (not_found, len(listing))
        )
