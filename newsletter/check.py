"""Lint a built issue: size limits, images and links, and client support from caniemail's tables.

`check_issue(folder, features)` returns a Report; `load_caniemail(folder)` reads caniemail's data
(one Markdown file per feature, YAML front matter `stats: {client: {platform: {version: "y|n|a|u #note"}}}`,
the last version listed being the current one). The project does not ship that data: it is read by path.

How severe an unsupported feature is depends on how the email uses it:

- error: a major client does not support ("n") a feature of the HTML or of a style attribute;
  nothing stands in for it there. The same in a client that is not major is a warning.
- warning: partial support ("a", with caniemail's notes); a feature that is only in the <style>
  element (media queries, dark mode: the inliner has put every other rule in style attributes, so a
  client that drops them still has the inline styles); a hint that a client without support simply
  ignores, with nothing shown differently (doctype, lang, dir, role, aria-*, color-scheme).
- HTML inside `<!--[if mso]>` is checked for Outlook on Windows only; HTML inside
  `<!--[if !mso]><!-->` and elements styled `mso-hide:all` are not checked for it, which never shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsletter.errors import NewsletterError
from newsletter.render import MAX_HTML_BYTES, MAX_STYLE_BYTES

MAX_TEXT_LINE = 78

OUTLOOK_WINDOWS = ("outlook", "windows")
# The clients a reader is most likely to use: an unsupported feature there is an error.
MAJOR_CLIENTS = (
    ("apple-mail", "macos"),
    ("apple-mail", "ios"),
    ("gmail", "desktop-webmail"),
    ("gmail", "ios"),
    ("gmail", "android"),
    ("outlook", "windows"),
    ("outlook", "outlook-com"),
    ("outlook", "macos"),
    ("outlook", "ios"),
    ("outlook", "android"),
    ("yahoo", "desktop-webmail"),
    ("yahoo", "ios"),
    ("yahoo", "android"),
)
# Features a client without support ignores with nothing shown differently: never an error.
HINTS = frozenset({
    "html-doctype", "html-lang", "html-dir", "html-role", "html-meta-color-scheme", "css-color-scheme",
    "html-aria-hidden", "html-aria-label", "html-aria-labelledby", "html-aria-describedby", "html-aria-live",
})


class CheckError(NewsletterError):
    """The issue folder or the caniemail data cannot be read."""


# --- caniemail data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    """A feature's current support in one client: status y/n/a/u, the version tested, caniemail's notes."""

    status: str
    version: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feature:
    """One caniemail feature and its current support per (client, platform)."""

    slug: str
    title: str
    support: Mapping[tuple[str, str], Support]
    note: str = ""


@dataclass(frozen=True)
class Caniemail:
    """The caniemail tables: features by slug, and display names of clients and platforms."""

    features: Mapping[str, Feature]
    family_names: Mapping[str, str] = field(default_factory=dict)
    platform_names: Mapping[str, str] = field(default_factory=dict)

    def client_name(self, client: tuple[str, str]) -> str:
        family, platform = client
        if client == OUTLOOK_WINDOWS:
            return "Outlook (Windows)"
        if client == ("outlook", "outlook-com"):
            return "Outlook.com (web)"
        return f"{self.family_names.get(family, family)} ({self.platform_names.get(platform, platform)})"

    def clients(self) -> list[tuple[str, str]]:
        """Every (client, platform) in the data: the major ones first, then the rest by name."""
        seen = {client for feature in self.features.values() for client in feature.support}
        rest = sorted(seen - set(MAJOR_CLIENTS), key=self.client_name)
        return [c for c in MAJOR_CLIENTS if c in seen] + rest


_SUPPORT = re.compile(r"([ynau])((?:\s*#\d+)*)\s*")


def _yaml(text: str, path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text.replace("\t", "    "), Loader=loader)
    except yaml.YAMLError as error:
        first = " ".join(str(error).split())[:120]
        raise CheckError(f"{path}: malformed caniemail data: {first}") from None


def _front_matter(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CheckError(f"{path}: cannot read caniemail data: {reason}") from None
    match = re.match(r"---\s*\n(.*?)\n---", text, re.S)
    if not match:
        raise CheckError(f"{path}: malformed caniemail data: no front matter between --- lines")
    data = _yaml(match.group(1), path)
    if not isinstance(data, dict):
        raise CheckError(f"{path}: malformed caniemail data: front matter is not a mapping")
    return data


def _plain(note: str) -> str:
    """A caniemail note on one line, Markdown links and code marks reduced to their text."""
    note = re.sub(r"\(See \[[^\]]*\]\([^)]*\)\)", "", note)
    note = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", note).replace("`", "")
    return " ".join(note.split())


def _feature(path: Path) -> Feature:
    data = _front_matter(path)
    stats = data.get("stats")
    if not isinstance(stats, dict) or not stats:
        raise CheckError(f"{path}: malformed caniemail data: no 'stats' table")
    notes_by_num = data.get("notes_by_num") or {}
    if not isinstance(notes_by_num, dict):
        raise CheckError(f"{path}: malformed caniemail data: 'notes_by_num' is not a mapping")
    support: dict[tuple[str, str], Support] = {}
    for family, platforms in stats.items():
        if not isinstance(platforms, dict):
            raise CheckError(f"{path}: malformed caniemail data: stats.{family} is not a mapping")
        for platform, versions in platforms.items():
            if not isinstance(versions, dict) or not versions:
                raise CheckError(f"{path}: malformed caniemail data: stats.{family}.{platform} has no versions")
            version, value = list(versions.items())[-1]  # the last version listed is the current one
            match = _SUPPORT.fullmatch(str(value))
            if not match:
                raise CheckError(
                    f"{path}: malformed caniemail data: stats.{family}.{platform}.{version}: "
                    f"expected y, n, a or u with #notes, got {value!r}")
            notes = tuple(
                _plain(str(notes_by_num.get(number, notes_by_num.get(int(number), ""))))
                for number in re.findall(r"#(\d+)", match.group(2))
            )
            support[(str(family), str(platform))] = Support(match.group(1), str(version), tuple(n for n in notes if n))
    title = str(data.get("title") or path.stem)
    return Feature(slug=path.stem, title=title, support=support, note=" ".join(str(data.get("notes") or "").split()))


def load_caniemail(folder: Path) -> Caniemail:
    """Read caniemail's tables from its folder (the one with _features/, or _features itself)."""
    features_dir = folder / "_features" if (folder / "_features").is_dir() else folder
    if not folder.is_dir():
        raise CheckError(f"{folder}: caniemail data not found (give --caniemail DIR, a copy of caniemail's "
                         "repository with _features/)")
    files = sorted(p for p in features_dir.glob("*.md") if not p.name.startswith("_"))
    if not files:
        raise CheckError(f"{folder}: malformed caniemail data: no feature files (*.md in _features/)")
    features = {feature.slug: feature for feature in map(_feature, files)}
    family_names: dict[str, str] = {}
    platform_names: dict[str, str] = {}
    nicenames = folder / "_data" / "nicenames.yml"
    if nicenames.is_file():
        data = _yaml(nicenames.read_text(encoding="utf-8"), nicenames)
        if isinstance(data, dict):
            family_names = {str(k): str(v) for k, v in (data.get("family") or {}).items()}
            platform_names = {str(k): str(v) for k, v in (data.get("platform") or {}).items()}
    return Caniemail(features=features, family_names=family_names, platform_names=platform_names)


