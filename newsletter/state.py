"""What has been published: issues and their items in SQLite, and the build lock. All SQLite access lives here.

An item is an article as the state knows it. Its identity is a set of keys (`item_keys`): its id, its
URL, its normalised title with source and date, and a fingerprint of its opening text. A current
article is the published item whose keys it shares any of, so an article edited after it was
published (new text under the same title, or a corrected title over the same text) and a renamed
file are the same item. Every build under the lock also records the keys of such edited
articles, so an article edited step by step stays the same item.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsletter.errors import NewsletterError
from newsletter.models import Article
from newsletter.text import fold

SCHEMA_VERSION = 3
LOCK_TIMEOUT = 600.0  # seconds a build waits for another build to finish

# MIGRATIONS[n] takes a database from user_version n - 1 to n.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE issues (
        number INTEGER PRIMARY KEY,
        published_at TEXT NOT NULL,          -- the build's clock, ISO 8601 in UTC
        date TEXT,                           -- the issue's date (from the content), ISO 8601
        name TEXT NOT NULL,
        subject TEXT NOT NULL,
        stories INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        content_html TEXT NOT NULL           -- the web version's body, for the feed
    );
    CREATE TABLE items (
        id TEXT PRIMARY KEY,                 -- the article id when first published
        issue INTEGER NOT NULL REFERENCES issues (number),  -- the issue that first used it
        title TEXT NOT NULL,
        source TEXT,
        date TEXT,
        path TEXT
    );
    CREATE TABLE item_keys (
        key TEXT PRIMARY KEY,
        item TEXT NOT NULL REFERENCES items (id)
    );
    CREATE TABLE issue_items (
        issue INTEGER NOT NULL REFERENCES issues (number),
        item TEXT NOT NULL REFERENCES items (id),
        PRIMARY KEY (issue, item)
    );
    """,
    2: """
    CREATE TABLE sources (
        key TEXT PRIMARY KEY,                -- the feed's or page's URL, or 'folder:' and the folder's path
        name TEXT NOT NULL,
        type TEXT NOT NULL,                  -- folder, feed or page
        status TEXT NOT NULL,                -- ok, not modified or error
        error TEXT,                          -- the reason, when status is error
        items INTEGER NOT NULL,              -- articles read from it
        read_at TEXT NOT NULL                -- the build's clock, ISO 8601 in UTC
    );
    CREATE TABLE fetch_cache (
        url TEXT PRIMARY KEY,                -- a feed, page or teaser article page
        etag TEXT,
        last_modified TEXT,
        final_url TEXT NOT NULL,             -- where the body came from, after redirects
        content_type TEXT NOT NULL,
        body BLOB NOT NULL,                  -- the last 200 answer, reused on 304
        used_at TEXT NOT NULL                -- last build that needed it (unused for CACHE_DAYS: pruned)
    );
    """,
    3: """
    CREATE TABLE subscribers (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- as email-validator normalised it
        name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unsubscribed', 'bounced')),
        subscribed_at TEXT NOT NULL,         -- ISO 8601 in UTC
        updated_at TEXT NOT NULL,            -- when status or name last changed
        reason TEXT NOT NULL DEFAULT ''      -- why the status is what it is (a bounce's SMTP reply)
    );
    CREATE TABLE deliveries (
        issue INTEGER NOT NULL REFERENCES issues (number),
        subscriber INTEGER NOT NULL REFERENCES subscribers (id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        at TEXT NOT NULL,                    -- when the server accepted (or refused) it, ISO 8601 in UTC
        message_id TEXT NOT NULL,
        error TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (issue, subscriber)
    )
    """,
}
CACHE_DAYS = 30


@dataclass(frozen=True)
class PublishedIssue:
    """One published issue as the state records it."""

    number: int
    published_at: dt.datetime
    date: dt.date | None
    name: str
    subject: str
    stories: int
    articles: int
    content_html: str


