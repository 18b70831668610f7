"""newsletter serve: one-click unsubscribe (RFC 8058) and the footer link, end to end, on real servers."""

import datetime as dt
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsletter import state
from newsletter.tokens import make_token
from newsletter.unsubscribe import Endpoint, answer, make_server
from tests.conftest import (
    SECRET,
    add_article,
    cli_env,
    delivery_project,
    free_port,
    run_cli,
)

LIST = "the-briefing.example.com"
PEOPLE = [("ann@example.org", "Ann"), ("bob@example.net", "Bob"), ("carla@example.com", "Carla")]


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, body text) of one HTTP request."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def status_of(project: Path) -> dict[str, str]:
    with sqlite3.connect(project / "out.state.db") as connection:
        return dict(connection.execute("SELECT email, status FROM subscribers"))


def start_serve(project: Path, port: int) -> tuple[subprocess.Popen, str]:
    """`newsletter serve` on 127.0.0.1:port; returns the process and the address it prints."""
    process = subprocess.Popen([sys.executable, "-m", "newsletter", "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=cli_env(NEWSLETTER_SECRET=SECRET))
    line = process.stdout.readline()
    assert line.startswith("Serving unsubscribe links on http://127.0.0.1:"), process.stderr.read()
    return process, line.split(" on ", 1)[1].strip()


def test_one_click_and_the_footer_link_unsubscribe_and_the_next_issue_skips_them(tmp_path, mailbox, chromium):
    port = free_port()
    project = delivery_project(tmp_path, mailbox.port, PEOPLE, public_url=f"http://127.0.0.1:{port}")
    server, address = start_serve(project, port)
    try:
        assert address == f"http://127.0.0.1:{port}/unsubscribe"
        sent = run_cli("send", cwd=project, NEWSLETTER_SECRET=SECRET)
        assert sent.returncode == 0, sent.stderr
        messages = {m["To"].addresses[0].addr_spec: m for m in mailbox.messages()}

        # Ann's mail client: RFC 8058 one-click, a POST of the List-Unsubscribe https URL
        header = messages["ann@example.org"]["List-Unsubscribe"]
        one_click = re.match(r"<(https?://[^>]+)>", header).group(1)
        status, page = request(one_click, "POST", b"List-Unsubscribe=One-Click",
                               {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and "ann@example.org is unsubscribed from The Briefing" in page
        assert status_of(project)["ann@example.org"] == "unsubscribed"
        assert request(one_click, "POST", b"List-Unsubscribe=One-Click")[0] == 200  # again: harmless

        # Bob, in a browser: the footer link shows a confirm button; only the button unsubscribes
        html = messages["bob@example.net"].get_body(("html",)).get_content()
        footer = re.search(r'href="([^"]*/unsubscribe\?token=[^"]*)"', html).group(1)
        page = chromium.new_page()
        try:
            page.goto(footer)
            assert page.inner_text("h1") == "Unsubscribe from The Briefing"
            assert status_of(project)["bob@example.net"] == "active"  # opening the link changes nothing
            page.click("button")
            page.wait_for_load_state()
            assert "bob@example.net is unsubscribed from The Briefing" in page.inner_text("body")
        finally:
            page.close()
        assert status_of(project) == {"ann@example.org": "unsubscribed", "bob@example.net": "unsubscribed",
                                      "carla@example.com": "active"}

        # Ann's token does nothing for Carla, and a forged one nothing at all
        carla_id = 3
        stolen = one_click.replace("token=1.", f"token={carla_id}.")
        assert request(stolen, "POST", b"List-Unsubscribe=One-Click")[0] == 400
        assert request(one_click[:-2] + "xx", "POST")[0] == 400
        assert status_of(project)["carla@example.com"] == "active"

        # the next issue goes to Carla only
        add_article(project, "ferry.md", "Ferry service resumes after storm", "The harbour ferry runs again. " * 5,
                    date="2024-11-02")
        assert run_cli("build", cwd=project).returncode == 0
        mailbox.accepted.clear()
        second = run_cli("send", cwd=project, NEWSLETTER_SECRET=SECRET)
        assert second.stdout == "Sent issue 2 to 1 subscriber; 0 bounced; 0 left to retry\n"
        assert mailbox.recipients() == ["carla@example.com"]
    finally:
        server.terminate()
        server.wait(10)
    assert server.returncode == 0


@pytest.fixture
def endpoint(tmp_path):
    database = tmp_path / "state.db"
    connection = state.connect(database)
    when = dt.datetime(2024, 10, 22, tzinfo=dt.UTC)
    state.save_subscribers(connection, [("ann@example.org", "Ann"), ("bob@example.net", "Bob")], when)
    connection.close()
    return Endpoint(database=database, secret=SECRET.encode(), list_id=LIST, list_name="The <Briefing>")


def subscriber_status(endpoint, email):
    connection = state.connect(endpoint.database)
    try:
        return state.subscriber_by_email(connection, email).status
    finally:
        connection.close()


def test_forged_malformed_and_other_address_tokens_are_refused(endpoint):
    secret = SECRET.encode()
    forged = make_token(b"not-the-secret-at-all", LIST, 1, "ann@example.org")
    other_list = make_token(secret, "other.example.com", 1, "ann@example.org")
    bobs_signature_for_ann = "1." + make_token(secret, LIST, 2, "bob@example.net").split(".")[1]
    unknown = make_token(secret, LIST, 99, "zed@example.org")
    for token in (forged, other_list, bobs_signature_for_ann, unknown, "", "1", "1.%3Cscript%3E", "x" * 500):
        for method in ("GET", "POST"):
            page = answer(endpoint, method, f"/unsubscribe?token={token}")
            assert page.status == 400, (token, method)
            assert "This unsubscribe link is not valid." in page.body
    assert subscriber_status(endpoint, "ann@example.org") == "active"
    assert answer(endpoint, "GET", "/unsubscribe").status == 400
    assert answer(endpoint, "GET", "/").status == 404
    assert answer(endpoint, "POST", "/admin?token=x").status == 404


def test_get_only_asks_post_unsubscribes_and_pages_are_escaped(endpoint):
    token = make_token(SECRET.encode(), LIST, 1, "ann@example.org")
    page = answer(endpoint, "GET", f"/news/unsubscribe?token={token}")  # behind a proxy with a path prefix
    assert page.status == 200 and page.title == "Unsubscribe from The <Briefing>"
    assert "The &lt;Briefing&gt;" in page.body and "<Briefing>" not in page.body
    assert f'<form method="post" action="?token={token}">' in page.body
    assert subscriber_status(endpoint, "ann@example.org") == "active"
    done = answer(endpoint, "POST", f"/unsubscribe?token={token}")
    assert done.status == 200 and "ann@example.org is unsubscribed" in done.body
    assert subscriber_status(endpoint, "ann@example.org") == "unsubscribed"
    assert subscriber_status(endpoint, "bob@example.net") == "active"
    assert answer(endpoint, "GET", f"/unsubscribe?token={token}").title == "Unsubscribed"


def test_the_http_server_answers_on_loopback(endpoint):
    server = make_server(endpoint, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        token = make_token(SECRET.encode(), LIST, 2, "bob@example.net")
        status, body = request(f"{base}/unsubscribe?token={token}")
        assert status == 200 and body.startswith("<!DOCTYPE html>") and "<title>Unsubscribe from The &lt;Briefing&gt;"\
            in body
        assert request(f"{base}/nothing")[0] == 404
        assert request(f"{base}/unsubscribe?token=2.forged", "POST", b"List-Unsubscribe=One-Click")[0] == 400
        assert request(f"{base}/unsubscribe?token={token}", "POST", b"x" * 5000)[0] == 413
        assert subscriber_status(endpoint, "bob@example.net") == "active"
        status, body = request(f"{base}/unsubscribe?token={token}", "POST", b"List-Unsubscribe=One-Click")
        assert status == 200 and subscriber_status(endpoint, "bob@example.net") == "unsubscribed"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_a_secret_fails_with_one_line(empty_project):
    result = run_cli("serve", "--port", "0", cwd=empty_project, NEWSLETTER_SECRET="")
    assert result.returncode == 1
    assert result.stderr == ("error: NEWSLETTER_SECRET is not set: it signs the unsubscribe links "
                             "(use a random string of at least 16 characters)\n")
