"""Extractive key points: rank an article's sentences and pick the best, verbatim.

One scoring model serves both entry points.  A sentence scores by

* centrality: cosine similarity of its content words to the rest of the document
  (or story), each word weighted by an IDF proxy from wordfreq's Zipf frequency,
  so no corpus is needed;
* title overlap, when there is a title;
* position: an early sentence is more likely to carry the news;
* a length prior: very short or very long sentences are rarely highlights;
* demotions for direct quotes, questions and captions.

Selection is greedy maximal marginal relevance: each pick is the best remaining score
less a penalty for similarity to what is already chosen.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .text import fold, split_sentences

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
    he she it they them his her its their this that these those there we i you him our my your
    but and or so however yet also meanwhile still instead nevertheless moreover furthermore
    besides then thus hence therefore such both others another
    """.split()
)
_CLOSERS = "\"'”’)] "
_CREDIT = re.compile(
    r"(?i)\b(photos?|images?|pictures?|caption|credit|getty|reuters|afp|ap photo|courtesy|copyright)\b|©"
)
_WORD = re.compile(r"[a-zà-öø-ÿ0-9]+(?:'[a-z]+)*")  # newsletter.text's word pattern, lower case
_FIRST_WORD = re.compile(r"\W*(\w+)")
_QUOTE_MARK = re.compile('["“”]')
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Params:
    """The global constants of the scoring model."""

    position_weight: float = 0.75
    position_scale: float = 5.0  # position prior = scale / (scale + index)
    centrality_weight: float = 1.0
    forward: float = 0.5  # share of centrality measured against later sentences only
    title_weight: float = 1.0
    ideal_min_words: int = 10
    ideal_max_words: int = 35
    quote_factor: float = 0.5  # for sentences mostly inside quotation marks
    question_factor: float = 0.5
    opener_factor: float = 1.0  # for sentences opening with a pronoun or connective
    redundancy: float = 0.5
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

    @property
    def n_words(self) -> int:
        """Words as budgets count them: whitespace-separated tokens."""
        return len(self.text.split())


# --------------------------------------------------------------------------- text


def article_sentences(text: str) -> list[str]:
    """An article's sentences, verbatim, paragraph by paragraph (paragraphs split on blank lines)."""
    return [s for paragraph in _PARAGRAPH_BREAK.split(text) for s in split_sentences(paragraph)]


def _stem(word: str) -> str:
    """A light stem: possessive and plural endings dropped (word already lower case)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _terms(text: str, stems: dict[str, str] | None = None) -> tuple[str, ...]:
    """The content-word stems of a text, in order (`stems` memoises stemming within a call)."""
    stems = {} if stems is None else stems
    out = []
    for word in _WORD.findall(text.lower().replace("’", "'")):
        stem = stems.get(word)
        if stem is None:
            stem = stems[word] = "" if len(word) < 2 or word in _STOP else _stem(word)
        if stem:
            out.append(stem)
    return tuple(out)


@functools.cache
def _frequencies() -> dict[str, float]:
    """wordfreq's English word frequencies (loaded once; treated as a constant)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def is_caption(sentence: str) -> bool:
    """True for photo captions and credits: no terminal punctuation, or short and credit-like."""
    stripped = sentence.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in ".!?" or stripped.endswith(".."):
        return True  # no terminal punctuation, or trailing off (a truncated teaser)
    return len(sentence.split()) < 14 and bool(_CREDIT.search(sentence))


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


