"""Benchmark the key-points summariser against Lead-3 and sumy's extractive methods.

Usage: python bench/summaries.py FILE.jsonl [--limit N] [--methods ours,lead,lexrank,...]

FILE.jsonl holds one article a line: `id`, `title`, `text`, `summary` (one reference
sentence a line).  Every method produces a full ranking of an article's sentences; two
budgets are applied with one rule for all: 3 sentences, and the reference's length in
words (take sentences in rank order, add each that still fits, skip the ones that do not).
Scores are ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score, Porter stemmer), x100.
Seconds are per 100 articles: for the peers the time to rank, for ours the time of the
`summarize` call that produced that row; each method is timed in its own pass over the file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUMY_METHODS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic")
ALL_METHODS = ("ours", "lead") + SUMY_METHODS


def load(path: str, limit: int | None) -> list[dict]:
    """The rows of a JSONL file (the first `limit` ones)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def n_words(sentence: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens."""
    return len(sentence.split())


def pick(ranked: list[tuple[int, str]], *, sentences: int | None = None, words: int | None = None) -> list[str]:
    """Apply a budget to a ranking of (article position, sentence); output in article order."""
    chosen: list[tuple[int, str]] = []
    if sentences is not None:
        chosen = ranked[:sentences]
    else:
        used = 0
        for position, sentence in ranked:
            size = n_words(sentence)
            if used + size <= words:
                chosen.append((position, sentence))
                used += size
    return [sentence for _, sentence in sorted(chosen)]


def sumy_rankers(names):
    """name -> function(text) -> full ranking [(position, sentence)] for the sumy methods."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer, "kl": KLSummarizer, "sumbasic": SumBasicSummarizer,
    }
    tokenizer = Tokenizer("english")
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")

    def make(cls):
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def full_ranking(sentences, count, rating, *args, **kwargs):
            # Replaces sumy's selection step: keep every sentence, best first (stable for ties).
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
            infos = [(rate(s), order, s) for order, s in enumerate(sentences)]
            infos.sort(key=lambda info: info[0], reverse=True)
            return [(order, str(s)) for _, order, s in infos]

        summarizer._get_best_sentences = full_ranking

        def rank(text: str) -> list[tuple[int, str]]:
            document = PlaintextParser.from_string(text, tokenizer).document
            if not document.sentences:
                return []
            return list(summarizer(document, 1))

        return rank

    return {name: make(classes[name]) for name in names}


def lead_ranking(text: str) -> list[tuple[int, str]]:
    """Lead: article order, with the same sentence split as ours."""
    from newsletter.summarize import article_sentences

    return list(enumerate(article_sentences(text)))


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table for one JSONL file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--methods", default=",".join(ALL_METHODS))
    args = parser.parse_args(argv)
    # Before anything imports nltk (rouge-score does): sumy needs the Punkt tables.
    os.environ.setdefault("NLTK_DATA", str(ROOT.parent / "shared" / "data" / "nltk_data"))
    sys.path.insert(0, str(ROOT))
    from rouge_score import rouge_scorer

    from newsletter.summarize import summarize

    rows = load(args.file, args.limit)
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - set(ALL_METHODS)
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    rankers = sumy_rankers([m for m in methods if m in SUMY_METHODS])
    rankers["lead"] = lead_ranking

    budgets = ("3 sent", "ref words")
    references = ["\n".join(line.strip() for line in row["summary"].splitlines() if line.strip()) for row in rows]
    budget_words = [n_words(reference) for reference in references]
    totals = {(m, b): [0.0, 0.0, 0.0] for m in methods for b in budgets}
    seconds = {(m, b): 0.0 for m in methods for b in budgets}
    # Each method runs over all articles in its own timed pass (after a warm-up on the first
    # article: word tables and stemmers load once), so no method pays for another's cache misses.
    for method in methods:
        outputs = []
        if method == "ours":
            if rows:
                summarize(rows[0]["text"], rows[0].get("title", ""), sentences=3)
            by_budget = []
            for budget, key in zip(budgets, ("sentences", "words")):  # one pass per budget
                chosen_all = []
                for row, size in zip(rows, budget_words):
                    limit = {key: 3 if key == "sentences" else size}
                    t0 = time.perf_counter()
                    chosen_all.append(summarize(row["text"], row.get("title", ""), **limit))
                    seconds[(method, budget)] += time.perf_counter() - t0
                by_budget.append(chosen_all)
            outputs = list(zip(*by_budget))
        else:
            ranker = rankers[method]
            if rows:
                ranker(rows[0]["text"])
            for row, size in zip(rows, budget_words):
                t0 = time.perf_counter()
                ranked = ranker(row["text"])
                elapsed = time.perf_counter() - t0
                for budget in budgets:
                    seconds[(method, budget)] += elapsed
                outputs.append((pick(ranked, sentences=3), pick(ranked, words=size)))
        for reference, chosen_pair in zip(references, outputs):
            for budget, chosen in zip(budgets, chosen_pair):
                scores = scorer.score(reference, "\n".join(chosen))
                total = totals[(method, budget)]
                for i, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                    total[i] += scores[key].fmeasure

    n = max(len(rows), 1)
    print(f"{Path(args.file).name}: {len(rows)} articles; ROUGE F1 x100; s/100 = seconds per 100 articles")
    print(f"{'method':<10} {'budget':<10} {'R1':>6} {'R2':>6} {'RLsum':>6} {'s/100':>8}")
    for budget in budgets:
        for method in methods:
            r1, r2, rl = (100 * v / n for v in totals[(method, budget)])
            print(f"{method:<10} {budget:<10} {r1:6.2f} {r2:6.2f} {rl:6.2f} {100 * seconds[(method, budget)] / n:8.3f}")
    if "ours" in methods and "lexrank" in methods:
        ours = seconds[("ours", budgets[0])] + seconds[("ours", budgets[1])]
        lex = seconds[("lexrank", budgets[0])]
        if ours > 0:
            print(f"speed: ours is {lex / (ours / 2):.1f}x faster than LexRank per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
