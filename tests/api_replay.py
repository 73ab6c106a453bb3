"""A local stand-in for the scholarly APIs: an HTTP server on 127.0.0.1 that replays the
recorded replies in ``fixtures/apis/`` and remembers what it was asked.

The commands reach it through ``MKDOCS_RESEARCH_API_BASE``: ``https://api.crossref.org/x``
becomes ``{base}/api.crossref.org/x``.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

APIS = Path(__file__).parent / "fixtures" / "apis"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Hold the reply back until the test ends (a server that never answers).
    hang: bool = False


def fixture(name: str, status: int = 200, **headers: str) -> Reply:
    return Reply(status, (APIS / name).read_bytes(), headers)


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class ReplayServer:
    """Routes: (path, query items that must match; ``None`` for must be absent) → replies,
    given one after the other, the last one repeated."""

    def __init__(self) -> None:
        self.routes: list[tuple[str, dict[str, str | None], list[Reply]]] = []
        self.requests: list[Request] = []
        self.release = threading.Event()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                path = urllib.parse.unquote(parts.path)
                query = dict(urllib.parse.parse_qsl(parts.query))
                replay.requests.append(Request(path, query, dict(self.headers)))
                reply = replay.reply(path, query)
                if reply.hang:
                    replay.release.wait(10)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def route(self, path: str, *replies: Reply, **query: str | None) -> None:
        self.routes.append((path, query, list(replies)))

    def reply(self, path: str, query: dict[str, str]) -> Reply:
        for route_path, wanted, replies in self.routes:
            if route_path == path and all(query.get(k) == v for k, v in wanted.items()):
                return replies.pop(0) if len(replies) > 1 else replies[0]
        return Reply(404, b"not recorded: " + path.encode())

    def asked(self, host: str) -> list[Request]:
        return [r for r in self.requests if r.path.startswith(f"/{host}/")]

    def serve(self) -> Iterator[ReplayServer]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.release.set()
            self.server.shutdown()
            self.server.server_close()
