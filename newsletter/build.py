"""The build pipeline: sources -> Article -> Story -> Issue -> rendered email -> issue folder.

`publish` builds the next issue from the articles no earlier issue had and publishes it:

1. take the build lock (a second build waits, then finds nothing new);
2. finish or undo what a build that died left behind (`output.recover_issues`) and bring the
   archive up to date;
3. read the content, keep the articles that are not published items yet, apply the editor's
   controls (intro.md: drop, pin, subject; see `newsletter.editorial`), render the issue;
4. stage its folder as OUT/issues/.NNNN.staged;
5. record the issue and its items in ONE database transaction: this commit is the publish point;
6. move the staged folder into place, then rewrite index.html and feed.xml.

A build killed before step 5 leaves nothing published (its staged folder is removed by the next
build); one killed after it is finished by the next build (steps 2 and 6 converge).
`build_draft` runs steps 3 and 4 into OUT/draft/ without the lock or any change of state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsletter.config import Config
from newsletter.models import Article, Intro, Issue, Skipped

# Test-only: NEWSLETTER_TEST_CRASH_AT=<point> makes `publish` die (os._exit) at that point, as a kill would.
CRASH_ENV = "NEWSLETTER_TEST_CRASH_AT"
CRASH_POINTS = ("locked", "staged", "in_transaction", "committed", "renamed", "index_written")
CRASH_EXIT = 75


@dataclass(frozen=True)
class BuildResult:
    """What a build made and where, and which inputs it skipped."""

    issue: Issue
    folder: Path
    skipped: tuple[Skipped, ...]
    articles: int = 0  # articles in the issue
    warnings: tuple[str, ...] = ()  # editorial entries that matched nothing
    left_out: int = 0  # new articles left out by intro.md's drop: (still unpublished)


@dataclass(frozen=True)
class NothingNew:
    """A build that found no article that an earlier issue did not already have (or all were dropped)."""

    last_issue: int  # the newest published issue (0: none)
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...] = ()
    left_out: int = 0  # new articles left out by intro.md's drop: (still unpublished)


def _crash_point(name: str) -> None:
    """Die here if the test-only NEWSLETTER_TEST_CRASH_AT names this point."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(CRASH_EXIT)


