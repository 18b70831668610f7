"""Turn scraped article text into metadata plus clean body paragraphs.

Scraped news text carries noise around the prose: photo captions pasted two or three
times, credit lines, tracking hashes, share and footer boilerplate, "embedded content"
notices, teaser paragraphs, section headings, and lines broken in the middle of words.
``clean_plain_text`` sniffs the metadata (title, date, source, author) from the first and
last lines and keeps the prose; ``clean_paragraphs`` removes the noise from any list of
paragraphs and leaves clean text exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsletter.text import MONTH_NUMBERS, fold, words

__all__ = ["CleanText", "clean_paragraphs", "clean_plain_text", "repair_line_breaks"]


@dataclass(frozen=True)
class CleanText:
    """Metadata sniffed from a scraped text plus its clean body paragraphs."""

    title: str | None
    date: dt.date | None
    source: str | None  # e.g. from a "Source: Yonhap News Agency" line
    author: str | None  # from a "By Jane Doe" byline if present
    paragraphs: tuple[str, ...]


# --------------------------------------------------------------------------- spaces

_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def _normalise_spaces(text: str) -> str:
    """Non-breaking spaces, tabs, newlines and runs of spaces to one space; strip."""
    text = _ZERO_WIDTH.sub("", text.translate(_NO_BREAK_SPACES))
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------- line breaks

_LEFT_WORD = re.compile(r"([A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ]+)*)$")
_RIGHT_WORD = re.compile(r"^([A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ]+)*)")
_GLUE_RIGHT = frozenset(",.;:!?)]}%”’")  # punctuation that attaches to the word before it
_POSSESSIVE = re.compile(r"['’]s$")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})
# Joining must beat "two separate words" by this many zipf units (log10): "in\nto" stays two.
_JOIN_MARGIN = 1.0
_MIN_JOINED_ZIPF = 1.5


@functools.cache
def _zipf(word: str) -> float:
    """English zipf frequency of a word (cached); single letters other than a, A, I count as rare."""
    from wordfreq import zipf_frequency

    key = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    if not key:
        return 0.0
    if len(key) == 1 and word not in {"a", "A", "I"}:
        return min(zipf_frequency(key, "en"), 1.0)
    return zipf_frequency(key, "en")


def _join_without_space(left: str, right: str) -> bool:
    """Decide whether a line break between left and right splits a word (True) or two words."""
    if not left or not right:
        return False
    last, first = left[-1], right[0]
    if last.isspace() or first.isspace():
        return False
    if last in "-‐/" or first in _GLUE_RIGHT or first in "-‐":
        return True
    if last.isdigit() and first.isdigit():
        return True
    if last.isdigit():
        match = _RIGHT_WORD.match(right)
        return bool(match) and match.group(1).lower() in _ORDINAL_SUFFIXES
    left_match, right_match = _LEFT_WORD.search(left), _RIGHT_WORD.match(right)
    if not left_match or not right_match:
        return False
    head, tail = left_match.group(1), right_match.group(1)
    if tail[0].isupper() and not (head.isupper() and tail.isupper()):
        return False  # a capital after the break starts a new word
    joined = _zipf(head + tail)
    separate = _zipf(head) + _zipf(tail) - 9.0  # log10 probability of the pair, rescaled
    if joined >= _MIN_JOINED_ZIPF:
        return joined >= separate + _JOIN_MARGIN
    # The joined form is unknown (a rare name?): a lower-case non-word after the break is a tail.
    return tail.islower() and (_zipf(tail) < 1.0 or (len(tail) <= 3 and _zipf(tail) < 2.0))


def repair_line_breaks(block: str) -> str:
    """Join the lines of one paragraph, deciding join-or-space at each break from the words."""
    lines = [_normalise_spaces(line) for line in block.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    text = lines[0]
    for line in lines[1:]:
        text += line if _join_without_space(text, line) else " " + line
    return text


# --------------------------------------------------------------------------- dates

_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),
)
# Words that may surround a date on a date line ("Published: Tue 22 Oct 2024 10:00 BST").
_DATE_LINE_WORDS = frozenset(
    """published updated posted last modified first date on at am pm a.m p.m
    mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday
    sun sunday gmt bst utc est edt cst cdt pst pdt cet cest kst jst ist et pt ct
    """.split()
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?", re.I)


def _find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid calendar date written in text, with its match."""
    found: list[tuple[int, dt.date, re.Match[str]]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = MONTH_NUMBERS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
            try:
                date = dt.date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                continue
            found.append((match.start(), date, match))
            break
    if not found:
        return None
    _, date, match = min(found, key=lambda item: item[0])
    return date, match


def _parse_date_line(line: str) -> dt.date | None:
    """The date if the whole line is a date line (a date plus weekday, time, 'Published'…)."""
    if len(line) > 80:
        return None
    result = _find_date(line)
    if result is None:
        return None
    date, match = result
    rest = _TIME.sub(" ", line[: match.start()] + " " + line[match.end() :])
    leftover = [w for w in re.findall(r"[A-Za-z.]+|\d+", rest.lower()) if w.strip(".")]
    if all(w.strip(".") in _DATE_LINE_WORDS or w.rstrip(".") in _DATE_LINE_WORDS for w in leftover):
        return date
    return None


# --------------------------------------------------------------------------- noise rules

_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_RUBRIC = re.compile(r"^\s*(?:\([^()]{1,30}\)|\[[^\[\]]{1,30}\])\s*")
_SOURCE_LINE = re.compile(r"^(?:source|sources)\s*:\s*(?P<value>.+)$", re.I)
_NAME = r"[A-ZÀ-Ý][\w'’.\-]*(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)*[A-ZÀ-Ý][\w'’.\-]*){0,3}"
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|author:)\s+(?P<name>" + _NAME
    + r"(?:(?:,\s*" + _NAME + r")*(?:,?\s+and\s+|\s*&\s*)" + _NAME + r")?)"
    r"(?:\s*(?:[,|•·]|\s[-–—]\s|\bin\b)\s*.*)?$"
)
_CREDIT_LINE = re.compile(
    r"^(?:\(?\s*(?:photo|photos|photograph|picture|pictures|image|images|video|footage|graphic|"
    r"illustration|credit|credits|photo credit|image credit|image source|image caption|media caption|"
    r"caption|copyright|source)\s*(?::|/|\||\s[-–—]\s|\bby\b|\bcourtesy\b)"
    r"|(?:image source|image caption|media caption|photo credit|image credit|picture credit)\s*,"
    r"|\(?\s*(?:getty images|afp|ap|reuters|epa|shutterstock|alamy|pa|yonhap|xinhua|bloomberg)"
    r"(?:\s*(?:/|via)\s*[^)]*)?\s*\)?$"
    r"|\(\s*(?:photo|image|picture|credit|file photo)[^)]*\)$)",
    re.I,
)
_EMBED_NOTICE = re.compile(
    r"embedded content|not available in your (?:region|country|location)"
    r"|^(?:this |the )?(?:content|video|media|post|tweet|page|item) (?:is )?(?:not|no longer|currently not|un)\s?available"
    r"|video (?:cannot|can't|can not|could not|couldn’t|couldn't) (?:be )?(?:played|load)"
    r"|(?:enable|turn on|activate) javascript|javascript (?:is )?(?:disabled|required)"
    r"|browser (?:does not|doesn't|doesn’t) support|(?:please )?upgrade your browser"
    r"|view (?:this|the) (?:content|video|post|tweet) on|to view this (?:content|video|media)"
    r"|allow (?:cookies|consent)|skip (?:twitter|youtube|instagram|facebook|tiktok) (?:post|content)"
    r"|^(?:video|media|audio) (?:caption|player)\b|^(?:watch|listen)\s*:",
    re.I,
)
# Never the start of a news sentence: may end with a period ("Sign up for our newsletter.").
_BOILERPLATE_STRONG = re.compile(
    r"^(?:source link|about the author|scroll to top|back to top|return to top|skip to (?:main )?content"
    r"|share this (?:article|story|post|page)|share on |read more|read next|click here|continue reading"
    r"|advertisement\W*$|sign up (?:for|to) (?:our|the|my)\b|sign up (?:here|now|today)|(?:sign up|subscribe|register)\b.*\bnewsletter"
    r"|subscribe (?:to (?:our|the|my)|now|here|today)|follow us|like us on|all rights reserved"
    r"|\(?(?:additional )?(?:reporting|writing|editing|compiled|produced) by\b)",
    re.I,
)
# Usually boilerplate, but could open a sentence: only when the line has no terminal punctuation.
_BOILERPLATE = re.compile(
    r"^(?:source link|original source|view source|about the author|about author|author bio"
    r"|scroll to top|back to top|return to top|go to top|jump to|skip to (?:main )?content"
    r"|share (?:this|the|on|via|article|story|post|page)|share$|shares?:|tweet$|print$|email$|e-mail$"
    r"|read (?:more|next|also|the full|full)|see (?:also|more)|more (?:on|from|stories|news)\b|related(?: articles| stories| content| topics| posts)?\s*:?"
    r"|recommended|trending|most (?:read|popular|viewed)|top stories|you may also like|also read"
    r"|advertisement|advertising|sponsored|promoted|ad$|continue reading|click here|tap here"
    r"|sign up|signup|subscribe|newsletter|get (?:our|the) .*newsletter|join (?:our|us)"
    r"|follow (?:us|me|our|the)|like us on|find us on|connect with us"
    r"|copyright|©|\(c\)|all rights reserved|terms (?:of use|and conditions)|privacy policy|cookie"
    r"|leave a (?:comment|reply)|comments?\b|\d+ comments?|post a comment|tags?:|topics?:|filed under|categories:|posted in"
    r"|previous (?:article|post|story)|next (?:article|post|story)|load more|show more|view (?:comments|gallery)"
    r"|(?:facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|x)(?:\s*[,|/]\s*\w+)*$"
    r"|listen to (?:this|the) (?:article|story)|\d+ min(?:ute)?s? read|reading time)",
    re.I,
)
_BOILERPLATE_ANYWHERE = re.compile(r"all rights reserved|©|\bcopyright\s*(?:©|\(c\)|\d{4})", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# A copyright notice, however long: "Copyright 2024 BBC. All rights reserved. The BBC is not…"
_COPYRIGHT = re.compile(r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})", re.I)
_HASH_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{16,}$")
# A caption ending in its credit: "Firefighters battle the blaze. Photograph: Jane Doe/AFP"
_INLINE_CREDIT = re.compile(
    r"(?:^|[.!?]\s+|\s)(?:photograph|photo|photos|image|picture|illustration|composite|credit|video)\s*:\s*[^.!?:]{1,80}$",
    re.I,
)
# The credit may hold initials ("Harbour Gazette/J. Smith") but no sentence end.
_CREDIT_TAIL = re.compile(r"^(?P<caption>.+?)\s+[–—-]\s+(?P<credit>[^\s.!?](?:[^.!?]|(?<=[\s/][A-Z])\.){0,60})$")


