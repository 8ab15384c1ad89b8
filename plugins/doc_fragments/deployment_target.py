# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The options of the modules that act on one Elasticsearch resource of one hosted deployment.
    DOCUMENTATION = r"""
options:
  deployment_id:
    description:
      - ID of the deployment. One of O(deployment_id) or O(deployment_name) is required.
    type: str
  deployment_name:
    description:
      - Exact name of the deployment, used when O(deployment_id) is not given. Two deployments of this name is a
        failure that names both IDs.
    type: str
  ref_id:
    description:
      - Reference of the deployment's Elasticsearch resource, such as V(main-elasticsearch).
      - If not set, the deployment's only Elasticsearch resource (a deployment with several is a failure that
        names them).
    type: str
"""
