"""The configuration schema: every key with its type, default and docstring, and its validation."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsletter.errors import ConfigError
from newsletter.models import Source


@dataclass(frozen=True)
class Option:
    """One configuration key: its dotted name, kind, default and what it does."""

    key: str
    kind: str  # "string", "integer", "number", "boolean", "strings", "address", "addresses",
    #            "colour", "font", "url", "link", "choice"
    default: Any
    doc: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()  # the allowed values of a "choice"
    check: Callable[[Any], str | None] | None = None  # a further check of a well-typed value: the problem or None


def _check_timezone(value: str) -> str | None:
    """None if value is an IANA time zone name, else the problem."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r}"
    return None


def _check_cron(value: str) -> str | None:
    """None if value is empty or a five-field crontab expression, else the problem."""
    if not value.strip():
        return None
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value, timezone="UTC")
    except ValueError as error:
        return f"invalid cron expression {value!r} ({error})"
    return None


_LIST_ID = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _check_list_id(value: str) -> str | None:
    """None if value is empty or a List-Id like 'briefing.example.com' (RFC 2919), else the problem."""
    if value and not _LIST_ID.fullmatch(value):
        return f"expected a list id like 'briefing.example.com', got {value!r}"
    return None


def _check_env_name(value: str) -> str | None:
    """None if value is an environment variable name, else the problem."""
    if not _ENV_NAME.fullmatch(value):
        return f"expected an environment variable name like 'NEWSLETTER_SMTP_PASSWORD', got {value!r}"
    return None