def _is_hash(paragraph: str) -> bool:
    """True for tracking tokens: long hex or random alphanumeric strings, maybe doubled."""
    tokens = paragraph.split()
    if not tokens or len(tokens) > 3:
        return False
    for token in tokens:
        if not _HASH_TOKEN.match(token):
            return False
        letters = sum(c.isalpha() for c in token)
        digits = sum(c.isdigit() for c in token)
        is_hex = all(c in "0123456789abcdefABCDEF-" for c in token) and digits > 0
        mixed = digits >= 3 and letters >= 3
        if not (is_hex or mixed):
            return False
    return True


def _squash(text: str) -> str:
    """Comparison key that ignores all spacing, quote styles and case."""
    return fold(text).replace(" ", "")


def _repeated_unit(text: str) -> str | None:
    """If text is one caption glued to itself two or three times, that caption's key."""
    key = _squash(text)
    for copies in (2, 3):
        if len(key) % copies == 0 and len(key) >= 20 * copies:
            unit = key[: len(key) // copies]
            if unit * copies == key:
                return unit
    return None


def _word_count(text: str) -> int:
    """Number of word tokens in text."""
    return len(words(text))


def _is_credit_tail(credit: str) -> bool:
    """True if credit reads like a photo credit: a few capitalised words or an agency path."""
    tokens = credit.split()
    if not tokens or len(tokens) > 6:
        return False
    if "/" in credit:
        return True
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in {"via", "for", "of", "and", "the", "de", "/"} for t in tokens)