# --- what the email uses ----------------------------------------------------------------------------

ALL, MSO_ONLY, NOT_MSO = "all", "mso-only", "not-mso"
HTML, INLINE, STYLE = "html", "inline", "style"


@dataclass(frozen=True)
class Use:
    """One use of a feature: where (html, inline style, <style> element), who sees it, and what it is."""

    slug: str
    context: str
    audience: str
    what: str


SIDES = ("top", "right", "bottom", "left")
PROPERTY_ALIASES = {
    "left": "css-left-right-top-bottom", "right": "css-left-right-top-bottom",
    "top": "css-left-right-top-bottom", "bottom": "css-left-right-top-bottom",
    "block-size": "css-block-inline-size",
    "border-inline": "css-border-inline-block", "border-block": "css-border-inline-block",
    "margin-inline": "css-margin-inline-block", "margin-block": "css-margin-inline-block",
    "padding-inline": "css-padding-inline-block", "padding-block": "css-padding-inline-block",
    "gap": "css-gap", "row-gap": "css-gap", "column-gap": "css-gap",
    "columns": "css-column-layout-properties", "column-width": "css-column-layout-properties",
    "column-rule": "css-column-layout-properties", "column-span": "css-column-layout-properties",
    "grid-template-columns": "css-grid-template", "grid-template-rows": "css-grid-template",
    "grid-template-areas": "css-grid-template",
}
for _logical in ("margin", "padding"):
    for _axis in ("inline", "block"):
        for _end in ("start", "end"):
            PROPERTY_ALIASES[f"{_logical}-{_axis}-{_end}"] = f"css-{_logical}-{_axis}-start-end"
