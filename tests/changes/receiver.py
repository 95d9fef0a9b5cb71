"""A webhook receiver for tests: a real HTTP server on 127.0.0.1 in a thread, answering 500 to the first POST of
each delivery (a simulated failure) and 200 after, and keeping every request it got."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int


@dataclass
class Receiver:
    url: str
    fail_first: bool = True
    requests: list[Received] = field(default_factory=list)

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.requests if r.answered == 200]


@contextmanager
def receiver(*, fail_first: bool = True):
    state: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            delivery = self.headers.get("X-Jiuzhu-Delivery")
            seen = any(r.headers.get("X-Jiuzhu-Delivery") == delivery for r in state.requests)
            code = 500 if state.fail_first and not seen else 200
            state.requests.append(Received(self.path, dict(self.headers), body, code))
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hooks/jiuzhu", fail_first=fail_first)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
