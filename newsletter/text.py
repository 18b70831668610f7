"""Small text utilities shared by the pipeline: sentences, words, normal forms."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations after which a period does not end a sentence (lower-cased, no dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt rev fr st
    jr sr inc corp co ltd llc plc bros no nos vs etc al approx dept est fig mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u a.m p.m i.e e.g d.c u.s.a n.y l.a ph.d b.a m.a
    """.split()
)
# Words that, capitalised after an abbreviation such as "U.S.", still start a new sentence.
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and in on at this that these those there his her "
    "its their our if when while as after before however meanwhile yet so".split()
)

_BOUNDARY = re.compile(
    r"""(?P<end>[.!?…]+["'”’)\]]*)      # terminal punctuation, maybe closing quotes/brackets
        (?P<space>\s+)
        (?=["“‘'(\[]*[A-Z0-9À-Ý])        # next sentence opens with a capital or digit
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’][A-Za-z]+)*")


def _is_abbreviation(text: str, dot: int, next_word: str) -> bool:
    """True if the period at text[dot] closes an abbreviation rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“‘":
        start -= 1
    token = text[start:dot].lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and text[start].isupper():
        return True  # an initial: "J. K. Rowling"
    if token in _ABBREVIATIONS:
        if "." in token or token in {"no", "nos", "st", "co", "inc", "corp", "ltd", "jr", "sr", "etc"}:
            # "U.S." and "Inc." often end sentences; split when a typical opener follows.
            return next_word.lower() not in _SENTENCE_STARTERS
        return True
    return False


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, verbatim (no characters changed or dropped but spaces)."""
    text = text.strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end_punct = match.group("end")
        if end_punct[0] == ".":
            next_word_match = _WORD.match(text, match.end()) or _WORD.search(text, match.end())
            next_word = next_word_match.group(0) if next_word_match else ""
            if _is_abbreviation(text, match.start("end"), next_word):
                continue
        sentence = text[start : match.end("end")].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def words(text: str) -> list[str]:
    """The word tokens of a text, in order, original case."""
    return _WORD.findall(text)


def fold(text: str) -> str:
    """A comparison key: NFKC, curly quotes and dashes straightened, spaces collapsed, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_FOLD_TABLE)
    return " ".join(text.split()).lower()


_FOLD_TABLE = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
     "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ", "…": "..."}
)