FUNCTIONS = {
    "rgb": "css-rgb", "rgba": "css-rgba", "calc": "css-unit-calc", "var": "css-variables",
    "linear-gradient": "css-linear-gradient", "radial-gradient": "css-radial-gradient",
    "conic-gradient": "css-conic-gradient", "min": "css-function-min", "max": "css-function-max",
    "clamp": "css-function-clamp", "light-dark": "css-function-light-dark",
    "lch": "css-modern-color", "oklch": "css-modern-color", "lab": "css-modern-color", "oklab": "css-modern-color",
}
UNITS = ("px", "em", "rem", "vh", "vw", "vmin", "vmax", "ch", "ex", "pt", "pc", "cm", "mm", "in")
MEDIA_FEATURES = {
    "prefers-color-scheme": "css-at-media-prefers-color-scheme",
    "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
    "orientation": "css-at-media-orientation",
    "hover": "css-at-media-hover",
    "device-pixel-ratio": "css-at-media-device-pixel-ratio",
}
AT_RULES = {"media": "css-at-media", "font-face": "css-at-font-face", "import": "css-at-import",
            "keyframes": "css-at-keyframes", "supports": "css-at-supports"}
SEMANTIC_TAGS = {"article", "aside", "details", "figcaption", "figure", "footer", "header", "main", "mark", "nav",
                 "section", "summary", "time"}
LIST_TAGS = {"ul", "ol", "dl"}
IMAGE_TYPES = {"jpg": "image-jpg", "jpeg": "image-jpg", "png": "image-png", "gif": "image-gif", "webp": "image-webp",
               "svg": "image-svg", "avif": "image-avif", "bmp": "image-bmp", "ico": "image-ico", "tif": "image-tiff",
               "tiff": "image-tiff", "apng": "image-apng", "heif": "image-heif", "heic": "image-heif"}


def property_feature(name: str, slugs: Iterable[str]) -> str | None:
    """The caniemail feature of a CSS property: exact, an alias, or its shorthand; None for vendor properties."""
    slugs = set(slugs)
    name = name.lower()
    if name.startswith("-") or name.startswith("mso-"):
        return None
    if name in PROPERTY_ALIASES:
        return PROPERTY_ALIASES[name]
    if f"css-{name}" in slugs:
        return f"css-{name}"
    parts = [part for part in name.split("-") if part not in SIDES]
    while parts:
        slug = "css-" + "-".join(parts)
        if slug in slugs:
            return slug
        parts.pop()
    return None


def _declaration_uses(declarations, context: str, audience: str, where: str, slugs) -> Iterator[Use]:
    import tinycss2

    for declaration in declarations:
        if declaration.type != "declaration":
            continue
        name = declaration.lower_name
        what = f"{name} ({where})"
        if slug := property_feature(name, slugs):
            yield Use(slug, context, audience, what)
        if declaration.important:
            yield Use("css-important", context, audience, f"!important on {what}")
        value = tinycss2.serialize(declaration.value).strip().lower()
        if name == "display":
            for keyword, slug in (("none", "css-display-none"), ("flex", "css-display-flex"), ("grid", "css-display-grid")):
                if re.search(rf"(^|\s|-){keyword}\b", value):
                    yield Use(slug, context, audience, f"display:{value} ({where})")
        if name in ("font", "font-family") and re.search(r"\b(system-ui|ui-serif|ui-sans-serif|ui-rounded|ui-monospace)\b", value):
            yield Use("css-sytem-ui", context, audience, what)
        for token in _walk(declaration.value):
            if token.type == "function" and token.lower_name in FUNCTIONS:
                yield Use(FUNCTIONS[token.lower_name], context, audience, f"{token.lower_name}() in {what}")
            elif token.type == "dimension" and token.lower_unit in UNITS:
                yield Use(f"css-unit-{token.lower_unit}", context, audience, f"{token.lower_unit} in {what}")
            elif token.type == "percentage":
                yield Use("css-unit-percent", context, audience, f"% in {what}")
            elif token.type == "ident" and token.lower_value == "initial":
                yield Use("css-unit-initial", context, audience, f"initial in {what}")


