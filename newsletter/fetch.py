"""The network edge: one polite, bounded HTTP GET. All of newsletter's web traffic goes through `fetch`.

Polite: a descriptive User-Agent, conditional requests (If-None-Match / If-Modified-Since) so an
unchanged resource costs one small 304. Bounded: a timeout per request (and for the whole body),
a few retries with exponential back-off on timeouts, connection errors and 5xx answers (never on
4xx), at most `max_redirects` redirects, and at most `max_bytes` read per response (the download
is aborted as soon as it passes the limit).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newsletter import __version__
from newsletter.errors import NewsletterError

DEFAULT_USER_AGENT = f"newsletter/{__version__} (feed reader for an email newsletter)"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchSettings:
    """How fetch behaves: limits, retries and the User-Agent."""

    timeout: float = 10.0  # seconds per request (connect, each read, and the whole body)
    retries: int = 2  # further tries after a timeout, connection error or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubled for each further one
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A 200 answer: the body and the validators to send next time."""

    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects
    body: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class NotModified:
    """A 304 answer to a conditional request: the cached body is still current."""

    url: str


class FetchError(NewsletterError):
    """A URL that could not be fetched; str() is the one-line reason (e.g. 'HTTP 404 Not Found')."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(reason)


class _Retryable(Exception):
    """A failure worth another try (timeout, connection error, 5xx); its message is the reason."""


def user_agent(contact: str = "") -> str:
    """newsletter/VERSION (+URL): who fetches, and where to learn more (the newsletter's site, when set)."""
    return f"newsletter/{__version__} (+{contact.strip()})" if contact.strip() else DEFAULT_USER_AGENT


def settings_from_config(config) -> FetchSettings:
    """The FetchSettings of a Config (fetch.*)."""
    return FetchSettings(
        timeout=float(config["fetch.timeout_seconds"]),
        retries=config["fetch.retries"],
        backoff=float(config["fetch.backoff_seconds"]),
        max_bytes=config["fetch.max_bytes"],
        max_redirects=config["fetch.max_redirects"],
        user_agent=config["fetch.user_agent"] or user_agent(config["newsletter.web_url"]),
    )


def fetch(url: str, settings: FetchSettings, etag: str | None = None, last_modified: str | None = None,
          sleep=time.sleep) -> Fetched | NotModified:
    """GET url politely: a conditional request when validators are given; FetchError with the reason on failure."""
    import requests

    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    tries = settings.retries + 1
    with requests.Session() as session:
        session.max_redirects = settings.max_redirects
        for attempt in range(tries):
            try:
                return _get(session, url, headers, settings)
            except _Retryable as problem:
                if attempt + 1 == tries:
                    after = f" ({tries} tries)" if tries > 1 else ""
                    raise FetchError(url, f"{problem}{after}") from None
                sleep(settings.backoff * 2 ** attempt)
    raise AssertionError("unreachable")


def _get(session, url: str, headers: dict[str, str], settings: FetchSettings) -> Fetched | NotModified:
    """One try: the answer, FetchError for a final failure, _Retryable for one worth retrying."""
    import requests

    deadline = time.monotonic() + settings.timeout
    try:
        response = session.get(url, headers=headers, timeout=settings.timeout, stream=True, allow_redirects=True)
    except requests.TooManyRedirects:
        raise FetchError(url, f"too many redirects (more than {settings.max_redirects})") from None
    except requests.Timeout:
        raise _Retryable(f"timed out after {settings.timeout:g} s") from None
    except requests.ConnectionError as error:
        raise _Retryable(f"cannot connect: {_root_cause(error)}") from None
    except requests.RequestException as error:
        raise FetchError(url, f"invalid request: {_root_cause(error)}") from None
    with response:
        status = response.status_code
        if status == 304:
            return NotModified(url)
        if status >= 500:
            raise _Retryable(_status_line(status, response.reason))
        if status != 200:
            raise FetchError(url, _status_line(status, response.reason))
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > settings.max_bytes:
            raise FetchError(url, _too_big(settings.max_bytes))
        body = bytearray()
        try:
            for chunk in response.iter_content(CHUNK):
                body += chunk
                if len(body) > settings.max_bytes:
                    raise FetchError(url, _too_big(settings.max_bytes))
                if time.monotonic() > deadline:
                    raise _Retryable(f"timed out after {settings.timeout:g} s (body too slow)")
        except requests.RequestException as error:
            if isinstance(error.__context__, TimeoutError) or "timed out" in str(error).lower():
                raise _Retryable(f"timed out after {settings.timeout:g} s") from None
            raise _Retryable(f"connection broken: {_root_cause(error)}") from None
        return Fetched(
            url=url,
            final_url=response.url,
            body=bytes(body),
            content_type=response.headers.get("Content-Type", ""),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )


def _status_line(status: int, reason: str | None) -> str:
    """'HTTP 404 Not Found': the standard phrase (servers word theirs freely), else the server's."""
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = reason or ""
    return f"HTTP {status} {phrase}".rstrip()


def _too_big(limit: int) -> str:
    return f"response larger than {limit:,} bytes (fetch.max_bytes)"


def _root_cause(error: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error, short."""
    seen = error
    while True:
        inner = seen.__cause__ or seen.__context__
        if inner is None and seen.args and isinstance(seen.args[0], BaseException):
            inner = seen.args[0]
        if inner is None or inner is seen:
            break
        seen = inner
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
    reason = getattr(seen, "reason", None)
    if isinstance(reason, BaseException):
        seen = reason
    if isinstance(seen, OSError) and seen.strerror:
        return seen.strerror
    text = str(seen)
    return text.split(": ", 1)[-1] if text else type(seen).__name__