def default_path(output: Path) -> Path:
    """The default state database: OUTPUT.state.db beside the output folder (never inside the published folder)."""
    return output.parent / f"{output.name}.state.db"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def item_keys(article: Article) -> tuple[str, ...]:
    """The keys that identify an article as an item; sharing any one key means the same item."""
    keys = [f"id:{article.id}"]
    if article.url and article.url.strip():
        keys.append("url:" + _digest(article.url.strip()))
    date = article.date.isoformat() if article.date else ""
    keys.append("title:" + _digest(f"{fold(article.title)}\n{fold(article.source or '')}\n{date}"))
    opening = fold(" ".join(article.paragraphs))[:400]
    keys.append("text:" + _digest(opening))
    return tuple(keys)


# --- the database ------------------------------------------------------------------------------------------


def _error(path: Path, error: Exception) -> NewsletterError:
    return NewsletterError(f"{path}: cannot use the state database: {error}")


@contextlib.contextmanager
def database_errors(path: Path) -> Iterator[None]:
    """An SQLite failure inside (a locked or damaged database) as a one-line NewsletterError naming the file."""
    try:
        yield
    except sqlite3.Error as error:
        raise _error(path, error) from None


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The state database, connected (and migrated) for the block, closed after; SQLite failures one line."""
    with database_errors(path):
        connection = connect(path)
        try:
            yield connection
        finally:
            connection.close()


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """The state database opened read-only for the block (None if nothing is published there yet), closed after;
    SQLite failures one line."""
    with database_errors(path):
        connection = connect_readonly(path)
        try:
            yield connection
        finally:
            if connection is not None:
                connection.close()


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating) the state database; transactions are explicit."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise _error(path, error) from None
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _error(path, error) from None
    except NewsletterError as error:
        connection.close()
        raise NewsletterError(f"{path}: {error}") from None
    return connection


def connect_readonly(path: Path) -> sqlite3.Connection | None:
    """Open the state database without changing it; None if it does not exist yet."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                     isolation_level=None)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise _error(path, error) from None
    if version > SCHEMA_VERSION:
        connection.close()
        raise NewsletterError(f"{path}: {_too_new(version)}")
    if version < 1:  # only holds the job store: nothing published (version 1 on has the issues table)
        connection.close()
        return None
    return connection


def _too_new(version: int) -> str:
    return f"state database version {version} is newer than this newsletter understands ({SCHEMA_VERSION})"


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, one step per transaction (PRAGMA user_version)."""
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewsletterError(_too_new(version))
            if version == SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[version + 1].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or none of it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def issue_count(connection: sqlite3.Connection | None) -> tuple[int, int]:
    """How many issues are published and the newest number ((0, 0) for none), without reading them."""
    if connection is None:
        return (0, 0)
    count, newest = connection.execute("SELECT COUNT(*), COALESCE(MAX(number), 0) FROM issues").fetchone()
    return (count, newest)


def published_issues(connection: sqlite3.Connection | None) -> list[PublishedIssue]:
    """Every published issue, oldest first."""
    if connection is None:
        return []
    rows = connection.execute(
        "SELECT number, published_at, date, name, subject, stories, articles, content_html FROM issues ORDER BY number"
    )
    return [
        PublishedIssue(
            number=number,
            published_at=dt.datetime.fromisoformat(published_at),
            date=dt.date.fromisoformat(date) if date else None,
            name=name,
            subject=subject,
            stories=stories,
            articles=articles,
            content_html=content_html,
        )
        for number, published_at, date, name, subject, stories, articles, content_html in rows
    ]


def match_published(connection: sqlite3.Connection | None, articles: Iterable[Article]) -> dict[str, str]:
    """For each article that is an already published item: article id -> item id."""
    if connection is None:
        return {}
    matches: dict[str, str] = {}
    for article in articles:
        for key in item_keys(article):
            row = connection.execute("SELECT item FROM item_keys WHERE key = ?", (key,)).fetchone()
            if row:
                matches[article.id] = row[0]
                break
    return matches


def issue_items(connection: sqlite3.Connection, number: int) -> list[str]:
    """The item ids of one issue, sorted."""
    rows = connection.execute("SELECT item FROM issue_items WHERE issue = ? ORDER BY item", (number,))
    return [item for (item,) in rows]


def _add_keys(connection: sqlite3.Connection, article: Article, item: str) -> int:
    added = 0
    for key in item_keys(article):
        added += connection.execute("INSERT OR IGNORE INTO item_keys (key, item) VALUES (?, ?)", (key, item)).rowcount
    return added


def remember_edits(connection: sqlite3.Connection, articles: Sequence[Article], matches: Mapping[str, str]) -> int:
    """Record the keys of published items' current (maybe edited) versions; how many keys were new."""
    known = [a for a in articles if a.id in matches]
    if not known:
        return 0
    with transaction(connection):
        return sum(_add_keys(connection, article, matches[article.id]) for article in known)


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("published_at must be an aware datetime")
    return moment.astimezone(dt.timezone.utc).isoformat()


