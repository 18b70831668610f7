"""Deliver a published issue to the subscribers over SMTP, exactly once as far as SMTP allows.

The issue is rendered once, at build time (`email.html`, `email.txt` in its folder). Sending
reads those files, cuts them at the footer's unsubscribe link, and for each recipient joins the
pieces around that recipient's own signed link: no template is rendered and no CSS inlined per
recipient. The message is built once (`prepare_letter`: shared headers, the MIME structure, the
bodies encoded); `address_letter` adds each recipient's To, List-Unsubscribe and a Message-ID that
is the same for every try of one (issue, subscriber), and joins their link into the bodies.

`send_all` is the loop: one SMTP connection reused for every message, a rate limit, temporary
failures (4xx replies, dropped or refused connections) retried with exponential back-off on a
new connection, permanent ones (5xx) reported. It calls back as soon as the server has accepted
a message, and `send_issue` commits the send log row right then, one small transaction per
message: a sender killed at any moment and run again sends to everyone who has no row and to
no one who has. The only window is the one message in flight (accepted, not yet logged); its
second copy has the same Message-ID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_lib
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email import quoprimime
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path
from urllib.parse import quote

from newsletter.config import Config
from newsletter.errors import NewsletterError
from newsletter.subscribers import clean_name

# Test-only: NEWSLETTER_TEST_KILL_AFTER=N makes `send_issue` die (os._exit) right after the Nth
# send log commit, as a kill would; N:accepted dies after the server accepted the Nth message but
# before its log row is committed (the one message in flight).
KILL_ENV = "NEWSLETTER_TEST_KILL_AFTER"
KILL_EXIT = 75
TEST_PREFIX = "[TEST] "
MAX_BACKOFF_SECONDS = 300.0
# Headers are folded only past 998 characters: a List-Unsubscribe with two URLs must stay unencoded.
# Bodies are encoded when they are added (quoted-printable lines stay within 76 characters).
_WIRE_POLICY = SMTP.clone(max_line_length=998)
_HREF = re.compile(r"""(\shref\s*=\s*)("([^"]*)"|'([^']*)')""", re.I)


# --- settings ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to reach the SMTP server; the password never appears in repr() or in messages."""

    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    username: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0