def _is_boilerplate(paragraph: str) -> bool:
    """True for share, footer, navigation and subscription lines (short lines only)."""
    count = _word_count(paragraph)
    line = paragraph.lstrip("•*-–—|> ")
    if _COPYRIGHT.match(line) and count <= 60:
        return True
    if _BOILERPLATE_STRONG.match(line):
        if count <= 12 or (count <= 25 and not _TERMINAL.search(line)) or (line.startswith("(") and line.endswith(")")):
            return True
    if count > 12:
        return False
    if _BOILERPLATE.match(line) and not _SENTENCE_END.search(paragraph):
        return True
    return bool(_BOILERPLATE_ANYWHERE.search(paragraph)) and count <= 10


def _is_heading(paragraph: str) -> bool:
    """True for short lines with no terminal punctuation: section headings, labels."""
    if _TERMINAL.search(paragraph) or paragraph[0] in "\"“‘'":
        return False
    return _word_count(paragraph) <= 12


def _is_byline(paragraph: str) -> bool:
    """True for a short 'By Jane Doe' line."""
    return _word_count(paragraph) <= 12 and bool(_BYLINE.match(paragraph)) and not paragraph.endswith(".")


def _noise_kind(paragraph: str, captions: frozenset[str] | set[str] = frozenset()) -> str | None:
    """Name the kind of noise a single paragraph is, or None if it may be prose."""
    if _is_hash(paragraph):
        return "hash"
    count = _word_count(paragraph)
    if count <= 25 and _EMBED_NOTICE.search(paragraph):
        return "embed"
    if count <= 12 and _CREDIT_LINE.match(paragraph) and (count <= 6 or not paragraph.endswith(".")):
        return "credit"
    if _is_boilerplate(paragraph):
        return "boilerplate"
    if _parse_date_line(paragraph) is not None:
        return "date"
    if count <= 12 and _SOURCE_LINE.match(paragraph):
        return "source"
    if _is_byline(paragraph):
        return "byline"
    if _repeated_unit(paragraph) is not None:
        return "caption"
    if not _TERMINAL.search(paragraph):
        if count <= 60 and _INLINE_CREDIT.search(paragraph):
            return "caption"
        match = _CREDIT_TAIL.match(paragraph)
        if match and (_squash(match.group("caption")) in captions or _is_credit_tail(match.group("credit"))):
            return "caption"
        if _squash(paragraph) in captions:
            return "caption"
    if _is_heading(paragraph):
        return "heading"
    return None


