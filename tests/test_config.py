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
