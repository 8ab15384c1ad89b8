"""A real HTTP server on loopback that answers from a script, for client tests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedServer:
    """Answers each request with the next scripted reply; records what it received.

    A reply is ``(status, body, headers)``; ``body`` may be a dict (sent as JSON),
    a str (sent as is) or None. A status of None closes the connection without an answer (a lost response).
    The last reply repeats once the script runs out.
    """

    def __init__(self, replies):
        self.replies = list(replies)
        self.received = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.received.append(
                    {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, payload, headers = server.replies.pop(0) if len(server.replies) > 1 else server.replies[0]
                if status is None:
                    self.close_connection = True
                    return
                if isinstance(payload, dict) or isinstance(payload, list):
                    data, content_type = json.dumps(payload).encode(), "application/json"
                else:
                    data, content_type = (payload or "").encode(), "text/html"
                self.send_response(status)
                self.send_header("Content-Type", (headers or {}).get("Content-Type", content_type))
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def methods(self):
        return [r["method"] for r in self.received]
