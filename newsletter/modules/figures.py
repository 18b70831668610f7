"""The `figures` module: "by the numbers" — salient numbers with what they count."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsletter.config import Option
from newsletter.models import Figure, Section, Story
from newsletter.modules import ContentModule
from newsletter.text import MONTH_NUMBERS, split_sentences

_NUMBER = re.compile(
    r"""(?<![\w\-./:])
        (?P<currency>[$£€¥]|US\$)?
        (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?P<scale>\s?(?:%|per\s?cent\b|percent\b|million\b|billion\b|trillion\b|bn\b|tn\b|m\b|k\b))?
        (?![\w:/]|[.,]\d|-\w)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_STOP = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has have had
    that which who whom this these those it its their his her our your than then so if into onto
    over under about after before since during while when where what why how will would could should
    may might can must not no more most less least some any each every all both other such only also
    said says say told according already still now just even yet soon again ago later there here""".split()
)
_RATE = re.compile(r"\s+(?:per|a|an|each)\s+(?:day|week|month|year|hour|minute|person|capita)\b", re.I)
_LABEL_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’\-]*)")


@dataclass(frozen=True)
class _Mention:
    value: str
    label: str
    magnitude: float
    sentence: str
    article_id: str
    position: int
    clause: str = ""


_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:()]|\s[–—-]\s)\s*")


def clause_around(sentence: str, start: int, end: int, min_words: int = 5, max_words: int = 16) -> str:
    """The clause of a sentence that holds sentence[start:end], verbatim, widened until it says something."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    starts = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    left = max(i for i, c in enumerate(cuts[:-1]) if c <= start)
    right = min(i for i, c in enumerate(starts) if c >= end)
    while len(sentence[cuts[left]:starts[right]].split()) < min_words and (left > 0 or right < len(starts) - 1):
        if left > 0:
            left -= 1
        else:
            right += 1
    clause = sentence[cuts[left]:starts[right]].strip().rstrip(".!?\"”’ ").strip()
    if clause.count("(") != clause.count(")"):  # a bracket cut in half: drop the stray half
        clause = clause.replace("(", "").replace(")", "") if "(" not in clause or ")" not in clause else clause
    tokens = clause.split()
    if len(tokens) > max_words:  # a long clause: the words around the number, marked as cut
        number = sentence[start:end].split()[0]
        at = next((i for i, t in enumerate(tokens) if number in t), 0)
        lo = max(0, min(at - max_words // 3, len(tokens) - max_words))
        window = tokens[lo:lo + max_words]
        return ("…" if lo > 0 else "") + " ".join(window).rstrip(",;:") + ("…" if lo + max_words < len(tokens) else "")
    return " ".join(tokens)


def _label_after(sentence: str, end: int) -> tuple[str, int]:
    """The counted noun phrase after a number ("North Korean soldiers"), and where it ends."""
    words: list[str] = []
    cursor = end
    if sentence[cursor:cursor + 4].lower() == " of ":  # "millions of shells" style
        return "", end
    while len(words) < 4:
        match = _LABEL_WORD.match(sentence, cursor)
        if not match or match.group(1).lower() in _STOP or match.group(1).lower().endswith("ly"):
            break
        words.append(match.group(1))
        cursor = match.end()
    if words:
        rate = _RATE.match(sentence, cursor)
        if rate:
            words.append(rate.group(0).strip())
            cursor = rate.end()
    return " ".join(words), cursor


def _is_date_or_year(sentence: str, match: re.Match[str]) -> bool:
    """True for years, decades, ordinals and day-of-month numbers, which are not figures."""
    digits = match.group("digits")
    if match.group("currency") or match.group("scale"):
        return False
    before = sentence[: match.start()].split()[-1:] or [""]
    after = sentence[match.end():].split()[:1] or [""]
    if before[0].lower().strip(",.") in MONTH_NUMBERS or after[0].lower().strip(",.") in MONTH_NUMBERS:
        return True
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", digits):
        return True
    return False


def find_figures(sentence: str, article_id: str, position: int) -> list[_Mention]:
    """Number mentions in one sentence that are worth a "by the numbers" entry."""
    mentions: list[_Mention] = []
    for match in _NUMBER.finditer(sentence):
        if _is_date_or_year(sentence, match):
            continue
        digits = match.group("digits")
        amount = float(digits.replace(",", ""))
        scale = (match.group("scale") or "").strip().lower()
        currency = match.group("currency") or ""
        label, _ = _label_after(sentence, match.end())
        if not (currency or scale or label):
            continue
        if amount < 10 and not (currency or scale):
            continue  # small counts ("two") rarely matter
        multiplier = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3}
        magnitude = amount * multiplier.get(scale, 1.0)
        value = f"{currency}{digits}{match.group('scale') or ''}"
        clause = clause_around(sentence, match.start(), match.end())
        mentions.append(_Mention(value, label, magnitude, sentence, article_id, position, clause))
    return mentions


def story_figures(story: Story, limit: int) -> list[Figure]:
    """The story's most salient figures, one per distinct number, best first."""
    mentions: list[_Mention] = []
    for article in story.articles:
        position = 0
        for paragraph in article.paragraphs:
            for sentence in split_sentences(paragraph):
                if sentence.lstrip()[:1] in "\"“'‘":
                    position += 1
                    continue  # a number inside someone's quote is their claim, not a figure
                mentions.extend(find_figures(sentence, article.id, position))
                position += 1
    by_value: dict[str, list[_Mention]] = {}
    for mention in mentions:
        by_value.setdefault(mention.value.lower().replace(" ", ""), []).append(mention)

    def score(group: list[_Mention]) -> float:
        first = min(group, key=lambda m: m.position)
        labelled = 1.0 if any(m.label for m in group) else 0.0
        sources = len({m.article_id for m in group})
        return labelled + 0.5 * sources + 0.15 * math.log10(1 + first.magnitude) - 0.03 * first.position

    ranked = sorted(by_value.values(), key=lambda g: (-score(g), min(m.position for m in g), g[0].value))
    figures: list[Figure] = []
    seen_sentences: set[str] = set()
    for group in ranked:
        best = min(group, key=lambda m: (not m.label, m.position))
        if best.sentence in seen_sentences:
            continue
        seen_sentences.add(best.sentence)
        figures.append(Figure(value=best.value, label=best.label, text=best.clause, article_id=best.article_id,
                              sentence=best.sentence))
        if len(figures) >= limit:
            break
    return figures


def build(story: Story, options: Mapping[str, Any], earlier: Mapping[str, Section]) -> Section:
    """A "by the numbers" section for one story."""
    return Section(module="figures", heading=options["heading"], items=tuple(story_figures(story, options["limit"])))


MODULE = ContentModule(
    name="figures",
    heading="By the numbers",
    doc="Salient numbers with what they count, each from a sentence of an article.",
    build=build,
    options=(
        Option("limit", "integer", 4, "Most figures shown per story.", minimum=0),
        Option("heading", "string", "By the numbers", "Heading of the section."),
    ),
)
