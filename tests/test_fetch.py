"""fetch: one polite, bounded GET against a real HTTP server on loopback."""

import socket

import pytest

from newsletter.fetch import DEFAULT_USER_AGENT, Fetched, FetchError, FetchSettings, NotModified, fetch

FAST = FetchSettings(timeout=0.5, retries=1, backoff=0.01, max_bytes=100_000, max_redirects=2)


def no_sleep(waits):
    return waits.append


def test_a_feed_is_fetched_with_its_validators_and_a_descriptive_user_agent(feed_server):
    answer = fetch(feed_server.url("/rss.xml"), FAST)
    assert isinstance(answer, Fetched)
    assert answer.body == feed_server.read("rss.xml").encode("utf-8")
    assert answer.etag and answer.last_modified == "Tue, 22 Oct 2024 06:00:00 GMT"
    assert answer.content_type == "application/xml"
    [request] = feed_server.requests_for("/rss.xml")
    assert request["headers"]["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT == "newsletter/0.1.0 (feed reader for an email newsletter)"
    assert "If-None-Match" not in request["headers"]


def test_an_unchanged_feed_is_one_conditional_request_answered_304(feed_server):
    first = fetch(feed_server.url("/rss.xml"), FAST)
    assert fetch(feed_server.url("/rss.xml"), FAST, first.etag, first.last_modified) == NotModified(
        feed_server.url("/rss.xml"))
    second = feed_server.requests_for("/rss.xml")[1]
    assert second["headers"]["If-None-Match"] == first.etag
    assert second["headers"]["If-Modified-Since"] == first.last_modified
    assert second["status"] == 304
    assert isinstance(fetch(feed_server.url("/rss.xml"), FAST, None, first.last_modified), NotModified)


def test_a_changed_feed_is_fetched_again(feed_server):
    first = fetch(feed_server.url("/rss.xml"), FAST)
    feed_server.write("rss.xml", feed_server.read("rss.xml").replace("Harbour News", "Harbour Daily"))
    again = fetch(feed_server.url("/rss.xml"), FAST, first.etag)
    assert isinstance(again, Fetched) and b"Harbour Daily" in again.body and again.etag != first.etag


def test_a_redirect_is_followed_and_a_redirect_loop_is_not(feed_server):
    answer = fetch(feed_server.url("/moved.xml"), FAST)
    assert answer.final_url == feed_server.url("/rss.xml") and answer.url == feed_server.url("/moved.xml")
    with pytest.raises(FetchError, match=r"^too many redirects \(more than 2\)$"):
        fetch(feed_server.url("/loop.xml"), FAST)
    assert len(feed_server.requests_for("/loop.xml")) == 3


def test_a_404_is_not_retried(feed_server):
    waits = []
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url("/missing.xml"), FAST, sleep=no_sleep(waits))
    assert caught.value.reason == "HTTP 404 Not Found"
    assert len(feed_server.requests_for("/missing.xml")) == 1 and waits == []


def test_a_timeout_is_retried_then_reported(feed_server):
    settings = FetchSettings(timeout=0.3, retries=1, backoff=0.01)
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url("/slow.xml"), settings)
    assert caught.value.reason == "timed out after 0.3 s (2 tries)"
    assert len(feed_server.requests_for("/slow.xml")) == 2


def test_5xx_is_retried_with_exponential_back_off(feed_server):
    feed_server.flaky_failures = 2
    waits = []
    settings = FetchSettings(timeout=2, retries=3, backoff=0.5)
    answer = fetch(feed_server.url("/flaky.xml"), settings, sleep=no_sleep(waits))
    assert isinstance(answer, Fetched) and b"Harbour News" in answer.body
    assert waits == [0.5, 1.0]
    assert [r["status"] for r in feed_server.requests_for("/flaky.xml")] == [503, 503, 200]


def test_5xx_every_time_is_reported_after_the_retries(feed_server):
    feed_server.flaky_failures = 10
    waits = []
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url("/flaky.xml"), FetchSettings(retries=2, backoff=1), sleep=no_sleep(waits))
    assert caught.value.reason == "HTTP 503 Service Unavailable (3 tries)"
    assert waits == [1, 2]


@pytest.mark.parametrize("path", ["/huge.xml", "/huge-declared.xml"])
def test_a_response_over_the_size_limit_is_abandoned(feed_server, path):
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url(path), FAST)
    assert caught.value.reason == "response larger than 100,000 bytes (fetch.max_bytes)"
    assert len(feed_server.requests_for(path)) == 1  # a size problem is not retried


def test_nothing_listening_is_a_connection_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{port}/feed.xml", FetchSettings(retries=0))
    assert caught.value.reason == "cannot connect: Connection refused"


def test_the_user_agent_names_the_newsletter_site_when_it_has_one():
    from pathlib import Path

    from newsletter.config import parse_config
    from newsletter.fetch import settings_from_config

    def agent(text):
        return settings_from_config(parse_config(text, "config.toml", Path("/p"))).user_agent

    assert agent("") == DEFAULT_USER_AGENT
    assert agent('[newsletter]\nweb_url = "https://briefing.example/"\n') == "newsletter/0.1.0 (+https://briefing.example/)"
    assert agent('[fetch]\nuser_agent = "HarbourBot/2 (+mailto:desk@example.com)"\n') == "HarbourBot/2 (+mailto:desk@example.com)"
