"""Sources: folders, feeds and pages read together against a real HTTP server on loopback; publishing from them."""

import datetime as dt
import json
import re
import sqlite3

from newsletter.build import NothingNew, build_draft, publish
from newsletter.config import load_config
from newsletter.sources import read_sources
from tests.conftest import run_cli, write

UTC = dt.timezone.utc
FIRST = dt.datetime(2024, 10, 24, 6, 0, tzinfo=UTC)
SECOND = dt.datetime(2024, 10, 25, 6, 0, tzinfo=UTC)
THIRD = dt.datetime(2024, 10, 26, 6, 0, tzinfo=UTC)

FAST = """
[fetch]
timeout_seconds = 0.5
retries = 1
backoff_seconds = 0.01
max_bytes = 100000
max_redirects = 2
"""

NEW_ITEM = """  <item>
    <title>Ferry fares frozen for another year</title>
    <link>{base}/news/ferry-fares</link>
    <guid isPermaLink="false">harbour-news-4420</guid>
    <pubDate>Thu, 24 Oct 2024 08:00:00 +0000</pubDate>
    <content:encoded><![CDATA[
<p>Ferry fares across the harbour will stay at 3.50 euros for another year, the transport authority said on Thursday, despite rising fuel costs.</p>
<p>"We want the ferry to remain the cheapest way to cross the water," said Lotta Nyberg, the authority's chair. The freeze will cost the authority about 1.2 million euros.</p>
<p>Passenger groups welcomed the decision but asked for more evening crossings.</p>
]]></content:encoded>
  </item>
"""


def sources_config(project, server, *sources, extra=FAST):
    """Append [[sources]] tables (type, where[, name]) and the fast fetch settings to the project's config."""
    tables = []
    for kind, where, *name in sources:
        key = "path" if kind == "folder" else "url"
        value = where if kind == "folder" else server.url(where)
        tables.append(f'[[sources]]\ntype = "{kind}"\n{key} = "{value}"\n' + (f'name = "{name[0]}"\n' if name else ""))
    config = project / "config.toml"
    config.write_text(config.read_text() + extra + "\n" + "\n".join(tables))
    return load_config(config)


def publish_at(project, now):
    return publish(load_config(project / "config.toml"), now=now)


def digest(project, number):
    return json.loads((project / "out" / "issues" / f"{number:04d}" / "digest.json").read_text())


def test_a_folder_and_feeds_and_a_page_give_one_list_of_articles(project, feed_server):
    config = sources_config(project, feed_server, ("folder", "content"), ("feed", "/rss.xml", "Harbour News"),
                            ("feed", "/atom.xml"), ("feed", "/teaser.xml", "City Weekly"),
                            ("page", "/pages/library.html"))
    read = read_sources(config)
    assert read.skipped == []
    assert [(a.source, a.path) for a in read.articles[2:]] == [
        ("Harbour News", feed_server.url("/news/tram-line")),
        ("Harbour News", feed_server.url("/news/dock-strike")),
        ("Harbour News", feed_server.url("/news/lighthouse-museum")),
        ("Valley Courier", feed_server.url("/courier/reservoir-levels")),
        ("Valley Courier", feed_server.url("/courier/hospital-wing")),
        ("City Weekly", feed_server.url("/pages/library.html")),
        ("City Weekly", feed_server.url("/pages/bridge.html")),
    ]  # the page source is the teaser feed's first entry again: read once
    assert [a.path for a in read.articles[:2]] == ["content/kim-putin-alarm.txt", "content/nk-troop-dispatch-experts.txt"]
    assert [r.status for r in read.results] == ["ok"] * 5
    assert [len(r.articles) for r in read.results] == [2, 3, 2, 2, 1]
    library = read.articles[7]
    assert library.paragraphs[2].startswith('"Students told us they had nowhere quiet')
    pages = [r["path"] for r in feed_server.requests if r["path"].startswith("/pages/")]
    assert sorted(pages) == ["/pages/bridge.html", "/pages/library.html", "/pages/library.html"]


