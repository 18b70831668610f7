from pathlib import Path

import pytest

from newsletter.config import SCHEMA, load_config, parse_config
from newsletter.errors import ConfigError


def parse(text: str):
    return parse_config(text, "config.toml", Path("/project"))


def test_defaults_fill_every_key():
    config = parse("")
    assert config["newsletter.name"] == "The Briefing"
    assert config["modules.enabled"] == ["key_points", "quotes", "figures"]
    assert config.module_options["key_points"]["points"] == 4
    assert {o.key for o in SCHEMA} <= set(config.values)


def test_every_option_has_a_docstring():
    from newsletter.config import documented_keys

    for option in documented_keys():
        assert option.doc.strip(), option.key


def test_all_problems_reported_at_once():
    text = """
[newsletter]
name = 5
sender = "not an address"
[stories]
similarity = 2
[modules]
enabled = ["key_points", "weather"]
[modules.key_points]
points = "five"
"""
    with pytest.raises(ConfigError) as caught:
        parse(text)
    assert caught.value.problems == [
        "newsletter.name: expected a string, got 5",
        "newsletter.sender: expected an email address like 'Name <news@example.com>', got no address found",
        "stories.similarity: expected at most 1, got 2",
        "modules.enabled: unknown module 'weather' (known: figures, key_points, quotes)",
        "modules.key_points.points: expected an integer, got 'five'",
    ]


def test_boolean_is_not_an_integer():
    with pytest.raises(ConfigError) as caught:
        parse("[modules.figures]\nlimit = true\n")
    assert caught.value.problems == ["modules.figures.limit: expected an integer, got True"]


def test_unknown_key_is_a_warning():
    config = parse('[newsletter]\nname = "X"\ncolour = "red"\n')
    assert config.warnings == ("config.toml: unknown key 'newsletter.colour' (ignored)",)
    assert config["newsletter.name"] == "X"


def test_invalid_toml_names_the_file():
    with pytest.raises(ConfigError) as caught:
        parse("[newsletter\nname = 1")
    assert str(caught.value).startswith("config.toml: invalid TOML: ")


def test_missing_explicit_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: file not found"


def test_paths_resolve_against_config_folder(tmp_path):
    (tmp_path / "config.toml").write_text('[paths]\ncontent = "articles"\n')
    config = load_config(tmp_path / "config.toml")
    assert config.path("paths.content") == (tmp_path / "articles").resolve()


def test_bundled_config_is_valid(repo):
    config = load_config(repo / "config.toml")
    assert config.warnings == ()


def test_theme_and_email_keys_are_validated():
    text = """
[newsletter]
unsubscribe_url = "javascript:alert(1)"
[render]
inliner = "fastest"
[theme]
accent = "blue-ish"
text = "#12345"
font = "Georgia; } body { color: red"
logo_url = "ftp://example.com/logo.png"
logo_width = 1000
"""
    with pytest.raises(ConfigError) as caught:
        parse(text)
    assert caught.value.problems == [
        "newsletter.unsubscribe_url: expected an https:// or mailto: URL, got 'javascript:alert(1)'",
        "render.inliner: expected one of 'premailer', 'css_inline', got 'fastest'",
        "theme.text: expected a colour like '#1a2b3c', got '#12345'",
        "theme.accent: expected a colour like '#1a2b3c', got 'blue-ish'",
        "theme.font: expected a font list like \"Georgia, 'Times New Roman', serif\", got 'Georgia; } body { color: red'",
        "theme.logo_url: expected an https:// URL, got 'ftp://example.com/logo.png'",
        "theme.logo_width: expected at most 536, got 1000",
    ]


def test_good_theme_values_pass():
    config = parse("""
[newsletter]
unsubscribe_url = "mailto:leave@example.com?subject=unsubscribe"
[render]
inliner = "css_inline"
[theme]
accent = "#0F5E4D"
link = "#06c"
font = "'Helvetica Neue', Arial, sans-serif"
logo_url = "https://example.com/logo.png"
""")
    assert config["theme.accent"] == "#0F5E4D"
    assert config["theme.font"] == "'Helvetica Neue', Arial, sans-serif"
    assert config["render.inliner"] == "css_inline"


def test_theme_colours_hard_to_read_are_warnings():
    config = parse('[theme]\nmuted = "#999"\ndark_link = "#333333"\n')
    assert config.warnings == (
        "config.toml: theme.muted '#999' on theme.surface '#ffffff' has a contrast of 2.8:1, below 4.5:1 (hard to read)",
        "config.toml: theme.dark_link '#333333' on theme.dark_surface '#1c1f24' has a contrast of 1.3:1, "
        "below 4.5:1 (hard to read)",
    )
    assert parse("").warnings == ()


