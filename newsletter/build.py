"""The build pipeline: sources -> Article -> Story -> Issue -> rendered email -> issue folder."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsletter.config import Config
from newsletter.models import Article, Issue, Skipped


@dataclass(frozen=True)
class BuildResult:
    """What a build made and where, and which inputs it skipped."""

    issue: Issue
    folder: Path
    skipped: tuple[Skipped, ...]


def render_files(issue: Issue, articles: Sequence[Article], config: Config) -> dict[str, bytes]:
    """The files of an issue folder: email.html, email.txt, message.eml, digest.json."""
    from newsletter.digest import digest_dict
    from newsletter.render import build_message, email_settings, render_html_within, render_text

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
    }


def build(config: Config, *, out: Path | None = None, number: int = 1, today: dt.date | None = None,
          registry=None) -> BuildResult:
    """Build one issue from the content folder and write it to <out>/issues/NNNN/."""
    from newsletter.digest import make_issue, make_stories
    from newsletter.errors import NewsletterError
    from newsletter.modules import default_registry
    from newsletter.output import write_issue_folder
    from newsletter.readers import read_articles, read_intro

    registry = registry or default_registry()
    content = config.path("paths.content")
    if not content.is_dir():
        raise NewsletterError(f"{content}: content folder not found (set paths.content)")
    intro = read_intro(content)
    articles, skipped = read_articles([content], relative_to=config.base_dir)
    if not articles:
        raise NewsletterError(f"{content}: no usable articles" + (f" ({len(skipped)} skipped)" if skipped else ""))
    stories = make_stories(articles, config, registry)
    issue = make_issue(stories, articles, config, number, skipped, today, intro)
    files = render_files(issue, articles, config)
    out_dir = out or config.path("paths.output")
    folder = write_issue_folder(out_dir / "issues" / f"{number:04d}", files)
    return BuildResult(issue=issue, folder=folder, skipped=tuple(skipped))