def test_each_failing_source_is_one_line_and_the_rest_still_read(project, feed_server):
    feed_server.write("pages/teaser-404.xml", feed_server.read("teaser.xml").replace("/pages/bridge.html", "/pages/gone.html"))
    config = sources_config(project, feed_server, ("feed", "/missing.xml", "Gone Gazette"), ("feed", "/slow.xml", "Slow Times"),
                            ("feed", "/broken.xml", "Broken Feed"), ("feed", "/huge.xml", "Huge Herald"),
                            ("page", "/pages/empty.html", "Empty Page"), ("feed", "/loop.xml"),
                            ("feed", "/moved.xml", "Moved"), ("feed", "/pages/teaser-404.xml", "Half Teaser"),
                            ("folder", "nowhere", "Lost folder"))
    read = read_sources(config)
    url = feed_server.url
    assert [f"{s.path}: {s.reason}" for s in read.skipped] == [
        f"feed 'Gone Gazette' ({url('/missing.xml')}): HTTP 404 Not Found",
        f"feed 'Slow Times' ({url('/slow.xml')}): timed out after 0.5 s (2 tries)",
        f"feed 'Broken Feed' ({url('/broken.xml')}): malformed feed: line 9: not well-formed (invalid token)",
        f"feed 'Huge Herald' ({url('/huge.xml')}): response larger than 100,000 bytes (fetch.max_bytes)",
        f"page 'Empty Page' ({url('/pages/empty.html')}): no article text found in the HTML",
        f"feed {url('/loop.xml')}: too many redirects (more than 2)",
        f"{url('/pages/gone.html')} (in feed 'Half Teaser' ({url('/pages/teaser-404.xml')})): HTTP 404 Not Found",
        "folder 'Lost folder' (nowhere): folder not found",
    ]
    assert [r.status for r in read.results] == ["error"] * 6 + ["ok", "ok", "error"]
    assert [a.title for a in read.articles] == [
        "Council approves tram line to the eastern docks", "Dock workers vote to strike over night-shift rota",
        "Old lighthouse to reopen as a museum", "Central library to stay open until midnight during exams"]


def test_sources_are_fetched_concurrently_up_to_the_limit(project, feed_server):
    feed_server.slow_seconds = 0.4
    slow = [("feed", f"/slow.xml?copy={n}") for n in range(4)]
    config = sources_config(project, feed_server, *slow, extra="[fetch]\ntimeout_seconds = 5\nconcurrency = 2\n")
    read = read_sources(config)
    assert read.skipped == [] and len(read.articles) == 3  # the same three entries four times: read once
    assert feed_server.most_in_flight == 2
    feed_server.most_in_flight = 0
    read_sources(load_config_with(project, "concurrency = 2", "concurrency = 1"))
    assert feed_server.most_in_flight == 1


def load_config_with(project, old, new):
    config = project / "config.toml"
    config.write_text(config.read_text().replace(old, new))
    return load_config(config)


def test_max_items_and_tags_from_the_config(project, feed_server):
    config = project / "config.toml"
    config.write_text(config.read_text() + FAST + f'[[sources]]\ntype = "feed"\nurl = "{feed_server.url("/rss.xml")}"\n'
                      'max_items = 2\ntags = ["harbour"]\n')
    read = read_sources(load_config(config))
    assert [(a.title, a.tags) for a in read.articles] == [
        ("Council approves tram line to the eastern docks", ("harbour", "Transport")),
        ("Dock workers vote to strike over night-shift rota", ("harbour", "Port"))]


def test_a_second_build_sends_conditional_requests_and_unchanged_feeds_cost_a_304(project, feed_server):
    sources_config(project, feed_server, ("folder", "content"), ("feed", "/rss.xml"), ("feed", "/teaser.xml"))
    first = publish_at(project, FIRST)
    assert first.articles == 7
    feed_server.requests.clear()
    assert publish_at(project, SECOND) == NothingNew(last_issue=1, skipped=())
    assert sorted((r["path"], r["status"]) for r in feed_server.requests) == [
        ("/pages/bridge.html", 304), ("/pages/library.html", 304), ("/rss.xml", 304), ("/teaser.xml", 304)]
    assert all(r["headers"].get("If-None-Match", "").startswith('"') for r in feed_server.requests)
    with sqlite3.connect(project / "out.state.db") as connection:
        statuses = connection.execute("SELECT type, status, items, read_at FROM sources ORDER BY key").fetchall()
    assert statuses == [("folder", "ok", 2, "2024-10-25T06:00:00+00:00"),
                        ("feed", "not modified", 3, "2024-10-25T06:00:00+00:00"),
                        ("feed", "not modified", 2, "2024-10-25T06:00:00+00:00")]


