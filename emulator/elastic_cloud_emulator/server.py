"""HTTP plumbing: a stdlib ThreadingHTTPServer in front of :class:`EmulatorApp`."""

import json
import os
import socket
import struct
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .app import EmulatorApp
from .auth import auth_scheme
from .faults import HOLD_LIMIT
from .hooks import handle_hook
from .journal import journal_body

HOOK_PREFIX = "/_emulator/"


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API
    server_version = "ElasticCloudEmulator/1.0"
    sys_version = ""

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def __getattr__(self, name):
        # Any other method (TRACE, CONNECT, made-up ones) goes through the router too, which answers 405
        # in the vendor's error format where the stdlib would send an HTML 501 page.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's algorithm
        # and delayed ACKs add ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass  # the journal is the log

    @property
    def app(self):
        return self.server.app

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # skip trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()  # CRLF after each chunk

    def _serve(self):
        url = urlsplit(self.path)
        raw_body = self._read_body()
        if url.path.startswith(HOOK_PREFIX):
            self._send(handle_hook(self.app, self.command, url.path, raw_body))
            return
        self._serve_api(url.path, url.query, raw_body)

    def _serve_api(self, path, raw_query, raw_body):
        fault = self.app.faults.take(self.command, path)
        action = fault.action if fault else None

        def record(status):
            scheme = auth_scheme(self.headers.get("Authorization"))
            body = journal_body(self.command, path, raw_body)
            self.app.journal.record(self.command, path, raw_query, status, action, scheme, body)

        if action == "reset":
            record(None)
            self._abort()
            return
        if action == "hold":
            held = self.app.faults.hold(fault)
            held.released.wait(HOLD_LIMIT)
            if held.abandoned:
                record(None)
                self._abort()
                return
        else:
            self.app.faults.arrived()
        if action == "delay":
            time.sleep(fault.seconds)
        if action == "status":
            reply = fault.reply()
        else:
            reply = self.app.handle_api(self.command, path, raw_query, self.headers, raw_body)
        if action == "hold":
            held.committed.set()
        record(reply.status)
        if action == "drop_after_commit":
            self._abort()
            return
        self._send(reply)

    def _send(self, reply):
        if reply.content_type:
            payload = (reply.body or "").encode()
        else:
            payload = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        if reply.body is not None:
            self.send_header("Content-Type", reply.content_type or "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, str(value))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a held or delayed request)

    def _abort(self):
        """Close the connection with a TCP reset and no response at all."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default of 5 resets bursts of concurrent clients

    def __init__(self, settings):
        self.settings = settings
        self.app = EmulatorApp(settings)
        super().__init__((settings.host, settings.port), RequestHandler)
        if settings.tls:
            from .tls import server_context

            context = server_context(settings.host, settings.cert_file)
            # Handshake lazily in the worker thread, not in the accept loop.
            self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    @property
    def url(self):
        host, port = self.server_address[:2]
        return f"{'https' if self.settings.tls else 'http'}://{host}:{port}"

    def announce(self):
        """Publish the bound port (atomically) and the banner line, now that we listen."""
        if self.settings.port_file:
            partial = f"{self.settings.port_file}.{os.getpid()}.tmp"
            with open(partial, "w", encoding="utf-8") as handle:
                handle.write(str(self.server_address[1]))
            os.replace(partial, self.settings.port_file)
        print(f"Elastic Cloud API emulator listening on {self.url}", flush=True)
        sys.stdout.flush()

    def server_close(self):
        super().server_close()
        self.app.store.close()
