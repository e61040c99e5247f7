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

from cli.app import main
from cli.env import Environment

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

    def run(*args: str, stdin: bytes = b"", tty: bool = False, no_color: bool = True, width: int = 120) -> Result:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdout=out, stderr=err, stdin=io.BytesIO(stdin), stdout_isatty=tty,
            stderr_isatty=False, no_color=no_color, width=width,
        )
        code = main([str(a) for a in args], env=env)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def nlp():
    from extractors.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyze(nlp):
    """Analyse a text you write: returns the Report."""
    from extractors.analyze import analyze as run
    from extractors.article import article_from_text

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


@pytest.fixture(scope="session")
def server():
    """Base URL of a web server on 127.0.0.1 serving the pages above."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def user_agents():
    _Handler.user_agents.clear()
    return _Handler.user_agents