def test_a_reordered_and_republished_feed_never_gives_an_item_twice(project, feed_server):
    sources_config(project, feed_server, ("feed", "/rss.xml"))
    assert publish_at(project, FIRST).articles == 3
    text = feed_server.read("rss.xml")
    head, *items = text.split("  <item>")
    items = ["  <item>" + item for item in items]
    items[-1], tail = items[-1].split("</channel>")[0], "</channel>\n</rss>\n"
    items[0] = (items[0].replace("Council approves tram line", "UPDATED: Council backs tram line")
                .replace("Tue, 22 Oct 2024 09:30:00", "Thu, 24 Oct 2024 12:00:00")
                .replace("ending a decade of argument", "ending ten years of argument"))
    feed_server.write("rss.xml", head + "".join(reversed(items)) + tail)
    assert publish_at(project, SECOND) == NothingNew(last_issue=1, skipped=())
    feed_server.write("rss.xml", head + NEW_ITEM + "".join(items) + tail)
    third = publish_at(project, THIRD)
    assert third.issue.number == 2 and third.articles == 1
    assert [a["path"] for a in digest(project, 2)["articles"]] == [feed_server.url("/news/ferry-fares")]


def test_a_draft_publishes_nothing_but_fills_the_fetch_cache(project, feed_server):
    config = sources_config(project, feed_server, ("folder", "content"), ("feed", "/atom.xml"))
    draft = build_draft(config, now=FIRST)
    assert draft.issue.number == 1 and draft.articles == 4
    with sqlite3.connect(project / "out.state.db") as connection:
        assert connection.execute("SELECT COUNT(*) FROM issues").fetchone() == (0,)
        assert connection.execute("SELECT url FROM fetch_cache").fetchall() == [(feed_server.url("/atom.xml"),)]
    assert publish_at(project, FIRST).issue.number == 1
    assert [r["status"] for r in feed_server.requests_for("/atom.xml")] == [200, 304]


def test_without_validators_a_feed_is_fetched_whole_every_time(project, feed_server):
    sources_config(project, feed_server, ("feed", "/plain.xml"))
    publish_at(project, FIRST)
    publish_at(project, SECOND)
    assert [(r["status"], "If-None-Match" in r["headers"]) for r in feed_server.requests_for("/plain.xml")] == [
        (200, False), (200, False)]


def test_feed_articles_make_stories_with_quotes_and_figures_like_files(project, feed_server):
    sources_config(project, feed_server, ("folder", "content"), ("feed", "/rss.xml", "Harbour News"))
    publish_at(project, FIRST)
    stories = {s["title"]: s for s in digest(project, 1)["stories"]}
    tram = stories["Council approves tram line to the eastern docks"]
    assert [a["url"] for a in tram["articles"]] == [feed_server.url("/news/tram-line")]
    assert tram["key_points"]
    assert ("Elin Sandberg", "This is the most important transport decision the city has taken in a generation") in [
        (q["speaker"], q["text"]) for q in tram["quotes"]]
    assert [f["value"] for f in tram["figures"]] == ["410 million", "40 per cent"]
    html = (project / "out" / "issues" / "0001" / "email.html").read_text()
    assert "Council approves tram line to the eastern docks" in html and feed_server.url("/news/tram-line") in html


