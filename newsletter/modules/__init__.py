"""The registry of content modules. Built-in modules register exactly as extensions do.

A content module turns one story into one section of the issue. Extensions declare
an entry point in the group ``newsletter.modules`` that names a ``ContentModule``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newsletter.config import Option
from newsletter.models import Section, Story

ENTRY_POINT_GROUP = "newsletter.modules"

# build(story, options, earlier_sections) -> Section
BuildFunction = Callable[[Story, Mapping[str, Any], Mapping[str, Section]], Section]


@dataclass(frozen=True)
class ContentModule:
    """A named content module: its heading, its options and the function that builds its section."""

    name: str
    heading: str
    doc: str
    build: BuildFunction
    options: tuple[Option, ...] = ()
    runs_after: tuple[str, ...] = ()  # modules whose sections this one reads, if enabled


class Registry:
    """Content modules by name."""

    def __init__(self) -> None:
        self._modules: dict[str, ContentModule] = {}

    def register(self, module: ContentModule) -> None:
        """Add a module; a later registration of the same name replaces the earlier one."""
        self._modules[module.name] = module

    def __contains__(self, name: str) -> bool:
        return name in self._modules

    def __getitem__(self, name: str) -> ContentModule:
        return self._modules[name]

    def names(self) -> list[str]:
        """Registered module names, sorted."""
        return sorted(self._modules)

    def modules(self) -> Iterator[ContentModule]:
        """Registered modules, sorted by name."""
        for name in self.names():
            yield self._modules[name]

    def run_order(self, enabled: list[str]) -> list[str]:
        """The enabled modules in an order that honours runs_after."""
        order: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            for before in self._modules[name].runs_after:
                if before in enabled:
                    visit(before)
            order.append(name)

        for name in enabled:
            visit(name)
        return order


def builtin_modules() -> list[ContentModule]:
    """The modules that ship with newsletter."""
    from newsletter.modules import figures, key_points, quotes

    return [key_points.MODULE, quotes.MODULE, figures.MODULE]


def default_registry() -> Registry:
    """A registry with the built-in modules and every installed extension."""
    from importlib.metadata import entry_points

    registry = Registry()
    for module in builtin_modules():
        registry.register(module)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        module = entry.load()
        if isinstance(module, ContentModule):
            registry.register(module)
    return registry


def build_sections(story: Story, enabled: list[str], options: Mapping[str, Mapping[str, Any]],
                   registry: Registry) -> tuple[Section, ...]:
    """Run the enabled modules on a story; sections come back in the configured order.

    A module that fails on one story leaves that story's section empty and logs a warning:
    one bad story never stops an issue.
    """
    made: dict[str, Section] = {}
    for name in registry.run_order(enabled):
        module = registry[name]
        try:
            made[name] = module.build(story, options.get(name, {}), dict(made))
        except Exception as error:  # a module bug must not lose the rest of the issue
            logging.getLogger("newsletter").warning(
                "module %r failed on story %r (%s: %s); its section is left out", name, story.title,
                type(error).__name__, error,
            )
            made[name] = Section(module=name, heading=module.heading)
    return tuple(made[name] for name in enabled)
