"""Shared fixtures: a throw-away project folder, the repository's sample content, the shared data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ISSUE_FILES = ["digest.json", "email.html", "email.txt", "index.html", "message.eml"]


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (evaluation data, used by path, never copied)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA


def make_project(folder: Path) -> Path:
    """Fill folder with the repository's config, templates and sample content."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the repository's config, templates and sample content."""
    return make_project(tmp_path)


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project folder with templates and an empty content folder."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "content").mkdir()
    return tmp_path


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CANIEMAIL = REPO.parent / "shared" / "data" / "caniemail"
BBC = SHARED_DATA / "bbc-news-summary-dev.jsonl"


@pytest.fixture
def caniemail() -> Path:
    """../shared/data/caniemail (caniemail's support tables, read by path, never copied)."""
    if not CANIEMAIL.is_dir():
        pytest.skip("../shared/data/caniemail is not beside the repository")
    return CANIEMAIL


def write_bbc_articles(content: Path, count: int) -> list[str]:
    """Write `count` real BBC articles (from ../shared/data, by path) into content/ as Markdown.

    Dates are 8 days apart, so no two articles are told as one story: `count` stories.
    Returns the articles' URLs. Skips the test when the data is not there.
    """
    import datetime as dt
    import json

    if not BBC.is_file():
        pytest.skip("../shared/data/bbc-news-summary-dev.jsonl is not beside the repository")
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_category: dict[str, list[dict]] = {}
    for row in rows:
        by_category.setdefault(row["category"], []).append(row)
    chosen = [row for group in zip(*by_category.values()) for row in group][:count]  # categories in turn
    content.mkdir(parents=True, exist_ok=True)
    urls = []
    for number, row in enumerate(chosen):
        date = dt.date(2005, 1, 1) + dt.timedelta(days=8 * number)
        url = f"https://www.example.com/bbc/{row['id']}"
        urls.append(url)
        write(content / f"{row['id']}.md",
              f"---\ntitle: {json.dumps(row['title'])}\nsource: BBC News\nurl: {url}\ndate: {date}\n---\n{row['text']}\n")
    return urls


def make_big_project(folder: Path, stories: int = 20, config: str = "") -> Path:
    """A project folder with the repository's templates and `stories` BBC articles, one story each."""
    shutil.copytree(REPO / "templates", folder / "templates")
    write_bbc_articles(folder / "content", stories)
    write(folder / "config.toml", config)
    return folder
def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `python -m newsletter` child: this repository's package first on the path."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m newsletter ARGS` in cwd and wait for it."""
    return subprocess.run([sys.executable, "-m", "newsletter", *args], cwd=cwd, capture_output=True, text=True,
                          env=cli_env(**env), timeout=120)


def add_article(project: Path, name: str, title: str, text: str, date: str = "2024-10-23",
                source: str = "Harbour Gazette") -> Path:
    """Write a small Markdown article into the project's content folder."""
    return write(project / "content" / name, f"---\ntitle: {title}\nsource: {source}\ndate: {date}\n---\n{text}\n")


def check_consistent(project) -> list[int]:
    """State and output agree: every published issue has its folder and archive entry, nothing else, no item twice."""
    import sqlite3

    import feedparser

    out = project / "out"
    with sqlite3.connect(project / "out.state.db") as connection:
        numbers = [n for (n,) in connection.execute("SELECT number FROM issues ORDER BY number")]
        twice = connection.execute("SELECT item FROM issue_items GROUP BY item HAVING COUNT(*) > 1").fetchall()
        orphans = connection.execute("SELECT id FROM items WHERE id NOT IN (SELECT item FROM issue_items)").fetchall()
    assert numbers == list(range(1, len(numbers) + 1))
    assert twice == [] and orphans == []
    assert sorted(p.name for p in (out / "issues").iterdir()) == [f"{n:04d}" for n in numbers]  # no leftovers
    for number in numbers:
        assert sorted(p.name for p in (out / "issues" / f"{number:04d}").iterdir()) == ISSUE_FILES
    index = (out / "index.html").read_text()
    assert [n for n in numbers if f'href="issues/{n:04d}/"' in index] == numbers
    feed = feedparser.parse(out / "feed.xml")
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [f"issues/{n:04d}/" for n in reversed(numbers)]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    return numbers


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium driven by Playwright (skipped when not installed, an error on CI)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run should install it)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic", "--font-render-hinting=none"],
        )
        yield browser
        browser.close()
