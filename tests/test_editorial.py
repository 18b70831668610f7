"""Editorial controls in intro.md (subject, pin, drop): parsing, selection, and how build honours them."""

import datetime as dt
import json
import sqlite3

import pytest

from newsletter.build import NothingNew, build_draft, publish
from newsletter.config import load_config
from newsletter.editorial import intro_from_front_matter, names_article, select
from newsletter.errors import InputError, NewsletterError
from newsletter.models import Article, Intro, Story
from tests.conftest import add_article, run_cli, write

UTC = dt.timezone.utc
FIRST = dt.datetime(2024, 10, 22, 6, 0, tzinfo=UTC)
SECOND = dt.datetime(2024, 10, 23, 6, 0, tzinfo=UTC)
SAMPLE_TITLE = "N.K. troop dispatch for Russia may have broad implications for global security, order: experts"
FERRY = ("Harbour ferry returns after repairs",
         "The harbour ferry is back in service after three weeks of repairs, the operator said on Wednesday.\n\n"
         "The ferry carries about 1,200 passengers a day between the old town and the island.")
LIBRARY = ("City library opens a new reading room",
           "The city library opened a reading room for students on Tuesday, with 80 desks and late opening hours.\n\n"
           "Librarians said the room had been planned for two years and cost less than expected.")
BAKERY = ("Old bakery wins regional bread prize",
          "A family bakery in the old town won the regional bread prize for its rye loaf, judges announced.\n\n"
          "The bakery has used the same sourdough starter since 1952, its owner said.")


def add_local_news(project):
    add_article(project, "ferry.md", *FERRY, date="2024-10-23")
    add_article(project, "library.md", *LIBRARY, date="2024-10-23")
    add_article(project, "bakery.md", *BAKERY, date="2024-10-23")


def intro(project, front_matter: str, body: str = "Good morning.") -> None:
    write(project / "content" / "intro.md", f"---\n{front_matter}\n---\n{body}\n")


def digest(folder):
    return json.loads((folder / "digest.json").read_text())


def story_titles(folder):
    return [story["title"] for story in digest(folder)["stories"]]


def published_paths(project):
    with sqlite3.connect(project / "out.state.db") as connection:
        return sorted(path for (path,) in connection.execute("SELECT path FROM items"))


# --- reading the controls ------------------------------------------------------------------------------------


def test_front_matter_gives_the_controls():
    parsed = intro_from_front_matter(
        {"summary": "A  quiet\nweek.", "subject": "{name}: a quiet week", "pin": ["ferry.md", "Library"],
         "drop": "bakery"}, "\nHello.\n", "content/intro.md")
    assert parsed == Intro(markdown="Hello.", summary="A quiet week.", path="content/intro.md",
                           subject="{name}: a quiet week", pin=("ferry.md", "Library"), drop=("bakery",))


@pytest.mark.parametrize("front_matter, message", [
    ({"pin": 3}, "content/intro.md: pin: expected a list of strings, got 3"),
    ({"drop": ["ferry.md", 2024]}, "content/intro.md: drop: expected a list of strings, got ['ferry.md', 2024]"),
    ({"drop": ["ferry.md", "  "]}, "content/intro.md: drop: expected a list of strings, got ['ferry.md', '  ']"),
    ({"pin": {"a": 1}}, "content/intro.md: pin: expected a list of strings, got {'a': 1}"),
    ({"subject": ["x"]}, "content/intro.md: subject: expected a line of text, got ['x']"),
    ({"subject": "{name} #{issue}"}, "content/intro.md: subject: unknown field {issue} "
                                     "(known: {name}, {number}, {date}, {top_story}, {stories})"),
    ({"subject": "{name"}, "content/intro.md: subject: invalid pattern (expected '}' before end of string)"),
    ({"pins": ["a"]}, "content/intro.md: front matter: unknown key 'pins' (known: summary, subject, pin, drop)"),
])
def test_bad_controls_are_one_line_errors_naming_file_and_key(front_matter, message):
    with pytest.raises(InputError) as caught:
        intro_from_front_matter(front_matter, "", "content/intro.md")
    assert str(caught.value) == message


def test_an_article_is_named_by_file_stem_path_id_or_url():
    article = Article(id="abc123", title="T", paragraphs=("x",), url="https://example.com/a", path="content/ferry.md")
    assert [names_article(entry, article) for entry in
            ("ferry.md", "ferry", "content/ferry.md", "abc123", "https://example.com/a", "ferry.txt", "T")] == [
        True, True, True, True, True, False, False]


# --- selecting the stories -----------------------------------------------------------------------------------


def _article(name: str, title: str) -> Article:
    return Article(id=name, title=title, paragraphs=(f"Text of {name}.",), path=f"content/{name}.md")


def _one_story_each(articles):
    return [Story(id="s-" + a.id, title=a.title, articles=(a,)) for a in articles]