def render_files(issue: Issue, articles: Sequence[Article], config: Config) -> dict[str, bytes]:
    """The files of an issue folder: email.html, email.txt, message.eml, digest.json, index.html (web version)."""
    from newsletter.digest import digest_dict
    from newsletter.render import build_message, email_settings, render_html, render_html_within, render_text

    templates = config.path("paths.templates")
    settings = email_settings(config)
    shown, html = render_html_within(issue, templates, settings)  # shortened only if over Gmail's limit
    text = render_text(shown, templates, settings)
    message = build_message(issue, html, text, config["newsletter.sender"], list(config["newsletter.recipients"]))
    digest = {
        "issue": {
            "number": issue.number,
            "name": issue.name,
            "subject": issue.subject,
            "date": issue.date.isoformat() if issue.date else None,
            "skipped": [{"path": s.path, "reason": s.reason} for s in issue.skipped],
        },
        **digest_dict(issue.stories, articles),
    }
    return {
        "email.html": html.encode("utf-8"),
        "email.txt": text.encode("utf-8"),
        "message.eml": message.as_bytes(),
        "digest.json": (json.dumps(digest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "index.html": render_html(shown, templates, settings, web_version=True).encode("utf-8"),
    }


def read_content(config: Config) -> tuple[list[Article], list[Skipped]]:
    """The articles of every source (the content folder when config has no [[sources]]), and the inputs skipped.

    Fetches without the cache and records nothing; `publish` and `build_draft` use `read_sources_recorded`.
    """
    from newsletter.sources import read_sources

    read = read_sources(config)
    return read.articles, read.skipped


def read_sources_recorded(config: Config, database: Path, now: dt.datetime, connection=None):
    """Read every source with conditional requests (the fetch cache in the state database) and record how each fared.

    connection: the open state database (publish); without one (a draft), the database is opened for this write
    only when some source is a feed or page, so a draft of a content folder changes no state.
    """
    from newsletter import state
    from newsletter.sources import read_sources

    cache = state.FetchCache(database)
    try:
        read = read_sources(config, cache)
    finally:
        cache.close()
    if connection is None and read.remote:
        connection = state.connect(database)
        try:
            state.record_sources(connection, read.statuses(now), read.responses, read.used, now)
        finally:
            connection.close()
    elif connection is not None:
        state.record_sources(connection, read.statuses(now), read.responses, read.used, now)
    return read.articles, read.skipped


def _no_articles(config: Config, skipped: Sequence[Skipped]):
    from newsletter.errors import NoArticles

    where = f"{len(config.sources)} sources" if config.sources else str(config.path("paths.content"))
    # With [[sources]] the error comes after the skipped lines that say why (feeds fail for reasons worth seeing);
    # the content folder alone keeps its one-line error.
    return NoArticles(f"{where}: no usable articles" + (f" ({len(skipped)} skipped)" if skipped else ""),
                      skipped if config.sources else ())


def read_editorial(config: Config) -> Intro | None:
    """The editor's intro.md with its controls, or None; its path is shown relative to the config file."""
    from newsletter.readers import read_intro

    return read_intro(config.path("paths.content"), relative_to=config.base_dir)


def select_articles(config: Config, articles: Sequence[Article], intro: Intro | None):
    """The stories and articles of the next issue after the editor's drop: and pin: (an editorial.Selection)."""
    from newsletter.digest import group_stories
    from newsletter.editorial import select

    return select(articles, intro, lambda chosen: group_stories(chosen, config))


def make_issue_files(config: Config, selection, number: int, skipped: Sequence[Skipped] = (),
                     today: dt.date | None = None, registry=None) -> tuple[Issue, dict[str, bytes]]:
    """A selection (editorial.Selection) -> stories with their sections -> a numbered issue and its folder's files."""
    from newsletter.digest import add_sections, make_issue
    from newsletter.modules import default_registry

    registry = registry or default_registry()
    stories = add_sections(selection.stories, config, registry)
    issue = make_issue(stories, selection.articles, config, number, skipped, today, selection.intro)
    return issue, render_files(issue, selection.articles, config)


def _all_dropped(selection):
    from newsletter.errors import NewsletterError

    path = selection.intro.path if selection.intro else "intro.md"
    return NewsletterError(f"{path}: drop: leaves no article for the issue")


def build(config: Config, *, out: Path | None = None, number: int = 1, today: dt.date | None = None,
          registry=None) -> BuildResult:
    """Build all current articles as issue `number` into <out>/issues/NNNN/, without reading or recording state."""
    from newsletter.output import write_issue_folder

    articles, skipped = read_content(config)
    if not articles:
        raise _no_articles(config, skipped)
    selection = select_articles(config, articles, read_editorial(config))
    if not selection.stories:
        raise _all_dropped(selection)
    issue, files = make_issue_files(config, selection, number, skipped, today, registry)
    out_dir = out or config.path("paths.output")
    folder = write_issue_folder(out_dir / "issues" / f"{number:04d}", files)
    return BuildResult(issue=issue, folder=folder, skipped=tuple(skipped), articles=len(selection.articles),
                       warnings=selection.warnings, left_out=len(selection.dropped))


def output_folder(config: Config, out: Path | None = None) -> Path:
    """The output folder: out if given, else paths.output."""
    return (out or config.path("paths.output")).resolve()


def state_file(config: Config, out: Path | None = None) -> Path:
    """The state database: paths.state if set, else OUTPUT.state.db beside the output folder."""
    from newsletter.state import default_path

    if config["paths.state"]:
        return config.path("paths.state")
    return default_path(output_folder(config, out))


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        now = dt.datetime.now().astimezone()
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.replace(microsecond=0)


def _choose(articles: list[Article], matches: dict[str, str], force: bool) -> list[Article]:
    """The articles of the next issue: those not published yet; with force and none new, all of them."""
    new = [a for a in articles if a.id not in matches]
    return new or (list(articles) if force else [])


def _next_selection(config: Config, articles: list[Article], matches: dict[str, str], force: bool, last: int,
                    skipped: Sequence[Skipped]):
    """The editor's selection of the next issue's articles, or NothingNew when no story is left for it."""
    chosen = _choose(articles, matches, force)
    if not chosen:
        return NothingNew(last_issue=last, skipped=tuple(skipped))
    selection = select_articles(config, chosen, read_editorial(config))
    if not selection.stories:
        return NothingNew(last_issue=last, skipped=tuple(skipped), warnings=selection.warnings,
                          left_out=len(selection.dropped))
    return selection


def _built(issue: Issue, folder: Path, skipped: Sequence[Skipped], selection) -> BuildResult:
    """What a build made from a selection."""
    return BuildResult(issue=issue, folder=folder, skipped=tuple(skipped), articles=len(selection.articles),
                       warnings=selection.warnings, left_out=len(selection.dropped))


def publish(config: Config, *, out: Path | None = None, now: dt.datetime | None = None, force: bool = False,
            registry=None) -> BuildResult | NothingNew:
    """Publish the next issue from the articles no earlier issue had (see the module docstring).

    With nothing new, nothing is built (NothingNew); force builds anyway, from all current articles.
    now is the publish time recorded (default: the clock).
    """
    from newsletter import state
    from newsletter.archive import ARCHIVE_FILES, archive_files, web_body, write_archive
    from newsletter.output import recover_issues, remove_temporaries, stage_folder, swap_in

    now = _now(now)
    out_dir = output_folder(config, out)
    database = state_file(config, out)
    issues_dir = out_dir / "issues"
    with state.database_errors(database), state.build_lock(database):
        _crash_point("locked")
        connection = state.connect(database)
        try:
            published = state.published_issues(connection)
            recover_issues(issues_dir, (issue.number for issue in published))
            remove_temporaries(out_dir, ARCHIVE_FILES)
            write_archive(out_dir, archive_files(published, config))
            last = published[-1].number if published else 0

            articles, skipped = read_sources_recorded(config, database, now, connection)
            if not articles and (force or not published):
                raise _no_articles(config, skipped)
            matches = state.match_published(connection, articles)
            state.remember_edits(connection, articles, matches)
            selection = _next_selection(config, articles, matches, force, last, skipped)
            if isinstance(selection, NothingNew):
                return selection

            number = last + 1
            issue, files = make_issue_files(config, selection, number, skipped, now.date(), registry)
            folder = issues_dir / f"{number:04d}"
            staged = stage_folder(folder, files)
            _crash_point("staged")
            record = state.PublishedIssue(
                number=number,
                published_at=now,
                date=issue.date,
                name=issue.name,
                subject=issue.subject,
                stories=len(issue.stories),
                articles=len(selection.articles),
                content_html=web_body(files["index.html"].decode("utf-8")),
            )
            state.record_issue(connection, record, selection.articles, matches,
                               before_commit=lambda: _crash_point("in_transaction"))
            _crash_point("committed")
            swap_in(staged, folder)
            _crash_point("renamed")
            write_archive(out_dir, archive_files([*published, record], config),
                          between=lambda name: _crash_point("index_written") if name == "index.html" else None)
            return _built(issue, folder, skipped, selection)
        finally:
            connection.close()


def build_draft(config: Config, *, out: Path | None = None, now: dt.datetime | None = None, force: bool = False,
                registry=None) -> BuildResult | NothingNew:
    """A preview of the next issue in OUT/draft/: what `publish` would publish now, numbered as it would be.

    Reads the state but never changes it and takes no number; replaces the previous draft.
    """
    from newsletter import state
    from newsletter.output import write_issue_folder

    now = _now(now)
    out_dir = output_folder(config, out)
    database = state_file(config, out)
    with state.reading(database) as connection:
        published = state.published_issues(connection)
        last = published[-1].number if published else 0
        articles, skipped = read_sources_recorded(config, database, now)
        if not articles and (force or not published):
            raise _no_articles(config, skipped)
        matches = state.match_published(connection, articles)
    selection = _next_selection(config, articles, matches, force, last, skipped)
    if isinstance(selection, NothingNew):
        return selection
    issue, files = make_issue_files(config, selection, last + 1, skipped, now.date(), registry)
    return _built(issue, write_issue_folder(out_dir / "draft", files), skipped, selection)
