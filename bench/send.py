"""Benchmark `newsletter send`: messages per second to a local aiosmtpd, and the per-recipient cost of personalisation.

Usage: python bench/send.py [--subscribers 10000] [--stories 20] [--naive 5] [--data FILE.jsonl]

A throw-away project is made with `--stories` real BBC articles (`../shared/data/
bbc-news-summary-dev.jsonl`, read by path; one story each; the bundled sample content without it)
and published with `build.publish`; `--subscribers` addresses go into its state database. aiosmtpd
runs in a child process on 127.0.0.1 (its Sink handler accepts and drops every message), so the
server does not share the sender's interpreter.

1. Personalisation, per recipient: what `send` does (once: the issue cut at the footer link, the
   shared headers and bodies encoded; per recipient: a token, their three headers, the link joined
   into the encoded bodies) against the naive peer that renders the templates and inlines the CSS
   again for every recipient with their own link (`render_html` + `render_text`, then building and
   encoding the whole message).
2. Throughput: `delivery.send_issue` to every subscriber over one reused SMTP connection, no rate
   limit, each accepted message logged in its own committed transaction, as in production.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "bbc-news-summary-dev.jsonl"
SECRET = "bench-secret-0123456789abcdef"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_project(folder: Path, data: Path, stories: int, smtp_port: int) -> Path:
    """A project with `stories` BBC articles (or the sample content) that sends to 127.0.0.1:smtp_port."""
    import shutil

    shutil.copytree(ROOT / "templates", folder / "templates")
    content = folder / "content"
    if data.is_file():
        content.mkdir()
        rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
        for number, row in enumerate(rows[:stories]):
            date = dt.date(2005, 1, 1) + dt.timedelta(days=8 * number)
            (content / f"{row['id']}.md").write_text(
                f"---\ntitle: {json.dumps(row['title'])}\nsource: BBC News\n"
                f"url: https://www.example.com/bbc/{row['id']}\ndate: {date}\n---\n{row['text']}\n", encoding="utf-8")
    else:
        print(f"{data} not found: the bundled sample content instead\n")
        shutil.copytree(ROOT / "content", content)
    (folder / "config.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\nretry_base_seconds = 0.05\n'
        '[serve]\npublic_url = "https://news.example.com"\n', encoding="utf-8")
    return folder


def start_server(port: int) -> subprocess.Popen:
    """aiosmtpd (Sink handler) in a child process; returns once it accepts connections."""
    import socket

    process = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                                "-c", "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("aiosmtpd did not start")


def personalise_cost(config, issue, recipients, naive: int) -> tuple[float, float, int]:
    """Median seconds per recipient: send's personalisation, the naive re-render + re-inline; the bytes of
    one message; and the seconds of the once-per-issue preparation (encoding the bodies)."""
    from newsletter import state
    from newsletter.build import output_folder, state_file
    from newsletter.delivery import (
        IssueMail,
        Recipient,
        address_letter,
        footer_links,
        list_settings,
        prepare_letter,
        read_issue_mail,
    )
    from newsletter.render import email_settings, render_html, render_text
    from newsletter.tokens import make_token

    connection = state.connect(state_file(config))
    subject, date = state.issue_subject(connection, issue.number)
    connection.close()
    lists = list_settings(config)
    secret = SECRET.encode()
    mail = read_issue_mail(output_folder(config) / "issues" / f"{issue.number:04d}", issue.number, subject, date,
                           footer_links(config))
    start = time.perf_counter()
    letter = prepare_letter(mail, lists)
    once = time.perf_counter() - start
    ours = []
    size = 0
    for person in recipients:
        start = time.perf_counter()
        recipient = Recipient(person.id, person.email, person.name)
        token = make_token(secret, lists.list_id, recipient.id, recipient.email)
        data = address_letter(letter, recipient, token)
        ours.append(time.perf_counter() - start)
        size = len(data)
    templates = config.path("paths.templates")
    settings = email_settings(config)
    theirs = []
    for person in recipients[:naive]:
        start = time.perf_counter()
        recipient = Recipient(person.id, person.email, person.name)
        token = make_token(secret, lists.list_id, recipient.id, recipient.email)
        own = replace(settings, unsubscribe_url=lists.unsubscribe_url(token))
        html = render_html(issue, templates, own)
        text = render_text(issue, templates, own)
        whole = IssueMail(issue.number, subject, date, (html,), (text,))
        address_letter(prepare_letter(whole, lists), recipient, token)
        theirs.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(theirs), size, once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--naive", type=int, default=5, help="recipients timed with the naive re-render")
    parser.add_argument("--data", default=str(DATA), help="BBC-style JSONL (id, title, text)")
    args = parser.parse_args()
    import logging

    logging.getLogger("newsletter").setLevel(logging.ERROR)
    from newsletter import state
    from newsletter.build import publish, state_file
    from newsletter.config import load_config
    from newsletter.delivery import send_issue

    port = free_port()
    server = start_server(port)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-send-") as folder:
            project = make_project(Path(folder), Path(args.data), args.stories, port)
            config = load_config(project / "config.toml")
            built = publish(config, now=dt.datetime(2024, 10, 22, 6, tzinfo=dt.timezone.utc))
            connection = state.connect(state_file(config))
            state.save_subscribers(connection, [(f"reader{n:05d}@example.org", f"Reader Nummer {n}")
                                                for n in range(1, args.subscribers + 1)],
                                   dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc))
            people = state.list_subscribers(connection)
            connection.close()

            ours, theirs, size, once = personalise_cost(config, built.issue, people[:1000], args.naive)
            print(f"issue: {len(built.issue.stories)} stories, {size / 1000:.1f} KB per message as sent "
                  f"(multipart/alternative, quoted-printable)\n")
            print(f"{'per recipient':<44}  {'ms':>8}  {'ratio':>7}")
            print(f"{'send: own headers + link joined in':<44}  {ours * 1000:>8.2f}  {1:>6.0f}x")
            print(f"{'naive: render + inline CSS + build + encode':<44}  {theirs * 1000:>8.2f}  {theirs / ours:>6.0f}x")
            print(f"(median of {min(1000, len(people))} recipients for send, {args.naive} for the naive peer; "
                  f"send's one-off preparation, cutting and encoding the bodies: {once * 1000:.0f} ms)\n")

            start = time.perf_counter()
            result = send_issue(config, environ={"NEWSLETTER_SECRET": SECRET})
            seconds = time.perf_counter() - start
            report = result.report
            assert report.sent == args.subscribers, report
            print(f"{'send to local aiosmtpd':<28}  {'messages':>8}  {'seconds':>8}  {'msg/s':>7}  {'MB/s':>6}")
            print(f"{'one connection, log per msg':<28}  {report.sent:>8}  {seconds:>8.1f}  "
                  f"{report.sent / seconds:>7.0f}  {report.sent * size / seconds / 1e6:>6.1f}")
            # the same loop and messages with no send log, to show what logging each message costs
            from newsletter.delivery import (
                Recipient,
                address_letter,
                footer_links,
                list_settings,
                open_smtp,
                prepare_letter,
                read_issue_mail,
                send_all,
                smtp_settings,
            )
            from newsletter.tokens import make_token

            lists = list_settings(config)
            mail = read_issue_mail(project / "out" / "issues" / "0001", 1, built.issue.subject, built.issue.date,
                                   footer_links(config))
            letter = prepare_letter(mail, lists)
            smtp = smtp_settings(config, {})
            recipients = [Recipient(p.id, p.email, p.name) for p in people]
            start = time.perf_counter()
            bare = send_all(recipients, lambda r: address_letter(letter, r, make_token(SECRET.encode(), lists.list_id,
                                                                                       r.id, r.email)),
                            lists.sender_address, lambda: open_smtp(smtp), lambda r, o: None)
            unlogged = time.perf_counter() - start
            assert bare.sent == args.subscribers, bare
            print(f"{'same, no send log':<28}  {bare.sent:>8}  {unlogged:>8.1f}  "
                  f"{bare.sent / unlogged:>7.0f}  {bare.sent * size / unlogged / 1e6:>6.1f}")
            print(f"\nthe send log (one committed transaction per message) costs "
                  f"{(seconds - unlogged) / report.sent * 1000:.2f} ms a message ({seconds / unlogged:.2f}x the time)")
            print(f"personalisation is {ours * report.sent / seconds * 100:.0f}% of the send time; "
                  f"the naive peer alone would take {theirs * args.subscribers / 60:.0f} min for "
                  f"{args.subscribers} recipients")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
