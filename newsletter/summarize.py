"""Extractive key points: rank an article's sentences and pick the best, verbatim.

One scoring model serves `summarize` (one article) and `select_key_points` (a story told by
several articles).  A sentence's score is the sum of

* centrality: cosine of its content words with the rest of the document (or story), words
  weighted by an IDF proxy from wordfreq's Zipf frequency (no corpus needed), the sentence
  norm raised to 0.8 so fuller sentences are not penalised for their length;
* title overlap (cosine), when there is a title;
* position: 5 / (5 + index in its article);

times a length prior (full weight for 10-35 words) and demotions for sentences that are
mostly quotation (x0.5) or questions (x0.5); captions and credits are never chosen unless
nothing else is left.  Selection is greedy maximal marginal relevance: each pick is the best
score times (1 - 0.5 x its highest cosine with a pick); a sentence whose cosine with a pick
reaches 0.6 is a near-duplicate and dropped.  Pure Python; about 1 ms per news article.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import chain
from math import fsum

from .text import fold, light_stem as _stem, split_sentences

# Function words carry no topic (the Zipf weight already damps them; this removes them).
_STOP = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves said says say told according mr mrs ms one two new
    year years like get got may might us cnn
    """.split()
)
_PRONOUN_OPENERS = frozenset(
    """
    he she it they them his her its their this that these those we i you him our my your
    but and or so however yet also meanwhile still instead nevertheless moreover furthermore
    besides then thus hence therefore such both others another
    """.split()
)
_CLOSERS = "\"'”’)] "
_BOILERPLATE = re.compile(  # credits, captions and page furniture, in short "sentences"
    r"(?i)\b(photos?|images?|pictures?|caption|credits?|getty|reuters|afp|ap photo|courtesy|copyright"
    r"|rights reserved|click here|read more|sign up|subscribe|follow us|newsletter)\b|©"
)
_WORD = re.compile(r"[a-zà-öø-ÿ0-9]+(?:'[a-z]+)*")  # newsletter.text's word pattern, lower case
_FIRST_WORD = re.compile(r"\W*(\w+)")
_QUOTE_MARK = re.compile('["“”]')
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_RARE_ZIPF = 2.0  # the Zipf frequency assumed for words outside the table (rarer than 3)


@dataclass(frozen=True)
class Params:
    """The global constants of the scoring model."""

    position_weight: float = 1.0
    position_scale: float = 5.0  # position prior = scale / (scale + index)
    centrality_weight: float = 1.0
    title_weight: float = 2.0
    ideal_min_words: int = 10
    ideal_max_words: int = 35
    quote_factor: float = 0.5  # for sentences mostly inside quotation marks
    question_factor: float = 0.5
    redundancy: float = 0.5
    norm_exponent: float = 0.8  # centrality = dot / (|rest| * |sentence|^e): e < 1 favours fuller sentences
    idf_ceiling: float = 9.0  # IDF proxy = ceiling - Zipf frequency (at least 0.5)
    duplicate: float = 0.6  # cosine at which two sentences say the same thing


DEFAULTS = Params()


@dataclass(frozen=True)
class Candidate:
    """A sentence of one article, with what the scorer needs to know about it."""

    text: str
    article_id: str
    index: int = 0  # position in its article, from 0
    terms: tuple[str, ...] = field(default=(), repr=False, compare=False)  # content-word stems
    n_words: int = field(default=-1, repr=False, compare=False)  # whitespace-separated tokens

    def __post_init__(self) -> None:
        if self.n_words < 0:  # not given
            object.__setattr__(self, "n_words", len(self.text.split()))


# --------------------------------------------------------------------------- text


def article_sentences(text: str) -> list[str]:
    """An article's sentences, verbatim, paragraph by paragraph (paragraphs split on blank lines)."""
    return [s for paragraph in _PARAGRAPH_BREAK.split(text) for s in split_sentences(paragraph)]


def _candidates(article_id: str, paragraphs: Sequence[str]) -> list[Candidate]:
    """The sentences of one article as candidates (paragraphs may hold several, split on blank lines)."""
    sentences = [s for paragraph in paragraphs for s in article_sentences(paragraph)]
    return [
        Candidate(sentence, article_id, index, terms, len(sentence.split()))
        for index, (sentence, terms) in enumerate(zip(sentences, _terms_of(sentences)))
    ]


def _terms(text: str) -> tuple[str, ...]:
    """The content-word stems of a text, in order."""
    return _terms_of([text])[0]