@dataclass(frozen=True)
class ListSettings:
    """Who the mail is from and how a reader leaves: sender, List-Id, the public unsubscribe endpoint."""

    sender_name: str
    sender_address: str
    list_name: str
    list_id: str
    public_url: str  # the base URL of `newsletter serve`, no trailing slash

    def unsubscribe_url(self, token: str) -> str:
        """The https link a reader (or their mail client, by POST) follows to leave."""
        return f"{self.public_url}/unsubscribe?token={quote(token, safe='')}"

    def unsubscribe_mailto(self, token: str) -> str:
        """The mailto: alternative of List-Unsubscribe."""
        return f"mailto:{self.sender_address}?subject={quote('unsubscribe ' + token, safe='')}"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before trying a message again after a temporary failure."""

    retries: int = 5
    base_seconds: float = 2.0
    cap_seconds: float = MAX_BACKOFF_SECONDS

    def backoff(self, attempt: int) -> float:
        """The wait before try number attempt + 1 (attempt 1 waits base_seconds, each next one twice as long)."""
        return min(self.cap_seconds, self.base_seconds * 2 ** (attempt - 1))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "newsletter"


def list_settings(config: Config) -> ListSettings:
    """The ListSettings of a config; the List-Id defaults to NAME-SLUG.SENDER-DOMAIN."""
    name, address = parseaddr(config["newsletter.sender"])
    domain = address.rpartition("@")[2] or "localhost"
    list_id = config["newsletter.list_id"] or f"{_slug(config['newsletter.name'])}.{domain.casefold()}"
    return ListSettings(
        sender_name=one_line(name),
        sender_address=address,
        list_name=one_line(config["newsletter.name"]),
        list_id=list_id,
        public_url=config["serve.public_url"].rstrip("/"),
    )


def smtp_settings(config: Config, environ: Mapping[str, str]) -> SmtpSettings:
    """The SmtpSettings of a config; the password comes only from the variable smtp.password_env names."""
    username = config["smtp.username"]
    password = ""
    if username:
        variable = config["smtp.password_env"]
        password = environ.get(variable, "")
        if not password:
            raise NewsletterError(f"{config.source}: smtp.username is set but the environment variable "
                                  f"{variable} (smtp.password_env) holding the password is not")
    return SmtpSettings(host=config["smtp.host"], port=config["smtp.port"], security=config["smtp.security"],
                        username=username, password=password, timeout=float(config["smtp.timeout_seconds"]))


def retry_policy(config: Config) -> RetryPolicy:
    """The RetryPolicy of a config."""
    return RetryPolicy(retries=config["smtp.retries"], base_seconds=float(config["smtp.retry_base_seconds"]))


# --- one rendering, many messages ---------------------------------------------------------------------------


def one_line(text: str) -> str:
    """A header value on one line: CR, LF and other control characters become spaces (no header injection)."""
    return clean_name(text)


_CRLF = "\r\n"


def quoted_printable(text: str) -> str:
    """UTF-8 text as quoted-printable with CRLF line ends (lines of at most 75 characters: a soft break fits)."""
    return quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), maxlinelen=75, eol=_CRLF)


def join_encoded(pieces: Iterable[str]) -> str:
    """Quoted-printable pieces as one body: a soft line break wherever a piece ends mid-line.

    Decoded, the result is the concatenation of the decoded pieces, so the large parts of a
    message are encoded once and only the small personal parts per recipient.
    """
    out: list[str] = []
    for piece in pieces:
        if out and not out[-1].endswith(_CRLF):
            out.append("=" + _CRLF)
        out.append(piece)
    return "".join(out)


@dataclass(frozen=True)
class IssueMail:
    """An issue rendered once: its subject and date, and its HTML and text cut at the footer's unsubscribe link."""

    number: int
    subject: str
    date: dt.date | None
    html_parts: tuple[str, ...]  # "".join with the recipient's (escaped) link between the parts
    text_parts: tuple[str, ...]


@dataclass(frozen=True)
class Recipient:
    """Someone to send to: the subscriber's id (0 for a test send), address and display name."""

    id: int
    email: str
    name: str = ""


def split_html_at_link(html: str, url: str) -> tuple[str, ...]:
    """The HTML cut around the value of every href that is url (however it is escaped there)."""
    parts: list[str] = []
    start = 0
    for match in _HREF.finditer(html):
        value = match.group(3) if match.group(3) is not None else match.group(4)
        if html_lib.unescape(value) == url:
            value_start = match.start(2) + 1
            parts.append(html[start:value_start])
            start = match.end(2) - 1
    parts.append(html[start:])
    return tuple(parts)


def split_text_at_link(text: str, url: str) -> tuple[str, ...]:
    """The plain text cut around every occurrence of url that stands on its own (not part of a longer URL)."""
    return tuple(re.split(rf"(?<!\S){re.escape(url)}(?!\S)", text))


def issue_mail(number: int, subject: str, date: dt.date | None, html: str, text: str,
               footer_urls: str | Sequence[str]) -> IssueMail:
    """An IssueMail from the built HTML and text, cut at the first of footer_urls they link to.

    NewsletterError if they link to none of them.
    """
    candidates = (footer_urls,) if isinstance(footer_urls, str) else tuple(footer_urls)
    for url in candidates:
        html_parts = split_html_at_link(html, url)
        text_parts = split_text_at_link(text, url)
        if len(html_parts) > 1 or len(text_parts) > 1:
            return IssueMail(number=number, subject=one_line(subject), date=date, html_parts=html_parts,
                             text_parts=text_parts)
    raise NewsletterError(
        f"issue {number}: its email has no unsubscribe link to {' or '.join(candidates)} (was it built with "
        "another newsletter.unsubscribe_url or serve.public_url?); set them back as they were at build time")