SCHEMA: tuple[Option, ...] = (
    Option("newsletter.name", "string", "The Briefing", "Name of the newsletter, shown in the masthead and the subject."),
    Option("newsletter.sender", "address", "The Briefing <briefing@example.com>", "From address of every issue, as 'Name <address>'."),
    Option("newsletter.recipients", "addresses", [], "To addresses of the issue (may be empty for a preview)."),
    Option(
        "newsletter.subject",
        "string",
        "{name} #{number}: {top_story}",
        "Subject pattern; fields: {name}, {number}, {date}, {top_story}, {stories} (count).",
    ),
    Option("newsletter.intro", "string", "",
           "Editor's intro in Markdown, shown above the stories (sanitised); intro.md in the content folder replaces it."),
    Option(
        "newsletter.web_url",
        "url",
        "",
        "Public URL of the output folder (the web archive); issue N's web version is WEB_URL/issues/NNNN/.",
    ),
    Option("newsletter.language", "string", "en", "Language of the issue, as the HTML lang attribute (e.g. 'en', 'fr')."),
    Option(
        "newsletter.postal_address",
        "string",
        "",
        "Sender's postal address, shown in the footer (laws on commercial email ask for one).",
    ),
    Option(
        "newsletter.unsubscribe_url",
        "link",
        "",
        "Unsubscribe link in the footer; empty means a mailto: to the sender with the subject 'unsubscribe'.",
    ),
    Option(
        "newsletter.footer",
        "string",
        "You are receiving this email because you subscribed to {name}.",
        "Why the reader gets the email, shown in the footer; {name} is the newsletter's name.",
    ),
    Option(
        "newsletter.date",
        "string",
        "",
        "Issue date (YYYY-MM-DD) when the content gives none; empty means the newest article date, else today.",
    ),
    Option("paths.content", "string", "content", "Folder of articles (.txt, .md, .html), relative to the config file."),
    Option("paths.output", "string", "out", "Folder that receives issues/NNNN/, relative to the config file."),
    Option("paths.templates", "string", "templates", "Folder of the Jinja templates, relative to the config file."),
    Option("render.inliner", "choice", "premailer",
           "CSS inliner: 'premailer', or 'css_inline' (faster; pip install 'newsletter[fast]').",
           choices=("premailer", "css_inline")),
    Option("theme.background", "colour", "#f4f2ee", "Page colour around the email column."),
    Option("theme.surface", "colour", "#ffffff", "Colour of the email column."),
    Option("theme.text", "colour", "#1f2328", "Body text colour."),
    Option("theme.muted", "colour", "#5b6169", "Colour of small print: dates, sources, footer."),
    Option("theme.accent", "colour", "#8a4b08", "Accent colour: section headings, rules, figures."),
    Option("theme.link", "colour", "#0b5cad", "Link colour."),
    Option("theme.rule", "colour", "#e3e0d8", "Colour of the thin lines between stories."),
    Option("theme.font", "font", "Georgia, 'Times New Roman', serif", "Font list of the body text."),
    Option("theme.heading_font", "font", "Georgia, 'Times New Roman', serif", "Font list of the name and story titles."),
    Option("theme.small_font", "font", "Arial, Helvetica, sans-serif", "Font list of labels and small print."),
    Option("theme.logo_url", "url", "", "Logo image shown above the name (an https URL); empty for none."),
    Option("theme.logo_width", "integer", 200, "Width of the logo in pixels (give an image twice as wide for sharp screens).",
           minimum=16, maximum=536),
    Option("theme.dark_background", "colour", "#121417", "Page colour in dark mode."),
    Option("theme.dark_surface", "colour", "#1c1f24", "Email column colour in dark mode."),
    Option("theme.dark_text", "colour", "#e8e6e3", "Body text colour in dark mode."),
    Option("theme.dark_muted", "colour", "#aeb4bb", "Small print colour in dark mode."),
    Option("theme.dark_accent", "colour", "#f0a95a", "Accent colour in dark mode."),
    Option("theme.dark_link", "colour", "#7cb8f2", "Link colour in dark mode."),
    Option("theme.dark_rule", "colour", "#3a3f46", "Colour of the lines between stories in dark mode."),
    Option(
        "paths.state",
        "string",
        "",
        "SQLite database of published issues and the schedule; empty means OUTPUT.state.db beside the output folder.",
    ),
    Option(
        "stories.similarity",
        "number",
        0.3,
        "How alike two articles must be (0–1, weighted word overlap) to be told as one story.",
        minimum=0.0,
        maximum=1.0,
    ),
    Option(
        "stories.max_days_apart",
        "integer",
        7,
        "Articles dated further apart than this are never one story.",
        minimum=0,
    ),
    Option(
        "modules.enabled",
        "strings",
        ["key_points", "quotes", "figures"],
        "Content modules shown for each story, in this order; options go in [modules.NAME].",
    ),
    Option(
        "schedule.cron",
        "string",
        "",
        "When `newsletter schedule` builds, as a crontab expression ('0 7 * * mon-fri'); or set interval_minutes.",
        check=_check_cron,
    ),
    Option(
        "schedule.interval_minutes",
        "integer",
        0,
        "Or build every this many minutes (aligned to the clock); 0 means not set.",
        minimum=0,
    ),
    Option("schedule.timezone", "string", "UTC", "IANA time zone of the schedule, e.g. 'Europe/Berlin'.",
           check=_check_timezone),
    Option("newsletter.list_id", "string", "",
           "List-Id of the delivered mail (RFC 2919); empty means NAME.SENDER-DOMAIN, e.g. 'the-briefing.example.com'.",
           check=_check_list_id),
    Option("smtp.host", "string", "localhost", "SMTP server that `newsletter send` delivers through."),
    Option("smtp.port", "integer", 587, "Port of the SMTP server (587 for STARTTLS, 465 for TLS).",
           minimum=1, maximum=65535),
    Option("smtp.security", "choice", "starttls",
           "'starttls' (upgrade after connecting), 'tls' (implicit TLS) or 'none' (only for a local relay).",
           choices=("starttls", "tls", "none")),
    Option("smtp.username", "string", "", "User to log in as; empty means no login."),
    Option("smtp.password_env", "string", "NEWSLETTER_SMTP_PASSWORD",
           "Name of the environment variable holding the SMTP password (never the password itself).",
           check=_check_env_name),
    Option("smtp.timeout_seconds", "number", 30, "How long to wait for the SMTP server before a try counts as failed.",
           minimum=1),
    Option("smtp.messages_per_second", "number", 0, "Most messages sent per second; 0 means no limit.", minimum=0),
    Option("smtp.retries", "integer", 5,
           "Tries again after a temporary failure (4xx, dropped connection), with exponential back-off.", minimum=0),
    Option("smtp.retry_base_seconds", "number", 2,
           "First back-off wait; each further try waits twice as long (capped at 5 minutes).", minimum=0),
    Option("serve.public_url", "url", "",
           "Public URL of `newsletter serve` (e.g. 'https://news.example.com'); unsubscribe links point there.",),
    Option("serve.host", "string", "127.0.0.1", "Address `newsletter serve` listens on (put a TLS proxy in front)."),
    Option("serve.port", "integer", 8025, "Port `newsletter serve` listens on; 0 means any free port.",
           minimum=0, maximum=65535),
    Option("schedule.send", "boolean", False,
           "Also send each new issue to the subscribers (`newsletter send`) right after the service publishes it."),
    Option(
        "schedule.misfire_grace_seconds",
        "integer",
        3600,
        "A run missed while the service was down still runs (once) on restart if it is at most this late.",
        minimum=1,
    ),
    Option("fetch.timeout_seconds", "number", 10.0,
           "Longest wait for a feed or page, per try (connecting, each read and the whole body).",
           minimum=0.1, maximum=300),
    Option("fetch.retries", "integer", 2,
           "Further tries after a timeout, a connection error or a 5xx answer (never after a 4xx).",
           minimum=0, maximum=10),
    Option("fetch.backoff_seconds", "number", 1.0,
           "Wait before the first retry; doubled before each further one.", minimum=0.0, maximum=60),
    Option("fetch.max_bytes", "integer", 5_000_000,
           "Largest response read (bytes, after decompression); a bigger one is abandoned and reported.",
           minimum=1024),
    Option("fetch.max_redirects", "integer", 5, "Most redirects followed for one request.", minimum=0, maximum=30),
    Option("fetch.concurrency", "integer", 4, "Most sources fetched at the same time.", minimum=1, maximum=32),
    Option("fetch.user_agent", "string", "",
           "User-Agent sent with every request; empty means 'newsletter/VERSION (+URL)', URL being newsletter.web_url (without it, 'newsletter/VERSION (feed reader for an email newsletter)')."),
)

