"""SQLite-backed document store.

Every resource (project, API key, comment, ...) is one JSON document identified by
``(kind, id)`` and tagged with the organization and user owning it.  One connection
is shared by all request threads and guarded by a re-entrant lock; each API request
runs inside one transaction, so concurrent writers never interleave or lose updates.
"""

import json
import sqlite3
import threading
from contextlib import contextmanager

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    org TEXT,
    owner TEXT,
    lookup TEXT,
    body TEXT NOT NULL,
    UNIQUE (kind, id)
);
CREATE INDEX IF NOT EXISTS documents_lookup ON documents (kind, lookup);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Store:
    def __init__(self, path=None):
        self._conn = sqlite3.connect(path or ":memory:", check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL" if path else "PRAGMA journal_mode=MEMORY")
        self._conn.executescript(SCHEMA)
        self._lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def transaction(self):
        """Atomic unit of work; nested calls join the outermost transaction."""
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outermost:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outermost:
                self._conn.execute("COMMIT")

    def _query(self, sql, params=()):
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def get(self, kind, doc_id, org=None):
        """The document, or None; with ``org``, only if that organization owns it."""
        sql, params = "SELECT body FROM documents WHERE kind = ? AND id = ?", [kind, doc_id]
        if org is not None:
            sql += " AND org = ?"
            params.append(org)
        rows = self._query(sql, params)
        return json.loads(rows[0][0]) if rows else None

    def find(self, kind, lookup):
        rows = self._query("SELECT body FROM documents WHERE kind = ? AND lookup = ?", (kind, lookup))
        return json.loads(rows[0][0]) if rows else None

    def insert(self, kind, doc_id, body, org=None, owner=None, lookup=None):
        self._query(
            "INSERT INTO documents (kind, id, org, owner, lookup, body) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, doc_id, org, owner, lookup, json.dumps(body)),
        )

    def update(self, kind, doc_id, body):
        self._query("UPDATE documents SET body = ? WHERE kind = ? AND id = ?", (json.dumps(body), kind, doc_id))

    def delete(self, kind, doc_id):
        with self._lock:
            return self._conn.execute("DELETE FROM documents WHERE kind = ? AND id = ?", (kind, doc_id)).rowcount > 0

    def list(self, kind, org=None, owner=None, after=0):
        """Documents of a kind in creation order, as ``(seq, body)`` pairs."""
        sql = "SELECT seq, body FROM documents WHERE kind = ? AND seq > ?"
        params = [kind, after]
        if org is not None:
            sql += " AND org = ?"
            params.append(org)
        if owner is not None:
            sql += " AND owner = ?"
            params.append(owner)
        rows = self._query(sql + " ORDER BY seq", params)
        return [(seq, json.loads(body)) for seq, body in rows]

    def clear(self):
        self._query("DELETE FROM documents")

    def meta_get(self, key):
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def meta_set(self, key, value):
        self._query("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def close(self):
        with self._lock:
            self._conn.close()
