"""Plans of deployment resources: every create or change starts a pending plan that becomes current.

A plan is pending for ``--plan-delay`` seconds of the emulator clock, then it either becomes the
resource's current plan or fails, leaving the current plan in place. Plans fail for what the real
platform refuses while applying them: a size the instance configuration does not offer, an instance
configuration the template does not have, a version downgrade, an upgrade the stack versions do not
allow, and a major upgrade without the rolling strategy grouped by ``__all__`` (the spec's
``RollingStrategyConfig``: "'__all__' is required when performing a major version upgrade").
"""

import copy
import secrets

from .. import clock
from . import deployment_templates, stack_versions

STEPS = ["plan-validator", "validate-plan-prerequisites", "allocate-instances", "wait-until-running",
         "apply-plan-settings", "plan-completed"]  # fmt: skip


def config_key(kind):
    """The plan's configuration object for a kind (``plan.elasticsearch``, ``plan.kibana``, ...)."""
    return kind


def plan_version(plan, kind):
    return (plan.get(config_key(kind)) or {}).get("version")


def running_version(resource):
    current = resource.get("current")
    return current["version"] if current else None


def _is_rolling_all(plan):
    strategy = (plan.get("transient") or {}).get("strategy") or {}
    return (strategy.get("rolling") or {}).get("group_by") == "__all__"


def _topology_failure(plan, template):
    for element in plan.get("cluster_topology", []):
        size = (element.get("size") or {}).get("value", 0)
        if not size:
            continue
        config_id = element.get("instance_configuration_id")
        config = deployment_templates.instance_configuration(template, config_id) if template else None
        if config is None:
            return f"Instance configuration [{config_id}] is not part of deployment template [{template and template['id']}]"
        allowed = config["discrete_sizes"]["sizes"]
        if size not in allowed:
            return f"Instance configuration [{config_id}] does not allow size [{size}]: allowed sizes are {allowed}"
    return None


def _version_failure(kind, old, new, plan):
    if old is None or old == new:
        return None
    if stack_versions.key(new) < stack_versions.key(old):
        return f"Version downgrades are not supported: cannot go from [{old}] to [{new}]"
    if new not in stack_versions.upgradable_to(old):
        return f"Version [{old}] cannot be upgraded to [{new}]"
    major = stack_versions.key(new)[0] > stack_versions.key(old)[0]
    if kind == "elasticsearch" and major and not _is_rolling_all(plan):
        return f"A major version upgrade from [{old}] to [{new}] needs the rolling strategy with group_by '__all__'"
    return None


def _kind_failure(kind, version):
    if kind == "enterprise_search" and not stack_versions.has_enterprise_search(version):
        return f"Enterprise Search is not available in version [{version}]: it does not exist from 9.0 on"
    return None


def start(resource, plan, version, template, delay, action, user_id, stops=False):
    """Make ``plan`` the resource's pending plan (replacing any pending one) and return it.

    A plan that ``stops`` the resource is its shutdown: once done, the resource is stopped and keeps its
    current plan, which a restore starts again; any other plan that succeeds (re)starts the resource.
    """
    now = clock.now()
    plan = copy.deepcopy(plan)
    plan.setdefault(config_key(resource["kind"]), {})["version"] = version
    failure = (_kind_failure(resource["kind"], version) or _topology_failure(plan, template)
               or _version_failure(resource["kind"], running_version(resource), version, plan))  # fmt: skip
    attempt = {
        "stops": stops,
        "attempt_id": secrets.token_hex(16),
        "number": resource.get("attempts", 0) + 1,
        "plan": plan,
        "version": version,
        "started": now,
        "ends": now + delay,
        "failure": failure,
        "action": action,
        "user_id": user_id,
    }
    resource["attempts"] = attempt["number"]
    resource["pending"] = attempt
    return attempt


def settle(resource, now):
    """Finish the resource's pending plan if its time has come; True if anything changed."""
    pending = resource.get("pending")
    if pending is None or pending["ends"] > now:
        return False
    resource["history"].append(pending)
    if pending["failure"] is None and pending.get("stops"):
        resource["stopped"] = True
    elif pending["failure"] is None:
        resource["current"] = pending
        resource["stopped"] = False
    resource["pending"] = None
    return True


