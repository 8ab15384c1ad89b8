"""In-memory record of the API requests served, for test assertions."""

import threading


class Journal:
    def __init__(self):
        self._entries = []
        self._lock = threading.Lock()

    def record(self, method, path, query, status, fault=None, auth=None):
        entry = {"method": method, "path": path, "query": query, "status": status, "fault": fault, "auth": auth}
        with self._lock:
            self._entries.append(entry)

    def entries(self):
        with self._lock:
            return list(self._entries)

    def clear(self):
        with self._lock:
            self._entries.clear()
