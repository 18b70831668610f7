import datetime as dt
from pathlib import Path

import feedparser

from newsletter.archive import archive_files, entry_id, render_feed, render_index, web_body, write_archive
from newsletter.build import publish
from newsletter.config import load_config, parse_config
from newsletter.state import PublishedIssue
from tests.conftest import add_article, write

UTC = dt.timezone.utc


def config(web_url=""):
    return parse_config(f'[newsletter]\nname = "Harbour Weekly"\nweb_url = "{web_url}"\n', "config.toml", Path("/p"))


def issues():
    return [
        PublishedIssue(1, dt.datetime(2024, 10, 22, 6, 0, tzinfo=UTC), dt.date(2024, 10, 22), "Harbour Weekly",
                       "Harbour Weekly #1: Ferry & bridge", 2, 3, '<table><tr><td><h2>Ferry returns</h2></td></tr></table>\n'),
        PublishedIssue(2, dt.datetime(2024, 10, 29, 6, 30, tzinfo=UTC), None, "Harbour Weekly",
                       "Harbour Weekly #2: <Storm> warning", 1, 1, "<p>Storm <b>warning</b> for the coast</p>\n"),
    ]


def test_feed_is_valid_atom_with_every_issue_and_its_full_content():
    parsed = feedparser.parse(render_feed(issues(), config("https://news.example.org/harbour/")))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Harbour Weekly"
    assert parsed.feed.updated == "2024-10-29T06:30:00+00:00"
    assert [link.href for link in parsed.feed.links] == [
        "https://news.example.org/harbour/", "https://news.example.org/harbour/feed.xml"]
    assert [e.title for e in parsed.entries] == ["Harbour Weekly #2: <Storm> warning", "Harbour Weekly #1: Ferry & bridge"]
    assert [e.link for e in parsed.entries] == [
        "https://news.example.org/harbour/issues/0002/", "https://news.example.org/harbour/issues/0001/"]
    assert [e.id for e in parsed.entries] == [entry_id("Harbour Weekly", 2), entry_id("Harbour Weekly", 1)]
    assert [e.updated for e in parsed.entries] == ["2024-10-29T06:30:00+00:00", "2024-10-22T06:00:00+00:00"]
    assert parsed.entries[0].content[0].type == "text/html"
    assert parsed.entries[0].content[0].value == "<p>Storm <b>warning</b> for the coast</p>"
    assert "<h2>Ferry returns</h2>" in parsed.entries[1].content[0].value


def test_entry_ids_are_stable_and_distinct():
    assert entry_id("Harbour Weekly", 1) == entry_id("Harbour Weekly", 1)
    assert entry_id("Harbour Weekly", 1).startswith("urn:uuid:")
    assert len({entry_id("Harbour Weekly", 1), entry_id("Harbour Weekly", 2), entry_id("Other", 1)}) == 3


def test_without_web_url_links_are_relative():
    parsed = feedparser.parse(render_feed(issues(), config()))
    assert not parsed.bozo
    assert [e.link for e in parsed.entries] == ["issues/0002/", "issues/0001/"]
    assert b'rel="self"' not in render_feed(issues(), config())


def test_index_lists_every_issue_newest_first():
    html = render_index(issues(), config()).decode()
    assert html.index('href="issues/0002/"') < html.index('href="issues/0001/"')
    assert "Harbour Weekly #2: &lt;Storm&gt; warning" in html  # escaped
    assert '<time datetime="2024-10-22">22 October 2024</time>' in html
    assert "Issue 2</span>" in html  # no date: the content gave none
    assert '<link rel="alternate" type="application/atom+xml" title="Harbour Weekly" href="feed.xml">' in html


def test_archive_is_deterministic_and_empty_before_the_first_issue():
    assert archive_files([], config()) == {}
    assert archive_files(issues(), config()) == archive_files(list(issues()), config())


def test_web_body_leaves_out_hidden_parts():
    html = ('<!DOCTYPE html><html><head><title>x</title><style>p {}</style></head><body>'
            '<div style="display:none; max-height:0">preheader</div><p>Shown</p></body></html>')
    assert web_body(html) == "<p>Shown</p>\n"


def test_write_archive_writes_only_what_changed(tmp_path):
    assert write_archive(tmp_path, {"index.html": b"a", "feed.xml": b"b"}) == ["index.html", "feed.xml"]
    assert write_archive(tmp_path, {"index.html": b"a", "feed.xml": b"c"}) == ["feed.xml"]
    assert (tmp_path / "feed.xml").read_bytes() == b"c"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.xml", "index.html"]  # no temporary files


def test_the_archive_holds_nothing_personal(project):
    write(project / "config.toml", (project / "config.toml").read_text().replace(
        "recipients = []", 'recipients = ["Ada Reader <ada.reader@example.net>"]'))
    now = dt.datetime(2024, 10, 22, 6, 0, tzinfo=UTC)
    publish(load_config(project / "config.toml"), now=now)
    add_article(project, "ferry.md", "Harbour ferry returns", "The harbour ferry is back in service after repairs.")
    publish(load_config(project / "config.toml"), now=now + dt.timedelta(days=1))
    out = project / "out"
    assert b"ada.reader@example.net" in (out / "issues" / "0001" / "message.eml").read_bytes()  # the email has it
    public = [out / "index.html", out / "feed.xml", out / "issues" / "0001" / "index.html",
              out / "issues" / "0002" / "index.html"]
    for path in public:
        text = path.read_text()
        assert "ada.reader" not in text and "Ada Reader" not in text, path
    parsed = feedparser.parse(out / "feed.xml")
    assert not parsed.bozo
    assert [e.link for e in parsed.entries] == ["issues/0002/", "issues/0001/"]
    assert "Harbour ferry returns" in parsed.entries[0].content[0].value
