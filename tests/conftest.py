"""Shared fixtures: a throw-away project folder, the repository's sample content, the shared data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ISSUE_FILES = ["digest.json", "email.html", "email.txt", "index.html", "message.eml"]


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (evaluation data, used by path, never copied)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA


def make_project(folder: Path) -> Path:
    """Fill folder with the repository's config, templates and sample content."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the repository's config, templates and sample content."""
    return make_project(tmp_path)


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project folder with templates and an empty content folder."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "content").mkdir()
    return tmp_path


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CANIEMAIL = REPO.parent / "shared" / "data" / "caniemail"
BBC = SHARED_DATA / "bbc-news-summary-dev.jsonl"


@pytest.fixture
def caniemail() -> Path:
    """../shared/data/caniemail (caniemail's support tables, read by path, never copied)."""
    if not CANIEMAIL.is_dir():
        pytest.skip("../shared/data/caniemail is not beside the repository")
    return CANIEMAIL


def write_bbc_articles(content: Path, count: int) -> list[str]:
    """Write `count` real BBC articles (from ../shared/data, by path) into content/ as Markdown.

    Dates are 8 days apart, so no two articles are told as one story: `count` stories.
    Returns the articles' URLs. Skips the test when the data is not there.
    """
    import datetime as dt
    import json

    if not BBC.is_file():
        pytest.skip("../shared/data/bbc-news-summary-dev.jsonl is not beside the repository")
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_category: dict[str, list[dict]] = {}
    for row in rows:
        by_category.setdefault(row["category"], []).append(row)
    chosen = [row for group in zip(*by_category.values()) for row in group][:count]  # categories in turn
    content.mkdir(parents=True, exist_ok=True)
    urls = []
    for number, row in enumerate(chosen):
        date = dt.date(2005, 1, 1) + dt.timedelta(days=8 * number)
        url = f"https://www.example.com/bbc/{row['id']}"
        urls.append(url)
        write(content / f"{row['id']}.md",
              f"---\ntitle: {json.dumps(row['title'])}\nsource: BBC News\nurl: {url}\ndate: {date}\n---\n{row['text']}\n")
    return urls


def make_big_project(folder: Path, stories: int = 20, config: str = "") -> Path:
    """A project folder with the repository's templates and `stories` BBC articles, one story each."""
    shutil.copytree(REPO / "templates", folder / "templates")
    write_bbc_articles(folder / "content", stories)
    write(folder / "config.toml", config)
    return folder
def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `python -m newsletter` child: this repository's package first on the path."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m newsletter ARGS` in cwd and wait for it."""
    return subprocess.run([sys.executable, "-m", "newsletter", *args], cwd=cwd, capture_output=True, text=True,
                          env=cli_env(**env), timeout=120)


def add_article(project: Path, name: str, title: str, text: str, date: str = "2024-10-23",
                source: str = "Harbour Gazette") -> Path:
    """Write a small Markdown article into the project's content folder."""
    return write(project / "content" / name, f"---\ntitle: {title}\nsource: {source}\ndate: {date}\n---\n{text}\n")


def check_consistent(project) -> list[int]:
    """State and output agree: every published issue has its folder and archive entry, nothing else, no item twice."""
    import sqlite3

    import feedparser

    out = project / "out"
    with sqlite3.connect(project / "out.state.db") as connection:
        numbers = [n for (n,) in connection.execute("SELECT number FROM issues ORDER BY number")]
        twice = connection.execute("SELECT item FROM issue_items GROUP BY item HAVING COUNT(*) > 1").fetchall()
        orphans = connection.execute("SELECT id FROM items WHERE id NOT IN (SELECT item FROM issue_items)").fetchall()
    assert numbers == list(range(1, len(numbers) + 1))
    assert twice == [] and orphans == []
    assert sorted(p.name for p in (out / "issues").iterdir()) == [f"{n:04d}" for n in numbers]  # no leftovers
    for number in numbers:
        assert sorted(p.name for p in (out / "issues" / f"{number:04d}").iterdir()) == ISSUE_FILES
    index = (out / "index.html").read_text()
    assert [n for n in numbers if f'href="issues/{n:04d}/"' in index] == numbers
    feed = feedparser.parse(out / "feed.xml")
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [f"issues/{n:04d}/" for n in reversed(numbers)]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    return numbers


# --- a real HTTP server on loopback, serving the fixture feeds and pages ----------------------------------------

FEEDS = REPO / "tests" / "data" / "feeds"


class FeedServer:
    """A real HTTP server on 127.0.0.1 serving a copy of tests/data/feeds/ ({base} filled in), recording requests.

    Files are served with an ETag and a Last-Modified, and answered 304 to a matching conditional
    request. Paths with a behaviour: /moved.xml (301 to /rss.xml), /loop.xml (302 to itself),
    /slow.xml (answers only after `slow_seconds`), /huge.xml (a body of `huge_bytes`, no Content-Length),
    /huge-declared.xml (the same with its Content-Length), /flaky.xml (503 for the first `flaky_failures`
    requests, then /rss.xml), /plain.xml (/rss.xml without validators). Anything else missing is a 404.
    """

    def __init__(self, folder: Path):
        import threading
        from http.server import ThreadingHTTPServer

        self.folder = folder
        self.requests: list[dict] = []
        self.slow_seconds = 5.0
        self.huge_bytes = 2_000_000
        self.flaky_failures = 1
        self.released = threading.Event()  # ends slow answers early at shutdown
        self.in_flight = 0  # requests being answered now
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        shutil.copytree(FEEDS, folder)
        for path in folder.rglob("*"):
            if path.is_file():
                path.write_text(path.read_text(encoding="utf-8").replace("{base}", self.base), encoding="utf-8")
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), name="feed-server", daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base + path

    def write(self, path: str, text: str) -> None:
        """Serve new content at path ({base} filled in)."""
        write(self.folder / path.lstrip("/"), text.replace("{base}", self.base))

    def read(self, path: str) -> str:
        """The text served at path."""
        return (self.folder / path.lstrip("/")).read_text(encoding="utf-8")

    def record(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def requests_for(self, path: str) -> list[dict]:
        """The requests of a path (query string ignored), in order: method, path, headers, status."""
        with self._lock:
            return [r for r in self.requests if r["path"].split("?")[0] == path]

    def close(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _handler_for(server: FeedServer):
    import hashlib
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self.entry = {"method": "GET", "path": self.path, "headers": dict(self.headers), "status": None}
            server.record(self.entry)  # on arrival, so a request the client gave up on is counted too
            server.enter()
            try:
                self._answer(self.path.split("?")[0])
            except OSError:  # the client went away (a timeout, a size limit): that is what the test wanted
                pass
            finally:
                server.leave()

        def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> int:
            self.entry["status"] = status  # before the answer leaves: the client may look as soon as it has it
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
            return status

        def _answer(self, path: str) -> int:
            if path == "/moved.xml":
                return self._send(301, headers={"Location": "/rss.xml"})
            if path == "/loop.xml":
                return self._send(302, headers={"Location": "/loop.xml"})
            if path == "/slow.xml":
                server.released.wait(server.slow_seconds)
                return self._send_file("/rss.xml")
            if path in ("/huge.xml", "/huge-declared.xml"):
                return self._send_huge(declared=path == "/huge-declared.xml")
            if path == "/flaky.xml":
                if len(server.requests_for("/flaky.xml")) <= server.flaky_failures:
                    return self._send(503, b"try later")
                return self._send_file("/rss.xml")
            if path == "/plain.xml":
                return self._send_file("/rss.xml", validators=False)
            return self._send_file(path)

        def _send_file(self, path: str, validators: bool = True) -> int:
            file = (server.folder / path.lstrip("/")).resolve()
            if not file.is_file() or server.folder.resolve() not in file.parents:
                return self._send(404, b"not found")
            body = file.read_bytes()
            kind = "text/html; charset=utf-8" if file.suffix == ".html" else "application/xml"
            if not validators:
                return self._send(200, body, {"Content-Type": kind})
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = "Tue, 22 Oct 2024 06:00:00 GMT"
            headers = {"Content-Type": kind, "ETag": etag, "Last-Modified": modified}
            match = self.headers.get("If-None-Match")
            if match == etag or (match is None and self.headers.get("If-Modified-Since") == modified):
                return self._send(304, headers={"ETag": etag})
            return self._send(200, body, headers)

        def _send_huge(self, declared: bool) -> int:
            self.entry["status"] = 200
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            if declared:
                self.send_header("Content-Length", str(server.huge_bytes))
            self.end_headers()
            chunk = b"<!-- " + b"x" * 8180 + b" -->\n"
            for _ in range(server.huge_bytes // len(chunk)):
                self.wfile.write(chunk)
            self.close_connection = True
            return 200

    return Handler


@pytest.fixture
def feed_server(tmp_path: Path):
    """A FeedServer on 127.0.0.1, stopped after the test."""
    server = FeedServer(tmp_path / "served")
    try:
        yield server
    finally:
        server.close()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium driven by Playwright (skipped when not installed, an error on CI)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run should install it)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic", "--font-render-hinting=none"],
        )
        yield browser
        browser.close()


# --- delivery: a real SMTP server (aiosmtpd) on loopback -----------------------------------------------------

SECRET = "test-secret-0123456789abcdef"  # NEWSLETTER_SECRET of the delivery tests


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts, and refuses on cue.

    reject: address -> a reply to RCPT TO (e.g. "550 5.1.1 No such user"); defer_once: address -> a
    reply to its first DATA (e.g. "451 4.3.0 Try again"); refuse_data: a reply to every DATA (e.g.
    "554 5.7.1 Rejected as spam"); on_data(count): called (in the server's thread, so it may block)
    before the count-th message is accepted.
    """

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.accepted: list[tuple[str, tuple[str, ...], bytes]] = []
        self.reject: dict[str, str] = {}
        self.defer_once: dict[str, str] = {}
        self.refuse_data: str | None = None
        self.on_data = None
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address.lower() in self.reject:
            return self.reject[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        first = envelope.rcpt_tos[0].lower()
        if first in self.defer_once:
            return self.defer_once.pop(first)
        if self.refuse_data:
            return self.refuse_data
        if self.on_data is not None:
            self.on_data(len(self.accepted) + 1)
        with self.lock:
            self.accepted.append((envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK: queued"

    def messages(self) -> list:
        """The accepted messages, parsed (email.policy.default)."""
        from email import policy
        from email.parser import BytesParser

        with self.lock:
            raw = [data for _from, _to, data in self.accepted]
        return [BytesParser(policy=policy.default).parsebytes(data) for data in raw]

    def recipients(self) -> list[str]:
        """The envelope recipient of every accepted message, in order."""
        with self.lock:
            return [to for _from, tos, _data in self.accepted for to in tos]


def start_mailbox(mailbox: Mailbox, **server_options):
    """Start an aiosmtpd Controller for mailbox on 127.0.0.1 (a free port, in mailbox.port); returns the controller."""
    from aiosmtpd.controller import Controller

    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port, **server_options)
    controller.start()
    return controller


@pytest.fixture
def mailbox():
    """A real SMTP server on loopback that records what it accepts (see Mailbox)."""
    box = Mailbox()
    controller = start_mailbox(box)
    try:
        yield box
    finally:
        controller.stop()


def delivery_settings(smtp_port: int, public_url: str = "http://127.0.0.1:9/news", **smtp: object) -> str:
    """The [smtp] and [serve] tables of a config that sends to a local server, fast retries."""
    options = {"host": "127.0.0.1", "port": smtp_port, "security": "none", "retries": 3,
               "retry_base_seconds": 0.01, "timeout_seconds": 10, **smtp}
    lines = ["", "[smtp]", *(f"{key} = {_toml(value)}" for key, value in options.items()),
             "", "[serve]", f"public_url = {_toml(public_url)}", ""]
    return "\n".join(lines)


def _toml(value: object) -> str:
    import json

    return json.dumps(value) if not isinstance(value, bool) else str(value).lower()


def delivery_project(folder: Path, smtp_port: int, people: list[tuple[str, str]] | int = 3,
                     public_url: str = "http://127.0.0.1:9/news", **smtp: object) -> Path:
    """A project that sends to a local server, with issue 1 built and `people` (or N generated) subscribers imported."""
    import csv
    import io

    make_project(folder)
    with open(folder / "config.toml", "a", encoding="utf-8") as config:
        config.write(delivery_settings(smtp_port, public_url, **smtp))
    built = run_cli("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    if isinstance(people, int):
        people = [(f"reader{n:05d}@example.org", f"Reader {n}") for n in range(1, people + 1)]
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["email", "name"])
    writer.writerows(people)
    write(folder / "subscribers.csv", table.getvalue())
    imported = run_cli("subscribers", "import", "subscribers.csv", cwd=folder)
    assert imported.returncode == 0, imported.stderr
    return folder