def record_issue(connection: sqlite3.Connection, issue: PublishedIssue, articles: Sequence[Article],
                 matches: Mapping[str, str], before_commit: Callable[[], None] | None = None) -> None:
    """Publish: the issue, its items (new ones created, known ones by their item id) in ONE transaction."""
    with transaction(connection):
        connection.execute(
            "INSERT INTO issues (number, published_at, date, name, subject, stories, articles, content_html)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (issue.number, _utc(issue.published_at), issue.date.isoformat() if issue.date else None, issue.name,
             issue.subject, issue.stories, issue.articles, issue.content_html),
        )
        for article in articles:
            item = matches.get(article.id, article.id)
            connection.execute(
                "INSERT OR IGNORE INTO items (id, issue, title, source, date, path) VALUES (?, ?, ?, ?, ?, ?)",
                (item, issue.number, article.title, article.source,
                 article.date.isoformat() if article.date else None, article.path),
            )
            _add_keys(connection, article, item)
            connection.execute("INSERT OR IGNORE INTO issue_items (issue, item) VALUES (?, ?)", (issue.number, item))
        if before_commit is not None:
            before_commit()


# --- sources and the fetch cache ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedResponse:
    """The last 200 answer for a URL and its validators: what a 304 stands for."""

    url: str
    etag: str | None
    last_modified: str | None
    final_url: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class SourceStatus:
    """How a source fared the last time a build read it."""

    key: str
    name: str
    type: str
    status: str  # "ok", "not modified" or "error"
    error: str | None
    items: int
    read_at: dt.datetime


class FetchCache:
    """Read access to the fetch cache from several threads at once (one read-only connection, locked)."""

    def __init__(self, path: Path):
        import threading

        self._lock = threading.Lock()
        self._connection = None
        if path.exists():
            try:
                connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                             isolation_level=None, check_same_thread=False)
                if connection.execute("PRAGMA user_version").fetchone()[0] >= 2:
                    self._connection = connection
                else:
                    connection.close()
            except sqlite3.Error as error:
                raise _error(path, error) from None

    def get(self, url: str) -> CachedResponse | None:
        """The cached answer for url, or None."""
        if self._connection is None:
            return None
        with self._lock:
            row = self._connection.execute(
                "SELECT url, etag, last_modified, final_url, content_type, body FROM fetch_cache WHERE url = ?", (url,)
            ).fetchone()
        return CachedResponse(*row[:5], bytes(row[5])) if row else None

    def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def record_sources(connection: sqlite3.Connection, statuses: Iterable[SourceStatus],
                   responses: Iterable[CachedResponse], used: Iterable[str], now: dt.datetime) -> None:
    """In ONE transaction: each source's status, the new cached answers, which cached URLs were used; prune the unused."""
    when = _utc(now)
    with transaction(connection):
        for status in statuses:
            connection.execute(
                "INSERT OR REPLACE INTO sources (key, name, type, status, error, items, read_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (status.key, status.name, status.type, status.status, status.error, status.items, _utc(status.read_at)),
            )
        for response in responses:
            connection.execute(
                "INSERT OR REPLACE INTO fetch_cache (url, etag, last_modified, final_url, content_type, body, used_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (response.url, response.etag, response.last_modified, response.final_url, response.content_type,
                 response.body, when),
            )
        for url in used:
            connection.execute("UPDATE fetch_cache SET used_at = ? WHERE url = ?", (when, url))
        oldest = _utc(now - dt.timedelta(days=CACHE_DAYS))
        connection.execute("DELETE FROM fetch_cache WHERE used_at < ?", (oldest,))


