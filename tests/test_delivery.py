"""newsletter send: against a real SMTP server (aiosmtpd on loopback), killed and run again, retries, bounces."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from email import policy
from email.parser import BytesParser

import pytest

from newsletter.config import parse_config
from newsletter.delivery import (
    IssueMail,
    ListSettings,
    Pace,
    Recipient,
    RetryPolicy,
    address_letter,
    issue_mail,
    prepare_letter,
    send_all,
)
from newsletter.tokens import make_token, verify_token
from tests.conftest import (
    SECRET,
    Mailbox,
    cli_env,
    delivery_project,
    delivery_settings,
    free_port,
    make_project,
    run_cli,
    start_mailbox,
)

PEOPLE = [("ann@example.org", "Ann Example"), ("bob@example.net", "Bob"), ("Carla@Example.com", ""),
          ("dan@example.org", "Dan\r\nBcc: evil@example.com")]


def send(project, *args, **env):
    return run_cli("send", *args, cwd=project, NEWSLETTER_SECRET=SECRET, **env)


def held_send(box, project, at):
    """`newsletter send` started in a child process, with the server holding its reply to message `at`.

    Returns once the sender waits for that reply: (the process, the event that releases the reply).
    """
    reached, release = threading.Event(), threading.Event()

    def hold(count):
        if count == at:
            reached.set()
            release.wait(30)

    box.on_data = hold
    process = subprocess.Popen([sys.executable, "-m", "newsletter", "send"], cwd=project, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(NEWSLETTER_SECRET=SECRET))
    assert reached.wait(60)
    return process, release


def deliveries(project):
    with sqlite3.connect(project / "out.state.db") as connection:
        return connection.execute("SELECT issue, subscriber, status, message_id, error FROM deliveries"
                                  " ORDER BY subscriber").fetchall()


def statuses(project):
    with sqlite3.connect(project / "out.state.db") as connection:
        return dict(connection.execute("SELECT email, status FROM subscribers"))


def test_every_subscriber_gets_one_well_formed_message_with_the_right_headers(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE)
    result = send(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Sent issue 1 to 4 subscribers; 0 bounced; 0 left to retry\n"
    assert sorted(mailbox.recipients()) == sorted(["ann@example.org", "bob@example.net", "Carla@example.com",
                                                   "dan@example.org"])
    by_address = {}
    for message in mailbox.messages():
        assert message.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        assert message.defects == []
        by_address[message["To"].addresses[0].addr_spec] = message
    ann = by_address["ann@example.org"]
    assert str(ann["To"]) == "Ann Example <ann@example.org>"
    assert str(ann["From"]) == "The Briefing <briefing@example.com>"
    assert ann["Subject"].startswith("The Briefing #1: ")
    assert ann["Date"] == "Tue, 22 Oct 2024 06:00:00 +0000"
    assert ann["List-Id"] == "The Briefing <the-briefing.example.com>"
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ann["Message-ID"] == "<issue-0001.subscriber-1@the-briefing.example.com>"
    https, mailto = (item.strip().strip("<>") for item in ann["List-Unsubscribe"].split(","))
    assert https.startswith("http://127.0.0.1:9/news/unsubscribe?token=1.")
    token = https.split("token=")[1]
    assert verify_token(SECRET.encode(), "the-briefing.example.com", 1, "ann@example.org", token)
    assert mailto == f"mailto:briefing@example.com?subject=unsubscribe%20{token}"
    text, html = (part.get_content().replace("\r\n", "\n") for part in ann.iter_parts())
    assert f'href="{https}"' in html  # the footer link is Ann's own
    assert "/news/unsubscribe\"" not in html  # and the build's placeholder link is gone
    assert f"] {https}\n" in text
    # every message has its own link and Message-ID
    links = {m["List-Unsubscribe"] for m in by_address.values()}
    assert len(links) == 4 and len({m["Message-ID"] for m in by_address.values()}) == 4
    # the name with a line break reached no header: Dan's message has no Bcc and one To
    dan = by_address["dan@example.org"]
    assert dan["Bcc"] is None and str(dan["To"]) == '"Dan Bcc: evil@example.com" <dan@example.org>'
    assert [to for _f, tos, _d in mailbox.accepted for to in tos].count("evil@example.com") == 0
    assert [row[2] for row in deliveries(project)] == ["sent"] * 4

    again = send(project)
    assert again.returncode == 0
    assert again.stdout == "issue 1 was already sent to every active subscriber; nothing to do\n"
    assert len(mailbox.accepted) == 4


def test_header_injection_in_subject_name_or_address_never_reaches_a_header():
    mail = IssueMail(number=7, subject="Hello\r\nBcc: evil@example.com", date=dt.date(2024, 10, 22),
                     html_parts=('<a href="', '">Unsubscribe</a>'), text_parts=("Unsubscribe: ", "\n"))
    assert mail.subject == "Hello\r\nBcc: evil@example.com"  # as given; issue_mail() cleans it, and so does sending
    lists = ListSettings("The\nBriefing", "briefing@example.com", "The Briefing\r\nX-Evil: 1", "briefing.example.com",
                         "https://news.example.com")
    recipient = Recipient(3, "ann@example.org", "Ann\r\nBcc: evil@example.com\nX-Evil: yes")
    data = address_letter(prepare_letter(mail, lists), recipient, "3.x")
    head = data.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0] for line in head.split(b"\r\n") if line and not line[:1].isspace()]
    assert b"Bcc" not in names and b"X-Evil" not in names
    parsed = BytesParser(policy=policy.default).parsebytes(data)
    assert parsed["Subject"] == "Hello Bcc: evil@example.com"
    assert [a.addr_spec for a in parsed["To"].addresses] == ["ann@example.org"]
    with pytest.raises(ValueError):  # an address with a line break cannot even be built into a message
        address_letter(prepare_letter(mail, lists), Recipient(4, "a@example.org\r\nBcc: evil@example.com"), "4.x")
    cleaned = issue_mail(7, "Hi\nthere", None, '<a href="u">x</a>', "u\n", "u")
    assert cleaned.subject == "Hi there"


@pytest.mark.parametrize("html, text", [
    ('<p>Caf\u00e9 \u2014 <a href="https://x.example/u?a=1&amp;b=2">Unsubscribe</a></p>  \n' + "w" * 300 + "\n",
     "Caf\u00e9 \u2014 unsubscribe:  \nhttps://x.example/u?a=1&b=2\n" + "w" * 300),
    ("<a href='https://x.example/u?a=1&b=2'>", "https://x.example/u?a=1&b=2\n\n"),
])
def test_a_letter_decodes_to_the_issue_with_the_recipients_link_in_place_of_the_footer_link(html, text):
    mail = issue_mail(3, "Caf\u00e9", dt.date(2024, 10, 22), html, text, "https://x.example/u?a=1&b=2")
    lists = ListSettings("The Briefing", "briefing@example.com", "The Briefing", "briefing.example.com",
                         "https://news.example.com")
    data = address_letter(prepare_letter(mail, lists), Recipient(9, "zoe@example.org", "Zo\u00eb"), "9.a&b")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998 and b"\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare line feeds
    body = data.split(b"\r\n\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76  # quoted-printable's limit
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message.defects == [] and all(part.defects == [] for part in message.iter_parts())
    link = "https://news.example.com/unsubscribe?token=9.a%26b"
    plain, rich = (part.get_content().replace("\r\n", "\n") for part in message.iter_parts())
    assert plain == text.replace("https://x.example/u?a=1&b=2", link)
    assert rich == html.replace("https://x.example/u?a=1&amp;b=2", link).replace("https://x.example/u?a=1&b=2", link)
    assert message["Subject"] == "Caf\u00e9" and str(message["To"]) == "Zo\u00eb <zoe@example.org>"


def test_killed_after_400_of_1000_then_run_again_delivers_exactly_1000(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, 1000)
    killed = send(project, NEWSLETTER_TEST_KILL_AFTER="400")
    assert killed.returncode == 75
    assert len(mailbox.accepted) == 400 and len(deliveries(project)) == 400
    rerun = send(project)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout == "Sent issue 1 to 600 subscribers (400 had it already); 0 bounced; 0 left to retry\n"
    received = Counter(mailbox.recipients())
    assert len(mailbox.accepted) == 1000
    assert len(received) == 1000 and set(received.values()) == {1}
    assert send(project).stdout == "issue 1 was already sent to every active subscriber; nothing to do\n"


def test_killed_between_acceptance_and_the_log_the_one_message_in_flight_comes_twice_with_one_message_id(
        tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, 20)
    killed = send(project, NEWSLETTER_TEST_KILL_AFTER="7:accepted")
    assert killed.returncode == 75
    assert len(mailbox.accepted) == 7 and len(deliveries(project)) == 6
    assert send(project).returncode == 0
    messages = mailbox.messages()
    assert len(messages) == 21
    ids = Counter(m["Message-ID"] for m in messages)
    twice = [key for key, count in ids.items() if count == 2]
    assert twice == ["<issue-0001.subscriber-7@the-briefing.example.com>"]
    assert set(Counter(mailbox.recipients()).values()) == {1, 2} and len(set(mailbox.recipients())) == 20


def test_killed_from_outside_while_sending_every_subscriber_gets_it_at_most_the_one_in_flight_twice(tmp_path):
    box = Mailbox()
    controller = start_mailbox(box)
    try:
        project = delivery_project(tmp_path, box.port, 200)
        process, release = held_send(box, project, 120)  # the sender waits for this reply when it is killed
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        release.set()  # the server accepts the message the dead sender never logged
        box.on_data = None
        assert process.returncode == -signal.SIGKILL
        logged = len(deliveries(project))
        assert logged == 119
        rerun = send(project)
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stdout.startswith("Sent issue 1 to 81 subscribers (119 had it already)")
        received = Counter(box.recipients())
        assert len(received) == 200  # everyone got it
        assert sorted(received.values())[-2:] == [1, 2] and sum(received.values()) == 201  # one duplicate at most
        ids = Counter(m["Message-ID"] for m in box.messages())
        assert [count for count in ids.values() if count > 1] == [2]  # and it is recognisable
    finally:
        controller.stop()


def test_ctrl_c_while_sending_is_one_line_and_a_rerun_sends_the_rest(tmp_path):
    box = Mailbox()
    controller = start_mailbox(box)
    try:
        project = delivery_project(tmp_path, box.port, 30)
        process, release = held_send(box, project, 10)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
        release.set()
        box.on_data = None
        assert process.returncode == 130
        assert err == "interrupted; run `newsletter send` again to send the rest\n"
        assert len(deliveries(project)) == 9
        assert send(project).returncode == 0
        received = Counter(box.recipients())
        assert len(received) == 30 and sum(received.values()) <= 31
    finally:
        controller.stop()


def test_a_temporary_failure_is_retried_and_a_permanent_one_marks_the_address_bounced(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE)
    mailbox.defer_once["bob@example.net"] = "451 4.3.0 Try again later"
    mailbox.reject["carla@example.com"] = "550 5.1.1 No such user"
    result = send(project)
    assert result.returncode == 3
    assert result.stdout == ("Sent issue 1 to 3 subscribers; 1 bounced (Carla@example.com: 550 5.1.1 No such user);"
                             " 0 left to retry\n")
    assert result.stderr == "bounced: Carla@example.com: 550 5.1.1 No such user\n"
    assert Counter(mailbox.recipients()) == {"ann@example.org": 1, "bob@example.net": 1, "dan@example.org": 1}
    assert statuses(project)["Carla@example.com"] == "bounced"
    listed = run_cli("subscribers", "list", "--status", "bounced", cwd=project)
    assert listed.stdout.split("\t")[0] == "Carla@example.com"
    assert listed.stdout.rstrip("\n").endswith("\t550 5.1.1 No such user")
    assert [row[2] for row in deliveries(project)] == ["sent", "sent", "failed", "sent"]
    again = send(project)  # the bounced address is not tried again
    assert again.stdout == "issue 1 was already sent to every active subscriber; nothing to do\n"


def test_a_temporary_failure_past_the_retries_is_reported_and_sent_on_the_next_run(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:2], retries=0)
    mailbox.defer_once["bob@example.net"] = "452 4.2.2 Mailbox full"
    result = send(project)
    assert result.returncode == 3
    assert result.stderr == ("not sent: bob@example.net: 452 4.2.2 Mailbox full (tried again on the next run)\n")
    assert result.stdout == "Sent issue 1 to 1 subscriber; 0 bounced; 1 left to retry\n"
    again = send(project)
    assert again.returncode == 0
    assert again.stdout == "Sent issue 1 to 1 subscriber (1 had it already); 0 bounced; 0 left to retry\n"
    assert Counter(mailbox.recipients()) == {"ann@example.org": 1, "bob@example.net": 1}


def test_a_server_that_drops_the_connection_is_reconnected_to(tmp_path):
    box = Mailbox()
    controller = start_mailbox(box, command_call_limit={"MAIL": 3, "*": 50})  # 421 and hang up after 3 messages
    try:
        project = delivery_project(tmp_path, box.port, 10)
        result = send(project)
        assert result.returncode == 0, result.stderr
        assert sorted(box.recipients()) == [f"reader{n:05d}@example.org" for n in range(1, 11)]
    finally:
        controller.stop()


def test_no_server_stops_the_send_with_one_line_and_logs_nothing(tmp_path):
    project = delivery_project(tmp_path, free_port(), PEOPLE[:2], retries=1)
    result = send(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("error: stopped: smtp 127.0.0.1:")
    assert lines[-1].endswith(": Connection refused (after 2 tries); run `newsletter send` again to send the rest")
    assert result.stdout == "Sent issue 1 to 0 subscribers; 0 bounced; 2 left to retry\n"
    assert deliveries(project) == []


def test_test_to_sends_one_marked_copy_and_leaves_the_log_alone(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:2])
    result = send(project, "--test-to", "editor@example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Sent a test of issue 1 to editor@example.com\n"
    [message] = mailbox.messages()
    assert mailbox.recipients() == ["editor@example.com"]
    assert message["Subject"].startswith("[TEST] The Briefing #1: ")
    assert deliveries(project) == []
    assert send(project).stdout == "Sent issue 1 to 2 subscribers; 0 bounced; 0 left to retry\n"
    bad = send(project, "--test-to", "not an address")
    assert bad.returncode == 1
    assert bad.stderr.startswith("error: 'not an address': ")


def test_a_missing_secret_or_password_fails_before_anything_is_sent(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:1])
    no_secret = run_cli("send", cwd=project, NEWSLETTER_SECRET="")
    assert no_secret.returncode == 1
    assert no_secret.stderr == ("error: NEWSLETTER_SECRET is not set: it signs the unsubscribe links "
                                "(use a random string of at least 16 characters)\n")
    short = run_cli("send", cwd=project, NEWSLETTER_SECRET="short")
    assert short.stderr == "error: NEWSLETTER_SECRET is too short (5 characters; use at least 16 random ones)\n"
    text = (project / "config.toml").read_text().replace("[smtp]\n", '[smtp]\nusername = "editor"\n')
    (project / "config.toml").write_text(text)
    no_password = send(project, NEWSLETTER_SMTP_PASSWORD="")
    assert no_password.returncode == 1
    assert no_password.stderr == ("error: config.toml: smtp.username is set but the environment variable "
                                  "NEWSLETTER_SMTP_PASSWORD (smtp.password_env) holding the password is not\n")
    assert mailbox.accepted == [] and deliveries(project) == []


def test_a_refused_login_stops_the_send_and_never_shows_the_password(tmp_path):
    from aiosmtpd.smtp import AuthResult

    box = Mailbox()
    def refuse(server, session, envelope, mechanism, data):
        return AuthResult(success=False, handled=False)  # aiosmtpd answers 535

    controller = start_mailbox(box, auth_require_tls=False, authenticator=refuse)
    try:
        project = delivery_project(tmp_path, box.port, PEOPLE[:2])
        text = (project / "config.toml").read_text().replace("[smtp]\n", '[smtp]\nusername = "editor"\n')
        (project / "config.toml").write_text(text)
        password = "pa55-w0rd-that-must-not-leak"
        result = send(project, NEWSLETTER_SMTP_PASSWORD=password)
        assert result.returncode == 1
        assert password not in result.stdout + result.stderr
        assert "login as 'editor' refused: 535 5.7.8 Authentication credentials invalid" in result.stderr
        assert box.accepted == [] and deliveries(project) == []
    finally:
        controller.stop()


def test_send_loop_reuses_one_connection_and_backs_off_exponentially(mailbox):
    import smtplib

    connections = []
    waits = []

    def connect():
        connections.append(smtplib.SMTP("127.0.0.1", mailbox.port, timeout=10))
        return connections[-1]

    mailbox.defer_once["b@example.org"] = "421 4.7.0 Slow down"
    people = [Recipient(n, f"{name}@example.org") for n, name in enumerate("abcdef", 1)]
    outcomes = []
    report = send_all(people, lambda r: f"Subject: hi {r.email}\r\n\r\nhello\r\n".encode(), "news@example.com",
                      connect, lambda r, o: outcomes.append((r.email, o.status)),
                      RetryPolicy(retries=3, base_seconds=0.5), sleep=waits.append)
    assert report.sent == 6 and report.left == () and report.stopped == ""
    assert len(connections) == 2  # one, and one more after the 4xx
    assert waits == [0.5]
    assert [status for _email, status in outcomes] == ["sent"] * 6
    assert RetryPolicy(retries=9, base_seconds=2).backoff(1) == 2
    assert [RetryPolicy(base_seconds=2).backoff(n) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert RetryPolicy(base_seconds=2).backoff(20) == 300


def test_the_rate_limit_spaces_messages_evenly():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 6))
        now[0] += seconds

    pace = Pace(4, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        pace.wait()
    assert slept == [0.25, 0.25, 0.25, 0.25]
    unlimited = Pace(0, clock=lambda: now[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert len(slept) == 4


def test_smtp_config_keys_are_validated_together(tmp_path):
    from newsletter.errors import ConfigError

    text = '[smtp]\nport = "abc"\nsecurity = "ssl"\npassword_env = "NOT A NAME"\n[serve]\npublic_url = "ftp://x"\n'
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.toml", tmp_path)
    assert caught.value.problems == [
        "smtp.port: expected an integer, got 'abc'",
        "smtp.security: expected one of 'starttls', 'tls', 'none', got 'ssl'",
        "smtp.password_env: expected an environment variable name like 'NEWSLETTER_SMTP_PASSWORD', got 'NOT A NAME'",
        "serve.public_url: expected an https:// URL, got 'ftp://x'",
    ]


def test_without_a_public_url_send_says_what_to_set(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:1], public_url="")
    result = send(project)
    assert result.returncode == 1
    assert result.stderr == ("error: config.toml: serve.public_url is not set: the unsubscribe links need the public "
                             "address of `newsletter serve` (e.g. 'https://news.example.com')\n")


def test_tokens_in_messages_are_bound_to_their_subscriber(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:2])
    assert send(project).returncode == 0
    tokens = {m["To"].addresses[0].addr_spec: m["List-Unsubscribe"].split("token=")[1].split(">")[0]
              for m in mailbox.messages()}
    secret = SECRET.encode()
    assert tokens["ann@example.org"] == make_token(secret, "the-briefing.example.com", 1, "ann@example.org")
    assert not verify_token(secret, "the-briefing.example.com", 2, "bob@example.net", tokens["ann@example.org"])


def test_send_an_issue_that_does_not_exist(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:1])
    result = send(project, "9")
    assert result.returncode == 1
    assert result.stderr == "error: issue 9 has not been published\n"
    assert os.path.exists(project / "out.state.db.send.lock")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (openssl), and the server's TLS context."""
    import shutil
    import ssl

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return folder / "cert.pem", context


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_starttls_and_implicit_tls_with_a_verified_certificate(tmp_path, certificate, security):
    cert, context = certificate
    box = Mailbox()
    options = {"tls_context": context, "require_starttls": True} if security == "starttls" else \
        {"ssl_context": context}
    controller = start_mailbox(box, **options)
    try:
        project = delivery_project(tmp_path, box.port, PEOPLE[:2], security=security)
        untrusted = send(project)  # the system's CAs do not know this certificate: stop, retry nothing
        assert untrusted.returncode == 1
        assert "TLS failed: CERTIFICATE_VERIFY_FAILED" in untrusted.stderr
        assert box.accepted == []
        trusted = send(project, SSL_CERT_FILE=str(cert))
        assert trusted.returncode == 0, trusted.stderr
        assert sorted(box.recipients()) == ["ann@example.org", "bob@example.net"]
    finally:
        controller.stop()