def _length_prior(n: int, params: Params) -> float:
    """1 inside the ideal length range, falling off outside it."""
    if n < params.ideal_min_words:
        return max(0.1, n / params.ideal_min_words) ** 2
    if n > params.ideal_max_words:
        return params.ideal_max_words / n
    return 1.0


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _score(
    candidates: Sequence[Candidate], titles: dict[str, str], params: Params
) -> tuple[list[float], list[dict[str, float]]]:
    """Each candidate's importance, and its unit (binary, idf-weighted) vector for redundancy checks."""
    title_terms = {aid: set(_terms(t)) for aid, t in titles.items() if t}
    owns = [Counter(c.terms) for c in candidates]
    document = Counter(t for c in candidates for t in c.terms)
    table = _frequencies()
    ceiling = params.idf_ceiling
    w2 = {}  # squared term weights
    for t in document.keys() | {t for terms in title_terms.values() for t in terms}:
        frequency = table.get(t)
        w = max(0.5, ceiling - (math.log10(frequency) + 9 if frequency else 0.0))
        w2[t] = w * w
    doc_sq = sum(n * n * w2[t] for t, n in document.items())
    title_norms = {aid: math.sqrt(sum(w2[t] for t in terms)) for aid, terms in title_terms.items()}
    norms = [math.sqrt(sum(w2[t] for t in own)) for own in owns]

    # Similarity to what follows in the same article (computed back to front with running sums).
    forward = [0.0] * len(candidates)
    if params.forward:
        after: dict[str, Counter] = {}
        after_sq: dict[str, float] = {}
        for j in range(len(candidates) - 1, -1, -1):
            aid = candidates[j].article_id
            counts = after.setdefault(aid, Counter())
            sq = after_sq.get(aid, 0.0)
            own = owns[j]
            if sq > 0 and norms[j]:
                dot = sum(w2[t] * counts[t] for t in own if t in counts)
                forward[j] = dot / math.sqrt(sq) / norms[j]
            for t, k in own.items():
                n = counts[t]
                sq += w2[t] * ((n + k) ** 2 - n * n)
                counts[t] = n + k
            after_sq[aid] = sq

    scores, vectors = [], []
    for j, c in enumerate(candidates):
        own, norm = owns[j], norms[j]
        # Cosine with the rest of the document (the sentence's own words taken out).
        dot, rest_sq = 0.0, doc_sq
        for t, k in own.items():
            n = document[t]
            dot += w2[t] * (n - k)
            rest_sq -= w2[t] * (n * n - (n - k) ** 2)
        score = dot / math.sqrt(rest_sq) / norm if dot > 0 and rest_sq > 0 else 0.0
        score = params.centrality_weight * ((1 - params.forward) * score + params.forward * forward[j])
        title_norm = title_norms.get(c.article_id)
        if title_norm and norm:
            terms = title_terms[c.article_id]
            score += params.title_weight * sum(w2[t] for t in own if t in terms) / (norm * title_norm)
        score += params.position_weight * params.position_scale / (params.position_scale + c.index)
        score *= _length_prior(c.n_words, params)
        if _quote_share(c.text) > 0.5:
            score *= params.quote_factor
        if c.text.rstrip(_CLOSERS).endswith("?"):
            score *= params.question_factor
        if params.opener_factor != 1.0 and opens_badly(c.text):
            score *= params.opener_factor
        if is_caption(c.text):
            score *= 0.1
        scores.append(score)
        vectors.append({t: math.sqrt(w2[t]) / norm for t in own} if norm else {})
    return scores, vectors


def _mmr(
    scores: Sequence[float],
    vectors: Sequence[dict[str, float]],
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
    a candidate at least `params.duplicate`-similar to a pick is dropped as a near-duplicate.
    """
    remaining = set(range(len(scores)) if allowed is None else allowed) - set(chosen)
    max_sim = [0.0] * len(scores)
    used = sum(sizes[i] for i in chosen)
    order: list[int] = []

    def absorb(pick: int) -> None:
        vector = vectors[pick]
        for i in list(remaining):
            sim = _dot(vectors[i], vector)
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
    stems: dict[str, str] = {}
    candidates = [Candidate(s, "", i, _terms(s, stems)) for i, s in enumerate(article_sentences(text))]
    if not candidates:
        return []
    scores, vectors = _score(candidates, {"": title}, params)
    allowed = [i for i, c in enumerate(candidates) if not is_caption(c.text)]
    sizes = [c.n_words for c in candidates]
    order = _mmr(scores, vectors, sizes, params, count=count, budget=budget, allowed=allowed or None)
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
    candidates: list[Candidate] = []
    stems: dict[str, str] = {}
    for article_id, _, paragraphs in articles:
        index = 0
        for paragraph in paragraphs:
            for sentence in article_sentences(paragraph):
                candidates.append(Candidate(sentence, article_id, index, _terms(sentence, stems)))
                index += 1
    if not candidates:
        return []
    scores, vectors = _score(candidates, {aid: title for aid, title, _ in articles}, DEFAULTS)
    sizes = [c.n_words for c in candidates]
    usable = []
    for i, c in enumerate(candidates):
        if is_caption(c.text) or (max_words is not None and sizes[i] > max_words) or not c.terms:
            continue
        folded = fold(c.text)
        if any(e in folded or folded in e for e in excluded):  # shows a quote, or lies inside one
            continue
        usable.append(i)
    clean = [i for i in usable if not opens_badly(candidates[i].text)]
    order = _mmr(scores, vectors, sizes, DEFAULTS, count=count, allowed=clean)
    if len(order) < count:
        order += _mmr(scores, vectors, sizes, DEFAULTS, count=count, allowed=usable, chosen=order)
    return [(candidates[i].text, candidates[i].article_id) for i in order]