def read_issue_mail(folder: Path, number: int, subject: str, date: dt.date | None,
                    footer_urls: str | Sequence[str]) -> IssueMail:
    """The IssueMail of a built issue folder (email.html, email.txt)."""
    files = {}
    for name in ("email.html", "email.txt"):
        try:
            files[name] = (folder / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise NewsletterError(f"{folder / name}: not found (run `newsletter build` to finish the issue)") from None
        except (OSError, UnicodeDecodeError) as error:
            raise NewsletterError(f"{folder / name}: cannot read: {error}") from None
    return issue_mail(number, subject, date, files["email.html"], files["email.txt"], footer_urls)


def message_id(mail: IssueMail, recipient: Recipient, lists: ListSettings) -> str:
    """The Message-ID of one issue for one subscriber: the same on every try, so a duplicate can be recognised."""
    who = f"subscriber-{recipient.id}" if recipient.id else "test"
    return f"<issue-{mail.number:04d}.{who}@{lists.list_id}>"


_TEXT_SLOT = "NEWSLETTER-TEXT-BODY-SLOT"
_HTML_SLOT = "NEWSLETTER-HTML-BODY-SLOT"


@dataclass(frozen=True)
class Letter:
    """An issue ready to address: all but the recipient's own headers and link, built and encoded once.

    `skeleton` is the message as the email package writes it (shared headers, multipart/alternative
    with a text and an HTML part) with the two bodies left out; the bodies are kept as
    quoted-printable pieces to be joined around each recipient's link.
    """

    mail: IssueMail
    lists: ListSettings
    skeleton: tuple[bytes, bytes, bytes]  # before the text body, between the bodies, after the HTML body
    text_pieces: tuple[str, ...]
    html_pieces: tuple[str, ...]


def prepare_letter(mail: IssueMail, lists: ListSettings, test: bool = False) -> Letter:
    """The Letter of an issue: shared headers (Subject, From, Date, List-Id, List-Unsubscribe-Post) and bodies."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = (TEST_PREFIX if test else "") + one_line(mail.subject)
    message["From"] = Address(display_name=one_line(lists.sender_name), addr_spec=lists.sender_address)
    when = dt.datetime.combine(mail.date or dt.date(1970, 1, 1), dt.time(6, 0), tzinfo=dt.timezone.utc)
    message["Date"] = format_datetime(when)
    message["List-Id"] = f"{one_line(lists.list_name)} <{lists.list_id}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["MIME-Version"] = "1.0"
    message["Content-Type"] = "multipart/alternative"
    digest = hashlib.sha256("\0".join((*mail.html_parts, *mail.text_parts)).encode("utf-8")).hexdigest()
    message.set_boundary(f"=_newsletter_{digest[:24]}")  # "=_" never occurs in quoted-printable text
    for subtype, slot in (("plain", _TEXT_SLOT), ("html", _HTML_SLOT)):
        part = MIMEPart(policy=SMTP)
        part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
        part["Content-Transfer-Encoding"] = "quoted-printable"
        part.set_payload(slot)
        message.attach(part)
    whole = message.as_bytes(policy=_WIRE_POLICY)
    before, rest = whole.split(_TEXT_SLOT.encode("ascii"))
    between, after = rest.split(_HTML_SLOT.encode("ascii"))
    return Letter(mail=mail, lists=lists, skeleton=(before, between, after),
                  text_pieces=tuple(quoted_printable(part) for part in mail.text_parts),
                  html_pieces=tuple(quoted_printable(part) for part in mail.html_parts))


def _body(pieces: tuple[str, ...], personal: str) -> bytes:
    between = quoted_printable(personal)
    joined = join_encoded(piece for index, encoded in enumerate(pieces)
                          for piece in ((between, encoded) if index else (encoded,)))
    return joined.encode("ascii")  # the line end before the next boundary is the skeleton's (RFC 2046)


def address_letter(letter: Letter, recipient: Recipient, token: str) -> bytes:
    """The message for one recipient, as sent: To, Message-ID and List-Unsubscribe, their link in the body.

    Only these headers and the link are made here; everything else was made once (prepare_letter).
    """
    lists = letter.lists
    link = lists.unsubscribe_url(token)
    head = EmailMessage(policy=SMTP)
    head["To"] = Address(display_name=one_line(recipient.name), addr_spec=one_line(recipient.email))
    head["Message-ID"] = message_id(letter.mail, recipient, lists)
    head["List-Unsubscribe"] = f"<{link}>, <{lists.unsubscribe_mailto(token)}>"
    own = head.as_bytes(policy=_WIRE_POLICY).removesuffix(b"\r\n")  # headers only, without the blank line
    before, between, after = letter.skeleton
    return b"".join((own, before, _body(letter.text_pieces, link), between,
                     _body(letter.html_pieces, html_lib.escape(link, quote=True)), after))


# --- the SMTP connection --------------------------------------------------------------------------------------


class TemporaryFailure(Exception):
    """A failure worth trying again later: a 4xx reply, a dropped or refused connection."""


class SendAborted(NewsletterError):
    """A failure that no retry will cure (refused login, TLS failure, the sender refused): stop sending."""


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return one_line(f"{code} {text}")


def open_smtp(settings: SmtpSettings) -> smtplib.SMTP:
    """A connected (and, as configured, encrypted and logged-in) SMTP client.

    TemporaryFailure for what may pass (refused connection, timeout, 4xx greeting); SendAborted for
    what will not (TLS certificate, no STARTTLS, refused login). The password is never in a message.
    """
    where = f"{settings.host}:{settings.port}"
    client: smtplib.SMTP | None = None
    try:
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
        if settings.username:
            client.login(settings.username, settings.password)
        return client
    except smtplib.SMTPNotSupportedError:
        _close(client)
        raise SendAborted(f"smtp {where}: the server does not offer STARTTLS (smtp.security = 'starttls')") from None
    except smtplib.SMTPAuthenticationError as error:
        _close(client)
        raise SendAborted(f"smtp {where}: login as {settings.username!r} refused: "
                          f"{_reply(error.smtp_code, error.smtp_error)}") from None
    except ssl.SSLError as error:
        _close(client)
        raise SendAborted(f"smtp {where}: TLS failed: {error.reason or error}") from None
    except smtplib.SMTPResponseException as error:
        _close(client)
        if 400 <= error.smtp_code < 500:
            raise TemporaryFailure(f"smtp {where}: {_reply(error.smtp_code, error.smtp_error)}") from None
        raise SendAborted(f"smtp {where}: {_reply(error.smtp_code, error.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as error:  # refused, reset, timed out, disconnected
        _close(client)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise TemporaryFailure(f"smtp {where}: {reason}") from None


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


# --- the loop ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """A recipient the server refused for good (bounced: the address; else the message), or one left to retry."""

    recipient: Recipient
    reason: str


@dataclass(frozen=True)
class SendReport:
    """What one run of the send loop did."""

    sent: int
    bounced: tuple[Refused, ...] = ()  # 5xx for the address: marked bounced
    failed: tuple[Refused, ...] = ()  # 5xx for the message: logged, tried again on the next run
    left: tuple[Refused, ...] = ()  # temporary failures past the retries, or not tried after an abort
    stopped: str = ""  # why the loop stopped early (then every recipient not tried is in left)
    skipped: int = 0  # recipients make() skipped (unsubscribed since the send began)


class Pace:
    """A rate limit: at most `per_second` messages a second (0: no limit)."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.next_at: float | None = None

    def wait(self) -> None:
        """Sleep until the next message may go."""
        if not self.interval:
            return
        now = self.clock()
        if self.next_at is not None and self.next_at > now:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


@dataclass(frozen=True)
class Outcome:
    """How one message ended: "sent", "bounced" (5xx for the address), "failed" (5xx for the message),
    "left" (temporary failures past the retries)."""

    status: str
    reason: str = ""


def _try_send(client: smtplib.SMTP, envelope_from: str, recipient: Recipient, data: bytes) -> Outcome:
    """Send one message on an open connection; TemporaryFailure for a 4xx or a dropped connection."""
    try:
        client.sendmail(envelope_from, [recipient.email], data)
    except smtplib.SMTPRecipientsRefused as error:
        code, text = next(iter(error.recipients.values()))
        if code >= 500:
            return Outcome("bounced", _reply(code, text))
        raise TemporaryFailure(_reply(code, text)) from None
    except smtplib.SMTPSenderRefused as error:
        if error.smtp_code >= 500:
            raise SendAborted(f"the server refused the sender {envelope_from}: "
                              f"{_reply(error.smtp_code, error.smtp_error)}") from None
        raise TemporaryFailure(_reply(error.smtp_code, error.smtp_error)) from None
    except smtplib.SMTPResponseException as error:  # SMTPDataError and the like
        if error.smtp_code >= 500:
            return Outcome("failed", _reply(error.smtp_code, error.smtp_error))
        raise TemporaryFailure(_reply(error.smtp_code, error.smtp_error)) from None
    except (smtplib.SMTPException, OSError) as error:  # disconnected, reset, timed out
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise TemporaryFailure(one_line(f"connection lost: {reason}")) from None
    return Outcome("sent")


MAX_REFUSED_IN_A_ROW = 10  # this many messages refused (5xx after DATA) one after another: the server refuses them all


class _Connection:
    """The one SMTP connection of a send loop, opened when needed and reopened after a failure."""

    def __init__(self, connect: Callable[[], smtplib.SMTP]):
        self.connect = connect
        self.client: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        """The open connection, made now if there is none (TemporaryFailure raised as _Unreachable)."""
        if self.client is None:
            try:
                self.client = self.connect()
            except TemporaryFailure as failure:
                raise _Unreachable(str(failure)) from None
        return self.client

    def drop(self) -> None:
        """Close the connection (after a failure, or at the end)."""
        _close(self.client)
        self.client = None

    def abandon(self) -> None:
        """Close the socket at once, without a polite QUIT that would wait for the server (Ctrl-C)."""
        if self.client is not None:
            self.client.close()
            self.client = None


class _Unreachable(TemporaryFailure):
    """The connection itself could not be made."""


def _deliver(connection: _Connection, envelope_from: str, recipient: Recipient, data: bytes, retry: RetryPolicy,
             pace: Pace, sleep: Callable[[float], None]) -> Outcome:
    """Send one message, trying again after temporary failures; Outcome "left" once the retries are spent.

    Raises _Unreachable when the server could not be reached on the last try, SendAborted for what no
    retry cures.
    """
    attempt = 0
    while True:
        try:
            client = connection.open()
            pace.wait()
            return _try_send(client, envelope_from, recipient, data)
        except TemporaryFailure as failure:
            connection.drop()
            attempt += 1
            if attempt > retry.retries:
                if isinstance(failure, _Unreachable):
                    raise _Unreachable(f"{failure} (after {attempt} tries)") from None
                return Outcome("left", str(failure))
            sleep(retry.backoff(attempt))


def send_all(recipients: Sequence[Recipient], make: Callable[[Recipient], bytes | None], envelope_from: str,
             connect: Callable[[], smtplib.SMTP], on_outcome: Callable[[Recipient, Outcome], None],
             retry: RetryPolicy = RetryPolicy(), pace: Pace | None = None,
             sleep: Callable[[float], None] = time.sleep,
             progress: Callable[[int], None] | None = None) -> SendReport:
    """Send make(recipient) to each recipient over one reused connection (connect() opens a new one when needed).

    make may return None to skip a recipient (e.g. unsubscribed since the send began). on_outcome is
    called as soon as the server accepted (Outcome "sent") or refused for good ("bounced": the
    address; "failed": the message) a message; it must record it before returning. Temporary
    failures are retried on a new connection after retry.backoff(n); a recipient still failing after
    retry.retries is left (reported, not recorded) and the loop goes on. The loop stops, leaving
    everyone not yet sent to, when the server cannot be reached, on a failure no retry cures
    (SendAborted), and after MAX_REFUSED_IN_A_ROW messages refused one after another.
    """
    pace = pace or Pace(0)
    connection = _Connection(connect)
    sent = skipped = refused_in_a_row = 0
    bounced: list[Refused] = []
    failed: list[Refused] = []
    left: list[Refused] = []
    stopped = ""
    index = 0
    try:
        for index, recipient in enumerate(recipients):
            data = make(recipient)
            if data is None:
                skipped += 1
            else:
                outcome = _deliver(connection, envelope_from, recipient, data, retry, pace, sleep)
                if outcome.status == "left":
                    left.append(Refused(recipient, outcome.reason))
                else:
                    on_outcome(recipient, outcome)
                    refused_in_a_row = refused_in_a_row + 1 if outcome.status == "failed" else 0
                    if outcome.status == "sent":
                        sent += 1
                    elif outcome.status == "bounced":
                        bounced.append(Refused(recipient, outcome.reason))
                    else:
                        failed.append(Refused(recipient, outcome.reason))
                        if refused_in_a_row >= MAX_REFUSED_IN_A_ROW:
                            index += 1  # this one is logged as refused; the rest are left
                            raise SendAborted(f"the server refused {refused_in_a_row} messages in a row "
                                              f"(the last: {outcome.reason})")
            if progress is not None:
                progress(index + 1)
    except (SendAborted, _Unreachable) as error:  # everyone from recipients[index] on is left
        stopped = str(error)
        left.extend(Refused(r, "not tried: " + stopped) for r in recipients[index:])
    except BaseException:  # interrupted
        connection.abandon()
        raise
    finally:
        connection.drop()
    return SendReport(sent=sent, bounced=tuple(bounced), failed=tuple(failed), left=tuple(left), stopped=stopped,
                      skipped=skipped)


# --- sending a published issue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NothingToSend:
    """The issue was already sent to every active subscriber (or there is no active subscriber)."""

    issue: int
    already: int  # how many have it


@dataclass(frozen=True)
class IssueSent:
    """What `send_issue` did for one issue."""

    issue: int
    report: SendReport
    already: int  # how many had it before this run
    total: int  # recipients this run tried


def _kill_point(count: int, stage: str, environ: Mapping[str, str]) -> None:
    """Die here if the test-only NEWSLETTER_TEST_KILL_AFTER names this message count and stage."""
    wanted = environ.get(KILL_ENV)
    if wanted and wanted == (str(count) if stage == "committed" else f"{count}:{stage}"):
        os._exit(KILL_EXIT)


def _issue_to_send(connection, config: Config, number: int | None) -> tuple[int, str, dt.date | None, Path]:
    from newsletter import state
    from newsletter.build import output_folder

    if number is None:
        number = state.latest_issue(connection)
        if number is None:
            raise NewsletterError("no issue has been published yet (run `newsletter build` first)")
    found = state.issue_subject(connection, number)
    if found is None:
        raise NewsletterError(f"issue {number} has not been published")
    subject, date = found
    return number, subject, date, output_folder(config) / "issues" / f"{number:04d}"


def footer_links(config: Config) -> tuple[str, ...]:
    """The unsubscribe links `build` may have put in the footer, which sending replaces with each reader's own.

    First the one it puts there now; then the others it would have with serve.public_url or
    newsletter.unsubscribe_url unset, so an issue built before delivery was set up can be sent.
    """
    from newsletter.render import email_settings

    now = email_settings(config).unsubscribe_url
    public = config["serve.public_url"].rstrip("/")
    others = [config["newsletter.unsubscribe_url"], f"{public}/unsubscribe" if public else "",
              f"mailto:{parseaddr(config['newsletter.sender'])[1]}?subject=unsubscribe"]
    return tuple(dict.fromkeys(link for link in (now, *others) if link))


def check_ready(config: Config, environ: Mapping[str, str]) -> tuple[bytes, SmtpSettings, ListSettings]:
    """The secret, SMTP and list settings, or a one-line NewsletterError before anything is sent."""
    from newsletter.tokens import secret_from

    secret = secret_from(environ)
    lists = list_settings(config)
    if not lists.public_url:
        raise NewsletterError(f"{config.source}: serve.public_url is not set: the unsubscribe links need the "
                              "public address of `newsletter serve` (e.g. 'https://news.example.com')")
    return secret, smtp_settings(config, environ), lists


def send_issue(config: Config, number: int | None = None, *, environ: Mapping[str, str] | None = None,
               connect: Callable[[], smtplib.SMTP] | None = None, sleep: Callable[[float], None] = time.sleep,
               clock: Callable[[], dt.datetime] | None = None,
               on_start: Callable[[int], None] | None = None,
               progress: Callable[[int], None] | None = None) -> IssueSent | NothingToSend:
    """Send a published issue (default: the newest) to every active subscriber who has not got it.

    Holds the send lock; logs each accepted message at once (see the module docstring).
    on_start(total) is called before the first message; progress(done) after each.
    """
    from newsletter import state
    from newsletter.build import state_file
    from newsletter.tokens import make_token

    environ = os.environ if environ is None else environ
    clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
    secret, smtp, lists = check_ready(config, environ)
    connect = connect or (lambda: open_smtp(smtp))
    database = state_file(config)
    with state.send_lock(database), state.opened(database) as connection:
        number, subject, date, folder = _issue_to_send(connection, config, number)
        mail = read_issue_mail(folder, number, subject, date, footer_links(config))
        already = state.sent_count(connection, number)
        pending = [Recipient(s.id, s.email, s.name) for s in state.pending_recipients(connection, number)]
        if not pending:
            return NothingToSend(issue=number, already=already)
        if on_start is not None:
            on_start(len(pending))
        letter = prepare_letter(mail, lists)
        logged = 0

        def make(recipient: Recipient) -> bytes | None:
            if state.subscriber_status(connection, recipient.id) != "active":
                return None  # unsubscribed (or removed) since the send began
            return address_letter(letter, recipient, make_token(secret, lists.list_id, recipient.id,
                                                                recipient.email))

        def record(recipient: Recipient, outcome: Outcome) -> None:
            nonlocal logged
            if outcome.status == "sent":
                _kill_point(logged + 1, "accepted", environ)
                state.record_sent(connection, number, recipient.id, message_id(mail, recipient, lists), clock())
                logged += 1
                _kill_point(logged, "committed", environ)
            else:
                state.record_failed(connection, number, recipient.id, message_id(mail, recipient, lists),
                                    outcome.reason, clock(), bounced=outcome.status == "bounced")

        report = send_all(pending, make, lists.sender_address, connect, record, retry_policy(config),
                          Pace(float(config["smtp.messages_per_second"])), sleep, progress)
        return IssueSent(issue=number, report=report, already=already, total=len(pending))


def send_test(config: Config, address: str, number: int | None = None, *,
              environ: Mapping[str, str] | None = None,
              connect: Callable[[], smtplib.SMTP] | None = None,
              sleep: Callable[[float], None] = time.sleep) -> tuple[int, SendReport]:
    """Send the issue once to address (subject prefixed "[TEST] "), without touching the send log."""
    from newsletter import state
    from newsletter.build import state_file
    from newsletter.subscribers import new_subscriber
    from newsletter.tokens import make_token

    environ = os.environ if environ is None else environ
    secret, smtp, lists = check_ready(config, environ)
    person = new_subscriber(address)
    connect = connect or (lambda: open_smtp(smtp))
    with state.opened(state_file(config)) as connection:
        number, subject, date, folder = _issue_to_send(connection, config, number)
    mail = read_issue_mail(folder, number, subject, date, footer_links(config))
    recipient = Recipient(0, person.email, "")
    token = make_token(secret, lists.list_id, 0, person.email)  # id 0 never verifies: the link is inert
    data = address_letter(prepare_letter(mail, lists, test=True), recipient, token)
    report = send_all([recipient], lambda _r: data, lists.sender_address, connect, lambda _r, _o: None,
                      retry_policy(config), sleep=sleep)
    return number, report


def summary(result: IssueSent, limit: int = 3) -> str:
    """The one-line summary of a send: 'Sent issue 3 to 998 subscribers; 2 bounced (a@x: 550 …); 0 left to retry'."""
    report = result.report

    def some(refused: Iterable[Refused]) -> str:
        items = list(refused)
        shown = "; ".join(f"{r.recipient.email}: {r.reason}" for r in items[:limit])
        return f" ({shown}{'; …' if len(items) > limit else ''})" if items else ""

    people = "subscriber" if report.sent == 1 else "subscribers"
    line = f"Sent issue {result.issue} to {report.sent} {people}"
    if result.already:
        line += f" ({result.already} had it already)"
    line += f"; {len(report.bounced)} bounced{some(report.bounced)}"
    if report.failed:
        line += f"; {len(report.failed)} refused{some(report.failed)}"
    line += f"; {len(report.left) + len(report.failed)} left to retry"
    if report.skipped:
        line += f"; {report.skipped} unsubscribed while it ran"
    return line

