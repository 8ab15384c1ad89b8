# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The cadence of every wait on the API (private): projects' phases and deployments' plans."""

from __future__ import annotations

# Polling: the first read 1 s after a change, then 2, 4, and every 5 s: never more than one read per resource
# per second. Elastic's Terraform provider found that polling status every 200 ms "burns through the API rate
# limit" (which is per credential, shared by every task using the key) and slowed its project polling.
POLL_FIRST = 1.0
POLL_FACTOR = 2.0
POLL_MAX = 5.0


def poll_delays(first=POLL_FIRST, factor=POLL_FACTOR, maximum=POLL_MAX):
    delay = first
    while True:
        yield delay
        delay = min(maximum, delay * factor)
