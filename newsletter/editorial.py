"""Editorial controls for the next issue, from the front matter of intro.md in the content folder.

An editor shapes the next issue with files, so the controls are versioned and apply the same to
`newsletter build` (from cron or by hand) and to `newsletter preview`:

- `summary:` the one-line inbox preview;
- `subject:` a subject that replaces `newsletter.subject` (same fields: {name}, {number}, …);
- `pin:` stories put first, in this order;
- `drop:` articles or stories left out of the next issue (not published, not marked used, so a
  later issue can still have them).

An entry of `pin:` or `drop:` names an article by its file (`ferry.md`, `content/ferry.md` or
`ferry`), its id or its URL, or a story or article by its title (case and curly quotes do not
matter). A title that is a story's title (its lead article's) means the whole story. An entry that
matches nothing in the next issue is a warning naming the file and the entry, never ignored silently.
Everything here is pure: the file is read by `readers.read_intro`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from newsletter.errors import InputError
from newsletter.models import Article, Intro, Story
from newsletter.text import fold

FRONT_MATTER_KEYS = ("summary", "subject", "pin", "drop")


@dataclass(frozen=True)
class Selection:
    """What goes into the next issue after the editor's controls: its stories in order and their articles."""

    stories: tuple[Story, ...]  # grouped, without sections yet; pinned stories first
    articles: tuple[Article, ...]  # the articles of those stories, in the order they were read
    dropped: tuple[Article, ...] = ()  # left out by `drop:`; still unpublished
    warnings: tuple[str, ...] = ()  # entries that matched nothing, one line each
    intro: Intro | None = None  # the editor's intro.md, if any


def _text(value: Any, key: str, shown: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(shown, f"{key}: expected a line of text, got {value!r}")
    return " ".join(value.split())


def _entries(value: Any, key: str, shown: str) -> tuple[str, ...]:
    """A list of non-empty strings (one string counts as a list of one)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(shown, f"{key}: expected a list of strings, got {value!r}")
    return tuple(" ".join(v.split()) for v in value)


def check_subject(pattern: str, shown: str, key: str = "subject") -> None:
    """Raise InputError if a subject pattern has an unknown field or broken braces."""
    from newsletter.digest import SUBJECT_FIELDS

    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        raise InputError(shown, f"{key}: invalid pattern ({error})") from None
    for name in names:
        if name not in SUBJECT_FIELDS:
            known = ", ".join("{" + f + "}" for f in SUBJECT_FIELDS)
            raise InputError(shown, f"{key}: unknown field {{{name}}} (known: {known})")


def intro_from_front_matter(metadata: Mapping[str, Any], markdown: str, shown: str) -> Intro:
    """An Intro from intro.md's front matter and body; a wrong key or type is an InputError naming the file."""
    unknown = sorted(set(metadata) - set(FRONT_MATTER_KEYS))
    if unknown:
        raise InputError(shown, f"front matter: unknown key {unknown[0]!r} (known: {', '.join(FRONT_MATTER_KEYS)})")
    subject = _text(metadata.get("subject"), "subject", shown)
    if subject:
        check_subject(subject, shown)
    return Intro(
        markdown=markdown.strip(),
        summary=_text(metadata.get("summary"), "summary", shown),
        path=shown,
        subject=subject,
        pin=_entries(metadata.get("pin"), "pin", shown),
        drop=_entries(metadata.get("drop"), "drop", shown),
    )


def names_article(entry: str, article: Article) -> bool:
    """True if entry names the article by its file (path, name or stem), its id or its URL."""
    if entry == article.id or (article.url and entry == article.url.strip()):
        return True
    if article.path:
        path = PurePosixPath(article.path.replace("\\", "/"))
        return entry in (str(path), path.name, path.stem)
    return False


def _same_title(entry: str, title: str) -> bool:
    return fold(entry) == fold(title)


def select(articles: Sequence[Article], intro: Intro | None,
           group: Callable[[Sequence[Article]], list[Story]]) -> Selection:
    """The stories of the next issue from its candidate articles, with intro's drop: and pin: applied.

    group turns articles into stories (ordered); it runs again only if a dropped title was not a story's.
    """
    drop = intro.drop if intro else ()
    pin = intro.pin if intro else ()
    shown = intro.path if intro else ""
    warnings: list[str] = []
    left_out: set[str] = set()

    by_title: list[str] = []
    for entry in drop:
        hits = [a.id for a in articles if a.id not in left_out and names_article(entry, a)]
        if hits:
            left_out.update(hits)
        else:
            by_title.append(entry)
    stories = group([a for a in articles if a.id not in left_out])

    regroup = False
    for entry in by_title:
        story_hits = [s for s in stories if _same_title(entry, s.title)]
        if story_hits:
            left_out.update(a.id for s in story_hits for a in s.articles)
            stories = [s for s in stories if s not in story_hits]
            continue
        article_hits = [a.id for s in stories for a in s.articles if _same_title(entry, a.title)]
        if article_hits:
            left_out.update(article_hits)
            regroup = True
            continue
        warnings.append(f"{shown}: drop: {entry!r} matches no article or story of the next issue")
    if regroup:
        stories = group([a for s in stories for a in s.articles if a.id not in left_out])

    pinned: list[Story] = []
    for entry in pin:
        story = next((s for s in stories if _same_title(entry, s.title)), None) or next(
            (s for s in stories if any(names_article(entry, a) or _same_title(entry, a.title) for a in s.articles)),
            None,
        )
        if story is None:
            warnings.append(f"{shown}: pin: {entry!r} matches no story of the next issue")
        elif all(story.id != p.id for p in pinned):
            pinned.append(story)
    pinned_ids = {p.id for p in pinned}
    ordered = pinned + [s for s in stories if s.id not in pinned_ids]
    kept = {a.id for s in ordered for a in s.articles}
    return Selection(
        stories=tuple(ordered),
        articles=tuple(a for a in articles if a.id in kept),
        dropped=tuple(a for a in articles if a.id in left_out),
        warnings=tuple(warnings),
        intro=intro,
    )
