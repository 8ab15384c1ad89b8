"""Write each task's wall time to $TASK_TIMER_FILE, one JSON line per task (benchmark use only)."""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: task_timer
type: aggregate
short_description: record task durations for the benchmark
description: Appends {"task", "seconds"} lines to the file named by TASK_TIMER_FILE.
requirements: []
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.started = None
        self.name = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._flush()
        self.started, self.name = time.monotonic(), task.get_name()

    def v2_playbook_on_stats(self, stats):
        self._flush()

    def _flush(self):
        if self.started is None:
            return
        with open(os.environ["TASK_TIMER_FILE"], "a") as handle:
            handle.write(json.dumps({"task": self.name, "seconds": time.monotonic() - self.started}) + "\n")
        self.started = None