def test_select_pins_in_order_drops_and_warns_about_entries_that_match_nothing():
    articles = [_article("a", "Alpha"), _article("b", "Beta"), _article("c", "Gamma"), _article("d", "Delta")]
    controls = Intro(markdown="", path="content/intro.md", pin=("Gamma", "b.md", "Zeta"), drop=("d", "Omega"))
    selection = select(articles, controls, _one_story_each)
    assert [s.title for s in selection.stories] == ["Gamma", "Beta", "Alpha"]
    assert [a.id for a in selection.articles] == ["a", "b", "c"]  # in the order they were read
    assert [a.id for a in selection.dropped] == ["d"]
    assert selection.warnings == (
        "content/intro.md: drop: 'Omega' matches no article or story of the next issue",
        "content/intro.md: pin: 'Zeta' matches no story of the next issue",
    )


def test_without_controls_the_selection_is_the_grouping():
    articles = [_article("a", "Alpha"), _article("b", "Beta")]
    selection = select(articles, None, _one_story_each)
    assert selection.stories == tuple(_one_story_each(articles)) and selection.warnings == ()


# --- build honours them --------------------------------------------------------------------------------------


def test_pin_puts_stories_first_in_its_order(project):
    add_local_news(project)
    config = load_config(project / "config.toml")
    plain = story_titles(build_draft(config, now=FIRST).folder)
    assert plain[0] == SAMPLE_TITLE  # two articles: the biggest story leads
    intro(project, "pin:\n  - bakery.md\n  - City library opens a new reading room")
    result = build_draft(config, now=FIRST)
    assert result.warnings == ()
    assert story_titles(result.folder) == [BAKERY[0], LIBRARY[0], SAMPLE_TITLE, FERRY[0]]
    assert result.issue.subject == f"The Briefing #1: {BAKERY[0]}"  # {top_story} is the pinned story


def test_a_dropped_article_is_not_published_and_comes_in_the_next_issue(project):
    add_local_news(project)
    intro(project, "drop: [ferry.md]")
    first = publish(load_config(project / "config.toml"), now=FIRST)
    assert first.issue.number == 1 and first.articles == 4 and first.left_out == 1
    assert FERRY[0] not in story_titles(first.folder)
    assert "content/ferry.md" not in published_paths(project)  # not marked used
    (project / "content" / "intro.md").unlink()
    second = publish(load_config(project / "config.toml"), now=SECOND)
    assert second.issue.number == 2 and story_titles(second.folder) == [FERRY[0]]
    assert "content/ferry.md" in published_paths(project)


def test_a_story_dropped_by_title_leaves_out_all_its_articles(project):
    add_local_news(project)
    intro(project, f"drop:\n  - {json.dumps(SAMPLE_TITLE.upper())}")  # case does not matter
    result = publish(load_config(project / "config.toml"), now=FIRST)
    assert result.left_out == 2 and result.articles == 3
    assert SAMPLE_TITLE not in story_titles(result.folder)
    assert published_paths(project) == ["content/bakery.md", "content/ferry.md", "content/library.md"]


def test_dropping_everything_new_publishes_nothing(project):
    intro(project, "drop: [kim-putin-alarm, nk-troop-dispatch-experts.txt]")
    result = publish(load_config(project / "config.toml"), now=FIRST)
    assert result == NothingNew(last_issue=0, skipped=(), warnings=(), left_out=2)
    assert not (project / "out" / "issues").exists()


def test_subject_override_uses_the_same_fields(project):
    intro(project, "subject: \"{name}, issue {number}: a special edition\"")
    result = build_draft(load_config(project / "config.toml"), now=FIRST)
    assert result.issue.subject == "The Briefing, issue 1: a special edition"
    assert digest(result.folder)["issue"]["subject"] == "The Briefing, issue 1: a special edition"


def test_build_warns_about_entries_that_match_nothing_and_still_builds(project):
    intro(project, "pin: [no-such-story]\ndrop: [ferry.md]")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: content/intro.md: drop: 'ferry.md' matches no article or story of the next issue",
        "warning: content/intro.md: pin: 'no-such-story' matches no story of the next issue",
    ]
    assert result.stdout.startswith("Built issue 1: 1 story from 2 articles -> ")


def test_build_with_bad_controls_fails_with_one_line(project):
    intro(project, "pin: 3")
    result = run_cli("build", "--draft", cwd=project)
    assert result.returncode == 1
    assert result.stderr == "error: content/intro.md: pin: expected a list of strings, got 3\n"
    assert not (project / "out" / "draft").exists()


def test_build_says_how_many_articles_drop_left_out(project):
    add_local_news(project)
    intro(project, "drop: [library, bakery.md]")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"Built issue 1: 2 stories from 3 articles (2 articles left out by drop:) -> "
                             f"{project / 'out' / 'issues' / '0001'}\n")


def test_format_subject_names_the_file_and_key_it_came_from():
    from newsletter.digest import format_subject

    with pytest.raises(NewsletterError) as caught:
        format_subject("{oops}", "content/intro.md", key="subject", name="x")
    assert str(caught.value) == ("content/intro.md: subject: unknown field {oops} "
                                 "(known: {name}, {number}, {date}, {top_story}, {stories})")