def _walk(tokens) -> Iterator:
    for token in tokens:
        yield token
        if getattr(token, "arguments", None):
            yield from _walk(token.arguments)
        elif getattr(token, "content", None) and token.type in ("() block", "[] block", "{} block"):
            yield from _walk(token.content)


def _selector_uses(prelude: str, audience: str, slugs, context: str = STYLE) -> Iterator[Use]:
    """Selector features of one rule's prelude, e.g. '.story a:hover, p > b'."""
    for use in _selector_features(prelude, audience, slugs):
        yield Use(use.slug, context, use.audience, use.what)


def _selector_features(prelude: str, audience: str, slugs) -> Iterator[Use]:
    selectors = [s.strip() for s in prelude.split(",") if s.strip()]
    if len(selectors) > 1:
        yield Use("css-selector-grouping", STYLE, audience, f"grouped selectors {prelude!r}")
    for selector in selectors:
        plain = re.sub(r"\[[^\]]*\]", "[]", re.sub(r"\([^)]*\)", "()", selector))
        what = f"selector {selector!r}"
        if "[]" in plain:
            yield Use("css-selector-attribute", STYLE, audience, what)
        for pseudo in re.findall(r"(?<!:):([a-z-]+)", plain):
            slug = f"css-pseudo-class-{pseudo}"
            if slug in slugs:
                yield Use(slug, STYLE, audience, what)
        for pseudo in re.findall(r"::?([a-z-]+)", plain):
            slug = f"css-pseudo-element-{pseudo}"
            if slug in slugs:
                yield Use(slug, STYLE, audience, what)
        compounds = re.split(r"\s*([>+~])\s*|\s+", plain.strip())
        combinators = [c for c in compounds[1::2]]
        parts = [p for p in compounds[0::2] if p]
        for combinator in combinators:
            yield Use({None: "css-selector-descendant", ">": "css-selector-child", "+": "css-selector-adjacent-sibling",
                       "~": "css-selector-general-sibling"}[combinator], STYLE, audience, what)
        for part in parts:
            simple = re.findall(r"[.#]?[A-Za-z_*][\w-]*|\[\]|::?[\w-]+(?:\(\))?", part)
            if part.startswith("*"):
                yield Use("css-selector-universal", STYLE, audience, what)
            elif re.match(r"[A-Za-z]", part):
                yield Use("css-selector-type", STYLE, audience, what)
            if "." in part:
                yield Use("css-selector-class", STYLE, audience, what)
            if "#" in part:
                yield Use("css-selector-id", STYLE, audience, what)
            if len([s for s in simple if not s.startswith(":")]) > 1:
                yield Use("css-selector-chaining", STYLE, audience, what)


def stylesheet_uses(css: str, audience: str, slugs) -> Iterator[Use]:
    """Features used by the CSS of a <style> element."""
    import tinycss2

    if "/*" in css:
        yield Use("css-comments", STYLE, audience, "CSS comment")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    yield from _rule_uses(rules, audience, slugs)


