# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The option of the modules that act on one organization, the caller's unless named.
    DOCUMENTATION = r"""
options:
  organization_id:
    description:
      - The organization. Left out, the organization the caller belongs to, as C(GET /api/v1/organizations) lists
        it. Elastic Cloud users belong to one organization at a time; should the list hold several, the module
        fails naming them, and this option chooses.
    type: str
"""