def test_done_when_a_folder_and_two_feeds_build_an_issue_repeatedly_and_a_broken_feed_does_not_stop_it(
        project, feed_server):
    sources_config(project, feed_server, ("folder", "content", "Desk"), ("feed", "/rss.xml", "Harbour News"),
                   ("feed", "/atom.xml", "Valley Courier"))
    env = {"NEWSLETTER_NOW": FIRST.isoformat()}
    first = run_cli("build", cwd=project, **env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Built issue 1:") and "from 7 articles" in first.stdout
    paths = [a["path"] for a in digest(project, 1)["articles"]]
    assert paths == ["content/kim-putin-alarm.txt", "content/nk-troop-dispatch-experts.txt",
                     *(feed_server.url(p) for p in ("/news/tram-line", "/news/dock-strike", "/news/lighthouse-museum",
                                                    "/courier/reservoir-levels", "/courier/hospital-wing"))]

    feed_server.requests.clear()
    again = run_cli("build", cwd=project, NEWSLETTER_NOW=SECOND.isoformat())
    assert (again.returncode, again.stdout, again.stderr) == (0, "nothing new since issue 1; no issue built\n", "")
    assert [(r["path"], r["status"]) for r in sorted(feed_server.requests, key=lambda r: r["path"])] == [
        ("/atom.xml", 304), ("/rss.xml", 304)]

    config = project / "config.toml"
    config.write_text(config.read_text() + f'\n[[sources]]\ntype = "feed"\nurl = "{feed_server.url("/broken.xml")}"\n'
                      'name = "Broken Feed"\n')
    feed_server.write("rss.xml", feed_server.read("rss.xml").replace("  <item>", NEW_ITEM.replace("{base}", feed_server.base) + "  <item>", 1))
    third = run_cli("build", cwd=project, NEWSLETTER_NOW=THIRD.isoformat())
    assert third.returncode == 3
    assert third.stderr == (f"skipped: feed 'Broken Feed' ({feed_server.url('/broken.xml')}): "
                            "malformed feed: line 9: not well-formed (invalid token)\n")
    assert third.stdout.startswith("Built issue 2: 1 story from 1 article")
    assert [a["path"] for a in digest(project, 2)["articles"]] == [feed_server.url("/news/ferry-fares")]
    assert digest(project, 2)["issue"]["skipped"] == [{
        "path": f"feed 'Broken Feed' ({feed_server.url('/broken.xml')})",
        "reason": "malformed feed: line 9: not well-formed (invalid token)"}]

    listing = run_cli("sources", cwd=project)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["Desk", "folder"], ["Harbour", "News"], ["Valley", "Courier"],
                                                    ["Broken", "Feed"]]
    assert "ok" in lines[0] and "2 items" in lines[0] and "2024-10-26T06:00:00+00:00" in lines[0]
    assert "ok  " in lines[1] and "4 items" in lines[1]
    assert "not modified" in lines[2] and "2 items" in lines[2]
    assert "error: malformed feed: line 9: not well-formed (invalid token)" in lines[3] and "0 items" in lines[3]


def test_sources_lists_never_read_sources_and_fetches_on_request(project, feed_server):
    sources_config(project, feed_server, ("feed", "/atom.xml", "Valley Courier"), ("feed", "/missing.xml", "Gone"))
    before = run_cli("sources", cwd=project)
    assert before.returncode == 0, before.stderr
    assert before.stdout == (f"Valley Courier  feed  {feed_server.url('/atom.xml')}     never read  -  -\n"
                             f"Gone            feed  {feed_server.url('/missing.xml')}  never read  -  -\n")
    assert feed_server.requests == [] and not (project / "out.state.db").exists()
    fetched = run_cli("sources", "--fetch", cwd=project, NEWSLETTER_NOW=FIRST.isoformat())
    assert fetched.returncode == 3
    assert re.split(r"  +", fetched.stdout.splitlines()[1]) == [
        "Gone", "feed", feed_server.url("/missing.xml"), "error: HTTP 404 Not Found", "0 items", "2024-10-24T06:00:00+00:00"]
    assert fetched.stderr == f"skipped: feed 'Gone' ({feed_server.url('/missing.xml')}): HTTP 404 Not Found\n"
    assert not (project / "out" / "issues").exists()


def test_without_sources_the_content_folder_is_the_one_source(project):
    config = load_config(project / "config.toml")
    read = read_sources(config)
    assert [r.source.type for r in read.results] == ["folder"] and len(read.articles) == 2
    write(project / "config.toml", '[paths]\ncontent = "missing"\n')
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr == f"error: {project / 'missing'}: content folder not found (set paths.content)\n"


def test_when_every_source_fails_the_reasons_come_before_the_error(project, feed_server):
    sources_config(project, feed_server, ("feed", "/missing.xml", "Gone"), ("feed", "/broken.xml", "Broken"))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"skipped: feed 'Gone' ({feed_server.url('/missing.xml')}): HTTP 404 Not Found",
        f"skipped: feed 'Broken' ({feed_server.url('/broken.xml')}): malformed feed: line 9: not well-formed (invalid token)",
        "error: 2 sources: no usable articles (2 skipped)",
    ]
    assert not (project / "out" / "issues").exists()


def test_an_entry_given_a_new_guid_under_the_same_link_is_not_new(project, feed_server):
    sources_config(project, feed_server, ("feed", "/atom.xml"))
    assert publish_at(project, FIRST).articles == 2
    feed_server.write("atom.xml", feed_server.read("atom.xml").replace(
        "tag:valleycourier.example,2024:hospital-wing", "https://valley-courier.example/p/8812"))
    assert publish_at(project, SECOND) == NothingNew(last_issue=1, skipped=())
