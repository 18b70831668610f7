"""newsletter preview: the live web app of the next issue, against a real server and real headless Chromium."""

import contextlib
import datetime as dt
import http.client
import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsletter.build import publish
from newsletter.config import load_config
from newsletter.preview import Preview, bind, is_loopback, resolve_inside, serve, snapshot, watch
from tests.conftest import add_article, cli_env, write

FIRST = dt.datetime(2024, 10, 22, 6, 0, tzinfo=dt.timezone.utc)
FERRY_TEXT = ("The harbour ferry is back in service after three weeks of repairs, the operator said on Wednesday.\n\n"
              "The ferry carries about 1,200 passengers a day between the old town and the island.")
LIVE_SECONDS = 3.0  # the issue's promise: an edit shows on the open page within three seconds


def wait_until(condition, timeout: float = 10.0, step: float = 0.05):
    """Poll condition until it is true (returning its value) or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- an in-process server --------------------------------------------------------------------------------------


@contextlib.contextmanager
def running(project: Path, caniemail: Path | None = None):
    """A Preview of project served on a free loopback port, watching its files, until the block ends."""
    preview = Preview(project / "config.toml", None, caniemail or project / "no-caniemail")
    preview.rebuild()
    server = bind("127.0.0.1", 0, preview)
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(server, stop))
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(10)
        assert not thread.is_alive()


def get(server, path: str, host: str | None = None) -> tuple[int, bytes, http.client.HTTPMessage]:
    """GET path exactly as given (no normalisation), optionally with another Host header."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


TRAVERSALS = [
    "/raw/../config.toml",
    "/raw/%2e%2e/config.toml",
    "/raw/%2E%2E/config.toml",
    "/raw/..%2fconfig.toml",
    "/raw/%2e%2e%2fconfig.toml",
    "/raw/draft/../../config.toml",
    "/raw/draft/%2e%2e/%2e%2e/config.toml",
    "/raw/..%5cconfig.toml",
    "/raw/%5c..%5cconfig.toml",
    "/raw/%252e%252e/config.toml",
    "/raw//etc/passwd",
    "/raw/%2fetc%2fpasswd",
    "/raw/..%c0%afconfig.toml",
    "/raw/draft/%00email.html",
    "/raw/..",
    "/raw/draft",
    "/raw/outside/config.toml",  # a symlink in the output folder to the project
    "/raw/secret.toml",  # a symlink in the output folder to a file outside
    "/raw/.hidden",
    "/raw/issues/../../out.state.db",
    "/issues/../../config.toml",
    "/issues/0007/",
    "/../config.toml",
    "/%2e%2e/config.toml",
]


def test_paths_that_would_leave_the_output_folder_are_404(project):
    out = project / "out"
    with running(project) as server:
        (out / "outside").symlink_to(project, target_is_directory=True)
        (out / "secret.toml").symlink_to(project / "config.toml")
        write(out / ".hidden", "hidden")
        status, body, headers = get(server, "/raw/draft/email.html")  # the control: a file inside is served
        assert status == 200 and body == (out / "draft" / "email.html").read_bytes()
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert "script-src 'none'" in headers["Content-Security-Policy"]
        refused = {path: get(server, path)[0] for path in TRAVERSALS}
    assert refused == {path: 404 for path in TRAVERSALS}


def test_resolve_inside_refuses_every_way_out(tmp_path):
    root = tmp_path / "out"
    write(root / "draft" / "email.html", "x")
    write(tmp_path / "secret.txt", "s")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_inside(root, "draft/email.html") == (root / "draft" / "email.html").resolve()
    assert resolve_inside(root, "draft%2Femail.html") == (root / "draft" / "email.html").resolve()
    for path in ("../secret.txt", "%2e%2e/secret.txt", "draft/%2E%2E/../secret.txt", "link.txt", "..\\secret.txt",
                 str(tmp_path / "secret.txt"), "draft//email.html", "./draft/email.html", "%ff", ""):
        assert resolve_inside(root, path) is None, path


def test_only_loopback_host_names_are_answered(project):
    with running(project) as server:
        port = server.server_address[1]
        assert get(server, "/", host=f"evil.example:{port}")[0] == 400  # a DNS-rebinding page
        assert get(server, "/", host=f"localhost:{port}")[0] == 200
        assert get(server, "/", host=f"127.0.0.1:{port}")[0] == 200
    assert is_loopback("::1") and is_loopback("127.0.0.5") and not is_loopback("0.0.0.0")


