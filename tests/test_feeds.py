"""feeds: RSS and Atom bytes -> entries -> Articles (no network: the fixture files, read from disk)."""

import datetime as dt

import pytest

from newsletter.errors import InputError
from newsletter.feeds import canonical_url, entry_article, newest, page_article, parse_feed
from newsletter.models import Source
from tests.conftest import FEEDS

BASE = "https://news.example"


def feed_bytes(name: str, base: str = BASE) -> bytes:
    return (FEEDS / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def feed_source(name: str = "", **options) -> Source:
    url = f"{BASE}/feed.xml"
    return Source(type="feed", name=name or url, url=url, **options)


def articles_of(name: str, source: Source | None = None):
    source = source or feed_source()
    feed = parse_feed(feed_bytes(name), source.url)
    return [entry_article(entry, source, feed.title) for entry in newest(feed.entries, source.max_items)]


def test_rss_full_content_becomes_articles_with_the_entry_metadata():
    articles = articles_of("rss.xml", feed_source(tags=("local",)))
    assert [a.title for a in articles] == ["Council approves tram line to the eastern docks",
                                           "Dock workers vote to strike over night-shift rota",
                                           "Old lighthouse to reopen as a museum"]
    tram = articles[0]
    assert tram.url == f"{BASE}/news/tram-line"  # utm_* gone
    assert tram.path == tram.url
    assert tram.date == dt.date(2024, 10, 22) and tram.author == "Maria Lindqvist"
    assert tram.source == "Harbour News"  # the feed's title when the source has no name
    assert tram.tags == ("local", "Transport")
    assert len(tram.paragraphs) == 5 and tram.paragraphs[2].startswith('"This is the most important transport')
    assert articles[2].url == f"{BASE}/news/lighthouse-museum"  # the fragment gone


def test_atom_full_content_becomes_articles():
    articles = articles_of("atom.xml", feed_source("The Courier"))
    assert [(a.title, a.date, a.author, a.source) for a in articles] == [
        ("Reservoir levels fall to lowest in 30 years", dt.date(2024, 10, 23), "Sofia Marchetti", "The Courier"),
        ("Valley hospital opens new emergency wing", dt.date(2024, 10, 20), "Daniel Okafor", "The Courier"),
    ]
    assert articles[0].paragraphs[2] == (
        '"We are not yet at the point of rationing, but every household can help by using less," said Paolo '
        "Ricci, the board's director of operations. \"If the autumn stays dry, we will have to take harder "
        'decisions in December."')


def test_a_teaser_only_entry_is_marked_and_takes_its_page_text_under_its_own_metadata():
    feed = parse_feed(feed_bytes("teaser.xml"), f"{BASE}/teaser.xml")
    assert [e.teaser for e in feed.entries] == [True, True]
    library = feed.entries[0]
    assert library.link == f"{BASE}/pages/library.html" and library.author == "Lena Fischer"
    page = (FEEDS / "pages" / "library.html").read_bytes()
    article = entry_article(library, feed_source(), feed.title, page)
    assert article.title == "Central library to stay open until midnight during exams"  # not the page's <title>
    assert article.url == library.link and article.date == dt.date(2024, 10, 23)
    assert article.author == "Lena Fischer" and article.source == "City Weekly"
    assert article.paragraphs[0].startswith("The central library will stay open until midnight")
    assert not any("All rights reserved" in p or "Home" == p for p in article.paragraphs)  # no page furniture
    with pytest.raises(InputError, match="no article text found in the HTML"):
        entry_article(library, feed_source(), feed.title, (FEEDS / "pages" / "empty.html").read_bytes())


def test_full_content_is_never_a_teaser_even_when_short():
    short = feed_bytes("rss.xml").replace(b"<content:encoded>", b"<content:encoded><![CDATA[<p>Short.</p>]]>"
                                                                   b"</content:encoded><x>", 1)
    feed = parse_feed(short, BASE)
    assert [e.teaser for e in feed.entries] == [False, False, False]


def test_feed_text_goes_through_the_same_cleaning_as_files():
    body = feed_bytes("rss.xml").replace(
        b"<p>The transport authority said",
        b"<p>Share this article</p><p>Photo: Harbour News</p><p>The transport authority said")
    tram = articles_of_body(body)[0]
    assert "Share this article" not in tram.paragraphs
    assert tram.paragraphs[-1].startswith("The transport authority said")


def articles_of_body(body: bytes):
    source = feed_source()
    feed = parse_feed(body, source.url)
    return [entry_article(entry, source, feed.title) for entry in feed.entries]


@pytest.mark.parametrize(("body", "reason"), [
    (feed_bytes("broken.xml"), "malformed feed: line 9: not well-formed (invalid token)"),
    (b"<html><body><p>Not a feed at all.</p></body></html>", "not an RSS or Atom feed"),
    (b"\x89PNG\r\n\x1a\n", "malformed feed: line 2: not well-formed (invalid token)"),
])
def test_what_is_not_a_feed_is_a_clear_error(body, reason):
    with pytest.raises(ValueError) as caught:
        parse_feed(body, BASE)
    assert str(caught.value) == reason


def test_an_undefined_entity_in_a_sound_feed_is_forgiven():
    body = feed_bytes("rss.xml").replace(b"Old lighthouse to reopen", b"Old lighthouse&nbsp;to reopen")
    assert [e.title for e in parse_feed(body, BASE).entries][2] == "Old lighthouse to reopen as a museum"


def test_max_items_takes_the_newest_entries_whatever_the_feed_order():
    body = feed_bytes("rss.xml")
    items = body.split(b"<item>")
    reordered = items[0] + b"<item>" + b"<item>".join([items[3], items[1], items[2]])  # oldest first
    titles = [a.title for a in articles_of_body_limited(reordered, 2)]
    assert titles == ["Council approves tram line to the eastern docks",
                      "Dock workers vote to strike over night-shift rota"]


def articles_of_body_limited(body: bytes, limit: int):
    source = feed_source(max_items=limit)
    feed = parse_feed(body, source.url)
    return [entry_article(entry, source, feed.title) for entry in newest(feed.entries, limit)]


def test_ids_are_stable_across_reordering_and_republication():
    first = {a.title: a.id for a in articles_of("rss.xml")}
    edited = feed_bytes("rss.xml").replace(b"Council approves tram line", b"UPDATED: Council backs tram line")
    edited = edited.replace(b"Tue, 22 Oct 2024 09:30:00", b"Wed, 23 Oct 2024 10:00:00")
    again = articles_of_body(edited)
    assert again[0].title == "UPDATED: Council backs tram line to the eastern docks"
    assert again[0].id == first["Council approves tram line to the eastern docks"]  # same guid, same id
    assert len(set(first.values())) == 3


def test_without_a_guid_the_canonical_link_is_the_id_and_without_either_the_text():
    no_guid = b"".join(line for line in feed_bytes("rss.xml").splitlines(keepends=True) if b"<guid" not in line)
    by_link = articles_of_body(no_guid)
    tracked = no_guid.replace(b"/news/dock-strike", b"/news/dock-strike?utm_campaign=x&amp;fbclid=abc#top")
    assert [a.id for a in articles_of_body(tracked)] == [a.id for a in by_link]
    no_link = b"".join(line for line in no_guid.splitlines(keepends=True) if b"<link>" not in line or b"news/" not in line)
    by_text = articles_of_body(no_link)
    assert by_text[0].url is None and by_text[0].path == f"{BASE}/feed.xml#Council approves tram line to the eastern docks"
    assert len({a.id for a in by_text}) == 3 and not {a.id for a in by_text} & {a.id for a in by_link}
    assert [a.id for a in articles_of_body(no_link)] == [a.id for a in by_text]


def test_canonical_url():
    assert canonical_url("HTTPS://News.Example/a?b=1&utm_source=x&UTM_Medium=y&gclid=z#frag") == "https://news.example/a?b=1"
    assert canonical_url("https://news.example") == "https://news.example/"


def test_a_page_source_becomes_one_article_named_by_its_site():
    page = (FEEDS / "pages" / "bridge.html").read_bytes()
    url = f"{BASE}/pages/bridge.html?utm_source=x"
    article = page_article(page, Source(type="page", name=url, url=url, tags=("roads",)), url)
    assert article.title == "Swing bridge closed for three weeks of repairs"
    assert article.url == article.path == f"{BASE}/pages/bridge.html"
    assert article.source == "City Weekly" and article.tags == ("roads",)
    assert not any("Most read" in p or "Parking fees" in p for p in article.paragraphs)