SOURCE_TYPES = ("folder", "feed", "page")
# [[sources]] keys: the README's configuration table lists them as sources[].KEY (see documented_keys).
SOURCE_KEYS: tuple[Option, ...] = (
    Option("sources[].type", "choice", "",
           "What the source is: 'folder' (files, as in paths.content), 'feed' (RSS or Atom) or 'page' (one web page).",
           choices=SOURCE_TYPES),
    Option("sources[].path", "string", "", "A folder source's folder, relative to the config file."),
    Option("sources[].url", "string", "", "A feed's or page's http(s) URL."),
    Option("sources[].name", "string", "",
           "Name in reports and, for a feed or page, its articles' source; empty: the path or URL in reports, the feed's title (page's site) as source."),
    Option("sources[].tags", "strings", [], "Tags added to every article from the source."),
    Option("sources[].max_items", "integer", 0, "A feed's newest entries taken, newest first; 0 means all.",
           minimum=0),
)

_KIND_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "strings": "a list of strings",
    "address": "an email address like 'Name <news@example.com>'",
    "addresses": "a list of email addresses",
    "colour": "a colour like '#1a2b3c'",
    "font": "a font list like \"Georgia, 'Times New Roman', serif\"",
    "url": "an https:// URL",
    "link": "an https:// or mailto: URL",
}

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FONT = re.compile(r"\s*(?:[A-Za-z0-9 -]+|'[A-Za-z0-9 -]+'|\"[A-Za-z0-9 -]+\")(?:\s*,\s*(?:[A-Za-z0-9 -]+|'[A-Za-z0-9 -]+'|\"[A-Za-z0-9 -]+\"))*\s*")


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces."""
    from urllib.parse import urlsplit

    if any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_mailto(value: str) -> bool:
    """True for a mailto: URL with an address."""
    return value.lower().startswith("mailto:") and "@" in value and not any(c.isspace() for c in value)


def _check_address(value: str) -> str | None:
    """None if value is a valid 'Name <address>' or bare address, else the reason."""
    from email.utils import parseaddr

    from email_validator import EmailNotValidError, validate_email

    _name, address = parseaddr(value)
    if not address or "@" not in address:
        return "no address found"
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


def check_value(option: Option, value: Any) -> str | None:
    """The problem with value for option, as 'expected …, got …', or None if it is fine."""
    kind = option.kind
    ok = True
    reason = ""
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind == "strings":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "address":
        ok = isinstance(value, str) and (reason := _check_address(value) or "") == ""
    elif kind == "colour":
        ok = isinstance(value, str) and bool(_COLOUR.fullmatch(value))
    elif kind == "font":
        ok = isinstance(value, str) and bool(_FONT.fullmatch(value))
    elif kind == "url":
        ok = isinstance(value, str) and (value == "" or is_web_url(value))
    elif kind == "link":
        ok = isinstance(value, str) and (value == "" or is_web_url(value) or is_mailto(value))
    elif kind == "choice":
        if value not in option.choices:
            return f"expected one of {', '.join(repr(c) for c in option.choices)}, got {value!r}"
    elif kind == "addresses":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if ok:
            for item in value:
                if problem := _check_address(item):
                    ok, reason = False, f"{item!r}: {problem}"
                    break
    if not ok:
        got = reason or repr(value)
        return f"expected {_KIND_NAMES[kind]}, got {got}"
    if kind in ("integer", "number"):
        if option.minimum is not None and value < option.minimum:
            return f"expected at least {option.minimum:g}, got {value!r}"
        if option.maximum is not None and value > option.maximum:
            return f"expected at most {option.maximum:g}, got {value!r}"
    if option.check is not None:
        return option.check(value)
    return None


def contrast_ratio(one: str, two: str) -> float:
    """WCAG contrast ratio of two #rgb/#rrggbb colours (1 to 21)."""

    def luminance(colour: str) -> float:
        digits = colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme_contrast_warnings(values: Mapping[str, Any]) -> list[str]:
    """Theme text colours with less than 4.5:1 contrast on the email's background, light and dark."""
    warnings = []
    for prefix in ("theme.", "theme.dark_"):
        ground = prefix + "surface"
        for name in ("text", "muted", "accent", "link"):
            key = prefix + name
            ratio = contrast_ratio(values[key], values[ground])
            if ratio < 4.5:
                warnings.append(f"{key} {values[key]!r} on {ground} {values[ground]!r} has a contrast of "
                                f"{ratio:.1f}:1, below 4.5:1 (hard to read)")
    return warnings


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys for every leaf of a nested TOML table."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


