"""Tests for newsletter.cleaning: metadata sniffing, noise removal, line-break repair."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsletter.cleaning import CleanText, clean_paragraphs, clean_plain_text, repair_line_breaks

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CONTENT = Path(__file__).resolve().parents[1] / "content"

PROSE_A = "The council approved the new budget on Tuesday after a long debate."
PROSE_B = "Officials said the plan would cost about $4.5 million over three years."
PROSE_C = "“We are very pleased with the result,” the mayor told reporters."


# ----------------------------------------------------------------------------- clean input


def test_clean_input_passes_through_unchanged():
    paragraphs = [
        PROSE_A,
        PROSE_B,
        PROSE_C,
        "It rained.",
        "\"Nobody expected this,\" said Ana López, 41, a teacher from São Paulo.",
        "Turnout was 62.5%, up from 58% in 2019 — the highest in a decade.",
        "Read more about the decision in the council’s published minutes, which run to 300 pages.",
        "Follow the money, investigators say, and the trail leads to a shell company in Cyprus.",
        "Photos, videos and messages were shared widely, police said.",
        "The firm holds the copyright to the song.",
        "Comments were made by the minister.",
        "Advertisement revenue fell by a third last year.",
        "Sign up numbers have doubled since March.",
        "Share prices rose 3% on Monday.",
        "By 2030, the city plans to double its bus fleet.",
        "Key points:",
    ]
    assert clean_paragraphs(paragraphs) == paragraphs


def test_spaces_are_normalised_but_quotes_kept():
    assert clean_paragraphs(["He said\u00a0“no”  to the  deal’s terms."]) == ["He said “no” to the deal’s terms."]


# ----------------------------------------------------------------------------- 1. captions


def test_glued_caption_copies_and_credited_copy_are_dropped():
    caption = "Firefighters battle the blaze near the harbour on Sunday evening"
    paragraphs = [
        PROSE_A,
        caption + caption.replace(" on ", "\u00a0on "),
        caption + " – Jane Smith/Reuters",
        PROSE_B,
        "The crowd shouted 'stop the war' outside the embassy gates" * 3,
        "The crowd shouted ‘stop the war’ outside the embassy gates – AFP",
    ]
    assert clean_paragraphs(paragraphs) == [PROSE_A, PROSE_B]


def test_caption_with_credit_alone_is_dropped():
    paragraphs = [PROSE_A, "Rescue workers search through rubble in the city centre – STR/AFP", PROSE_B]
    assert clean_paragraphs(paragraphs) == [PROSE_A, PROSE_B]


# ----------------------------------------------------------------------------- 2. credits


@pytest.mark.parametrize(
    "credit",
    ["Credit: Telegram", "Photo: Reuters", "(Getty Images)", "Image source, Getty Images", "Photograph: AP Photo/Lee Jin-man"],
)
def test_photo_credit_lines_are_dropped(credit):
    assert clean_paragraphs([PROSE_A, credit, PROSE_B]) == [PROSE_A, PROSE_B]


# ----------------------------------------------------------------------------- 3. hashes


@pytest.mark.parametrize(
    "token",
    ["9f86d081884c7d659a2feaa0c55ad015", "616d8692a1c9ade91de0616d8692a1c9ade91de0", "xK82mQ0pL7zT4vB9nR3w", "a1b2c3d4e5f6a7b8 a1b2c3d4e5f6a7b8"],
)
def test_tracking_hashes_are_dropped(token):
    assert clean_paragraphs([PROSE_A, token, PROSE_B]) == [PROSE_A, PROSE_B]


# ----------------------------------------------------------------------------- 4. boilerplate


def test_footer_boilerplate_is_dropped_but_sentences_with_those_words_kept():
    real = "The company urged readers to sign up for its newsletter, which has 40,000 subscribers, before the price rise."
    paragraphs = [
        PROSE_A,
        real,
        "Advertisement",
        PROSE_B,
        "Share this article",
        "Sign up for our newsletter.",
        "Follow us on Twitter and Facebook",
        "Copyright 2024 The Daily Example. All rights reserved.",
        "Source link",
        "About The Author",
        "Scroll to Top",
    ]
    assert clean_paragraphs(paragraphs) == [PROSE_A, real, PROSE_B]


# ----------------------------------------------------------------------------- 5. embeds


def test_embedded_content_notices_are_dropped():
    paragraphs = [
        "This embedded content is not available in your region.",
        PROSE_A,
        "This video cannot be played",
        "Enable JavaScript to view this content.",
        PROSE_B,
    ]
    assert clean_paragraphs(paragraphs) == [PROSE_A, PROSE_B]


# ----------------------------------------------------------------------------- 6. teasers


def test_teaser_followed_by_full_paragraph_is_dropped():
    full = "Heavy rain flooded dozens of homes in the valley overnight, forcing hundreds of residents to leave."
    teaser = "Heavy rain flooded dozens of homes in the valley overnight, forcing …"
    assert clean_paragraphs([teaser, full, PROSE_A]) == [full, PROSE_A]
    assert clean_paragraphs(["Heavy rain flooded dozens of homes in the valley...", "", full]) == [full]


def test_ellipsis_paragraph_without_full_version_is_kept():
    trailing = "And then, he said, the lights went out..."
    assert clean_paragraphs([PROSE_A, trailing]) == [PROSE_A, trailing]


# ----------------------------------------------------------------------------- 7. line breaks


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("it is a reall\ny troubling development", "it is a really troubling development"),
        ("a war on the Korean Peninsul\na, Moscow said", "a war on the Korean Peninsula, Moscow said"),
        ("weapons t\no Ukraine", "weapons to Ukraine"),
        ("Russia is known to hav\ne been", "Russia is known to have been"),
        ("money from the Russians\nto buy food", "money from the Russians to buy food"),
        ("the minister\nsaid on Monday", "the minister said on Monday"),
        ("the ceasefire\n, which", "the ceasefire, which"),
        ("more than 1,2\n00 people", "more than 1,200 people"),
        ("long-\nrange missiles", "long-range missiles"),
        ("talks in\nSeoul", "talks in Seoul"),
        ("she said \nthat", "she said that"),
        ("a  double\u00a0 space", "a double space"),
    ],
)
def test_repair_line_breaks(block, expected):
    assert repair_line_breaks(block) == expected


def test_clean_plain_text_repairs_broken_lines():
    raw = "Flood hits valley towns\n\nThe water rose quickl\ny overnight.\n\nResidents of the valle\ny were told to leave."
    assert clean_plain_text(raw).paragraphs == ("The water rose quickly overnight.", "Residents of the valley were told to leave.")


# ----------------------------------------------------------------------------- 8. metadata


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("October 22, 2024", dt.date(2024, 10, 22)),
        ("22 October 2024", dt.date(2024, 10, 22)),
        ("2024-10-22", dt.date(2024, 10, 22)),
        ("Published: Tue 22 Oct 2024 10:00 BST", dt.date(2024, 10, 22)),
        ("Updated 3:45 PM EDT, Tue October 22, 2024", dt.date(2024, 10, 22)),
    ],
)
def test_date_lines_go_to_metadata(line, expected):
    result = clean_plain_text(f"{line}\n\nFlood hits valley towns\n\n{PROSE_A}")
    assert result == CleanText(title="Flood hits valley towns", date=expected, source=None, author=None, paragraphs=(PROSE_A,))


def test_title_rubric_source_and_byline():
    raw = (
        "(LEAD) Flood hits valley towns as river bursts its banks\n\n"
        "By Jane Doe, Staff Reporter\n\n"
        f"{PROSE_A}\n\n"
        "Flood hits valley towns as river bursts its banks\n\n"
        f"{PROSE_B}\n\n"
        "Source: Valley News Agency"
    )
    assert clean_plain_text(raw) == CleanText(
        title="Flood hits valley towns as river bursts its banks",
        date=None,
        source="Valley News Agency",
        author="Jane Doe",
        paragraphs=(PROSE_A, PROSE_B),
    )


def test_no_title_when_text_starts_with_prose():
    result = clean_plain_text(f"{PROSE_A}\n\n{PROSE_B}")
    assert (result.title, result.paragraphs) == (None, (PROSE_A, PROSE_B))


def test_sentence_starting_with_by_is_not_a_byline():
    sentence = "By the end of the day, the river had fallen by two metres."
    result = clean_plain_text(f"Flood hits valley towns\n\n{sentence}")
    assert (result.author, result.paragraphs) == (None, (sentence,))


# ----------------------------------------------------------------------------- 9. headings


def test_sub_headings_are_left_out():
    paragraphs = [PROSE_A, "Decrepit conventional forces", PROSE_B, "What happens next?", PROSE_C]
    assert clean_paragraphs(paragraphs) == [PROSE_A, PROSE_B, "What happens next?", PROSE_C]


# ----------------------------------------------------------------------------- 10. duplicates


def test_exact_duplicates_keep_the_first():
    paragraphs = [PROSE_C, PROSE_A, PROSE_C.replace("“", '"').replace("”", '"').replace(" the mayor", "  the mayor"), PROSE_B]
    assert clean_paragraphs(paragraphs) == [PROSE_C, PROSE_A, PROSE_B]


def test_title_repeated_in_body_is_dropped():
    assert clean_paragraphs(["Flood hits valley towns", PROSE_A], title="(LEAD) Flood hits valley towns") == [PROSE_A]


# ----------------------------------------------------------------------------- seed files


def _seed(name: str) -> str:
    """Text of a seed article, from the shared seeds or the repo's content folder."""
    for folder in (SEEDS, CONTENT):
        matches = sorted(folder.glob(name))
        if matches:
            return matches[0].read_text(encoding="utf-8")
    pytest.skip(f"seed {name} not found")


