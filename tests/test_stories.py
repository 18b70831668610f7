import datetime as dt
import json

from newsletter.models import Article
from newsletter.readers import read_articles
from newsletter.stories import group_articles


def bbc(shared_data, *ids):
    rows = {}
    with open(shared_data / "bbc-news-summary-dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["id"]] = row
    return [
        Article(id=i, title=rows[i]["title"], paragraphs=tuple(rows[i]["text"].split("\n\n")))
        for i in ids
    ]


def test_seed_articles_are_one_story(repo):
    articles, _ = read_articles([repo / "content"])
    stories = group_articles(articles)
    assert len(stories) == 1
    assert len(stories[0].articles) == 2


def test_unrelated_articles_stay_apart(repo, shared_data):
    seeds, _ = read_articles([repo / "content"])
    others = bbc(shared_data, "bbc-business-001", "bbc-entertainment-001", "bbc-politics-001",
                 "bbc-sport-003", "bbc-tech-003", "bbc-business-002", "bbc-tech-010")
    stories = group_articles(seeds + others)
    assert sorted(len(s.articles) for s in stories) == [1] * 7 + [2]
    assert {a.id for a in stories[0].articles} == {a.id for a in seeds}


def test_same_event_from_two_outlets_is_joined(shared_data):
    # Two BBC reports of one event: the Greek sprinters' doping hearing.
    articles = bbc(shared_data, *_greek_pair(shared_data))
    assert len(group_articles(articles)) == 1


def _greek_pair(shared_data):
    ids = []
    with open(shared_data / "bbc-news-summary-dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["title"] in ("IAAF to rule on Greek sprint pair", "IAAF will contest Greek decision"):
                ids.append(row["id"])
    assert len(ids) == 2
    return ids


def test_dates_far_apart_are_never_one_story():
    text = ("North Korea sent troops to Russia to support the war against Ukraine, officials in Seoul said.",)
    a = Article(id="a", title="North Korea sends troops to Russia", paragraphs=text, date=dt.date(2024, 10, 1))
    b = Article(id="b", title="North Korea sends troops to Russia", paragraphs=text, date=dt.date(2024, 12, 1))
    assert len(group_articles([a, b], max_days_apart=7)) == 2
    assert len(group_articles([a, b], max_days_apart=90)) == 1


def test_story_ids_are_stable(repo):
    articles, _ = read_articles([repo / "content"])
    assert group_articles(articles)[0].id == group_articles(list(reversed(articles)))[0].id