def test_schedule_problems_are_reported_at_once():
    text = """
[schedule]
cron = "61 * * * *"
timezone = "Mars/Base"
misfire_grace_seconds = 0
"""
    with pytest.raises(ConfigError) as caught:
        parse(text)
    assert caught.value.problems == [
        "schedule.cron: invalid cron expression '61 * * * *' (Error validating expression '61': the last value (61)"
        " is higher than the maximum value (59))",
        "schedule.timezone: unknown time zone 'Mars/Base'",
        "schedule.misfire_grace_seconds: expected at least 1, got 0",
    ]


def test_cron_or_interval_not_both():
    with pytest.raises(ConfigError) as caught:
        parse('[schedule]\ncron = "0 7 * * *"\ninterval_minutes = 60\n')
    assert caught.value.problems == ["schedule: set schedule.cron or schedule.interval_minutes, not both"]
    assert parse('[schedule]\ncron = "0 7 * * mon-fri"\ntimezone = "Europe/Berlin"\n')["schedule.cron"] == "0 7 * * mon-fri"


def test_state_path_defaults_beside_the_output(tmp_path):
    from newsletter.build import state_file

    config = parse_config("", "config.toml", tmp_path)
    assert state_file(config) == tmp_path / "out.state.db"
    assert state_file(config, tmp_path / "elsewhere" / "site") == tmp_path / "elsewhere" / "site.state.db"
    config = parse_config('[paths]\nstate = "var/news.db"\n', "config.toml", tmp_path)
    assert state_file(config, tmp_path / "site") == tmp_path / "var" / "news.db"


def test_sources_are_parsed_in_order_with_their_options():
    config = parse("""
[[sources]]
type = "folder"
path = "content"

[[sources]]
type = "feed"
url = "https://news.example/feed.xml"
name = "Harbour News"
tags = ["local", "port"]
max_items = 10

[[sources]]
type = "page"
url = "https://news.example/about"
""")
    from newsletter.models import Source

    assert config.sources == (
        Source(type="folder", name="content", path="content"),
        Source(type="feed", name="Harbour News", url="https://news.example/feed.xml", tags=("local", "port"), max_items=10),
        Source(type="page", name="https://news.example/about", url="https://news.example/about"),
    )
    assert config.warnings == ()
    assert parse("").sources == ()
    assert config["fetch.timeout_seconds"] == 10.0 and config["fetch.concurrency"] == 4


def test_every_source_problem_is_reported_at_once_with_its_position():
    text = """
[fetch]
retries = -1
[[sources]]
type = "feed"
url = "ftp://x"
[[sources]]
type = "feed"
[[sources]]
type = "folder"
[[sources]]
type = "rss"
url = "https://a.example/y"
[[sources]]
url = "https://a.example/z"
[[sources]]
type = "page"
url = "https://a.example/p"
name = "Page"
tags = "news"
max_items = 1.5
[[sources]]
type = "feed"
url = "https://a.example/f"
name = "Page"
[[sources]]
type = "feed"
url = "https://a.example/p"
"""
    with pytest.raises(ConfigError) as caught:
        parse(text)
    assert caught.value.problems == [
        "fetch.retries: expected at least 0, got -1",
        "sources[1].url: expected an http(s) URL, got 'ftp://x'",
        "sources[2]: type 'feed' needs url",
        "sources[3]: type 'folder' needs path",
        "sources[4].type: expected one of 'folder', 'feed', 'page', got 'rss'",
        "sources[5]: missing type (one of 'folder', 'feed', 'page')",
        "sources[6].tags: expected a list of strings, got 'news'",
        "sources[6].max_items: expected an integer, got 1.5",
        "sources[7].name: 'Page' is already the name of sources[6]",
        "sources[8]: 'https://a.example/p' is already sources[6]",
    ]


def test_unknown_and_unused_source_keys_are_warnings():
    config = parse('[[sources]]\ntype = "folder"\npath = "news"\nurl = "https://a.example/"\ncolour = "red"\n'
                   '[[sources]]\ntype = "feed"\nurl = "https://a.example/f"\npath = "x"\n')
    assert config.warnings == (
        "config.toml: unknown key 'sources[1].colour' (ignored)",
        "config.toml: sources[1].url is not used by type 'folder' (ignored)",
        "config.toml: sources[2].path is not used by type 'feed' (ignored)",
    )
    assert [s.where for s in config.sources] == ["news", "https://a.example/f"]


def test_sources_must_be_an_array_of_tables():
    with pytest.raises(ConfigError) as caught:
        parse('sources = "https://a.example/feed.xml"\n')
    assert caught.value.problems == ["sources: expected an array of tables ([[sources]]), got 'https://a.example/feed.xml'"]


def test_web_url_must_be_a_web_address():
    with pytest.raises(ConfigError) as caught:
        parse('[newsletter]\nweb_url = "news.example.com/briefing"\n')
    assert caught.value.problems == [
        "newsletter.web_url: expected an https:// URL, got 'news.example.com/briefing'"]
    assert parse('[newsletter]\nweb_url = "https://news.example.com/briefing/"\n')["newsletter.web_url"].startswith("https")