def test_pages_show_the_draft_and_the_published_issues_and_never_publish(project):
    publish(load_config(project / "config.toml"), now=FIRST)
    add_article(project, "ferry.md", "Harbour ferry returns after repairs", FERRY_TEXT)
    database = project / "out.state.db"
    before_db, before_issues = database.read_bytes(), files_of(project / "out" / "issues")
    with running(project) as server:
        status, body, headers = get(server, "/")
        index = body.decode()
        assert status == 200 and "default-src 'self'" in headers["Content-Security-Policy"]
        assert 'href="/draft/"' in index and "Draft of issue 2: 1 story from 1 article" in index
        assert '<a href="/issues/0001/">1</a>' in index
        status, body, _ = get(server, "/draft/")
        page = body.decode()
        assert status == 200
        assert 'id="desktop" title="Desktop" src="/raw/draft/email.html" width="680"' in page
        assert 'id="phone" title="Phone" src="/raw/draft/email.html" width="375"' in page
        assert "Subject: <strong id=\"subject\">The Briefing #2: Harbour ferry returns after repairs</strong>" in page
        assert "HARBOUR FERRY RETURNS" in page.upper() and "&#34;number&#34;: 2" in page  # text and digest
        assert 'id="check-report" data-src="/check/draft/"' in page
        status, body, _ = get(server, "/check/draft/")
        assert status == 200 and body.decode().startswith(f"{project / 'no-caniemail'}: caniemail data not found (")
        assert "\nHTML " in body.decode()  # the size checks still run
        status, body, _ = get(server, "/issues/0001/")
        assert status == 200 and "Issue 1" in body.decode() and 'src="/raw/issues/0001/email.html"' in body.decode()
        assert get(server, "/draft")[0] == 301
        status, body, _ = get(server, "/status")
        assert json.loads(body) == {"generation": 1, "error": "", "draft": True}
        write(project / "content" / "ferry.md", (project / "content" / "ferry.md").read_text() + "\nMore news.\n")
        wait_until(lambda: json.loads(get(server, "/status")[1])["generation"] == 2)
    assert database.read_bytes() == before_db  # nothing published, nothing marked used
    assert files_of(project / "out" / "issues") == before_issues
    assert json.loads((project / "out" / "draft" / "digest.json").read_text())["issue"]["number"] == 2


def test_content_is_escaped(project):
    add_article(project, "x.md", "Ferry <script>alert(1)</script> & <b>more</b>", FERRY_TEXT)
    with running(project) as server:
        page = get(server, "/draft/")[1].decode()
        index = get(server, "/")[1].decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more" in page
    assert "<script>alert" not in index


def test_check_report_uses_caniemail_when_present(project, caniemail):
    with running(project, caniemail) as server:
        status, body, _ = get(server, "/check/draft/")
        assert get(server, "/check/issues/0001/")[0] == 404
        assert get(server, "/check/../")[0] == 404
    report = body.decode()
    assert status == 200 and report.startswith("HTML ") and report.endswith(" warnings")
    assert "Major clients (a feature they lack is an error):" in report and "Outlook (Windows)" in report


def test_status_answers_when_the_generation_changes(project):
    with running(project) as server:
        status = json.loads(get(server, "/status")[1])
        assert status["generation"] == 1
        answers = []
        waiting = threading.Thread(target=lambda: answers.append((json.loads(get(server, "/status?after=1")[1]),
                                                                  time.monotonic())))
        waiting.start()
        time.sleep(0.3)
        assert answers == []  # still waiting: nothing changed
        saved = time.monotonic()
        write(project / "content" / "intro.md", "Hello.\n")
        waiting.join(10)
        assert answers[0][0]["generation"] == 2 and answers[0][1] - saved < 2.0


def test_a_failed_build_keeps_the_last_good_draft(project):
    with running(project) as server:
        good = get(server, "/raw/draft/email.html")[1]
        write(project / "config.toml", "[newsletter\nname = 'x'\n")
        status = wait_until(lambda: json.loads(get(server, "/status")[1])["generation"] == 2
                            and json.loads(get(server, "/status")[1]))
        assert status["error"] == f"{project / 'config.toml'}: invalid TOML: Expected ']' at the end of a table " \
                                  "declaration (at line 1, column 12)"
        assert status["draft"] is True
        page = get(server, "/draft/")[1].decode()
        assert 'id="build-error"' in page and "(at line 1, column 12)" in page and 'id="desktop"' in page
        assert get(server, "/raw/draft/email.html")[1] == good