def source_statuses(connection: sqlite3.Connection | None) -> dict[str, SourceStatus]:
    """The last recorded status of every source, by key."""
    if connection is None or connection.execute("PRAGMA user_version").fetchone()[0] < 2:
        return {}
    rows = connection.execute("SELECT key, name, type, status, error, items, read_at FROM sources")
    return {key: SourceStatus(key, name, type_, status, error, items, dt.datetime.fromisoformat(read_at))
            for key, name, type_, status, error, items, read_at in rows}


# --- the lock -----------------------------------------------------------------------------------------------


def lock_path(database: Path, suffix: str = ".lock") -> Path:
    """The lock file of a state database (DATABASE.lock; the send lock is DATABASE.send.lock)."""
    return database.with_name(database.name + suffix)


@contextlib.contextmanager
def build_lock(database: Path, timeout: float = LOCK_TIMEOUT, suffix: str = ".lock",
               busy: str = "another build is still running") -> Iterator[None]:
    """Hold the build lock of a state database; wait up to timeout seconds for another build to finish.

    The lock is an flock on DATABASE.lock: the system releases it when its holder dies. `send_lock`
    is the same on another file.
    """
    path = lock_path(database, suffix)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise NewsletterError(f"{path}: cannot open the lock file: {error.strerror or error}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise NewsletterError(
                        f"{path}: {busy}" + (f" after {timeout:g} s" if timeout else "") + "; try again later"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def send_lock(database: Path, timeout: float = 0.0) -> contextlib.AbstractContextManager[None]:
    """Hold the send lock (an flock on DATABASE.send.lock): one `newsletter send` at a time; by default no wait."""
    return build_lock(database, timeout, suffix=".send.lock", busy="another `newsletter send` is still running")


# --- subscribers and deliveries -------------------------------------------------------------------------------

SUBSCRIBER_STATUSES = ("active", "unsubscribed", "bounced")


@dataclass(frozen=True)
class Subscriber:
    """One subscriber as the state records it."""

    id: int
    email: str
    name: str
    status: str  # "active", "unsubscribed" or "bounced"
    subscribed_at: dt.datetime
    updated_at: dt.datetime
    reason: str = ""


_SUBSCRIBER_COLUMNS = "id, email, name, status, subscribed_at, updated_at, reason"


def _subscriber(row) -> Subscriber:
    id_, email, name, status, subscribed_at, updated_at, reason = row
    return Subscriber(id_, email, name, status, dt.datetime.fromisoformat(subscribed_at),
                      dt.datetime.fromisoformat(updated_at), reason)


def subscriber_by_email(connection: sqlite3.Connection, email: str) -> Subscriber | None:
    """The subscriber with this address (case-insensitive), or None."""
    row = connection.execute(f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers WHERE email = ?", (email,)).fetchone()
    return _subscriber(row) if row else None


def subscriber_by_id(connection: sqlite3.Connection, subscriber_id: int) -> Subscriber | None:
    """The subscriber with this id, or None."""
    row = connection.execute(f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = ?",
                             (subscriber_id,)).fetchone()
    return _subscriber(row) if row else None


def subscriber_status(connection: sqlite3.Connection, subscriber_id: int) -> str | None:
    """A subscriber's status now ("active", "unsubscribed", "bounced"), or None if there is no such subscriber."""
    row = connection.execute("SELECT status FROM subscribers WHERE id = ?", (subscriber_id,)).fetchone()
    return row[0] if row else None


def list_subscribers(connection: sqlite3.Connection, status: str | None = None) -> list[Subscriber]:
    """Every subscriber (or those with one status), in the order they subscribed."""
    where, params = ("WHERE status = ?", (status,)) if status else ("", ())
    rows = connection.execute(f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers {where} ORDER BY id", params)
    return [_subscriber(row) for row in rows]


def save_subscribers(connection: sqlite3.Connection, people: Iterable[tuple[str, str]], now: dt.datetime,
                     reactivate: bool = False) -> tuple[int, int]:
    """Add (email, name) pairs in one transaction; a known address (case-insensitive) merges. (new, merged).

    A merged subscriber keeps its status (an unsubscribed address stays unsubscribed) unless reactivate;
    a non-empty name replaces the stored one.
    """
    when = _utc(now)
    added = merged = 0
    with transaction(connection):
        for email, name in people:
            row = connection.execute("SELECT id, name, status FROM subscribers WHERE email = ?", (email,)).fetchone()
            if row is None:
                connection.execute("INSERT INTO subscribers (email, name, status, subscribed_at, updated_at)"
                                   " VALUES (?, ?, 'active', ?, ?)", (email, name, when, when))
                added += 1
                continue
            merged += 1
            subscriber_id, old_name, status = row
            new_name = name or old_name
            new_status = "active" if reactivate else status
            if (new_name, new_status) != (old_name, status):
                connection.execute(
                    "UPDATE subscribers SET name = ?, status = ?, updated_at = ?,"
                    " reason = CASE WHEN ? = status THEN reason ELSE '' END WHERE id = ?",
                    (new_name, new_status, when, new_status, subscriber_id))
    return added, merged


def set_subscriber_status(connection: sqlite3.Connection, subscriber_id: int, status: str, reason: str,
                          now: dt.datetime) -> bool:
    """Give a subscriber a new status (committed at once); False if it already had it."""
    if status not in SUBSCRIBER_STATUSES:
        raise ValueError(f"unknown subscriber status {status!r}")
    with transaction(connection):
        changed = connection.execute(
            "UPDATE subscribers SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status != ?",
            (status, reason, _utc(now), subscriber_id, status)).rowcount
    return bool(changed)


def issue_subject(connection: sqlite3.Connection, number: int) -> tuple[str, dt.date | None] | None:
    """A published issue's subject and date, or None if there is no such issue."""
    row = connection.execute("SELECT subject, date FROM issues WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    return row[0], dt.date.fromisoformat(row[1]) if row[1] else None


def latest_issue(connection: sqlite3.Connection) -> int | None:
    """The number of the newest published issue, or None."""
    row = connection.execute("SELECT MAX(number) FROM issues").fetchone()
    return row[0]


def pending_recipients(connection: sqlite3.Connection, issue: int) -> list[Subscriber]:
    """The active subscribers the issue has not been sent to (a failed attempt is tried again), by id."""
    rows = connection.execute(
        f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers s WHERE status = 'active' AND NOT EXISTS"
        " (SELECT 1 FROM deliveries d WHERE d.issue = ? AND d.subscriber = s.id AND d.status = 'sent')"
        " ORDER BY id", (issue,))
    return [_subscriber(row) for row in rows]


def sent_count(connection: sqlite3.Connection, issue: int) -> int:
    """How many subscribers the issue was sent to."""
    return connection.execute("SELECT COUNT(*) FROM deliveries WHERE issue = ? AND status = 'sent'",
                              (issue,)).fetchone()[0]


def record_sent(connection: sqlite3.Connection, issue: int, subscriber_id: int, message_id: str,
                now: dt.datetime) -> None:
    """Log that the server accepted the issue for this subscriber: one small transaction, committed at once."""
    with transaction(connection):
        connection.execute(
            "INSERT OR REPLACE INTO deliveries (issue, subscriber, status, at, message_id, error)"
            " VALUES (?, ?, 'sent', ?, ?, '')", (issue, subscriber_id, _utc(now), message_id))


def record_failed(connection: sqlite3.Connection, issue: int, subscriber_id: int, message_id: str, error: str,
                  now: dt.datetime, bounced: bool) -> None:
    """Log a permanent refusal for this subscriber (and mark the address bounced if bounced), in one transaction."""
    when = _utc(now)
    with transaction(connection):
        connection.execute(
            "INSERT OR REPLACE INTO deliveries (issue, subscriber, status, at, message_id, error)"
            " VALUES (?, ?, 'failed', ?, ?, ?)", (issue, subscriber_id, when, message_id, error))
        if bounced:
            connection.execute("UPDATE subscribers SET status = 'bounced', reason = ?, updated_at = ?"
                               " WHERE id = ? AND status = 'active'", (error, when, subscriber_id))
