"""The build pipeline end to end: intro.md, the web version link, and Gmail's size limits on a 20-story issue."""

import json
import re
import subprocess
import sys

import lxml.html

from newsletter.build import build
from newsletter.config import load_config
from newsletter.render import MAX_HTML_BYTES, MAX_STYLE_BYTES
from tests.conftest import cli_env, make_big_project, write


def built(folder):
    out = folder / "out" / "issues" / "0001"
    return (out / "email.html").read_text(), (out / "email.txt").read_text(), json.loads((out / "digest.json").read_text())


def style_bytes(html):
    return sum(len((s.text or "").encode()) for s in lxml.html.document_fromstring(html).iter("style"))


def test_intro_file_replaces_the_config_intro_and_gives_the_preview(project):
    write(project / "config.toml", (project / "config.toml").read_text()
          .replace('intro = ""', 'intro = "From the config."')
          .replace('web_url = ""', 'web_url = "https://news.example.com/briefing/"'))
    write(project / "content" / "intro.md",
          "---\nsummary: North Korean troops head for Russia.\n---\n"
          "Good morning. **One** story today. <script>alert(1)</script>"
          "[Our site](https://news.example.com/) [bad](javascript:alert(2))\n")
    result = build(load_config(project / "config.toml"))
    assert result.skipped == ()
    html, text, digest = built(project)
    root = lxml.html.document_fromstring(html)
    intro = root.find_class("intro")[0]
    assert intro.text_content().startswith("Good morning. One story today.")
    assert "<script>" not in html and "javascript:" not in html and "From the config." not in html
    assert root.find_class("preheader")[0].text_content().startswith("North Korean troops head for Russia.")
    assert [a.get("href") for a in root.iter("a") if a.text_content() == "View in browser"] == [
        "https://news.example.com/briefing/issues/0001/"] * 2
    assert "Good morning. One story today. Our site [2] bad" in text
    assert 'text-decoration:underline">Our site</a> bad</p>' in html
    assert [a["path"] for a in digest["articles"]] == ["content/kim-putin-alarm.txt",
                                                      "content/nk-troop-dispatch-experts.txt"]  # not an article


def test_bad_intro_file_is_a_one_line_error(project):
    write(project / "content" / "intro.md", "---\nsummary: [1\n---\nHello\n")
    result = subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, capture_output=True, text=True, env=cli_env())
    assert result.returncode == 1
    assert result.stderr == "error: content/intro.md: invalid front matter: while parsing a flow sequence (line 2)\n"


def test_sample_issue_is_not_shortened(project):
    build(load_config(project / "config.toml"))
    html, text, _ = built(project)
    assert "Read the full story" not in html + text
    assert len(html.encode()) <= MAX_HTML_BYTES
    assert max(len(line) for line in text.splitlines()) <= 78


def test_twenty_stories_stay_within_gmail_limits(tmp_path):
    project = make_big_project(tmp_path, 20)
    result = build(load_config(project / "config.toml"))
    html, text, digest = built(project)
    assert len(result.issue.stories) == 20
    assert len(html.encode("utf-8")) <= MAX_HTML_BYTES
    assert style_bytes(html) <= MAX_STYLE_BYTES
    assert html.count('class="story-title"') == 20
    assert max(len(line) for line in text.splitlines()) <= 78
    assert all(len(s["key_points"]) == 4 for s in digest["stories"])  # the digest keeps everything


def test_an_oversized_issue_shortens_rather_than_gets_clipped(tmp_path):
    project = make_big_project(tmp_path, 20, "[modules.key_points]\npoints = 8\n[modules.quotes]\npull_quotes = 4\n"
                                             "[modules.figures]\nlimit = 6\n")
    urls = [f"https://www.example.com/bbc/{p.stem}" for p in sorted((project / "content").iterdir())]
    build(load_config(project / "config.toml"))
    html, text, digest = built(project)
    assert len(html.encode("utf-8")) <= MAX_HTML_BYTES
    root = lxml.html.document_fromstring(html)
    more = [a.get("href") for a in root.iter("a") if a.text_content() == "Read the full story →"]
    assert sorted(more) == sorted(urls)
    shown = [len(ul.findall("li")) for ul in root.find_class("points")]
    assert len(shown) == 20 and max(shown) < 8 and min(shown) >= 1
    assert sum(len(s["key_points"]) for s in digest["stories"]) > sum(shown)
    assert root.find_class("people") == []
    assert len(re.findall(r"^Read the full story: \[\d+\]$", text, re.M)) == 20
    assert "Unsubscribe" in html[-3000:]  # the footer is still there, inside the limit