def _terms_of(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The content-word stems of each text, in order (stemming each distinct word once)."""
    tokens = [_WORD.findall(text.lower().replace("’", "'")) for text in texts]
    vocabulary = set().union(*tokens) - _STOP
    stems = {word: _stem(word) if word[-1] == "s" else word for word in vocabulary if len(word) > 1}
    stems = {word: stem for word, stem in stems.items() if stem not in _STOP}.get  # "it's" -> "it"
    return [tuple(filter(None, map(stems, words))) for words in tokens]


@functools.cache
def _zipf_table() -> dict[str, float]:
    """Zipf frequency of the English words wordfreq rates 3 or more (loaded once; a constant).

    Rarer words are left out (they count as `_RARE_ZIPF`): a small table stays in the CPU's
    caches, and the rare words' exact rank matters little.
    """
    from wordfreq import get_frequency_dict

    common = sorted(
        ((frequency, word) for word, frequency in get_frequency_dict("en").items() if frequency >= 1e-6),
        reverse=True,
    )
    # Fresh key strings, allocated most frequent first, sit close together in memory.
    return {word.encode().decode(): math.log10(frequency) + 9 for frequency, word in common}


def is_caption(sentence: str, n_words: int | None = None) -> bool:
    """True for photo captions and credits: no terminal punctuation, or short and credit-like."""
    stripped = sentence.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in ".!?" or stripped.endswith(".."):
        return True  # no terminal punctuation, or trailing off (a truncated teaser)
    if n_words is None:
        n_words = len(sentence.split())
    return n_words < 14 and bool(_BOILERPLATE.search(sentence))


def _quote_share(sentence: str) -> float:
    """The share of a sentence's characters that sit inside quotation marks (also across sentences)."""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(sentence)]
    if not marks:
        return 0.0
    first_pos, first = marks[0]
    if first == "”":
        inside = True  # the sentence continues a quotation opened earlier
    elif first == '"' and sum(q == '"' for _, q in marks) % 2:
        after = sentence[first_pos + 1 : first_pos + 2]
        inside = first_pos > 0 and not after.isalnum()  # an unmatched closing mark
    else:
        inside = False
    quoted = last = 0
    for pos, mark in marks:
        if inside:
            quoted += pos - last
        last = pos + 1
        inside = (not inside) if mark == '"' else (mark == "“")
    if inside:
        quoted += len(sentence) - last
    return quoted / len(sentence)


def opens_badly(sentence: str) -> bool:
    """True if a sentence opens with an unresolved pronoun or a dangling connective."""
    first = _FIRST_WORD.match(sentence)
    return bool(first) and first.group(1).lower() in _PRONOUN_OPENERS


# --------------------------------------------------------------------------- scoring


def _weights(vocabulary: Collection[str], ceiling: float) -> dict[str, float]:
    """Squared IDF-proxy weight of each term: (ceiling - Zipf frequency)^2, the difference at least 0.5."""
    zipf = _zipf_table().get
    return {term: max(ceiling - zipf(term, _RARE_ZIPF), 0.5) ** 2 for term in vocabulary}


def _score(
    candidates: Sequence[Candidate], titles: dict[str, str], params: Params
) -> tuple[list[float], list[frozenset[str]], list[float], dict[str, float]]:
    """Each candidate's importance, plus its term set, vector norm and the term weights (for redundancy)."""
    title_terms = {aid: frozenset(_terms(t)) for aid, t in titles.items() if t}
    owns = [frozenset(c.terms) for c in candidates]
    # Sentences are binary idf-weighted vectors; the document is the sum of its sentences.
    document = Counter(chain.from_iterable(owns))
    w2 = _weights(document.keys() | frozenset().union(*title_terms.values()), params.idf_ceiling)
    get = w2.__getitem__
    # For a sentence's cosine with the rest of the document (its own words taken out).
    # Sums use math.fsum (exactly rounded), so set iteration order (string hashing) cannot matter.
    rest_dot, rest_drop, squares = {}, {}, []
    for t, n in document.items():
        w = w2[t]
        rest_dot[t] = (n - 1) * w
        rest_drop[t] = (2 * n - 1) * w
        squares.append(n * n * w)
    doc_sq = fsum(squares)
    rest_dot, rest_drop = rest_dot.__getitem__, rest_drop.__getitem__
    title_norms = {aid: math.sqrt(fsum(map(get, terms))) for aid, terms in title_terms.items()}
    norms = [math.sqrt(fsum(map(get, own))) for own in owns]
    position_weight, position_scale = params.position_weight, params.position_scale
    min_words, max_words = params.ideal_min_words, params.ideal_max_words
    scores = []
    for c, own, norm in zip(candidates, owns, norms):
        score = 0.0
        if norm:
            dot = fsum(map(rest_dot, own))
            rest_sq = doc_sq - fsum(map(rest_drop, own))
            if dot > 0 and rest_sq > 0:
                score = params.centrality_weight * dot / math.sqrt(rest_sq) / norm**params.norm_exponent
            title_norm = title_norms.get(c.article_id)
            if title_norm:
                score += params.title_weight * fsum(map(get, own & title_terms[c.article_id])) / (norm * title_norm)
        score += position_weight * position_scale / (position_scale + c.index)
        n = c.n_words
        if n < min_words:
            score *= max(0.1, n / min_words) ** 2
        elif n > max_words:
            score *= max_words / n
        text = c.text
        if ('"' in text or "“" in text or "”" in text) and _quote_share(text) > 0.5:
            score *= params.quote_factor
        if is_caption(text, n):
            score = -1.0  # a caption or credit: only when there is nothing else
        elif text.rstrip(_CLOSERS)[-1] == "?":
            score *= params.question_factor
        scores.append(score)
    return scores, owns, norms, w2


def _mmr(
    scored: tuple[list[float], list[frozenset[str]], list[float], dict[str, float]],
    sizes: Sequence[int],
    params: Params,
    *,
    count: int | None = None,
    budget: int | None = None,
    allowed: Collection[int] | None = None,
    chosen: Sequence[int] = (),
) -> list[int]:
    """Indices in greedy MMR order (score less redundancy with the picks), within the budgets.

    `chosen` are picks already made (they count for redundancy and budget, and are not returned);
    a candidate at least `params.duplicate`-similar (cosine) to a pick is dropped as a near-duplicate.
    """
    scores, owns, norms, w2 = scored
    get = w2.__getitem__
    remaining = set(range(len(scores)) if allowed is None else allowed) - set(chosen)
    max_sim = [0.0] * len(scores)
    used = sum(sizes[i] for i in chosen)
    order: list[int] = []

    def absorb(pick: int) -> None:
        terms, norm = owns[pick], norms[pick]
        for i in list(remaining):
            shared = terms & owns[i]
            if not shared:
                continue
            sim = fsum(map(get, shared)) / (norm * norms[i])
            if sim >= params.duplicate:
                remaining.discard(i)
            elif sim > max_sim[i]:
                max_sim[i] = sim

    for pick in chosen:
        absorb(pick)
    while remaining and (count is None or len(order) + len(chosen) < count):
        if budget is not None:
            remaining = {i for i in remaining if used + sizes[i] <= budget}
            if not remaining:
                break
        best = max(remaining, key=lambda i: (scores[i] * (1 - params.redundancy * max_sim[i]), -i))
        order.append(best)
        remaining.discard(best)
        used += sizes[best]
        absorb(best)
    return order


def rank(
    text: str,
    title: str = "",
    params: Params = DEFAULTS,
    *,
    count: int | None = None,
    budget: int | None = None,
) -> list[tuple[int, str]]:
    """Sentences of an article as (position, sentence), most important first (all, or within budgets)."""
    candidates = _candidates("", [text])
    if not candidates:
        return []
    scored = _score(candidates, {"": title}, params)
    allowed = [i for i, score in enumerate(scored[0]) if score >= 0]
    sizes = [c.n_words for c in candidates]
    order = _mmr(scored, sizes, params, count=count, budget=budget, allowed=allowed or None)
    return [(i, candidates[i].text) for i in order]


def summarize(text: str, title: str = "", *, sentences: int | None = None, words: int | None = None) -> list[str]:
    """The chosen sentences, verbatim from text, in article order (exactly one of sentences/words)."""
    if (sentences is None) == (words is None):
        raise ValueError("give exactly one of sentences= or words=")
    if sentences is not None:
        ranked = rank(text, title, count=max(sentences, 0))
    else:
        ranked = rank(text, title, budget=max(words, 0))
    return [s for _, s in sorted(ranked)]


def select_key_points(
    articles: Sequence[tuple[str, str, Sequence[str]]],
    *,
    count: int,
    max_words: int | None = None,
    exclude: Collection[str] = (),
) -> list[tuple[str, str]]:
    """Key points for a multi-source story: (sentence, article_id) pairs, most important first.

    Articles are (article_id, title, paragraphs).  Near-duplicates across sources count as one;
    captions, sentences longer than `max_words` and sentences containing an `exclude` text are
    never chosen; sentences opening with a pronoun or connective only when nothing else is left.
    """
    if count <= 0:
        return []
    excluded = [fold(e) for e in exclude if e and e.strip()]
    candidates = [c for article_id, _, paragraphs in articles for c in _candidates(article_id, paragraphs)]
    if not candidates:
        return []
    scored = _score(candidates, {aid: title for aid, title, _ in articles}, DEFAULTS)
    sizes = [c.n_words for c in candidates]
    usable = []
    for i, c in enumerate(candidates):
        if scored[0][i] < 0 or (max_words is not None and sizes[i] > max_words) or not c.terms:
            continue
        folded = fold(c.text)
        if any(e in folded or folded in e for e in excluded):  # shows a quote, or lies inside one
            continue
        usable.append(i)
    clean = [i for i in usable if not opens_badly(candidates[i].text)]
    order = _mmr(scored, sizes, DEFAULTS, count=count, allowed=clean)
    if len(order) < count:
        order += _mmr(scored, sizes, DEFAULTS, count=count, allowed=usable, chosen=order)
    return [(candidates[i].text, candidates[i].article_id) for i in order]
