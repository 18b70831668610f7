"""Every config key and every command is documented in the README."""

import re

from click.testing import CliRunner

from newsletter.cli import main
from newsletter.config import documented_keys


def test_every_config_key_is_in_the_readme(repo):
    readme = (repo / "README.md").read_text()
    missing = [o.key for o in documented_keys() if f"| `{o.key}` |" not in readme]
    assert missing == []


def test_readme_defaults_match_the_schema(repo):
    readme = (repo / "README.md").read_text()
    for option in documented_keys():
        row = re.search(rf"^\| `{re.escape(option.key)}` \| (\w+) \| `(.*?)` \|", readme, re.M)
        assert row, option.key
        assert row.group(1) == option.kind, option.key
        assert row.group(2) == repr(option.default), option.key


def test_every_command_is_in_the_readme(repo):
    readme = (repo / "README.md").read_text()
    commands = sorted(main.commands)
    assert commands == ["build", "check", "digest", "modules", "preview", "schedule", "send", "serve", "sources",
                        "subscribers", "summarize"]
    for name in commands:
        assert f"`newsletter {name}" in readme, name


def test_every_command_has_help():
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage: " in result.output


def test_the_sources_example_in_the_readme_is_a_valid_config(repo):
    from pathlib import Path

    from newsletter.config import parse_config

    readme = (repo / "README.md").read_text()
    section = readme.split("## Sources\n", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    config = parse_config(example, "README.md", Path("/project"))
    assert config.warnings == ()
    assert [(s.type, s.name) for s in config.sources] == [
        ("folder", "content"), ("feed", "Harbour News"), ("feed", "https://valley-courier.example/atom.xml")]
    assert [o.key for o in documented_keys() if o.key.startswith("sources[]")] == [
        "sources[].type", "sources[].path", "sources[].url", "sources[].name", "sources[].tags", "sources[].max_items"]