def _assert_no_junk(result: CleanText) -> None:
    """Fail if any known kind of scraping noise is left in the paragraphs."""
    text = "\n".join(result.paragraphs)
    assert not re.search(r"\b[0-9a-f]{16,}\b", text)
    for junk in ("Credit:", "embedded content", "Source link", "About The Author", "Scroll to Top", "Source:", "\u00a0", "  "):
        assert junk not in text
    for paragraph in result.paragraphs:
        assert re.search(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$", paragraph), paragraph
        half = len(paragraph) // 2
        assert paragraph[:half] != paragraph[half:]


def test_seed_kim_putin():
    result = clean_plain_text(_seed("*8c70b5a0efe3e19e.txt") if SEEDS.exists() else _seed("kim-putin-alarm.txt"))
    assert result.title == "Kim’s support of Putin in Ukraine raises alarm over what North Korea is getting in return"
    assert (result.date, result.source, result.author) == (None, None, None)
    _assert_no_junk(result)
    text = "\n".join(result.paragraphs)
    assert "arrival of North Korean troops at a base in Russia\n" not in text + "\n"
    assert "Gavriil Grigorov" not in text and "STR/AFP" not in text and " – CNN" not in text
    assert "Decrepit conventional forces" not in result.paragraphs
    assert "A proxy war on Ukraine’s territory" not in result.paragraphs
    assert len(result.paragraphs) == 38
    assert result.paragraphs[0] == (
        "The grainy mobile phone footage shows olive green-clad soldiers lining up for kit in a gloomy-looking military barracks."
    )
    assert result.paragraphs[-1].startswith("South Korean and American generals planning")


def test_seed_troop_dispatch():
    result = clean_plain_text(_seed("*39b2595fdc8972e6.txt") if SEEDS.exists() else _seed("nk-troop-dispatch-experts.txt"))
    assert result.title == "N.K. troop dispatch for Russia may have broad implications for global security, order: experts"
    assert (result.date, result.source, result.author) == (dt.date(2024, 10, 22), "Yonhap News Agency", None)
    _assert_no_junk(result)
    text = "\n".join(result.paragraphs)
    for broken in ("reall y", "Peninsul a", "hav e", "t o Ukraine", "Russiansto", "…"):
        assert broken not in text
    for repaired in ("a really troubling", "Korean Peninsula, Moscow", "known to have been", "weapons to Ukraine", "from the Russians to buy"):
        assert repaired in text
    assert len(result.paragraphs) == 27
    assert result.paragraphs[0].endswith("to a new height despite growing pushback from like-minded democracies.")


# ----------------------------------------------------------------------------- made-up scrapes

FIXTURES = Path(__file__).resolve().parent / "data" / "cleaning"


def test_bbc_style_scrape():
    result = clean_plain_text((FIXTURES / "bbc-style.txt").read_text(encoding="utf-8"))
    assert result == CleanText(
        title="Markets tumble as central bank raises rates again",
        date=dt.date(2024, 10, 22),
        source=None,
        author="Priya Sharma",
        paragraphs=(
            "Stock markets fell sharply on Tuesday after the central bank raised interest rates for the fourth time this year, surprising many investors.",
            "The benchmark index dropped 3.2% by the close of trading, its biggest one-day fall since March.",
            "\"We did not expect such an aggressive move,\" said Tom O'Neill, chief economist at Example Bank.",
        ),
    )


def test_guardian_style_scrape():
    result = clean_plain_text((FIXTURES / "guardian-style.txt").read_text(encoding="utf-8"))
    assert (result.title, result.date) == ("Wildfire forces thousands to flee homes in southern France", dt.date(2024, 8, 13))
    assert result.paragraphs == (
        "More than 3,000 people have been evacuated from villages in southern France as a wildfire fanned by strong winds tore through dry scrubland on Tuesday.",
        "The fire, which started near a motorway, has burned 1,500 hectares, local officials said.",
        "“The situation is very difficult,” said the regional prefect. “The wind is our enemy.”",
        "About 900 firefighters were deployed.",
    )


def test_one_paragraph_per_line_without_blank_lines():
    result = clean_plain_text((FIXTURES / "line-per-paragraph.txt").read_text(encoding="utf-8"))
    assert (result.title, result.date) == ("Council approves budget after marathon session", dt.date(2024, 10, 3))
    assert result.paragraphs == (PROSE_A, PROSE_B, PROSE_C, "The budget takes effect in January.")


def test_header_lines_in_one_block_are_split_and_prose_lines_joined():
    raw = "Council approves budget\nBy Jane Doe and John Smith\nUpdated: October 3, 2024\nThe council approved the new\nbudget on Tuesday."
    assert clean_plain_text(raw) == CleanText(
        title="Council approves budget",
        date=dt.date(2024, 10, 3),
        source=None,
        author="Jane Doe and John Smith",
        paragraphs=("The council approved the new budget on Tuesday.",),
    )


def test_cleaning_is_fast_after_first_call():
    import time

    raw = _seed("*39b2595fdc8972e6.txt") if SEEDS.exists() else _seed("nk-troop-dispatch-experts.txt")
    clean_plain_text(raw)
    start = time.perf_counter()
    clean_plain_text(raw)
    assert time.perf_counter() - start < 0.05