def test_starttls_required_but_not_offered_stops_the_send(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:1], security="starttls")
    result = send(project)
    assert result.returncode == 1
    assert result.stderr.endswith("the server does not offer STARTTLS (smtp.security = 'starttls'); "
                                  "run `newsletter send` again to send the rest\n")
    assert mailbox.accepted == []


def test_a_server_that_refuses_every_message_stops_the_send_after_ten(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, 15)
    mailbox.refuse_data = "554 5.7.1 Rejected as spam"
    result = send(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == ("error: stopped: the server refused 10 messages in a row (the last: "
                                              "554 5.7.1 Rejected as spam); run `newsletter send` again to send "
                                              "the rest")
    assert result.stdout.startswith("Sent issue 1 to 0 subscribers; 0 bounced; 10 refused (reader00001@example.org:"
                                    " 554 5.7.1 Rejected as spam; ")
    assert result.stdout.endswith("; 15 left to retry\n")
    assert [row[2] for row in deliveries(project)] == ["failed"] * 10
    assert set(statuses(project).values()) == {"active"}  # a refused message says nothing about the address
    mailbox.refuse_data = None
    assert send(project).stdout == "Sent issue 1 to 15 subscribers; 0 bounced; 0 left to retry\n"


def test_someone_who_unsubscribes_while_the_send_runs_is_skipped(tmp_path, mailbox):
    project = delivery_project(tmp_path, mailbox.port, 6)

    def unsubscribe_reader_5(count):
        if count == 2:
            with sqlite3.connect(project / "out.state.db") as connection:
                connection.execute("UPDATE subscribers SET status = 'unsubscribed' WHERE id = 5")

    mailbox.on_data = unsubscribe_reader_5
    result = send(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Sent issue 1 to 5 subscribers; 0 bounced; 0 left to retry; 1 unsubscribed while it ran\n"
    assert "reader00005@example.org" not in mailbox.recipients() and len(mailbox.accepted) == 5


def test_one_send_at_a_time_and_a_missing_issue_folder(tmp_path, mailbox):
    from newsletter import state

    project = delivery_project(tmp_path, mailbox.port, PEOPLE[:1])
    with state.send_lock(project / "out.state.db"):
        busy = send(project)
    assert busy.returncode == 1
    assert busy.stderr == (f"error: {project / 'out.state.db.send.lock'}: another `newsletter send` is still running;"
                           " try again later\n")
    (project / "out" / "issues" / "0001" / "email.txt").unlink()
    missing = send(project)
    assert missing.stderr == (f"error: {project / 'out' / 'issues' / '0001' / 'email.txt'}: not found (run "
                              "`newsletter build` to finish the issue)\n")
    assert mailbox.accepted == []


def test_an_issue_built_before_delivery_was_set_up_can_be_sent(tmp_path, mailbox):
    project = make_project(tmp_path)
    assert run_cli("build", cwd=project).returncode == 0  # footer: mailto:briefing@example.com?subject=unsubscribe
    with open(project / "config.toml", "a") as config:
        config.write(delivery_settings(mailbox.port))
    assert run_cli("subscribers", "add", "ann@example.org", cwd=project).returncode == 0
    result = send(project)
    assert result.returncode == 0, result.stderr
    [message] = mailbox.messages()
    html = message.get_body(("html",)).get_content()
    assert 'href="http://127.0.0.1:9/news/unsubscribe?token=1.' in html and "subject=unsubscribe\"" not in html