def start_shutdown(resource, delay, action, user_id):
    """Start the plan that stops the resource: its latest plan with no instance left in its topology."""
    latest = resource.get("current") or resource.get("pending")
    if latest is None:  # its first plan was cancelled: nothing runs, nothing to stop
        resource["stopped"] = True
        return None
    plan = copy.deepcopy(latest["plan"])
    for element in plan.get("cluster_topology", []):
        element["size"] = {**(element.get("size") or {"resource": "memory"}), "value": 0}
    return start(resource, plan, latest["version"], None, delay, action, user_id, stops=True)


def is_stopping(resource):
    return bool((resource.get("pending") or {}).get("stops"))


def cancel(resource):
    """Drop the pending plan: it goes to the history as a failed attempt."""
    pending = resource["pending"]
    pending["failure"] = "The plan was cancelled"
    pending["failure_type"] = "cancelled"
    pending["ends"] = clock.now()
    resource["history"].append(pending)
    resource["pending"] = None


def last_failed(resource):
    history = resource.get("history") or []
    return bool(history) and history[-1]["failure"] is not None


def _log(timestamp, stage, message, failure_type=None):
    entry = {"timestamp": clock.iso(timestamp), "stage": stage, "message": message, "details": {}}
    if failure_type:
        entry["failure_type"] = failure_type
    return entry


def _step(step_id, started, ended, status, message, failure_type=None):
    step = {
        "step_id": step_id,
        "started": clock.iso(started),
        "status": status,
        "stage": "in_progress" if status == "pending" else "completed",
        "info_log": [_log(ended if ended else started, "completed" if ended else "in_progress", message, failure_type)],
    }
    if ended is not None:
        step["completed"] = clock.iso(ended)
        step["duration_in_millis"] = int((ended - started) * 1000)
    return step


def steps(attempt, now):
    """The attempt's plan log as of ``now``."""
    start, end = attempt["started"], attempt["ends"]
    if attempt["failure"] is not None and end <= now:
        failure_type = attempt.get("failure_type", "ClusterFailure:PlanValidationFailed")
        return [
            _step(STEPS[0], start, start, "success", "Validating the plan"),
            _step(STEPS[1], start, end, "error", attempt["failure"], failure_type),
            _step(STEPS[-1], end, end, "error", f"Plan change failed: {attempt['failure']}", failure_type),
        ]
    span = max(end - start, 1e-9)
    done = len(STEPS) if end <= now else min(int((now - start) / span * (len(STEPS) - 1)), len(STEPS) - 1)
    log = []
    for index, step_id in enumerate(STEPS):
        at = start + span * index / (len(STEPS) - 1)
        if index < done:
            log.append(_step(step_id, at, at, "success", f"Step [{step_id}] completed"))
        else:
            log.append(_step(step_id, at, None, "pending", f"Step [{step_id}] is running"))
            break
    return log


def plan_info(attempt, now, show_logs, clear_transient):
    """One attempt in the shape of ``ElasticsearchClusterPlanInfo`` (and its siblings)."""
    finished = attempt["ends"] <= now
    plan = copy.deepcopy(attempt["plan"])
    if clear_transient:
        plan.pop("transient", None)
    info = {
        "plan_attempt_id": attempt["attempt_id"],
        "plan_attempt_name": f"attempt-{attempt['number'] - 1:010d}",
        "healthy": attempt["failure"] is None,
        "attempt_start_time": clock.iso(attempt["started"]),
        "plan": plan,
        "plan_attempt_log": steps(attempt, now) if show_logs else [],
        "source": {
            "facilitator": "adminconsole",
            "action": attempt["action"],
            "date": clock.iso(attempt["started"]),
            "user_id": attempt["user_id"],
        },
        "warnings": [],
    }
    if finished:
        info["attempt_end_time"] = info["plan_end_time"] = clock.iso(attempt["ends"])
    if finished and attempt["failure"] is not None:
        info["error"] = {
            "timestamp": clock.iso(attempt["ends"]),
            "message": attempt["failure"],
            "details": {},
            "failure_type": attempt.get("failure_type", "ClusterFailure:PlanValidationFailed"),
        }
    return info


def plans_info(resource, now, show_plans=True, show_logs=False, show_history=False, clear_transient=False):
    """``plan_info`` of a resource: current, pending and (on request) history."""
    info = {"healthy": not last_failed(resource), "history": []}
    if not show_plans:
        return info
    if resource.get("current"):
        info["current"] = plan_info(resource["current"], now, show_logs, clear_transient)
    if resource.get("pending"):
        info["pending"] = plan_info(resource["pending"], now, show_logs, clear_transient)
    if show_history:
        info["history"] = [plan_info(attempt, now, show_logs, clear_transient) for attempt in resource["history"]]
    return info
