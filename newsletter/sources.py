"""Sources: the configured folders, feeds and pages -> Articles, fetched concurrently, failures reported.

`read_sources` reads every source of the config ([[sources]], else paths.content alone). Folders
are read by `readers.read_articles`; feeds and pages are fetched (`fetch.fetch`, at most
fetch.concurrency at a time) and turned into Articles by `feeds.py`. A source that fails (an HTTP
error, a timeout, a malformed feed, a page without text) becomes one Skipped line naming it and
the reason, and contributes nothing this time: the other sources still make the issue.

Conditional requests need the last answers: a `state.FetchCache` gives them (read-only, from any
thread); the new answers and each source's status come back in `SourcesRead` for the caller to
record (`state.record_sources`) in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from newsletter.config import Config
from newsletter.errors import InputError
from newsletter.fetch import Fetched, FetchError, FetchSettings, NotModified, fetch, settings_from_config
from newsletter.models import Article, Skipped, Source
from newsletter.state import CachedResponse, FetchCache, SourceStatus


@dataclass(frozen=True)
class SourceResult:
    """What reading one source gave: its articles, what was skipped, its status and the answers to cache."""

    source: Source
    key: str
    articles: tuple[Article, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    status: str = "ok"  # "ok", "not modified" or "error"
    error: str | None = None
    responses: tuple[CachedResponse, ...] = ()  # new 200 answers with validators
    used: tuple[str, ...] = ()  # cached URLs whose answer was reused (304)


@dataclass(frozen=True)
class SourcesRead:
    """Every source's result, and the articles (duplicates across sources dropped) and skipped inputs of all."""

    results: tuple[SourceResult, ...]
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def statuses(self, now: dt.datetime) -> list[SourceStatus]:
        """Each source's status as the state records it."""
        return [SourceStatus(r.key, r.source.name, r.source.type, r.status, r.error, len(r.articles), now)
                for r in self.results]

    @property
    def responses(self) -> list[CachedResponse]:
        """The answers to cache, of every source."""
        return [response for result in self.results for response in result.responses]

    @property
    def used(self) -> list[str]:
        """The cached URLs reused, of every source."""
        return [url for result in self.results for url in result.used]

    @property
    def remote(self) -> bool:
        """True if any source is fetched (a feed or a page)."""
        return any(result.source.type != "folder" for result in self.results)


def configured_sources(config: Config) -> list[Source]:
    """The config's [[sources]], or the content folder (paths.content) as the one source."""
    if config.sources:
        return list(config.sources)
    content = config["paths.content"]
    return [Source(type="folder", name=content, path=content)]


def source_key(source: Source, config: Config) -> str:
    """What identifies a source in the state: its URL, or 'folder:' and its resolved path."""
    if source.type == "folder":
        return f"folder:{(config.base_dir / (source.path or '')).resolve()}"
    return source.url or ""


Fetcher = Callable[..., "Fetched | NotModified"]


def read_sources(config: Config, cache: FetchCache | None = None, fetcher: Fetcher = fetch) -> SourcesRead:
    """Read every source (feeds and pages concurrently, at most fetch.concurrency at a time), in config order."""
    sources = configured_sources(config)
    settings = settings_from_config(config)
    remote = [s for s in sources if s.type != "folder"]
    results: dict[int, SourceResult] = {}
    if remote:
        with ThreadPoolExecutor(max_workers=min(config["fetch.concurrency"], len(remote)),
                                thread_name_prefix="newsletter-fetch") as pool:
            futures = {index: pool.submit(_read_remote, source, source_key(source, config), cache, settings, fetcher)
                       for index, source in enumerate(sources) if source.type != "folder"}
            for index, source in enumerate(sources):
                if source.type == "folder":
                    results[index] = _read_folder(source, config)
            for index, future in futures.items():
                results[index] = future.result()
    else:
        for index, source in enumerate(sources):
            results[index] = _read_folder(source, config)
    ordered = tuple(results[index] for index in range(len(sources)))
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for result in ordered:
        skipped.extend(result.skipped)
        for article in result.articles:
            keys = {article.id, *((f"url:{article.url}",) if article.url and result.source.type != "folder" else ())}
            if keys & seen:  # the same entry from two feeds (or a feed and a page): the first source has it
                continue
            seen |= keys
            articles.append(article)
    return SourcesRead(results=ordered, articles=articles, skipped=skipped)


