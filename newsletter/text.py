"""Small text utilities shared by the pipeline: sentences, words, normal forms."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations after which a period does not end a sentence (lower-cased, no final dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt rev fr st
    jr sr inc corp co ltd llc plc bros vs etc al approx dept est mt ft
    u.s u.k u.n e.u a.m p.m i.e e.g d.c u.s.a n.y l.a ph.d b.a m.a
    """.split()
)
# Abbreviations that only count before a number ("Jan. 5", "No. 10", "Fig. 3").
_ABBREVIATIONS_BEFORE_NUMBER = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos fig vol pp p art".split()
)
# Words that, capitalised after an abbreviation such as "U.S.", still start a new sentence.
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and in on at this that these those there his her "
    "its their our if when while as after before however meanwhile yet so".split()
)

_BOUNDARY = re.compile(
    r"""(?P<end>[.!?…]+["'”’)\]]*)      # terminal punctuation, maybe closing quotes/brackets
        (?P<space>\s+)
        (?=["“‘'(\[•·]*[A-Z0-9À-Ý])      # next sentence opens with a capital or digit
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’][A-Za-z]+)*")


# month names and their short forms, with the month's number ("sept" -> 9)
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _is_abbreviation(text: str, dot: int, next_word: str) -> bool:
    """True if the period at text[dot] closes an abbreviation rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“‘":
        start -= 1
    token = text[start:dot]
    lower = token.lower()
    if not token:
        return False
    starter = next_word.lower() in _SENTENCE_STARTERS
    if len(token) == 1 and token.isalpha() and token.isupper():
        return not starter  # an initial: "J. K. Rowling"; but "Triple H. The actor"
    if lower in _ABBREVIATIONS_BEFORE_NUMBER:
        return next_word[:1].isdigit() and token[0].isupper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return not starter  # "U.S.", "K.J." before a name; "the U.S. The …" ends a sentence
    if lower in _ABBREVIATIONS:
        if lower in {"st", "co", "inc", "corp", "ltd", "llc", "plc", "jr", "sr", "etc", "bros"}:
            return not starter  # these often end sentences
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


def light_stem(word: str) -> str:
    """A light stem of a lower-case word: possessive and plural endings dropped ("troops" -> "troop")."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(text: str) -> str:
    """A comparison key: NFKC, curly quotes and dashes straightened, spaces collapsed, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_FOLD_TABLE)
    return " ".join(text.split()).lower()


_FOLD_TABLE = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
     "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ", "…": "..."}
)
