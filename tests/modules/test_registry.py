from pathlib import Path

from newsletter.config import Option, parse_config
from newsletter.models import Article, Section, Story
from newsletter.modules import ContentModule, Registry, build_sections, builtin_modules, default_registry


def _echo(story, options, earlier):
    return Section(module="echo", heading=options["heading"], items=tuple(sorted(earlier)))


ECHO = ContentModule(name="echo", heading="Echo", doc="Test module.", build=_echo,
                     options=(Option("heading", "string", "Echo!", "Heading."),), runs_after=("quotes",))


def test_builtins_are_registered_like_extensions():
    registry = default_registry()
    assert registry.names() == ["figures", "key_points", "quotes"]
    assert [m.name for m in builtin_modules()] == ["key_points", "quotes", "figures"]


def test_extension_module_options_are_validated_and_run_after_dependencies():
    registry = default_registry()
    registry.register(ECHO)
    config = parse_config('[modules]\nenabled = ["echo", "quotes"]\n[modules.echo]\nheading = "Hi"\n',
                          "config.toml", Path("."), registry)
    story = Story(id="s", title="T", articles=(Article(id="a", title="T", paragraphs=("Plain words here.",)),))
    sections = build_sections(story, list(config["modules.enabled"]), config.module_options, registry)
    assert [s.module for s in sections] == ["echo", "quotes"]
    assert sections[0].heading == "Hi"
    assert sections[0].items == ("quotes",)  # quotes ran first, though shown second


def test_run_order_ignores_disabled_dependencies():
    registry = Registry()
    registry.register(ECHO)
    assert registry.run_order(["echo"]) == ["echo"]


def _broken(story, options, earlier):
    raise RuntimeError("boom")


def test_a_failing_module_leaves_its_section_empty_and_warns(caplog):
    registry = Registry()
    registry.register(ContentModule(name="broken", heading="Broken", doc="Fails.", build=_broken))
    story = Story(id="s", title="T", articles=(Article(id="a", title="T", paragraphs=("Words here.",)),))
    with caplog.at_level("WARNING", logger="newsletter"):
        (section,) = build_sections(story, ["broken"], {}, registry)
    assert section == Section(module="broken", heading="Broken")
    assert caplog.messages == ["module 'broken' failed on story 'T' (RuntimeError: boom); its section is left out"]