def _read_folder(source: Source, config: Config) -> SourceResult:
    from newsletter.errors import NewsletterError
    from newsletter.readers import read_articles

    key = source_key(source, config)
    folder = config.base_dir / (source.path or "")
    if not folder.is_dir():
        if not config.sources:  # the content folder alone: no folder, no issue
            raise NewsletterError(f"{folder.resolve()}: content folder not found (set paths.content)")
        reason = "folder not found"
        return SourceResult(source, key, skipped=(Skipped(source.label, reason),), status="error", error=reason)
    articles, skipped = read_articles([folder.resolve()], relative_to=config.base_dir)
    if source.tags:
        articles = [replace(a, tags=tuple(dict.fromkeys((*a.tags, *source.tags)))) for a in articles]
    return SourceResult(source, key, articles=tuple(articles), skipped=tuple(skipped))


class _Session:
    """The fetches of one source: conditional requests from the cache, the answers to cache and reuse."""

    def __init__(self, cache: FetchCache | None, settings: FetchSettings, fetcher: Fetcher):
        self.cache, self.settings, self.fetcher = cache, settings, fetcher
        self.responses: list[CachedResponse] = []
        self.used: list[str] = []

    def get(self, url: str) -> tuple[bytes, str, bool]:
        """The body of url, where it came from, and whether it was unchanged (304); FetchError on failure."""
        cached = self.cache.get(url) if self.cache is not None else None
        if cached is not None:
            answer = self.fetcher(url, self.settings, cached.etag, cached.last_modified)
        else:
            answer = self.fetcher(url, self.settings)
        if isinstance(answer, NotModified):
            if cached is None:
                raise FetchError(url, "HTTP 304 Not Modified to an unconditional request")
            self.used.append(url)
            return cached.body, cached.final_url, True
        if answer.etag or answer.last_modified:
            self.responses.append(CachedResponse(url, answer.etag, answer.last_modified, answer.final_url,
                                                 answer.content_type, answer.body))
        return answer.body, answer.final_url, False


def _read_remote(source: Source, key: str, cache: FetchCache | None, settings: FetchSettings,
                 fetcher: Fetcher) -> SourceResult:
    """Fetch a feed or a page and make its Articles; any failure of the source itself is its one Skipped line."""
    session = _Session(cache, settings, fetcher)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    try:
        body, final_url, unchanged = session.get(source.url or "")
        if source.type == "feed":
            _feed_articles(source, body, session, articles, skipped)
        else:
            from newsletter.feeds import page_article

            articles.append(page_article(body, source, source.url or final_url))
    except (FetchError, InputError, ValueError) as error:
        reason = error.reason if isinstance(error, (FetchError, InputError)) else str(error)
        return SourceResult(source, key, skipped=(Skipped(source.label, reason),), status="error", error=reason,
                            responses=tuple(session.responses), used=tuple(session.used))
    except Exception as error:  # one bad source never stops an issue
        reason = f"could not be processed ({type(error).__name__}: {error})"
        return SourceResult(source, key, skipped=(Skipped(source.label, reason),), status="error", error=reason)
    return SourceResult(source, key, articles=tuple(articles), skipped=tuple(skipped),
                        status="not modified" if unchanged else "ok",
                        responses=tuple(session.responses), used=tuple(session.used))


def _feed_articles(source: Source, body: bytes, session: _Session, articles: list[Article],
                   skipped: list[Skipped]) -> None:
    """The articles of a feed's newest entries, each teaser's page fetched; a failing entry is skipped alone."""
    from newsletter.feeds import entry_article, newest, parse_feed

    feed = parse_feed(body, source.url or "")
    seen: set[str] = set()
    for entry in newest(feed.entries, source.max_items):
        shown = f"{entry.link or entry.title or entry.guid} (in {source.label})"
        try:
            page = session.get(entry.link)[0] if entry.teaser and entry.link else None
            article = entry_article(entry, source, feed.title, page)
        except (FetchError, InputError) as error:
            skipped.append(Skipped(shown, error.reason))
            continue
        except Exception as error:  # one bad entry never stops its feed
            skipped.append(Skipped(shown, f"could not be processed ({type(error).__name__}: {error})"))
            continue
        if article.id in seen:
            continue
        seen.add(article.id)
        articles.append(article)


def describe(sources: Sequence[Source], config: Config, statuses: dict[str, SourceStatus]) -> list[str]:
    """One line per source for `newsletter sources`: name, type, where, status, items, last read."""
    rows = []
    for source in sources:
        status = statuses.get(source_key(source, config))
        if status is None:
            rows.append((source.name, source.type, source.where, "never read", "-", "-"))
            continue
        state = f"error: {status.error}" if status.status == "error" else status.status
        items = f"{status.items} item" + ("" if status.items == 1 else "s")
        rows.append((source.name, source.type, source.where, state, items,
                     status.read_at.astimezone(dt.timezone.utc).isoformat()))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return ["  ".join([*(cell.ljust(width) for cell, width in zip(row[:5], widths)), row[5]]).rstrip()
            for row in rows]