def _rule_uses(rules, audience: str, slugs, in_at_rule: bool = False) -> Iterator[Use]:
    """Features of CSS rules. A rule in an at-rule (a media query) or with a pseudo-class is an
    enhancement (context STYLE); a plain rule left in <style> was not inlined, and a client that
    drops <style> loses it, so it counts like a style attribute (context INLINE)."""
    import tinycss2

    for rule in rules:
        if rule.type == "at-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            slug = AT_RULES.get(rule.lower_at_keyword)
            if slug:
                yield Use(slug, STYLE, audience, f"@{rule.lower_at_keyword} {prelude}".strip())
            if rule.lower_at_keyword == "media":
                for name, feature in MEDIA_FEATURES.items():
                    if name in prelude.lower():
                        yield Use(feature, STYLE, audience, f"@media {prelude}")
            if rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                yield from _rule_uses(inner, audience, slugs, in_at_rule=True)
        elif rule.type == "qualified-rule":
            prelude = " ".join(tinycss2.serialize(rule.prelude).split())
            enhancement = in_at_rule or ":" in prelude
            context = STYLE if enhancement else INLINE
            where = f"in {prelude}" if enhancement else f"in {prelude}, not inlined"
            yield from _selector_uses(prelude, audience, slugs, context)
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            yield from _declaration_uses(declarations, context, audience, where, slugs)


def _element_uses(element, audience: str, slugs) -> Iterator[Use]:
    tag = element.tag.lower()
    where = f"<{tag}>"
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        yield Use("html-h1-h6", HTML, audience, where)
    elif tag in LIST_TAGS:
        yield Use("html-lists", HTML, audience, where)
    elif tag in SEMANTIC_TAGS:
        yield Use("html-semantics", HTML, audience, where)
    elif tag == "meta" and (element.get("name") or "").lower() in ("color-scheme", "supported-color-schemes"):
        yield Use("html-meta-color-scheme", HTML, audience, f'<meta name="{element.get("name")}">')
    elif tag == "style":
        yield Use("html-style", STYLE, audience, where)
    elif tag == "body" and not element.attrib:
        pass  # a client that replaces <body> loses nothing when it carries no attributes
    elif f"html-{tag}" in slugs:
        yield Use(f"html-{tag}", HTML, audience, where)
    if tag == "a":
        href = (element.get("href") or "").strip().lower()
        if href.startswith("mailto:"):
            yield Use("html-mailto-links", HTML, audience, "mailto: link")
        elif href.startswith("#"):
            yield Use("html-anchor-links", HTML, audience, f"link to {href}")
    if tag == "img":
        src = (element.get("src") or "").strip().lower()
        if src.startswith("data:"):
            yield Use("image-base64", HTML, audience, "image in a data: URL")
            kind = re.match(r"data:image/([a-z+]+)", src)
            extension = kind.group(1).replace("svg+xml", "svg") if kind else ""
        else:
            extension = src.split("?")[0].split("#")[0].rsplit(".", 1)[-1] if "." in src.rsplit("/", 1)[-1] else ""
        if extension in IMAGE_TYPES:
            yield Use(IMAGE_TYPES[extension], HTML, audience, f"{extension} image")
    for name in element.attrib:
        name = name.lower()
        if name == "style":
            continue
        slug = {"loading": "html-loading-attribute"}.get(name, f"html-{name}")
        if slug in slugs:
            yield Use(slug, HTML, audience, f"{name} attribute on {where}")


def html_uses(html: str, slugs) -> list[Use]:
    """Every feature the HTML uses, with its context and who sees it."""
    import lxml.html
    import tinycss2
    from lxml import etree

    uses: list[Use] = []
    if re.match(r"\s*<!doctype", html, re.I):
        uses.append(Use("html-doctype", HTML, ALL, "<!DOCTYPE html>"))
    root = lxml.html.document_fromstring(html)

    def walk(node, audience: str) -> None:
        region = audience
        for child in node:
            if isinstance(child, etree._Comment):
                text = child.text or ""
                if re.match(r"\s*\[if\s+!\s*mso[^\]]*\]>\s*<!\s*$", text):
                    region = NOT_MSO
                elif re.match(r"\s*<!\[endif\]\s*$", text):
                    region = audience
                elif match := re.match(r"\s*\[if\s+[^\]]*mso[^\]]*\]>(.*)<!\[endif\]\s*$", text, re.S):
                    if "!" not in text.split("]")[0]:  # Outlook-only HTML inside the comment
                        inner = match.group(1)
                        if re.search(r"<[a-z]", inner, re.I) and not inner.lstrip().startswith("<xml"):
                            fragment = lxml.html.fragment_fromstring(f"<div>{inner}</div>")
                            walk(fragment, MSO_ONLY)
                else:
                    uses.append(Use("html-comments", HTML, region, "HTML comment"))
                continue
            if not isinstance(child.tag, str):
                continue
            own = region
            style = child.get("style") or ""
            if re.search(r"mso-hide\s*:\s*all", style, re.I):
                own = NOT_MSO if own == ALL else own  # Outlook on Windows does not show it
            uses.extend(_element_uses(child, own, slugs))
            if style.strip():
                declarations = tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True)
                uses.extend(_declaration_uses(declarations, INLINE, own, f"style on <{child.tag}>", slugs))
            if child.tag == "style":
                uses.extend(stylesheet_uses(child.text or "", own, slugs))
            walk(child, own)

    head_and_body = [root]
    for node in head_and_body:
        uses.extend(_element_uses(node, ALL, slugs))
        walk(node, ALL)
    return uses


