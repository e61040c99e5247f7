"""Shared fixtures: the CLI run in-process with an injected environment, the trained pipeline
loaded once, and a local web server on 127.0.0.1 for the URL path (tests never go online)."""
from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rashomon.cli.app import main
from rashomon.cli.env import Environment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "pmf-jurf-al-nasr-strike.txt"
TESSIT = EXAMPLES / "tessit-market-shelling.txt"
HARBOR = EXAMPLES / "harbor-raid.html"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def one(self) -> dict:
        (report,) = self.lines()
        return report


@pytest.fixture
def cli():
    """Run `rashomon ARGS` in-process; stdout is a pipe unless tty=True."""

    def run(*args: str, stdin: bytes = b"", tty: bool = False, no_color: bool = True, width: int | None = 120,
            **more) -> Result:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdout=out, stderr=err, stdin=io.BytesIO(stdin), stdout_isatty=tty,
            stderr_isatty=False, no_color=no_color, width=width, **more,
        )
        code = main([str(a) for a in args], env=env)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def nlp():
    from rashomon.extractors.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyze(nlp):
    """Analyse a text you write: returns the Report."""
    from rashomon.extractors.analyze import analyze as run
    from rashomon.extractors.articles import article_from_text

    def go(text: str, published: str | None = None):
        loaded = article_from_text(text, published=published)
        return run(loaded.article, nlp, input="test")

    return go


# --- a local web server ---------------------------------------------------------------

PAGES = {
    "/article.html": (200, "text/html; charset=utf-8", HARBOR.read_bytes()),
    "/plain.txt": (200, "text/plain; charset=utf-8", TESSIT.read_bytes()),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "/missing": (404, "text/html", b"<html><body>not found</body></html>"),
    "/broken": (500, "text/html", b"<html><body>server error</body></html>"),
    "/empty.html": (200, "text/html", b""),
    "/boilerplate.html": (200, "text/html", b"<html><body><nav>Home | World | Sport</nav><footer>(c) 2025</footer></body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        _Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(5)
        status, content_type, body = PAGES.get(self.path, PAGES["/missing"])
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output clean
        pass


def _serve(handler):
    """A web server on 127.0.0.1 in a thread: yields its base URL, then shuts it down."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def server():
    """Base URL of a web server on 127.0.0.1 serving the pages above."""
    yield from _serve(_Handler)


@pytest.fixture
def user_agents():
    _Handler.user_agents.clear()
    return _Handler.user_agents


# --- a hostile web server --------------------------------------------------------------------
# Separate from `server` above: it misbehaves in every way a news site can (hangs, drips, resets,
# loops, lies about types and charsets) and logs each request, with how many were in flight.

GZIPPED = __import__("gzip").compress(HARBOR.read_bytes())
CP1252_HTML = (
    "<html><head><title>Caf\xe9 shelled</title></head><body><article><p>The ministry said on Tuesday that the"
    " caf\xe9 in the old quarter had been shelled overnight and that \u201cat least four people\u201d were killed"
    " in the attack, according to officials in the capital.</p></article></body></html>"
).encode("cp1252")
META_1252_HTML = CP1252_HTML.replace(b"<head>", b'<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
BIG_TEXT = TESSIT.read_bytes() + b"\n" + b" " * 6_000_000  # past the 5,000,000-byte limit


class _HostileHandler(BaseHTTPRequestHandler):
    log: list[dict] = []
    active = 0
    max_active = 0
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 (http.server's naming)
        entry = {"path": self.path, "start": time.monotonic(), "user_agent": self.headers.get("User-Agent", "")}
        with _HostileHandler.lock:
            _HostileHandler.log.append(entry)
            _HostileHandler.active += 1
            _HostileHandler.max_active = max(_HostileHandler.max_active, _HostileHandler.active)
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should on a hang or a drip
        finally:
            with _HostileHandler.lock:
                _HostileHandler.active -= 1
            entry["end"] = time.monotonic()

    def route(self):
        path = self.path.split("?")[0]
        if path.startswith("/status/"):
            return self.send(int(path.rsplit("/", 1)[1]), "text/html", b"<html><body>status</body></html>")
        if path.startswith("/slow/"):  # an article that takes a while to come
            time.sleep(0.6)
            return self.send(200, "text/plain; charset=utf-8", TESSIT.read_bytes())
        if path.startswith("/article/"):
            return self.send(200, "text/html; charset=utf-8", HARBOR.read_bytes())
        if path == "/loop":
            return self.redirect("/loop")
        if path == "/redirect":
            return self.redirect("/article/moved.html")
        if path == "/redirect-ftp":
            return self.redirect("ftp://example.org/story.html")
        if path == "/redirect-file":
            return self.redirect("file:///etc/passwd")
        if path == "/hang":
            time.sleep(30)
            return None
        if path == "/drip":  # headers at once, then a byte every 0.1 s: no read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(600):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.1)
            return None
        if path == "/reset":  # close with a TCP reset before answering
            import socket
            import struct

            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return None
        if path == "/truncated":  # promises more than it sends
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(TESSIT.read_bytes()[:500])
            self.close_connection = True
            return None
        if path == "/gzip.html":
            return self.send(200, "text/html; charset=utf-8", GZIPPED, {"Content-Encoding": "gzip"})
        if path == "/cp1252.html":
            return self.send(200, "text/html; charset=windows-1252", CP1252_HTML)
        if path == "/meta-1252.html":
            return self.send(200, "text/html", META_1252_HTML)
        if path == "/no-type":
            return self.send(200, None, HARBOR.read_bytes())
        if path == "/big.txt":
            return self.send(200, "text/plain", BIG_TEXT)
        if path == "/report.pdf":
            return self.send(200, "application/pdf", b"%PDF-1.4\n" + b"0" * 5000)
        if path == "/photo.jpg":
            return self.send(200, "image/jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 5000)
        if path == "/plain.txt":
            return self.send(200, "text/plain; charset=utf-8", TESSIT.read_bytes())
        return self.send(404, "text/html", b"<html><body>not found</body></html>")

    def send(self, status, content_type, body, headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Web:
    def __init__(self, base: str) -> None:
        self.base = base

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def log(self) -> list[dict]:
        return _HostileHandler.log

    @property
    def max_active(self) -> int:
        return _HostileHandler.max_active


@pytest.fixture(scope="session")
def _hostile_server():
    yield from _serve(_HostileHandler)


@pytest.fixture
def web(_hostile_server):
    """The hostile server, its request log cleared for this test."""
    with _HostileHandler.lock:
        _HostileHandler.log.clear()
        _HostileHandler.max_active = 0
    return Web(_hostile_server)