_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.+)\s*[\"”’)]*$")


def _is_teaser(paragraph: str, following_keys: Sequence[str]) -> bool:
    """True if paragraph is a cut-off teaser of one of the next paragraphs (given by their _squash keys)."""
    ellipsis = _ELLIPSIS.search(paragraph)
    if ellipsis is None and _TERMINAL.search(paragraph):
        return False
    stem = _squash(paragraph[: ellipsis.start()] if ellipsis else paragraph)
    if len(stem) < (15 if ellipsis else 30):
        return False
    return any(len(key) > len(stem) and key.startswith(stem) for key in following_keys)


def _find_captions(paragraphs: Sequence[str]) -> set[str]:
    """Keys of photo captions: glued repeats, unterminated repeats, captions with a credit tail."""
    captions: set[str] = set()
    unterminated: dict[str, int] = {}
    for paragraph in paragraphs:
        unit = _repeated_unit(paragraph)
        if unit is not None:
            captions.add(unit)
        elif not _TERMINAL.search(paragraph):
            key = _squash(paragraph)
            unterminated[key] = unterminated.get(key, 0) + 1
            match = _CREDIT_TAIL.match(paragraph)
            if match and _is_credit_tail(match.group("credit")):
                captions.add(_squash(match.group("caption")))
    captions.update(key for key, n in unterminated.items() if n > 1)
    return captions


def clean_paragraphs(paragraphs: Sequence[str], title: str | None = None) -> list[str]:
    """Remove noise from body paragraphs (used also for Markdown and HTML-extracted text, so it must be safe on clean input: clean text passes through unchanged)."""
    normalised = [_normalise_spaces(p) for p in paragraphs]
    normalised = [p for p in normalised if p]
    title_keys: set[str] = set()
    if title:
        title_keys = {_squash(title), _squash(_RUBRIC.sub("", title))}
    captions = _find_captions(normalised)
    kept: list[str] = []
    seen: set[str] = set()
    keys = [_squash(p) for p in normalised]
    for index, (paragraph, key) in enumerate(zip(normalised, keys)):
        if key in seen or key in title_keys:
            continue
        if _noise_kind(paragraph, captions) is not None:
            continue
        if _is_teaser(paragraph, keys[index + 1 : index + 4]):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


# --------------------------------------------------------------------------- metadata


_TITLE_ENDERS = frozenset("a an the of in on at to for from by with and or but as is are was were".split())


