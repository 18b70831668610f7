"""`newsletter serve`: the small web endpoint that unsubscribe links and one-click unsubscribe reach.

- GET /unsubscribe?token=T (the footer link): a page with a button that POSTs the same URL.
  A GET never unsubscribes: link checkers and mail scanners open links.
- POST /unsubscribe?token=T (the button, or a mail client's RFC 8058 one-click POST with the body
  `List-Unsubscribe=One-Click`): marks the subscriber unsubscribed; they get no later issue.
  Doing it again is harmless.
- A malformed, forged or other-address token: 400. Any other path: 404.

The handler answers from the state database; it runs on stdlib's ThreadingHTTPServer (put a TLS
proxy in front of it for the public https address in serve.public_url).
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from newsletter import state
from newsletter.tokens import token_subscriber, verify_token

MAX_BODY = 4096  # a one-click POST body is a few bytes


@dataclass(frozen=True)
class Endpoint:
    """What the server needs: the state database, the signing secret, the list it serves."""

    database: Path
    secret: bytes
    list_id: str
    list_name: str
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Page:
    """An answer: status and a small HTML page."""

    status: int
    title: str  # plain text
    body: str  # HTML, already escaped


def _find(endpoint: Endpoint, connection: sqlite3.Connection, token: str) -> state.Subscriber | None:
    """The subscriber a token was made for, if it verifies."""
    subscriber_id = token_subscriber(token)
    if subscriber_id is None:
        return None
    subscriber = state.subscriber_by_id(connection, subscriber_id)
    if subscriber is None or not verify_token(endpoint.secret, endpoint.list_id, subscriber.id, subscriber.email,
                                              token):
        return None
    return subscriber


_BAD_LINK = ("This unsubscribe link is not valid. Use the link in the newsletter's footer as it came, "
             "or reply to the newsletter.")


def answer(endpoint: Endpoint, method: str, target: str) -> Page:
    """The page for one request (method GET or POST, target the path and query)."""
    parts = urlsplit(target)
    if parts.path.rstrip("/").rsplit("/", 1)[-1] != "unsubscribe":
        return Page(HTTPStatus.NOT_FOUND, "Not found", "<p>There is nothing here.</p>")
    token = (parse_qs(parts.query).get("token") or [""])[0]
    name = html.escape(endpoint.list_name)
    with state.opened(endpoint.database) as connection:
        subscriber = _find(endpoint, connection, token)
        if subscriber is None:
            return Page(HTTPStatus.BAD_REQUEST, "Invalid link", f"<p>{html.escape(_BAD_LINK)}</p>")
        address = html.escape(subscriber.email)
        if method == "GET":
            if subscriber.status == "unsubscribed":
                return Page(HTTPStatus.OK, "Unsubscribed", f"<p>{address} is unsubscribed from {name}.</p>")
            action = html.escape(f"?token={token}", quote=True)
            return Page(HTTPStatus.OK, f"Unsubscribe from {endpoint.list_name}",
                        f"<p>Stop sending {name} to {address}?</p>"
                        f'<form method="post" action="{action}"><button type="submit">Unsubscribe</button></form>')
        if subscriber.status != "unsubscribed":
            state.set_subscriber_status(connection, subscriber.id, "unsubscribed", "unsubscribe link", endpoint.clock())
        return Page(HTTPStatus.OK, "Unsubscribed",
                    f"<p>{address} is unsubscribed from {name}: you will get no more issues.</p>")


def render_page(page: Page) -> bytes:
    """A complete small HTML document for a page."""
    title = html.escape(page.title)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head>"
            f'<body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em">'
            f"<h1>{title}</h1>{page.body}</body></html>\n").encode("utf-8")


def make_handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one endpoint."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "newsletter"
        sys_version = ""

        def _respond(self, method: str) -> None:
            if method == "POST":
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    self._send(Page(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Too large", "<p>Too large.</p>"))
                    return
                self.rfile.read(length)  # "List-Unsubscribe=One-Click" or the form's empty body: the token decides
            try:
                page = answer(endpoint, method, self.path)
            except Exception:  # noqa: BLE001 - a database hiccup must not kill the server or leak a traceback
                page = Page(HTTPStatus.SERVICE_UNAVAILABLE, "Try again later",
                            "<p>Something went wrong; please try again in a minute.</p>")
            self._send(page)

        def _send(self, page: Page) -> None:
            body = render_page(page)
            self.send_response(page.status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Content-Type-Options", "nosniff")
            # no scripts, no framing (the button cannot be clickjacked), forms post only back here
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                        "form-action 'self'; frame-ancestors 'none'")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._respond("GET")

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._respond("POST")

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - tokens stay out of the log
            pass

    return Handler


def make_server(endpoint: Endpoint, host: str, port: int) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for the endpoint; port 0 picks a free port."""
    server = ThreadingHTTPServer((host, port), make_handler(endpoint))
    server.daemon_threads = True
    return server


def endpoint_of(config, environ) -> Endpoint:
    """The Endpoint of a config (state database, list id) and the environment (NEWSLETTER_SECRET)."""
    from newsletter.build import state_file
    from newsletter.delivery import list_settings
    from newsletter.tokens import secret_from

    lists = list_settings(config)
    return Endpoint(database=state_file(config), secret=secret_from(environ), list_id=lists.list_id,
                    list_name=lists.list_name)