def test_nothing_new_says_so_instead_of_a_stale_draft(project):
    publish(load_config(project / "config.toml"), now=FIRST)
    with running(project) as server:
        page = get(server, "/draft/")[1].decode()
        status = json.loads(get(server, "/status")[1])
    assert status["draft"] is False
    assert "Nothing new since issue 1: the next issue has no articles yet." in page and 'id="desktop"' not in page


# --- watching ---------------------------------------------------------------------------------------------------


def test_a_save_of_several_files_rebuilds_once(tmp_path):
    folder = tmp_path / "content"
    write(folder / "a.md", "a")
    write(folder / ".a.md.swp", "editor state")
    calls = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(lambda: snapshot([folder]), lambda: calls.append(time.monotonic()),
                                                  stop), kwargs={"interval": 0.05, "settle": 0.3})
    thread.start()
    try:
        time.sleep(0.2)  # the watcher has taken its first snapshot
        for name in ("a.md", "b.md", "c.md"):
            write(folder / name, name * 3)
        wait_until(lambda: calls, timeout=5)
        time.sleep(0.6)  # two settle periods: a second rebuild would have happened by now
        assert len(calls) == 1
        write(folder / ".a.md.swp", "changed editor state")  # hidden files are not content
        time.sleep(0.6)
        assert len(calls) == 1
        (folder / "b.md").unlink()
        wait_until(lambda: len(calls) == 2, timeout=5)
    finally:
        stop.set()
        thread.join(5)


def test_a_change_before_the_watcher_starts_counts_against_the_baseline(tmp_path):
    folder = tmp_path / "content"
    write(folder / "a.md", "a")
    baseline = snapshot([folder])
    write(folder / "a.md", "edited before the watching thread ran")
    calls = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(lambda: snapshot([folder]), lambda: calls.append(1), stop),
                              kwargs={"interval": 0.05, "settle": 0.1, "baseline": baseline})
    thread.start()
    try:
        wait_until(lambda: calls, timeout=5)
    finally:
        stop.set()
        thread.join(5)


def test_snapshot_leaves_out_the_output_folder(tmp_path):
    write(tmp_path / "templates" / "email.html", "x")
    write(tmp_path / "templates" / "out" / "draft.html", "y")
    write(tmp_path / "templates" / "email.html~", "backup")
    found = snapshot([tmp_path / "templates", tmp_path / "missing"], ignore=[tmp_path / "templates" / "out"])
    assert list(found) == [str(tmp_path / "templates" / "email.html")]


# --- the command, in real headless Chromium ---------------------------------------------------------------------


@contextlib.contextmanager
def preview_process(project: Path):
    """`python -m newsletter preview --port 0` in project: (its address, the process, its stderr file)."""
    stderr = project / "preview.stderr"
    with open(stderr, "w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsletter", "preview", "--port", "0", "--caniemail", str(project / "none")],
            cwd=project, stdout=subprocess.PIPE, stderr=errors, text=True, env=cli_env(),
        )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=60)
        match = re.fullmatch(r"Preview at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", first)
        assert match, first
        yield match[1], process, stderr
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)


