# -*- coding: utf-8 -*-
# Copyright (c) 2026, elastic_cloud.cloud contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Following the plans of a deployment (private): bounded waits, and the outcome of the plans a change started."""

from __future__ import annotations

import time

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_api import (
    DeploymentError,
    pending_plans,
    plan_info,
    read_deployment,
    resources,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._polling import POLL_FIRST, poll_delays

# A plan is done when no resource has a pending plan on this many reads in a row: the API may show a resource
# between the end of one plan and the start of the next one it queued (terraform-provider-ec waits likewise).
QUIET_READS = 2


def latest_attempts(deployment):
    """``{(kind, ref_id): plan_attempt_id}`` of each resource's newest attempt (pending, else the last ended)."""
    attempts = {}
    for kind, resource in resources(deployment):
        info = plan_info(resource)
        newest = info.get("pending") or ((info.get("history") or [None])[-1]) or info.get("current") or {}
        attempts[(kind, resource.get("ref_id"))] = newest.get("plan_attempt_id")
    return attempts


def last_log_line(attempt):
    """``step: message`` of the newest entry of an attempt's log, or None when it has none."""
    steps = (attempt or {}).get("plan_attempt_log") or []
    for step in reversed(steps):
        entries = step.get("info_log") or []
        if entries:
            return "%s: %s" % (step.get("step_id"), entries[-1].get("message"))
    return None


def failed_plans(deployment, before):
    """``(kind, ref_id, message)`` of each plan that ended in error since ``before`` (see latest_attempts)."""
    failed = []
    for kind, resource in resources(deployment):
        history = plan_info(resource).get("history") or []
        newest = history[-1] if history else None
        if not newest or not newest.get("error"):
            continue
        if newest.get("plan_attempt_id") == before.get((kind, resource.get("ref_id"))):
            continue  # failed before this change: not this task's outcome
        message = newest["error"].get("message") or last_log_line(newest)
        failed.append((kind, resource.get("ref_id"), message))
    return failed


def plan_outcome(deployment, before):
    """The ``plan`` return value: the outcome of the plans started since ``before`` (see latest_attempts) and, per
    resource whose plan was started, the status of its newest attempt (with its last log line, when it has one)."""
    started = []
    for kind, resource in resources(deployment):
        info = plan_info(resource)
        newest = info.get("pending") or ((info.get("history") or [None])[-1]) or info.get("current")
        if not newest or newest.get("plan_attempt_id") == before.get((kind, resource.get("ref_id"))):
            continue
        status = "pending" if info.get("pending") else ("error" if newest.get("error") else "success")
        message = (newest.get("error") or {}).get("message") if status == "error" else None
        started.append({"kind": kind, "ref_id": resource.get("ref_id"), "status": status,
                        "message": message or last_log_line(newest)})  # fmt: skip
    statuses = {entry["status"] for entry in started}
    outcome = "none" if not started else "pending" if "pending" in statuses else "failed" if "error" in statuses else "success"
    return {"outcome": outcome, "resources": started}


NO_PLAN = {"outcome": "none", "resources": []}


def describe(deployment):
    return "%s (%s)" % (deployment.get("name"), deployment.get("id"))


def wait_for_plans(client, deployment_id, before, timeout, sleep=time.sleep, clock=time.monotonic, after_change=True):
    """Wait until no plan of the deployment is pending; return it, read with its plan history.

    ``before`` (see latest_attempts) tells the plans this change started from older ones: one of those that
    ended in error is a DeploymentError with its last message. Bounded by ``timeout`` seconds: then a
    DeploymentError names the pending plans and their last log line. After a change the first read waits
    POLL_FIRST (a plan is never done at once); reads back off to POLL_MAX, never more than one a second.
    """
    deadline = clock() + timeout
    delays = poll_delays()
    quiet = 0
    if after_change:
        sleep(min(next(delays), timeout))
    while True:
        deployment = read_deployment(client, deployment_id)
        if deployment is None:
            raise DeploymentError("Deployment %s disappeared while waiting for its plans" % deployment_id)
        quiet = quiet + 1 if not pending_plans(deployment) else 0
        if quiet >= QUIET_READS:
            break
        remaining = deadline - clock()
        if remaining <= 0:
            message, late = timeout_message(client, deployment_id, timeout)
            raise DeploymentError(message, {"deployment": {"id": deployment_id}, "plan": plan_outcome(late, before)})
        # The confirming read comes soon; otherwise back off. Never sooner than POLL_FIRST, even near the deadline.
        delay = POLL_FIRST if quiet else next(delays)
        sleep(max(POLL_FIRST, min(delay, remaining)))
    final = read_deployment(client, deployment_id, history=True)
    failed = failed_plans(final, before)
    if failed:
        raise DeploymentError(
            "The plan of deployment %s failed: %s" % (describe(final), "; ".join(
                "%s %s: %s" % (kind, ref_id, message) for kind, ref_id, message in failed)),
            {"deployment": {"id": deployment_id}, "plan": plan_outcome(final, before)},
        )  # fmt: skip
    return final


def timeout_message(client, deployment_id, timeout):
    """``(message, deployment)``: which plans are still pending, with their last log line (one more read, with the
    logs), and the deployment as that read found it."""
    deployment = read_deployment(client, deployment_id, history=True) or {"id": deployment_id}
    pending = [
        "%s %s (%s)" % (kind, resource.get("ref_id"), last_log_line(plan_info(resource)["pending"]) or "no log yet")
        for kind, resource in pending_plans(deployment)
    ]
    return (
        "Timed out after %g seconds waiting for the plan of deployment %s; still pending: %s. The plan keeps running "
        "on the server: run the task again to resume waiting, or raise wait_timeout"
        % (timeout, describe(deployment), ", ".join(pending) or "none at the last read"),
        deployment,
    )