# --- the report ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem: error or warning, a message; for a client, which one."""

    level: str  # "error" or "warning"
    message: str
    client: tuple[str, str] | None = None


@dataclass
class Report:
    """Everything check found, and the figures it measured."""

    html_bytes: int = 0
    style_bytes: int = 0
    findings: list[Finding] = field(default_factory=list)
    clients: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    def for_client(self, client: tuple[str, str] | None) -> list[Finding]:
        return [f for f in self.findings if f.client == client]


def _visible_text(element) -> str:
    text = " ".join(element.text_content().split())
    if not text:
        text = " ".join((img.get("alt") or "").strip() for img in element.iter("img")).strip()
    return text


def lint_html(html: str) -> tuple[list[Finding], int, int]:
    """Size, images without alt text, links that go nowhere: findings, HTML bytes, <style> bytes."""
    import lxml.html

    from newsletter.config import is_mailto, is_web_url

    findings: list[Finding] = []
    html_bytes = len(html.encode("utf-8"))
    if html_bytes > MAX_HTML_BYTES:
        findings.append(Finding("error", f"the HTML is {html_bytes / 1000:.1f} KB, over the {MAX_HTML_BYTES // 1000} KB "
                                         "limit (Gmail clips a message at about 102 KB, unsubscribe link included)"))
    root = lxml.html.document_fromstring(html)
    style_bytes = sum(len((s.text or "").encode("utf-8")) for s in root.iter("style"))
    if style_bytes > MAX_STYLE_BYTES:
        findings.append(Finding("error", f"the <style> CSS is {style_bytes / 1000:.1f} KB, over the "
                                         f"{MAX_STYLE_BYTES // 1000} KB limit (Gmail drops a larger one whole)"))
    for img in root.iter("img"):
        if img.get("alt") is None:
            findings.append(Finding("error", f"image {img.get('src') or '(no src)'!r} has no alt text"))
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        label = _visible_text(link)
        shown = repr(label[:40]) if label else "(no text)"
        if not href:
            findings.append(Finding("error", f"link {shown} has no address"))
        elif not (is_web_url(href) or is_mailto(href)):
            findings.append(Finding("error", f"link {shown} goes to {href[:60]!r}, not an http(s):// or mailto: address"))
        if not label:
            findings.append(Finding("error", f"link to {href[:60]!r} has no text (screen readers have nothing to say)"))
    html_element = root if root.tag == "html" else root.getroottree().getroot()
    if not (html_element.get("lang") or "").strip():
        findings.append(Finding("warning", "<html> has no lang attribute (screen readers guess the language)"))
    for table in root.iter("table"):
        if table.get("role") != "presentation":
            findings.append(Finding("warning", "a layout <table> has no role=\"presentation\""))
            break
    return findings, html_bytes, style_bytes