def test_preview_shows_edits_live_at_desktop_and_phone_width(chromium, project):
    from playwright.sync_api import expect

    add_article(project, "ferry.md", "Harbour ferry returns after repairs", FERRY_TEXT)
    with preview_process(project) as (url, process, stderr):
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        navigations = []
        page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
        page.goto(url + "draft/")
        desktop, phone = page.frame_locator("#desktop"), page.frame_locator("#phone")
        expect(desktop.locator("h2.story-title").first).to_be_visible()
        widths = {name: page.locator(f"#{name}").element_handle().content_frame().evaluate(
            "[innerWidth, document.documentElement.scrollWidth, document.querySelector('table.container').offsetWidth]")
            for name in ("desktop", "phone")}
        assert widths["desktop"][0] >= 600 and widths["desktop"][2] == 600  # the 600px desktop column
        assert widths["phone"][0] == 375 and widths["phone"][1] <= 375  # a phone: no sideways scrolling

        # the editor writes an intro, then edits an article: each shows by itself within three seconds
        started = time.monotonic()
        write(project / "content" / "intro.md", "---\nsummary: Ferry back.\n---\nGood morning from the harbour desk.\n")
        for frame in (desktop, phone):
            expect(frame.locator(".intro")).to_contain_text("Good morning from the harbour desk.",
                                                            timeout=LIVE_SECONDS * 1000)
        first_edit = time.monotonic() - started
        started = time.monotonic()
        ferry = project / "content" / "ferry.md"
        ferry.write_text(ferry.read_text().replace("Harbour ferry returns", "Island ferry returns"))
        expect(desktop.locator("h2.story-title", has_text="Island ferry returns after repairs")).to_be_visible(
            timeout=LIVE_SECONDS * 1000)
        expect(phone.locator("h2.story-title", has_text="Island ferry returns after repairs")).to_be_visible(
            timeout=LIVE_SECONDS * 1000)
        second_edit = time.monotonic() - started
        expect(page.locator("#plain-text")).to_contain_text("Island ferry returns after repairs")
        expect(page.locator("#check-report")).to_contain_text("caniemail data not found")
        assert first_edit < LIVE_SECONDS and second_edit < LIVE_SECONDS
        assert len(navigations) >= 3  # the page reloaded by itself (the test never reloads it)
        page.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0  # stops cleanly
    log = stderr.read_text()
    assert "Draft of issue 1: 2 stories from 3 articles" in log
    assert not (project / "out" / "issues").exists() and not (project / "out.state.db").exists()


def test_a_broken_template_shows_its_file_and_line_and_keeps_the_last_good_draft(chromium, project):
    from playwright.sync_api import expect

    template = project / "templates" / "email.html"
    good = template.read_text()
    lines = good.splitlines(keepends=True)
    with preview_process(project) as (url, _process, stderr):
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "draft/")
        desktop = page.frame_locator("#desktop")
        expect(desktop.locator("h2.story-title").first).to_be_visible()
        title = desktop.locator("h2.story-title").first.inner_text()

        template.write_text("".join(lines[:4]) + "{% if %}\n" + "".join(lines[4:]))
        banner = page.locator("#build-error")
        expect(banner).to_contain_text(f"{template}:5: template error: Expected an expression, got "
                                       "'end of statement block'", timeout=LIVE_SECONDS * 1000)
        expect(desktop.locator("h2.story-title").first).to_have_text(title)  # the last good draft stays
        status, body, _ = get_url(url + "raw/draft/email.html")
        assert status == 200 and title.split()[0] in body.decode()

        write(project / "content" / "intro.md", "The template is fixed.\n")
        template.write_text(good)
        expect(desktop.locator(".intro")).to_contain_text("The template is fixed.", timeout=LIVE_SECONDS * 1000)
        expect(banner).to_have_count(0)
        page.close()
    assert f"build failed: {template}:5: template error" in stderr.read_text()


def get_url(url: str):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def test_preview_refuses_a_port_in_use_in_one_line(project):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "newsletter", "preview", "--port", str(port)], cwd=project,
                                capture_output=True, text=True, env=cli_env(), timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"error: 127.0.0.1:{port}: cannot listen: Address already in use\n"


def test_unmatched_controls_and_skipped_inputs_show_as_warnings(project):
    write(project / "content" / "intro.md", "---\npin: [no-such-story]\n---\nHello.\n")
    (project / "content" / "empty.md").write_bytes(b"")
    lines = []
    preview = Preview(project / "config.toml", None, project / "none", report=lines.append)
    outcome = preview.rebuild()
    assert outcome.warnings == ("content/intro.md: pin: 'no-such-story' matches no story of the next issue",)
    assert outcome.skipped == ("content/empty.md: empty file",)
    assert lines == ["Draft of issue 1: 1 story from 2 articles",
                     "warning: content/intro.md: pin: 'no-such-story' matches no story of the next issue",
                     "skipped: content/empty.md: empty file"]
    with running(project) as server:
        page = get(server, "/draft/")[1].decode()
    assert ('<li>content/intro.md: pin: &#39;no-such-story&#39; matches no story of the next issue</li>' in page
            and "<li>skipped: content/empty.md: empty file</li>" in page)