def _is_metadata_line(line: str) -> bool:
    """True for a line that stands alone: a date, byline, source, credit or notice line."""
    if not line:
        return False
    if _parse_date_line(line) is not None or _is_byline(line) or _is_hash(line):
        return True
    count = _word_count(line)
    if count <= 12 and (_SOURCE_LINE.match(line) or _CREDIT_LINE.match(line)):
        return True
    return (count <= 25 and bool(_EMBED_NOTICE.search(line))) or _is_boilerplate(line)


def _split_blocks(raw: str) -> list[str]:
    """Blocks of text separated by blank lines; header and metadata lines inside a block split off."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    blocks: list[str] = []
    seen_text = False  # whether a group of ordinary lines has been seen (the title split applies once)
    for block in re.split(r"\n[ \t\u00a0\u200b]*\n", raw):
        lines = [line for line in block.split("\n") if line.strip()]
        groups: list[list[str]] = []
        for line in lines:
            if len(lines) > 1 and _is_metadata_line(_normalise_spaces(line)):
                groups.append([line])
                groups.append([])
            elif groups:
                groups[-1].append(line)
            else:
                groups.append([line])
        for group in _split_line_per_paragraph(groups):
            if not seen_text and len(group) > 1 and _looks_like_title_line(group[0], group[1]):
                blocks.append(group[0])
                group = group[1:]
            seen_text = seen_text or not (len(group) == 1 and _is_metadata_line(_normalise_spaces(group[0])))
            blocks.append("\n".join(group))
    return blocks


_LINE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[”\"]\s*$")


def _split_line_per_paragraph(groups: list[list[str]]) -> list[list[str]]:
    """Split groups whose lines are whole paragraphs (most lines end a sentence) into one group a line."""
    result: list[list[str]] = []
    for group in filter(None, groups):
        ends = [bool(_LINE_END.search(line)) for line in group[:-1]]
        if len(group) >= 3 and sum(ends) * 2 >= len(ends):
            result.extend([line] for line in group)
        else:
            result.append(group)
    return result


def _looks_like_title_line(line: str, next_line: str) -> bool:
    """True if the first line of the text is a headline sitting on the line above the body."""
    line, next_line = _normalise_spaces(line), _normalise_spaces(next_line)
    tokens = words(line)
    if not tokens or not next_line or not next_line[0].isupper():
        return False
    return _title_from(line) is not None and tokens[-1].lower() not in _TITLE_ENDERS and line[0].isupper()


def _title_from(line: str) -> str | None:
    """The headline in line, rubric tag stripped, if line looks like a headline."""
    line = re.sub(r"^(?:title|headline)\s*:\s*", "", line, flags=re.I)
    line = _RUBRIC.sub("", line).strip()
    count = _word_count(line)
    if count < 2 or count > 30 or len(line) > 250:
        return None
    if re.search(r"(?<!\.\.)\.[\"'”’)\]]*$", line):
        return None
    return line


def _author_from(line: str) -> str | None:
    """The author's name from a byline, without trailing affiliation."""
    match = _BYLINE.match(line)
    if not match or not _is_byline(line):
        return None
    return match.group("name").strip(" ,")


def clean_plain_text(raw: str) -> CleanText:
    """Sniff metadata (title, date, source, author) from scraped plain text and return clean paragraphs."""
    raw_blocks = _split_blocks(raw)
    blocks = [repair_line_breaks(block) for block in raw_blocks]
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    author: str | None = None
    body: list[str] = []
    in_header = True
    for block in blocks:
        if not block:
            continue
        count = _word_count(block)
        source_match = _SOURCE_LINE.match(block) if count <= 12 else None
        if source_match:
            source = source or source_match.group("value").strip().rstrip(".")
            continue
        block_date = _parse_date_line(block)
        if block_date is not None:
            date = date or block_date
            continue
        if _is_byline(block):
            author = author or _author_from(block)
            continue
        if in_header:
            kind = _noise_kind(block)
            if title is None and kind in {"embed", "credit", "boilerplate", "hash"}:
                continue  # noise before the title
            if title is None:
                candidate = _title_from(block)
                if candidate is not None:
                    title = candidate
                    continue
            # The header (where a title may still come) lasts until the first prose paragraph.
            in_header = kind is not None
        body.append(block)
    if title is not None and body:
        # A first body "paragraph" identical to the title is the title repeated.
        body = [b for b in body if _squash(_RUBRIC.sub("", b)) != _squash(title)]
    return CleanText(
        title=title,
        date=date,
        source=source,
        author=author,
        paragraphs=tuple(clean_paragraphs(body, title)),
    )