def support_findings(uses: Iterable[Use], data: Caniemail, clients: Iterable[tuple[str, str]]) -> list[Finding]:
    """For each client, the features it lacks: errors and warnings as the module docstring says."""
    findings: list[Finding] = []
    grouped: dict[tuple[str, str, str], list[Use]] = {}
    for use in uses:
        grouped.setdefault((use.slug, use.context, use.audience), []).append(use)
    for client in clients:
        major = client in MAJOR_CLIENTS
        seen: dict[tuple[str, str], Finding] = {}
        for (slug, context, audience), group in sorted(grouped.items()):
            if audience == MSO_ONLY and client != OUTLOOK_WINDOWS:
                continue
            if audience == NOT_MSO and client == OUTLOOK_WINDOWS:
                continue
            feature = data.features.get(slug)
            support = feature.support.get(client) if feature else None
            if support is None:
                continue
            if support.status in ("y", "u"):
                continue
            examples = sorted({u.what for u in group})
            example = examples[0] + (f" and {len(examples) - 1} more" if len(examples) > 1 else "")
            if support.status == "a":
                level, why = "warning", "partly supported" + (f": {' '.join(support.notes)}" if support.notes else "")
            elif context == STYLE:
                level, why = "warning", "not supported; only in <style>, so the inline styles apply"
            elif slug in HINTS:
                level, why = "warning", "not supported; a hint the client ignores"
            else:
                level, why = ("error" if major else "warning"), "not supported"
            key = (slug, level)
            if key in seen and context == STYLE:
                continue
            seen[key] = Finding(level, f"{feature.title}: {why} (used by {example})", client)
        findings.extend(sorted(seen.values(), key=lambda f: (f.level != "error", f.message)))
    return findings


def check_html(html: str, data: Caniemail, text: str | None = None) -> Report:
    """Check an email's HTML (and its plain text, if given) against the limits and the clients."""
    findings, html_bytes, style_bytes = lint_html(html)
    if text is not None:
        for number, line in enumerate(text.splitlines(), 1):
            if len(line) > MAX_TEXT_LINE:
                findings.append(Finding("warning", f"email.txt line {number} has {len(line)} characters "
                                                   f"(more than {MAX_TEXT_LINE})"))
    clients = data.clients()
    client_findings = support_findings(html_uses(html, data.features.keys()), data, clients)
    return Report(html_bytes=html_bytes, style_bytes=style_bytes, findings=findings + client_findings,
                  clients=clients)


def check_issue(folder: Path, data: Caniemail) -> Report:
    """Check a built issue folder (its email.html, and email.txt if present)."""
    html_path = folder / "email.html"
    if not folder.is_dir():
        raise CheckError(f"{folder}: issue folder not found")
    if not html_path.is_file():
        raise CheckError(f"{html_path}: not found (expected a built issue folder)")
    try:
        html = html_path.read_text(encoding="utf-8")
        text_path = folder / "email.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.is_file() else None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CheckError(f"{html_path}: cannot read: {reason}") from None
    return check_html(html, data, text)


def format_report(report: Report, data: Caniemail, verbose: bool = False) -> list[str]:
    """The report as lines: limits, issue-wide findings, then one block per client."""
    lines = [
        f"HTML {report.html_bytes / 1000:.1f} KB (limit {MAX_HTML_BYTES // 1000} KB); "
        f"<style> {report.style_bytes / 1000:.1f} KB (limit {MAX_STYLE_BYTES // 1000} KB)",
    ]
    for finding in report.for_client(None):
        lines.append(f"  {finding.level}: {finding.message}")
    lines.append("")
    lines.append("Major clients (a feature they lack is an error):")
    minor_header = False
    for client in report.clients:
        findings = report.for_client(client)
        errors = sum(f.level == "error" for f in findings)
        warnings = len(findings) - errors
        major = client in MAJOR_CLIENTS
        if not major and not minor_header:
            lines.append("")
            lines.append("Other clients (a feature they lack is a warning):")
            minor_header = True
        status = "FAIL" if errors else "ok"
        counts = ", ".join(p for p in (f"{errors} error{'s' * (errors != 1)}" if errors else "",
                                       f"{warnings} warning{'s' * (warnings != 1)}" if warnings else "") if p)
        name = data.client_name(client)
        lines.append(f"  {name:<34} {status}{' (' + counts + ')' if counts else ''}")
        if major or verbose:
            for finding in findings:
                lines.append(f"      {finding.level}: {finding.message}")
    errors = len(report.errors)
    warnings = len(report.warnings)
    lines.append("")
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return lines