@dataclass(frozen=True)
class Config:
    """Validated settings: every schema key has a value; module options are checked by the registry."""

    values: Mapping[str, Any]
    base_dir: Path
    source: str = "defaults"
    warnings: tuple[str, ...] = ()
    module_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()  # [[sources]]; empty means paths.content is the one source

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def path(self, key: str) -> Path:
        """A path setting resolved against the config file's folder."""
        return (self.base_dir / self.values[key]).resolve()


def parse_config(text: str, source: str, base_dir: Path, registry=None) -> Config:
    """Validate TOML text against the schema; report every problem at once (ConfigError)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, [f"invalid TOML: {error}"]) from None
    problems: list[str] = []
    warnings: list[str] = []
    source_problems: list[str] = []
    source_warnings: list[str] = []
    sources = _parse_sources(data.pop("sources", []), source, source_problems, source_warnings)
    flat = _flatten(data)
    values: dict[str, Any] = {}
    for option in SCHEMA:
        if option.key in flat:
            value = flat.pop(option.key)
            if problem := check_value(option, value):
                problems.append(f"{option.key}: {problem}")
            values[option.key] = value
        else:
            values[option.key] = option.default
    if values["schedule.cron"] and values["schedule.interval_minutes"] and not any(
        p.startswith(("schedule.cron:", "schedule.interval_minutes:")) for p in problems
    ):
        problems.append("schedule: set schedule.cron or schedule.interval_minutes, not both")

    if registry is None:
        from newsletter.modules import default_registry

        registry = default_registry()
    enabled = values["modules.enabled"]
    if isinstance(enabled, list):
        for name in enabled:
            if isinstance(name, str) and name not in registry:
                known = ", ".join(sorted(registry.names()))
                problems.append(f"modules.enabled: unknown module {name!r} (known: {known})")
    module_options: dict[str, Mapping[str, Any]] = {}
    for module in registry.modules():
        options: dict[str, Any] = {}
        for option in module.options:
            key = f"modules.{module.name}.{option.key}"
            if key in flat:
                value = flat.pop(key)
                if problem := check_value(option, value):
                    problems.append(f"{key}: {problem}")
                options[option.key] = value
            else:
                options[option.key] = option.default
        module_options[module.name] = MappingProxyType(options)
    for key in sorted(flat):
        warnings.append(f"{source}: unknown key {key!r} (ignored)")
    warnings.extend(source_warnings)
    problems.extend(source_problems)
    if not problems:
        warnings.extend(f"{source}: {warning}" for warning in theme_contrast_warnings(values))
    if problems:
        raise ConfigError(source, problems)
    return Config(
        values=MappingProxyType(values),
        base_dir=base_dir,
        source=source,
        warnings=tuple(warnings),
        module_options=MappingProxyType(module_options),
        sources=tuple(sources),
    )


def _parse_sources(entries: Any, source: str, problems: list[str], warnings: list[str]) -> list[Source]:
    """The [[sources]] tables as Sources; problems and warnings are positioned (sources[N], counted from 1)."""
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        problems.append(f"sources: expected an array of tables ([[sources]]), got {entries!r}")
        return []
    known = {option.key.removeprefix("sources[]."): option for option in SOURCE_KEYS}
    parsed: list[Source] = []
    names: dict[str, int] = {}
    places: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        where = f"sources[{number}]"
        found = len(problems)
        for key, value in entry.items():
            option = known.get(key)
            if option is None:
                warnings.append(f"{source}: unknown key '{where}.{key}' (ignored)")
            elif problem := check_value(option, value):
                problems.append(f"{where}.{key}: {problem}")
        kind = entry.get("type")
        if "type" not in entry:
            problems.append(f"{where}: missing type (one of {', '.join(repr(t) for t in SOURCE_TYPES)})")
        url, path = entry.get("url"), entry.get("path")
        if kind in ("feed", "page"):
            if url is None:
                problems.append(f"{where}: type {kind!r} needs url")
            elif isinstance(url, str) and not is_web_url(url):
                problems.append(f"{where}.url: expected an http(s) URL, got {url!r}")
            if path is not None:
                warnings.append(f"{source}: {where}.path is not used by type {kind!r} (ignored)")
        elif kind == "folder":
            if path is None:
                problems.append(f"{where}: type 'folder' needs path")
            elif isinstance(path, str) and not path.strip():
                problems.append(f"{where}.path: expected a folder, got ''")
            if url is not None:
                warnings.append(f"{source}: {where}.url is not used by type 'folder' (ignored)")
        target = url if kind != "folder" else path
        name = entry.get("name") or target
        if isinstance(name, str) and name in names:
            problems.append(f"{where}.name: {name!r} is already the name of sources[{names[name]}]")
        elif isinstance(name, str):
            names[name] = number
        if isinstance(target, str) and target in places:
            problems.append(f"{where}: {target!r} is already sources[{places[target]}]")
        elif isinstance(target, str):
            places[target] = number
        if len(problems) > found:
            continue
        parsed.append(Source(
            type=kind,
            name=name,
            path=path if kind == "folder" else None,
            url=url if kind != "folder" else None,
            tags=tuple(entry.get("tags", ())),
            max_items=entry.get("max_items") or None,
        ))
    return parsed


def load_config(path: Path | None, registry=None) -> Config:
    """Read and validate a config file; with no path, use ./config.toml if present, else defaults."""
    explicit = path is not None
    path = path or Path("config.toml")
    if not path.exists():
        if explicit:
            raise ConfigError(str(path), ["file not found"])
        return parse_config("", "defaults", Path.cwd(), registry)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(str(path), [f"cannot read: {reason}"]) from None
    return parse_config(text, str(path), path.parent.resolve(), registry)


def documented_keys(registry=None) -> Iterable[Option]:
    """Every key a config file may set, module options included, as (dotted key) Options."""
    if registry is None:
        from newsletter.modules import default_registry

        registry = default_registry()
    yield from SCHEMA
    yield from SOURCE_KEYS
    for module in registry.modules():
        for option in module.options:
            yield Option(f"modules.{module.name}.{option.key}", option.kind, option.default, option.doc,
                         option.minimum, option.maximum, option.choices)
