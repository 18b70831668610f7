"""Tests for newsletter.quotes: spans, speakers, roles, fragments, selection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsletter.quotes import FoundQuote, extract_quotes, pull_quotes, quoted_people

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
if not SEEDS.exists():
    SEEDS = Path("/work/shared/seeds")


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks if b.strip()]


def _pairs(quotes: list[FoundQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


# --- spans ---------------------------------------------------------------------------


def test_curly_and_straight_marks():
    quotes = extract_quotes(['“We will win,” Jane Doe said.', '"We will lose," John Roe said.'])
    assert _pairs(quotes) == [("We will win", "Jane Doe"), ("We will lose", "John Roe")]
    assert [q.kind for q in quotes] == ["quote", "quote"]


def test_multi_paragraph_quote_joined_with_one_space():
    paras = [
        "“The first part of the statement goes on,” said Ann Lee, a nurse. “And it is not closed here.",
        "“It continues in this paragraph and ends here.”",
        "The hospital declined to comment.",
    ]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [
        ("The first part of the statement goes on", "Ann Lee"),
        ("And it is not closed here. It continues in this paragraph and ends here.", "Ann Lee"),
    ]
    assert quotes[1].paragraph == 0


def test_nested_single_quotes_stay_inside():
    quotes = extract_quotes(['“He told us, ‘Look, your sons are dying’, and left,” Mark Ode said.'])
    assert _pairs(quotes) == [("He told us, ‘Look, your sons are dying’, and left", "Mark Ode")]


def test_single_quotes_as_main_marks():
    quotes = extract_quotes(["Kim Jong-un 'is all in with' Putin, says Victor Cha of the Centre for Strategic Studies."])
    assert _pairs(quotes) == [("is all in with", "Victor Cha")]
    assert quotes[0].speaker_role == "of the Centre for Strategic Studies"
    assert quotes[0].organisation == "Centre for Strategic Studies"


def test_apostrophes_are_not_quotes():
    paras = ["The countries’ leaders don’t agree on Kim’s plan, a relic of the ’90s, and the players' union won't either."]
    assert extract_quotes(paras) == []


def test_partial_quote_inside_sentence():
    quotes = extract_quotes(["US officials briefed last week the deployment was “a very, very serious issue” and could escalate."])
    assert quotes == [FoundQuote("a very, very serious issue", "US officials", None, None, "quote", 0)]


@pytest.mark.parametrize(
    "paras",
    [[], [""], ["“"], ['"'], ["”oops“ and ‘ and ’"], ["“Never closed"], ["\u200b\ufeff“ ”"], ["a" * 5000 + "“b”"], [None]],
)
def test_garbage_never_crashes(paras):
    quotes = extract_quotes(paras)
    assert isinstance(quotes, list)
    assert pull_quotes(quotes) == [q for q in pull_quotes(quotes)]
    assert isinstance(quoted_people(quotes), list)


def test_unclosed_quote_ends_with_its_paragraph():
    quotes = extract_quotes(["“This was never closed, said nobody", "Next paragraph is narration."])
    assert [q.text for q in quotes] == ["This was never closed, said nobody"]


# --- attribution forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("“Prices will rise again,” Ruth Kane said.", "Ruth Kane"),
        ("“Prices will rise again,” said Ruth Kane.", "Ruth Kane"),
        ("“Prices will rise again,” Ruth Kane says.", "Ruth Kane"),
        ("Ruth Kane told reporters: “Prices will rise again.”", "Ruth Kane"),
        ("Ruth Kane, a fellow at the Cato Institute, said: “Prices will rise again.”", "Ruth Kane"),
        ("“Prices will rise again,” according to Ruth Kane.", "Ruth Kane"),
        ("According to Ruth Kane, “prices will rise again”.", "Ruth Kane"),
        ("“Prices will rise again,” Ruth Kane added.", "Ruth Kane"),
        ("“Prices will rise again,” Ruth Kane warned.", "Ruth Kane"),
        ("“Prices will rise again,” Ruth Kane wrote on her blog.", "Ruth Kane"),
        ("“Prices will rise again,” Ruth Kane, the chair of the board, told Yonhap.", "Ruth Kane"),
        ("“Prices will rise again,” U.S. officials said in a statement.", "U.S. officials"),
        ("Analysts said the rally would “run out of steam within weeks”.", "Analysts"),
        ("“Prices will rise again,” said one official, who spoke on condition of anonymity.", "one official"),
        ("“Prices will rise again,” one witness said.", "one witness"),
        ("“Prices will rise again,” a Chelsea fan told the BBC.", "a Chelsea fan"),
        ("According to a statement from the White House, prices “will rise again”.", "the White House"),
        ("“Prices will rise again,” according to a statement released by the Pentagon.", "the Pentagon"),
    ],
)
def test_attribution_forms(sentence, speaker):
    quotes = extract_quotes(["Ruth Kane is an economist.", sentence])
    assert [q.speaker for q in quotes] == [speaker]


def test_role_before_name_and_apposition_roles():
    paras = [
        "“We will respond,” Russian President Vladimir Putin said.",
        "“It is a mistake,” said Foreign Secretary Jack Straw.",
        "Bruce Bennet, a senior defense analyst at RAND Corp., expected the troops to be used as “cannon fodder.”",
        "Victor Cha, of the Centre for Strategic and International Studies, told PBS: “It is an alliance.”",
    ]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.speaker_role, q.organisation) for q in quotes] == [
        ("Vladimir Putin", "Russian President", None),
        ("Jack Straw", "Foreign Secretary", None),
        ("Bruce Bennet", "a senior defense analyst at RAND Corp.", "RAND Corp."),
        ("Victor Cha", "of the Centre for Strategic and International Studies", "Centre for Strategic and International Studies"),
    ]
    assert quotes[2].kind == "quote"


def test_role_head_apposition():
    quotes = extract_quotes(["Japan’s foreign minister, Yoko Kamikawa, described the move as “a very serious issue”."])
    assert (quotes[0].speaker, quotes[0].speaker_role) == ("Yoko Kamikawa", "Japan’s foreign minister")


# --- pronouns, continuation, colon ----------------------------------------------------


def test_pronouns_resolve_by_gender_and_recency():
    paras = [
        "“Rates must fall,” said Priya Raman, chief economist at Halden Bank.",
        "Her colleague Tom Ellery disagreed. “I think the worst is behind us,” he told the BBC.",
        "“Inflation is still too high,” she said.",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Priya Raman", "Tom Ellery", "Priya Raman"]


def test_unattributed_paragraph_continues_previous_speaker():
    paras = [
        "“Buying munitions has helped the economy,” Patrick Cronin said.",
        "“And there is far more to gain from the alliance.”",
        "The ministry did not reply.",
        "“This one stands alone.”",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("Buying munitions has helped the economy", "Patrick Cronin"),
        ("And there is far more to gain from the alliance.", "Patrick Cronin"),
        ("This one stands alone.", None),
    ]


def test_colon_in_previous_paragraph_introduces_speaker():
    paras = ["Darcie Draudt-Véjares, a fellow with the Carnegie Endowment, said:", "“This risks a global crisis.”"]
    quotes = extract_quotes(paras)
    assert (quotes[0].speaker, quotes[0].speaker_role, quotes[0].organisation) == (
        "Darcie Draudt-Véjares",
        "a fellow with the Carnegie Endowment",
        "Carnegie Endowment",
    )


def test_same_paragraph_second_quote_after_attribution():
    quotes = extract_quotes(["“The Russians will use them,” he said. “They will put them at the front.”"])
    assert [q.speaker for q in quotes] == [None, None]
    quotes = extract_quotes(["Sam Hill spoke.", "“The Russians will use them,” he said. “They will put them at the front.”"])
    assert [q.speaker for q in quotes] == ["Sam Hill", "Sam Hill"]


# --- name variants --------------------------------------------------------------------


def test_surname_misspelling_and_title_merge_to_first_full_form():
    paras = [
        "Bruce Bennet, a senior analyst at RAND Corp., spoke to reporters.",
        "“They will be cannon fodder,” Bennett noted.",
        "“It is a dilemma,” Mr Bennet said.",
        "“Wait and see,” said Bruce Bennett.",
    ]
    quotes = extract_quotes(paras)
    assert [q.speaker for q in quotes] == ["Bruce Bennet"] * 3
    assert [q.speaker_role for q in quotes] == ["a senior analyst at RAND Corp."] * 3
    assert quoted_people(quotes) == [("Bruce Bennet", "a senior analyst at RAND Corp.", "RAND Corp.")]


def test_country_as_institutional_speaker_kept_as_written():
    quotes = extract_quotes(["Seoul has voiced “grave concern” about the pact and called on Moscow to stop its “illegal co-operation”."])
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("grave concern", "Seoul", "quote"),
        ("illegal co-operation", "Seoul", "quote"),
    ]
    assert quoted_people(quotes) == []


# --- fragments ------------------------------------------------------------------------


def test_fragments_terms_and_names():
    paras = [
        "Budanov said the help included low-yield (or “tactical”) nuclear warheads.",
        "The leaders signed a “comprehensive strategic partnership” treaty in June.",
        "The so-called “peace dividend” never arrived.",
        "The band’s new album, “Northern Lights”, was released on Friday.",
        "The reviewer Anna Bell called the record “a triumph of restraint”.",
    ]
    quotes = extract_quotes(paras)
    assert [(q.text, q.kind) for q in quotes] == [
        ("tactical", "fragment"),
        ("comprehensive strategic partnership", "fragment"),
        ("peace dividend", "fragment"),
        ("Northern Lights", "fragment"),
        ("a triumph of restraint", "quote"),
    ]
    assert quotes[0].speaker == "Budanov"
    assert quotes[4].speaker == "Anna Bell"


def test_short_full_sentence_quote_is_a_quote():
    paras = ['"Who decided this?" asks Helen Marsh, whose shop is shut. "Nobody asked us."']
    quotes = extract_quotes(paras)
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("Who decided this?", "Helen Marsh", "quote"),
        ("Nobody asked us.", "Helen Marsh", "quote"),
    ]
    assert quotes[0].speaker_role is None


# --- selection ------------------------------------------------------------------------


def test_pull_quotes_prefers_complete_quotes_from_different_speakers():
    quotes = [
        FoundQuote("a new level of desperation", "U.S. officials", None, None, "quote", 0),
        FoundQuote("We need to tell them the truth about the losses on the front.", "Ann Lee", "analyst", None, "quote", 1),
        FoundQuote("They are going to put them at the front and try to achieve breakthroughs.", "Ann Lee", "analyst", None, "quote", 2),
        FoundQuote("Kim thinks Putin will win this war, and he wants to lock in a commitment.", "Pat Cronin", None, None, "quote", 3),
        FoundQuote("tactical", "Pat Cronin", None, None, "fragment", 4),
        FoundQuote("This statement has no known speaker at all, sadly.", None, None, None, "quote", 5),
    ]
    picked = pull_quotes(quotes, limit=3)
    assert [q.paragraph for q in picked] == [1, 3, 2]
    assert [q.paragraph for q in pull_quotes(quotes, limit=2)] == [1, 3]


# --- the sample articles --------------------------------------------------------------


def _speaker_of(quotes: list[FoundQuote], start: str) -> str | None:
    found = [q for q in quotes if q.text.startswith(start)]
    assert found, start
    return found[0].speaker


@pytest.mark.skipif(not SEEDS.exists(), reason="sample articles not available")
def test_seed_yonhap_speakers():
    quotes = extract_quotes(_paragraphs(SEEDS / "003_39b2595fdc8972e6.txt"))
    assert _speaker_of(quotes, "The dispatch of North Korean troops") == "Andrew Yeo"
    assert _speaker_of(quotes, "It means two nuclear-armed") == "Andrew Yeo"
    assert _speaker_of(quotes, "As North Korea amplifies") == "Patrick Cronin"
    assert _speaker_of(quotes, "Vladimir Putin needs foreign fighters") == "Patrick Cronin"
    assert _speaker_of(quotes, "Buying North Korean munitions") == "Patrick Cronin"
    assert _speaker_of(quotes, "new level of desperation") == "U.S. officials"
    assert _speaker_of(quotes, "cannon fodder") == "Bruce Bennet"
    assert _speaker_of(quotes, "The Russians are going to tend") == "Bruce Bennet"
    assert _speaker_of(quotes, "Several of the European countries") == "Bruce Bennet"
    assert _speaker_of(quotes, "How are they going to feel") == "Bruce Bennet"
    assert _speaker_of(quotes, "While he needs the money") == "Bruce Bennet"
    assert _speaker_of(quotes, "(Ukrainian) President Zelenskyy") == "Andrew Yeo"
    assert _speaker_of(quotes, "We need to be focusing on his elites") == "Bruce Bennet"
    assert [q.kind for q in quotes if q.text.startswith(("comprehensive", "without delay"))] == ["fragment", "fragment"]
    people = quoted_people(quotes)
    assert [p[0] for p in people] == ["Andrew Yeo", "Patrick Cronin", "Bruce Bennet"]
    assert people[0][1:] == (
        "the SK-Korea Foundation chair at the Brookings Institution’s Center for East Asia Policy Studies",
        "Brookings Institution",
    )
    assert people[1][1:] == ("Asia-Pacific security chair at the Hudson Institute", "Hudson Institute")


@pytest.mark.skipif(not SEEDS.exists(), reason="sample articles not available")
def test_seed_telegraph_speakers():
    quotes = extract_quotes(_paragraphs(SEEDS / "000_8c70b5a0efe3e19e.txt"))
    assert _speaker_of(quotes, "a very, very serious issue") == "US officials"
    assert _speaker_of(quotes, "Sending troops is about") == "Victor Cha"
    assert _speaker_of(quotes, "is all in with") == "Victor Cha"
    assert _speaker_of(quotes, "This potential deployment") == "Darcie Draudt-Véjares"
    assert _speaker_of(quotes, "grave concern") == "Seoul"
    tactical = [q for q in quotes if q.text == "tactical"]
    assert [(q.kind, q.speaker) for q in tactical] == [("fragment", "Kyrylo Budanov")]
    people = dict((p[0], p[1:]) for p in quoted_people(quotes))
    assert people["Darcie Draudt-Véjares"] == ("a fellow with the Carnegie Endowment", "Carnegie Endowment")
    assert people["Victor Cha"][1] == "Centre for Strategic and International Studies"


# --- speaker resolution: salience, descriptions, appositions --------------------------


def test_pronoun_prefers_main_subject_of_previous_sentence():
    paras = [
        "Peter Grant met Tom Baker on Monday.",
        "Mr Grant denied Mr Baker had said the plan was “dead”. He also said the board would “back the plan”.",
    ]
    assert _pairs(extract_quotes(paras)) == [("dead", "Tom Baker"), ("back the plan", "Peter Grant")]


def test_pronoun_skips_person_named_only_as_object():
    paras = ["“It was windy,” said Roger Hale.", "Ben Rowe beat Paul Kerr in the final. “I felt sharp,” he said."]
    assert [q.speaker for q in extract_quotes(paras)] == ["Roger Hale", "Ben Rowe"]


def test_pronoun_never_resolves_to_person_the_quote_names():
    paras = [
        "Carl Mott praised the squad.",
        "Dean Roy, Mott's team-mate, has doubts about the season “I think Dean's knee is the issue,” he said.",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Carl Mott"]


def test_band_or_firm_is_never_he_or_she():
    paras = ["Mark Hale said the record was new. Silver Tide are promoting it.", "“We love it,” he said."]
    assert [q.speaker for q in extract_quotes(paras)] == ["Mark Hale"]


def test_the_club_resolves_to_organisation_named_earlier():
    paras = ["Harbour City's board met Tom Reed on Monday.", "In a statement, the club said it would “fight the bid”."]
    assert [q.speaker for q in extract_quotes(paras)] == ["Harbour City"]


def test_person_of_organisation_is_the_speaker():
    paras = [
        "Ella Grant, economist at Fenwick Analytics said rates would “stay on hold for months”.",
        "Sam Ode, of Lyra Media, said: “We disagree with that.”",
    ]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.speaker_role, q.organisation) for q in quotes] == [
        ("Ella Grant", "economist at Fenwick Analytics", "Fenwick Analytics"),
        ("Sam Ode", "of Lyra Media", "Lyra Media"),
    ]


def test_apposition_with_relative_clause_after_it():
    paras = ["Tom Field, the Leeds North MP, whose seat includes the ground, has pledged to take the matter “to the prime minister”."]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Tom Field", "the Leeds North MP")]


def test_definite_descriptions():
    paras = [
        "“We found clues of manipulation,” a Bundesbank spokeswoman said.",
        "“It is now a criminal case,” the spokeswoman added.",
        "“It was windy,” said Roger Hale. Ken Moss was delighted with his win.",
        "“I felt good,” said the American.",
        "Ann Price arrived late.",
        "Shivering in the cold, the British-born actress stopped and joked: “It's freezing here.”",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == [
        "a Bundesbank spokeswoman",
        "a Bundesbank spokeswoman",
        "Roger Hale",
        "Ken Moss",
        "Ann Price",
    ]


def test_name_variants_after_possessive_and_particle():
    paras = [
        "Mayor Gordon Pike's budget was published.",
        "Mr Pike said it was “affordable”.",
        "Simon Le Bon said the band was happy.",
        "“We are close,” the singer said.",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Gordon Pike", "Simon Le Bon"]


def test_lower_case_role_words_before_name():
    quotes = extract_quotes(["“We made a great album,” said keyboard player Joe Lane."])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Joe Lane", "keyboard player")]


def test_relative_clause_subject_and_participle_subject():
    paras = [
        "Ray Watts said he had visited Lena Park, who had told him the ending could “change a little”.",
        "Jack Morton, who argues the treaty reflected a “bold new vision”, will speak.",
        "In an interview with the Daily Post, Mr Tom Reed refused to give a date, saying it would be “some time next year”.",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Lena Park", "Jack Morton", "Tom Reed"]


def test_said_name_would_is_not_an_inverted_speaker():
    paras = ["Japan's minister, Aiko Sato, described the move as “very serious” and said Osaka would “not stand by.”"]
    assert [q.speaker for q in extract_quotes(paras)] == ["Aiko Sato", "Aiko Sato"]


def test_characterising_verbs_attribute_partial_quotes():
    quotes = extract_quotes(["Health spokesman Ian Ross has branded the scheme a waste and “deeply flawed”."])
    assert [(q.speaker, q.kind) for q in quotes] == [("Ian Ross", "quote")]


def test_group_speaker_keeps_its_qualifier():
    paras = [
        "“We are monitoring closely,” according to a spokesperson for the Foreign Office.",
        "A Green Party spokesman said the vote was “a farce”. “We will appeal,” he said.",
    ]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.organisation) for q in quotes] == [
        ("a spokesperson for the Foreign Office", "Foreign Office"),
        ("A Green Party spokesman", None),
        ("A Green Party spokesman", None),
    ]


def test_standalone_quote_after_a_reporting_sentence():
    paras = [
        "Ann Cole is a producer.",
        "“We invest in tools,” said Ray Dunn. Ms Cole warned that talent could run short. “At some point the talent runs out.”",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Ray Dunn", "Ann Cole"]


def test_news_agency_relays_the_sentence_speaker():
    quotes = extract_quotes(["Malta said damage to the industry would be “significant”, Agence Nord Presse reported."])
    assert [q.speaker for q in quotes] == ["Malta"]


def test_named_institution_spokesman_is_a_group_that_he_can_refer_to():
    paras = ["The Ofcom spokesman said it was weighing a “mask” on power. “We want strict controls,” he said."]
    assert [q.speaker for q in extract_quotes(paras)] == ["Ofcom spokesman", "Ofcom spokesman"]


def test_weekday_as_surname_and_team_before_role():
    quotes = extract_quotes(["“We can win this,” said England sevens coach Mike Friday."])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Mike Friday", "England sevens coach")]


def test_spokesman_for_names_the_organisation():
    quotes = extract_quotes(["“That would be fighting one bad thing with another,” said Malte Ross, spokesman for Lyra Europe."])
    assert [(q.speaker, q.speaker_role, q.organisation) for q in quotes] == [("Malte Ross", "spokesman for Lyra Europe", "Lyra Europe")]


# --- generalisation: roles, inversion, colons, groups, nested reporting ------------------


def _full(quotes: list[FoundQuote]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.speaker_role) for q in quotes]


def test_capitalised_job_word_before_a_given_name_is_a_role():
    paras = ['Striker Callum Reid said: "We were poor."', 'Drummer Freya Hall joined in 2001. "It was a dream," she said.']
    assert _full(extract_quotes(paras)) == [
        ("We were poor.", "Callum Reid", "Striker"),
        ("It was a dream", "Freya Hall", None),
    ]


def test_given_name_list_is_loaded_with_genders():
    from newsletter import quotes as q

    assert {"callum", "freya", "charlie"} <= q._GIVEN_NAMES
    assert "freya" in q._FEMALE_NAMES and "callum" in q._MALE_NAMES
    assert "will" not in q._GIVEN_NAMES and "chelsea" not in q._GIVEN_NAMES


def test_any_reporting_verb_may_be_inverted():
    quotes = extract_quotes(['"Prices will rise," predicted Nora Quinn, an economist at Delta Bank.'])
    assert quotes == [FoundQuote("Prices will rise", "Nora Quinn", "an economist at Delta Bank", "Delta Bank", "quote", 0)]


def test_attribution_ending_in_a_colon_introduces_the_next_quote():
    quotes = extract_quotes(['"We are happy," said Jim Bale. "The kids keep asking why?" Chief executive Ann Lowe added: "We want him back."'])
    assert _pairs(quotes) == [
        ("We are happy", "Jim Bale"),
        ("The kids keep asking why?", "Jim Bale"),
        ("We want him back.", "Ann Lowe"),
    ]


def test_verb_with_infinitive_after_a_quote_is_no_attribution():
    paras = ['Coach Ann Lowe praised the team. "Why would we stop now?" she asked. "Is it not great?" Jim Bale has also agreed to coach the juniors.']
    assert _pairs(extract_quotes(paras)) == [("Why would we stop now?", "Ann Lowe"), ("Is it not great?", "Ann Lowe")]


def test_colon_introduction_beats_a_later_name():
    paras = ['Speaking in Leeds, club director Dan Holt told BBC Sport: "Sam was superb with the players and very humble." Sam Reyes has also agreed to coach.']
    assert _pairs(extract_quotes(paras)) == [("Sam was superb with the players and very humble.", "Dan Holt")]


def test_description_with_name_in_apposition_after_inverted_verb():
    quotes = extract_quotes(['"We carry on," said the festival\'s executive director, Craig Prater.'])
    assert _full(quotes) == [("We carry on", "Craig Prater", "festival's executive director")]


def test_qualified_group_speakers_kept_as_written():
    paras = ['A senior source at the club told the BBC: "This time it is different."', 'A spokesman for the supporters club said: "We see no change."']
    assert _pairs(extract_quotes(paras)) == [
        ("This time it is different.", "A senior source at the club"),
        ("We see no change.", "A spokesman for the supporters club"),
    ]


def test_possessive_group_speaker_and_capitalised_states_is_no_verb():
    paras = ['In a broadcast, President Castro\'s chief aide said it was needed because of the United States\' "economic aggression". "It applies only to the dollar," he said.']
    assert _pairs(extract_quotes(paras)) == [
        ("economic aggression", "President Castro's chief aide"),
        ("It applies only to the dollar", "President Castro's chief aide"),
    ]


def test_innermost_speaker_of_reported_words():
    paras = ['Prime Minister Tony Blair denied the claims in a new book by Robert Peston. According to Mr Peston the prime minister told Gordon Brown: "Help me get through the year."']
    assert _pairs(extract_quotes(paras)) == [("Help me get through the year.", "Tony Blair")]


def test_the_prime_minister_is_not_the_deputy_prime_minister():
    paras = ["Deputy Prime Minister John Prescott hosted the dinner. Prime Minister Tony Blair spoke later.", 'But the prime minister dismissed the claims as a "load of nonsense".']
    assert _pairs(extract_quotes(paras)) == [("load of nonsense", "Tony Blair")]


def test_clause_before_a_colon_names_the_speaker():
    quotes = extract_quotes(['Drummer Larry Mullen Jr echoed those sentiments: "We are very competitive."'])
    assert _full(quotes) == [("We are very competitive.", "Larry Mullen Jr", "Drummer")]


def test_the_mayor_refers_back_to_a_name_introduced_with_that_role():
    paras = ["Tony Blair has urged London mayor Ken Livingstone to apologise.", 'Reporter Oliver Finegold asked him a question. The mayor then says: "You are like a guard."']
    assert _pairs(extract_quotes(paras)) == [("You are like a guard.", "Ken Livingstone")]


def test_open_straight_quote_ends_before_a_colon_introduction():
    paras = ['Alan Milburn said: "His speech confirms our view. In reference to the family, Mr Milburn said: "He is entitled to pose."']
    assert _pairs(extract_quotes(paras)) == [("His speech confirms our view.", "Alan Milburn"), ("He is entitled to pose.", "Alan Milburn")]


def test_subject_of_reported_words_is_not_the_next_she():
    paras = ['Best actress winner Imelda Staunton told the BBC that Vera Drake was the highlight of her career. Her role has led to awards. She said: "Never did I think this."']
    assert _pairs(extract_quotes(paras)) == [("Never did I think this.", "Imelda Staunton")]


# --- generalised attribution rules ------------------------------------------------------


def _full4(quotes: list[FoundQuote]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(q.text, q.speaker, q.speaker_role, q.organisation) for q in quotes]


def test_job_word_before_surname_is_the_person_introduced_in_full():
    paras = [
        "Tom Riley scored twice as Harlow beat Stortford 2-0.",
        'Matchwinner Riley was delighted. "It was a great night for the club," said the Harlow striker.',
    ]
    assert _full4(extract_quotes(paras)) == [("It was a great night for the club", "Tom Riley", "Matchwinner", None)]


def test_surname_takes_the_full_name_said_inside_a_quote():
    paras = [
        '"The cross from Dean Marsh was perfect," said manager Paul Stone.',
        'Man-of-the-match Marsh was modest. "I just did my job," said the Leeds star.',
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("The cross from Dean Marsh was perfect", "Paul Stone"),
        ("I just did my job", "Dean Marsh"),
    ]


def test_possessive_organisation_before_role_and_name():
    paras = [
        "Halvern's chief economic advisor Roger Pike said: \"Growth will slow this year.\"",
        '"Search is changing fast," said Zentrix\'s Okoro Vantel.',
    ]
    assert _full4(extract_quotes(paras)) == [
        ("Growth will slow this year.", "Roger Pike", "Halvern's chief economic advisor", "Halvern"),
        ("Search is changing fast", "Okoro Vantel", "Zentrix's", "Zentrix"),
    ]


def test_unknown_given_names_with_role_before_or_apposition():
    paras = [
        '"There is no reason for the delay," said RNID technology director, Guido Gybels.',
        'Yonca Brunini, director of search at Lumo, said: "Personalisation is the future."',
        '"We will invest more," said Lumo vice-president of operations Urs Holzle.',
    ]
    assert _full4(extract_quotes(paras)) == [
        ("There is no reason for the delay", "Guido Gybels", "RNID technology director", "RNID"),
        ("Personalisation is the future.", "Yonca Brunini", "director of search at Lumo", "Lumo"),
        ("We will invest more", "Urs Holzle", "Lumo vice-president of operations", "Lumo"),
    ]


def test_organisation_name_with_and_then_the_ministry_and_it():
    paras = [
        '"Conditions will remain weak," the Finance and Economy Ministry said in a statement.',
        'It blamed "fluctuating oil prices and weak demand at home". "Growth will recover next year," the ministry said.',
    ]
    name = "Finance and Economy Ministry"
    assert _full4(extract_quotes(paras)) == [
        ("Conditions will remain weak", name, None, name),
        ("fluctuating oil prices and weak demand at home", name, None, name),
        ("Growth will recover next year", name, None, name),
    ]


def test_abbreviation_names_the_body_introduced_in_full():
    paras = ['The National Film Board (NFB) praised the festival. "It was a superb year for cinema," the NFB said.']
    assert _full4(extract_quotes(paras)) == [
        ("It was a superb year for cinema", "National Film Board", None, "National Film Board"),
    ]


def test_jury_is_a_group_speaker():
    paras = ['"The jury was split on the final award," the five-strong Berlin jury declared.']
    assert _pairs(extract_quotes(paras)) == [("The jury was split on the final award", "Berlin jury")]


def test_sentence_opening_with_a_preposition_has_no_subject_for_she():
    paras = [
        "Mark Hale leads the festival. Ana Ruiz, producer of the show Later... With Jools Holland, booked the band.",
        '"They played like headliners," she said.',
    ]
    assert _pairs(extract_quotes(paras)) == [("They played like headliners", "Ana Ruiz")]


def test_herself_gives_a_gender():
    paras = [
        "Rooting for Staunton was Cate Blanchett, herself nominated for an award.",
        'The Australian-born actress joked: "It is tight but I love it."',
    ]
    assert _pairs(extract_quotes(paras)) == [("It is tight but I love it.", "Cate Blanchett")]


def test_time_phrase_between_subject_and_verb():
    paras = [
        "Michael Howard leads the party.",
        'Mr Howard last week said his team had reached a "collective view" after a "good discussion".',
    ]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [("collective view", "Michael Howard"), ("good discussion", "Michael Howard")]
    assert [q.kind for q in quotes] == ["quote", "quote"]


def test_words_qualifying_a_job_before_a_trailing_speaker():
    paras = ['The band had "no other course of action" but to ask him to leave, lead singer Gary Lightbody has said.']
    assert _pairs(extract_quotes(paras)) == [("no other course of action", "Gary Lightbody")]


def test_lower_case_description_and_digit_led_name():
    paras = ['"Our worry is the optimistic view of the budget," consultancy 4Cast said in a report.']
    assert _pairs(extract_quotes(paras)) == [("Our worry is the optimistic view of the budget", "4Cast")]


def test_unclosed_quote_ends_before_a_narration_sentence_that_opens_another():
    paras = [
        "Jane Hutt was replaced by Brian Gibbons.",
        'Ms Hutt defended her record, saying lists were "only 10% of the health agenda. Dr Gibbons, who was a GP in '
        'Neath, in the Afan Valley, before becoming AM, said staff wanted a rest after "tremendous change and reform".',
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("only 10% of the health agenda.", "Jane Hutt"),
        ("tremendous change and reform", "Brian Gibbons"),
    ]


def test_attribution_with_the_verb_left_out():
    paras = ["Deloitte economist Roger Pike expects a slowdown.", '"Next year will be harder for the economy," Mr Pike.']
    assert _pairs(extract_quotes(paras))[-1] == ("Next year will be harder for the economy", "Roger Pike")


def test_run_together_quotes_continue_the_opening_speaker():
    paras = [
        'Robbie Keane scored the winner. "It was a great ball from Damien," said Keane. "I always try to be there. '
        '"The conditions were hard but we kept going."'
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Robbie Keane", "Robbie Keane"]


# --- general attribution rules (inverted role phrases, salience, titles, continuation) ---


def test_inverted_verb_takes_the_last_name_after_a_role_phrase():
    paras = [
        "Peter Hale hosts the Morning Show.",
        "“We are proud of the list,” said Hale. “It was a hard year,” said Morning Show and Evening Show executive producer Alice Grant.",
        "“The plan is flawed,” said Green Party transport spokesman Tom Bell.",
        "“It will not last,” said the Gazette's political editor Nina Ross.",
        "“He loved the sea,” said his wife, Mary.",
        "“We will appeal,” said the firm's chief executive Tom Li in a statement.",
    ]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Peter Hale", None),
        ("Alice Grant", "Morning Show and Evening Show executive producer"),
        ("Tom Bell", "Green Party transport spokesman"),
        ("Nina Ross", "Gazette's political editor"),
        ("Mary", "his wife"),
        ("Tom Li", "chief executive"),
    ]
    assert quotes[2].organisation == "Green Party"


def test_pronoun_skips_cast_lists_for_the_article_subject():
    paras = [
        "Novelist Harold Venn, who has died aged 80, wrote twelve thrillers.",
        "Venn worked as a teacher before turning to fiction. His first book sold a million copies.",
        "It was filmed in 1970, starring Frank Oates as a pilot and Leo Marsh as a doctor, alongside Ruth Penn "
        "and Ada Cole. The writer was known for his research. “I write slowly and I am never satisfied,” he once said.",
    ]
    assert _pairs(extract_quotes(paras)) == [("I write slowly and I am never satisfied", "Harold Venn")]


def test_party_adjective_before_a_role_is_not_a_person():
    paras = [
        "Lib Dem education spokesman Paul Crane said: “The bill is badly drafted.” A spokeswoman for Open Rights "
        "Watch said it was a “basic error” to rush it. She added: “Nobody has read the detail.”"
    ]
    quotes = extract_quotes(paras)
    assert [(q.speaker, q.speaker_role, q.organisation) for q in quotes] == [
        ("Paul Crane", "Lib Dem education spokesman", "Lib Dem"),
        ("A spokeswoman for Open Rights Watch", None, "Open Rights Watch"),
        ("A spokeswoman for Open Rights Watch", None, "Open Rights Watch"),
    ]


def test_title_then_name_in_apposition():
    quotes = extract_quotes(["The Shadow Secretary of State for Transport, Anne Hill, said: “These plans were announced last year.”"])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Anne Hill", "Shadow Secretary of State for Transport")]


def test_colon_introduction_continues_over_closed_quotes():
    paras = [
        "Jane Rowe said: “First point.” She said costs would rise. “Second point.” The bill, drafted by Tom Fry, "
        "passed last year. “Third point.”",
        "“Fourth point.”",
        "Tom Fry disagreed. “Not at all,” he said.",
    ]
    quotes = extract_quotes(paras)
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("First point.", "Jane Rowe", "quote"),
        ("Second point.", "Jane Rowe", "quote"),
        ("Third point.", "Jane Rowe", "quote"),
        ("Fourth point.", "Jane Rowe", "quote"),
        ("Not at all", "Tom Fry", "quote"),
    ]


def test_other_subject_forms():
    cases = [
        (["Harold Venn started writing late.", "“I was tired. I was lost...” Venn later recalled. The film was a hit."],
         [("I was tired. I was lost...", "Harold Venn")]),
        (["Shadow Home Secretary Mark Dean spoke on the radio. He went on to say: “We will vote against the bill.”"],
         [("We will vote against the bill.", "Mark Dean")]),
        (["Carl Dunn denies fraud. The star witness, former finance chief Sam Ortiz, has said that Mr Dunn ordered "
          "the changes, telling him to “fix the books”."],
         [("fix the books", "Carl Dunn")]),
        (["Former champion Ray Lowe has criticised young sprinters.", "“They lack pride,” the world 100m and 200m record holder told Radio Five."],
         [("They lack pride", "Ray Lowe")]),
        (["“Our money must be invested,” the newspaper quotes a source close to the Chinese firm."],
         [("Our money must be invested", "a source close to the Chinese firm")]),
    ]
    for paras, want in cases:
        assert _pairs(extract_quotes(paras)) == want, paras


# --- attribution classes (general mechanisms, own texts) ------------------------------


def test_person_from_organisation_is_the_speaker():
    paras = [
        "The scheme is run by GreenGrid. Laura Penrose from GreenGrid told local radio how the meters work. "
        "“Each meter reports once an hour. Nobody has to read it by hand.”",
        "“We are the voice of small shops,” said Owen Marsh of the Traders Union.",
    ]
    got = extract_quotes(paras)
    assert _pairs(got) == [
        ("Each meter reports once an hour. Nobody has to read it by hand.", "Laura Penrose"),
        ("We are the voice of small shops", "Owen Marsh"),
    ]
    assert got[0].organisation == "GreenGrid"


def test_agent_noun_before_a_name_is_a_role():
    paras = [
        "Staff gathered outside the plant on Friday. “It feels like a funeral,” the agency quoted "
        "Brightway worker Alan Pike as saying.",
        "“We have waited long enough,” said 19-year-old history student Rosa Keane.",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("It feels like a funeral", "Alan Pike"),
        ("We have waited long enough", "Rosa Keane"),
    ]


def test_surname_names_the_namesake_introduced_before_it():
    paras = [
        "Sarah Quinn opened the debate on Monday. Ms Quinn claimed the party had made a “flying start”.",
        "The tactics were borrowed from abroad, where Laura Quinn, an adviser to another party, won three elections.",
    ]
    got = extract_quotes(paras)
    assert [(q.text, q.speaker) for q in got] == [("flying start", "Sarah Quinn")]


def test_named_description_unresolved_is_kept_whole():
    paras = ["“She will be back,” whispered the Green Party organiser as the hall emptied."]
    assert _pairs(extract_quotes(paras)) == [("She will be back", "the Green Party organiser")]


def test_office_description_refers_back_to_the_speaker():
    paras = [
        "Backbencher Derek Lowe said the campaign was too long. Mr Lowe argued the leader should tour more.",
        "The MP for Northfield and Hale said the chancellor had been “working very hard” on the budget. "
        "But the chancellor had been “wounded” by the row, he added.",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("working very hard", "Derek Lowe"),
        ("wounded", "Derek Lowe"),
    ]


def test_pronoun_after_quote_skips_subject_of_reported_words():
    paras = [
        "Anna Reyes, the club's captain, spoke after the match. Coach Mary Dawes had been “badly let down” "
        "by the referee, she added."
    ]
    assert _pairs(extract_quotes(paras)) == [("badly let down", "Anna Reyes")]


def test_coordinated_verb_with_group_subject_introduces_quote():
    paras = [
        "A Green Party spokesman played down the row with Mr Lowe and said the leader would campaign everywhere. "
        "“This vote is about the future of our towns.”"
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("This vote is about the future of our towns.", "A Green Party spokesman"),
    ]


def test_standalone_quote_follows_latest_reported_speaker():
    paras = [
        "“He is not done,” said Paul Grey. Tom Ashby had already left his notes, "
        "claiming the attacks were mere noise. And then he stepped forward. "
        "“One day you will tell your children you were here.”"
    ]
    got = _pairs(extract_quotes(paras))
    assert got[-1] == ("One day you will tell your children you were here.", "Tom Ashby")


# --- generalisation fixes (texts made up for these tests) ------------------------------


def test_surname_ending_in_man_after_role_is_the_speaker():
    paras = [
        "She must attend Alcoholics Anonymous. The band's lawyer Peter Goldman said she had "
        "“changed her ways” and was “calm and rested”."
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("changed her ways", "Peter Goldman"),
        ("calm and rested", "Peter Goldman"),
    ]


def test_honorific_before_title_word_surname():
    paras = [
        "Musician Laura King met the singer in 2003. Ms King said the singer "
        "“pushed the door into my face” in an “angry and erratic” attack."
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("pushed the door into my face", "Laura King"),
        ("angry and erratic", "Laura King"),
    ]


def test_x_of_y_organisation_kept_whole():
    paras = ["Last year the Royal College of Surgeons said there was already an “epidemic” of knife crime."]
    assert _pairs(extract_quotes(paras)) == [("epidemic", "Royal College of Surgeons")]


def test_acronym_speaker_takes_full_name_from_article():
    paras = [
        "Rents rose again, the National Union of Tenants found.",
        "Increases in the north were more “modest”, NUT added.",
    ]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [("modest", "National Union of Tenants")]


def test_acronym_in_brackets_after_subject():
    paras = ["The British Chambers of Trade (BCT) said it was “worried by the noise” over rates."]
    assert _pairs(extract_quotes(paras)) == [("worried by the noise", "British Chambers of Trade")]


def test_capitalised_title_description_resolves_to_named_holder():
    paras = [
        "But Tory Mark Hollis said his party offered a “real alternative”. The Conservative Party "
        "Co-Chairman said ministers had “done nothing for a decade” on the issue."
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("real alternative", "Mark Hollis"),
        ("done nothing for a decade", "Mark Hollis"),
    ]


def test_unnamed_group_speaker_not_replaced_by_earlier_organisation():
    paras = [
        "On Monday, the Federal Statistics Office said output fell. "
        "“Yes, we are in a recession,” a government minister said on radio."
    ]
    assert _pairs(extract_quotes(paras)) == [("Yes, we are in a recession", "a government minister")]


def test_unnamed_title_resolved_by_next_sentence_that_names_them():
    paras = [
        "This week a judge claimed cheap drink was creating “street wolves” in towns. "
        "Judge Alan Brooke QC made his remarks as he jailed two men."
    ]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [("street wolves", "Alan Brooke")]
    assert quotes[0].kind == "quote"


def test_description_verb_with_adverb_governs_short_quote():
    paras = ["Striker Leon Marsh scored twice. And Marsh afterwards described the display as “lovely to watch”."]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [("lovely to watch", "Leon Marsh")]
    assert quotes[0].kind == "quote"


def test_what_she_called_goes_to_clause_subject():
    paras = [
        "Lucy Hart said the show was hard. Feminist icon Germaine Dole quit the show over what she "
        "called “bullying” by producers."
    ]
    assert _pairs(extract_quotes(paras))[-1] == ("bullying", "Germaine Dole")


def test_participle_without_comma_takes_clause_subject():
    paras = ["Stallard, 71, appeared not to have enjoyed the week saying: “I am a total wreck, I need a rest.”"]
    assert _pairs(extract_quotes(paras)) == [("I am a total wreck, I need a rest.", "Stallard")]


def test_document_subjects_speak():
    paras = [
        "Her lawsuit, filed in a San Diego court, said she “never cheated”. "
        "The claims, the suit added, were “false and cruel”."
    ]
    assert _pairs(extract_quotes(paras)) == [("never cheated", "Her lawsuit"), ("false and cruel", "Her lawsuit")]


def test_evaluative_verb_subject_owns_partial_quotes():
    paras = ["Rob Tamsin hit the headlines in May. He apologised for his “shameful conduct” on Friday."]
    quotes = extract_quotes(paras)
    assert _pairs(quotes) == [("shameful conduct", "Rob Tamsin")]
    assert quotes[0].kind == "quote"


def test_emphatic_reflexive_makes_surname_the_antecedent():
    paras = [
        "When Lee Tarrant lost again, he shrugged. According to the players and even Morello himself, "
        "the Italian star is in another league.",
        "“Right now I feel it,” he told reporters.",
    ]
    quotes = extract_quotes(["Pietro Morello won the final."] + paras)
    assert _pairs(quotes) == [("Right now I feel it", "Pietro Morello")]


def test_relative_named_by_first_name_is_not_a_later_namesake():
    paras = [
        "The speech had been introduced by his son Tom, a student, who praised his father. "
        "“He has always meant what he says,” he said.",
        "“It was a great day,” said 20-year-old student Tom Wickes.",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("He has always meant what he says", "Tom"),
        ("It was a great day", "Tom Wickes"),
    ]


# --- interview subjects, peers, written and institutional speakers ----------------------


def test_interview_quotes_go_to_the_article_subject():
    paras = [
        "Ten years after the death of singer Dan Corby, Mary Lowther - his former tour manager at Blue Sky Records - "
        "looks back on the man and his music.",
        "Lowther toured with Corby from 1988 until his death in 1995.",
        ": “I joined the label in 1988 and the first week I was on the road with him. It was a wild time.”",
        ": Dan was the hardest worker I have known. “He never missed a show. Dan would rehearse for hours.”",
        ": “The last album was his best, and it still sells today.”",
    ]
    quotes = extract_quotes(paras)
    assert [q.speaker for q in quotes] == ["Mary Lowther"] * 3


def test_orphan_quote_not_given_to_subject_when_someone_else_speaks():
    paras = [
        "Ten years after the death of singer Dan Corby, Mary Lowther looks back on his music.",
        "“He was a great talent,” said Paul Amis, a critic.",
        "The label did not comment.",
        "“The last album was his best.”",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Paul Amis", None]


def test_peer_title_is_part_of_the_name_and_went_on_continues():
    paras = [
        "Lord Harwood wants every court to have a witness room.",
        "Launching the plan, Lord Harwood said: “Victims come first.” He went on: “It can be done.”",
        "“Courts must change,” Harwood said.",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("Victims come first.", "Lord Harwood"),
        ("It can be done.", "Lord Harwood"),
        ("Courts must change", "Lord Harwood"),
    ]


def test_plural_firms_are_the_bodies_introduced_together():
    paras = [
        "Shares in Acme and Globex Industries fell on Monday as the firms halted sales of a drug.",
        "“The companies will review every case,” the two firms said in a statement.",
    ]
    assert _pairs(extract_quotes(paras)) == [("The companies will review every case", "Acme and Globex Industries")]


def test_minutes_speak_and_are_referred_back_to():
    paras = [
        "The Bank's minutes said that risks were “firmly to the downside” this month. "
        "However, the minutes added: “Some members saw a case for a rise.”",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("firmly to the downside", "The Bank's minutes"),
        ("Some members saw a case for a rise.", "The Bank's minutes"),
    ]


def test_statement_of_a_body_is_the_body():
    paras = [
        "The Scottish Rugby Union is waiting for the referee's report.",
        "“He was sent off for a late tackle,” said an SRU statement.",
    ]
    assert _pairs(extract_quotes(paras)) == [("He was sent off for a late tackle", "Scottish Rugby Union")]


def test_short_form_spokesman_is_the_spokesman_first_introduced():
    paras = [
        "A spokesman for the Guild of Master Bakers (GMB) said the new loaf would arrive “within months”. "
        "The GMB spokesman described the trial as “a great success”. “It has driven interest,” he said.",
    ]
    speakers = [q.speaker for q in extract_quotes(paras)]
    assert speakers == ["A spokesman for the Guild of Master Bakers"] * 3


def test_group_speaker_with_relative_clause_outranks_earlier_person():
    paras = [
        "“Most banks simply upgrade,” said Dominic Varley, managing director of Retail Research. "
        "A spokesman for the Association of Card Issuers (Acis) which represents the industry said the risk was small. "
        "“There is no concern about viruses,” he said.",
    ]
    assert _pairs(extract_quotes(paras)) == [
        ("Most banks simply upgrade", "Dominic Varley"),
        ("There is no concern about viruses", "A spokesman for the Association of Card Issuers"),
    ]


def test_bare_surname_mention_keeps_previous_speaker_over_listed_players():
    paras = [
        "“We think it's a big injury,” said Marco Vieri, whose team meet Porto on Tuesday.",
        "Youngsters Ben Hadley, Joe Kemble and Sam Tolley would be options should Vieri decide to call up "
        "a replacement. The injury also means Vieri, who wants to sign a defender, will not have a left-back.",
        "“He has no chance of playing against Porto,” he said.",
    ]
    assert [q.speaker for q in extract_quotes(paras)] == ["Marco Vieri", "Marco Vieri"]


def test_capitalised_affiliation_before_a_given_name_is_a_role():
    paragraphs = [
        "Liberal Democrat Paul Tyler said: \u201cWe are providing a consensus on reform.\u201d",
        "\u201cThe problem is there is no agreement,\u201d he added.",
    ]
    quotes = extract_quotes(paragraphs)
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Paul Tyler", "Liberal Democrat"),
        ("Paul Tyler", "Liberal Democrat"),
    ]


# --- descriptions, named holders, group subjects, predicate quotes ----------------------


def test_description_then_name_in_apposition_after_inverted_verb():
    quotes = extract_quotes(["“We like the plan,” said Kestrel spokeswoman, Mira Dalton."])
    assert _pairs(quotes) == [("We like the plan", "Mira Dalton")]
    assert quotes[0].speaker_role == "Kestrel spokeswoman"
    quotes = extract_quotes(["“We like the plan,” said a spokesman for Kestrel, Tomas Reid."])
    assert _pairs(quotes) == [("We like the plan", "Tomas Reid")]
    assert quotes[0].speaker_role == "spokesman for Kestrel"


def test_qualified_description_then_name_before_verb():
    quotes = extract_quotes(["A spokesman for Kestrel, Tomas Reid, said: “We like the plan.”"])
    assert _pairs(quotes) == [("We like the plan.", "Tomas Reid")]
    assert quotes[0].speaker_role == "spokesman for Kestrel"
    quotes = extract_quotes(["“We like it,” a Kestrel spokeswoman, Mira Dalton, said."])
    assert (quotes[0].speaker, quotes[0].speaker_role) == ("Mira Dalton", "Kestrel spokeswoman")


def test_title_of_body_then_unknown_given_name_in_apposition():
    quotes = extract_quotes(["The chairman of the league's finance committee, Oyelaran Bose, said costs were “out of control”."])
    assert _pairs(quotes) == [("out of control", "Oyelaran Bose")]


def test_unnamed_description_linked_to_next_sentence_holder():
    paras = [
        "The Riverside Tenants Union (RTU) meets on Monday. But a spokesman said the meeting was “not a protest”. "
        "“We only want answers,” RTU spokesman Dr Paulo Brandt said."
    ]
    assert _pairs(extract_quotes(paras)) == [("not a protest", "Paulo Brandt"), ("We only want answers", "Paulo Brandt")]


def test_unnamed_description_not_linked_to_another_bodys_holder():
    paras = [
        "The Greens will vote against. “It is a bad bill,” a spokesman said. "
        "Tory transport spokesman Hal Pruitt said: “It is a good bill.”"
    ]
    assert _pairs(extract_quotes(paras)) == [("It is a bad bill", "a spokesman"), ("It is a good bill.", "Hal Pruitt")]


def test_many_as_subject_of_participle_and_no_capitalised_noun_speaker():
    quotes = extract_quotes(["Anger over the closures has grown, with many saying the decision was “reckless”."])
    assert _pairs(quotes) == [("reckless", "many")]
    quotes = extract_quotes(["Anger over the closures has grown, saying the decision was “reckless”."])
    assert quotes[0].speaker is None


def test_bare_verb_after_plural_subject_or_auxiliary():
    quotes = extract_quotes(["Ministers debate a bill which critics claim would ban protests “by stealth”."])
    assert _pairs(quotes) == [("by stealth", "critics")]
    paras = ["“Expect a weak month,” said economist Lena Ruiz. But she did add that prices should “stabilise” in spring."]
    assert _pairs(extract_quotes(paras)) == [("Expect a weak month", "Lena Ruiz"), ("stabilise", "Lena Ruiz")]
    assert [q.kind for q in extract_quotes(["Rates add to “severe” strain."])] == ["fragment"]


def test_quote_that_is_the_verb_phrase():
    quotes = extract_quotes(["Mr Olsen resigned on Friday. A party spokesman “flatly denied” any wrongdoing."])
    assert _pairs(quotes) == [("flatly denied", "A party spokesman")]
    assert quotes[0].kind == "quote"
    quotes = extract_quotes(["The island was “uniquely placed” to help."])
    assert quotes[0].speaker is None


def test_real_articles_run_without_the_safety_net():
    """The catch-all in extract_quotes must not be what keeps real news from crashing."""
    import json
    from pathlib import Path

    from newsletter.quotes import _extract

    data = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-news-summary-dev.jsonl"
    if not data.exists():
        pytest.skip("../shared/data is not beside the repository")
    found = 0
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            found += len(_extract([p for p in text.split("\n\n") if p.strip()]))
    assert found > 1000


# --- forms met in US wire copy (whole articles on one line) ------------------------------


@pytest.mark.parametrize(
    "paragraph, speakers",
    [
        ("“No arrests are being made,” State College Police Lt. Keith Robb said.", ["Keith Robb"]),
        ("“I’m just delighted,” Jim Green, director of NASA’s planetary science division said on Monday.", ["Jim Green"]),
        ("“I was very surprised,” former Ambassador to Kenya and Air Force General Scott Gration told CNN.", ["Scott Gration"]),
        ("“It did him a disservice,” says current Apple CEO Tim Cook in the new book.", ["Tim Cook"]),
        ("“They called it the ‘C’ word,” said Beth Kallmyer of the Alzheimer’s Association.", ["Beth Kallmyer"]),
        ("Meet Parisa Tabriz, a hacker at Google. “When I started, I was bored,” she said.", ["Parisa Tabriz"]),
        ("Denmark’s Minister for Foreign Affairs Martin Lidegaard spoke. “Russia knows,” Lidegaard said.", ["Martin Lidegaard"]),
        ("Huskins’ father, Michael, made an appeal: “Don’t hurt her.”", ["Michael Huskins"]),
        ("His wife, Sheila, said: “He loved it.”", ["Sheila"]),
        ("At one point, Hilton told a flight attendant that “I am going to kill you,” according to the court papers.", ["Hilton"]),
        ("Prices will rise by “at least 5%”, according to the Bank of England.", ["Bank of England"]),
        ("“Let’s Go,” Messi posted on Instagram.", ["Messi"]),
    ],
)
def test_wire_copy_attributions(paragraph, speakers):
    quotes = extract_quotes([paragraph])
    assert [q.speaker for q in quotes] == speakers
    assert all(q.kind == "quote" for q in quotes)


def test_according_to_source_is_a_speaker_for_a_later_pronoun():
    quotes = extract_quotes([
        "Jim Green, a NASA director, praised the mission. Dawn will fly close to Ceres, according to "
        "Robert Mase, project manager for the mission. “That’s about 10 times closer than the moon,” he said."
    ])
    assert [q.speaker for q in quotes] == ["Robert Mase"]


def test_definite_job_title_names_the_holder_introduced_before():
    quotes = extract_quotes([
        "Presidential spokesman Dmitry Peskov sought to allay questions. “No need to worry,” Peskov said. "
        "“I am going to ask people to organise a contest,” the Kremlin spokesman said."
    ])
    assert [q.speaker for q in quotes] == ["Dmitry Peskov", "Dmitry Peskov"]


def test_bare_surname_shared_by_two_people_is_the_first_introduced():
    quotes = extract_quotes([
        "Serena Williams returned to Indian Wells. Her father, Richard Williams, had stayed away. "
        "Williams said afterward, “Today was a wonderful day for me.”"
    ])
    assert [q.speaker for q in quotes] == ["Serena Williams"]


def test_titles_closing_a_sentence_are_fragments():
    quotes = extract_quotes(["He was named host of “The Daily Show.” He starts in May."])
    assert [(q.text, q.kind) for q in quotes] == [("The Daily Show.", "fragment")]


def test_parenthetical_attribution_is_not_said_by_the_clause_subject():
    quotes = extract_quotes([
        "Benjamin Netanyahu spoke at a rally on Monday. Opposition leaders Isaac Herzog and Tzipi Livni, "
        "he alleged, are “ready to surrender.”"
    ])
    assert [q.speaker for q in quotes] == ["Benjamin Netanyahu"]


def test_unnamed_spokesman_is_the_one_spokesman_named_later():
    quotes = extract_quotes([
        "Putin’s spokesman said his handshake “can break a hand.” Last week, presidential spokesman "
        "Dmitry Peskov sought to allay questions."
    ])
    assert [q.speaker for q in quotes] == ["Dmitry Peskov"]
    quotes = extract_quotes([
        "A Downing Street spokesman said it was “a shame”. Labour spokesman John Smith said it was “fine”."
    ])
    assert [q.speaker for q in quotes] == ["A Downing Street spokesman", "John Smith"]


def test_an_offices_remit_is_role_not_name():
    quotes = extract_quotes([
        "Denmark's Minister for Foreign Affairs Martin Lidegaard said the remarks were unacceptable. "
        "“Russia knows full well,” Lidegaard said. The report paints a picture of “merciless devastation "
        "of civilian lives,” said UN High Commissioner for Human Rights Zeid Ra'ad Al Hussein. “Many have "
        "been trapped,” Zeid said."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Martin Lidegaard", "Minister for Foreign Affairs"),
        ("Zeid Ra'ad Al Hussein", "UN High Commissioner for Human Rights"),
        ("Zeid Ra'ad Al Hussein", "UN High Commissioner for Human Rights"),
    ]


def test_said_yonca_brunini_of_yahoo_keeps_the_person():
    quotes = extract_quotes(["“People search more,” said Yonca Brunini of Yahoo."])
    assert [q.speaker for q in quotes] == ["Yonca Brunini"]


def test_body_named_with_a_possessive_office():
    quotes = extract_quotes([
        "On Monday, the Marin County Sheriff's Office named the deceased. It said she had been hiking "
        "“when a structural collapse of the rock occurred.” “It was an accident,” said the Los Angeles "
        "County Sheriff's Department."
    ])
    assert [q.speaker for q in quotes] == ["Marin County Sheriff's Office", "Los Angeles County Sheriff's Department"]


def test_documents_speak_as_written_and_as_introduced():
    quotes = extract_quotes([
        "The pilot “noticed the smoke detector had been stuffed with paper,” court papers said. "
        "Members shared photos of “unsuspecting victims,” according to a copy of a police affidavit. "
        "The drugs allegedly included “marijuana and some cocaine,” the affidavit said."
    ])
    # ("the affidavit" as written: an earlier "a …" description says no more)
    assert [q.speaker for q in quotes] == ["court papers", "a police affidavit", "the affidavit"]


def test_the_sheriffs_office_is_the_one_named_before():
    quotes = extract_quotes([
        "On Monday, the Marin County Sheriff's Office named the deceased. “The cause of death will be pending,” "
        "the sheriff's office said."
    ])
    assert [q.speaker for q in quotes] == ["Marin County Sheriff's Office"]


def test_partial_quote_in_a_sentence_whose_subject_acts():
    quotes = extract_quotes([
        "Scott Walker spoke in Iowa. On domestic policy, he laid out his vision for a system in which success "
        "is measured by “how many people are no longer dependent on the government.” The plan includes "
        "“a new tax on sugary drinks and snacks.”"
    ])
    assert [q.speaker for q in quotes] == ["Scott Walker", None]


def test_nickname_in_quote_marks_inside_a_name():
    quotes = extract_quotes([
        "Another player - Jimmy “the Whirlwind” White - has admitted missing lessons. “Tony Meo and me used "
        "to spend all of our spare time there,” Mr White said."
    ])
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("the Whirlwind", None, "fragment"),
        ("Tony Meo and me used to spend all of our spare time there", "Jimmy White", "quote"),
    ]


def test_first_person_words_after_a_sentence_about_someone_are_theirs():
    quotes = extract_quotes([
        "By any measure, New Yorker Dick Morris is a winner. He has worked for Viktor Yushchenko.",
        "On this subject, Morris appears almost evangelical.",
        "“I was on a cruise in the Mediterranean and so was the party's leader.”",
    ])
    assert [q.speaker for q in quotes] == ["Dick Morris"]


def test_the_king_continued_is_the_king_named_before():
    quotes = extract_quotes([
        "King Abdullah II, a supporter of the coalition, said Jordan would be relentless. He felt “disgust, "
        "sadness for the family” and his “heart went out to the father,” the King continued."
    ])
    assert [q.speaker for q in quotes] == ["Abdullah II", "Abdullah II"]


def test_attribution_closing_a_sentence_covers_every_quote_in_it():
    quotes = extract_quotes([
        "Jordan has a “responsibility to reach out to eastern Syria” and to western Iraq where people have "
        "been “executed in large numbers” by ISIS, Abdullah insisted."
    ])
    assert [q.speaker for q in quotes] == ["Abdullah", "Abdullah"]


def test_he_answered_is_the_person_asked():
    quotes = extract_quotes([
        "King Abdullah II spoke to CNN's Fareed Zakaria. Zakaria asked Abdullah if Jordan's action has lived "
        "up to that rhetoric. “It is not something that happens overnight,” he answered."
    ])
    assert [q.speaker for q in quotes] == ["Abdullah II"]


def test_sentence_adverbs_are_never_names():
    quotes = extract_quotes([
        "Similarly, Belgium's equality institute, a public body, said the image “incited sexual intimidation "
        "of women and girls.” The campaign missed a chance, said Olympic road race champion, Nicole Cooke."
    ])
    assert "Similarly" not in [q.speaker for q in quotes]


def test_an_agent_or_relative_speaks_for_themselves_not_for_the_person_they_belong_to():
    quotes = extract_quotes([
        "Philip Pullman wrote the books. Pullman has denied his books are anti-religious. “It is fine,” his agent "
        "said. “We could use the money,” Mr Nogar's son Stephen said. Mr Nogar made tapes. “He called them his "
        "tapes,” his son said. “No comment,” the singer's lawyers said."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Pullman's agent", None),
        ("Stephen Nogar", "Mr Nogar's son"),
        ("Stephen Nogar", "Mr Nogar's son"),
        ("the singer's lawyers", None),
    ]


def test_the_spokesman_is_the_one_described_before_not_any_man():
    quotes = extract_quotes([
        "“This is music to the ears of racists,” said Massoud Shadjareh. Later, the prime minister's official "
        "spokesman urged people to put the comments into context. The minister had been saying that was not "
        "what was happening, the spokesman said.",
        "“What is happening is that those powers are aimed at suspects.”",
    ])
    assert [q.speaker for q in quotes] == ["Massoud Shadjareh", "the prime minister's official spokesman"]


def test_a_sentence_with_no_one_in_it_goes_on_with_the_words_reported_before():
    quotes = extract_quotes([
        "Cara Diemont is an analyst at Datamonitor.",
        "Suggestions that outsourcing is to blame are wrong, Ms Diemont says.",
        "There are “no big differences in wait time and call resolution” between call centres in Europe and "
        "those elsewhere.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [("Cara Diemont", "quote")]


def test_as_x_put_it():
    quotes = extract_quotes([
        "It might take a lot of fixing. As Gavin Cox of the buildyourown.org.uk website put it: “It will be "
        "tough to build a PC as compact as the Mac mini.”"
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Gavin Cox", "of the buildyourown.org.uk website")]


def test_a_request_is_not_the_quotes_speech_and_the_reverend_is_an_honorific():
    quotes = extract_quotes([
        "Steve Diggle is a scientist. Diggle said the team asked collaborators in the U.S. to test it “and "
        "basically the big surprise was that it works.” More than 20 ministers urged fans to boycott the "
        "concert. “Jonesboro is a wonderful city,” said the Reverend Adrian Rodgers. Isaacson told the New "
        "York Times that he tried to present a balanced view: “My book is very favorable,” he said."
    ])
    assert [q.speaker for q in quotes] == ["Steve Diggle", "Adrian Rodgers", "Isaacson"]


def test_heard_saying_and_unnamed_officers_are_never_someone_else():
    quotes = extract_quotes([
        "The rescuer hands baby Lily to a police officer. Lily is freezing. “Got it,” the officer is heard "
        "saying. “Come on, sweetie,” the officer implores. “We are almost there,” one rescuer is heard to say."
    ])
    assert [q.speaker for q in quotes] == ["the officer", "the officer", "one rescuer"]


def test_request_verbs_and_continued_without_a_subject_and_ordinals():
    quotes = extract_quotes([
        "Robin Cook gave evidence to the inquiry. He urged politicians to avoid negative campaigning and to "
        "“speak more from the heart”. Ms Tessa Jowell insisted: “We have a good record.” And continued: “We can "
        "be proud of it.” Third generation mobiles could drive upgrades, but Carolina Milanesi said it was hard "
        "to say when. “At the end of the day, people have cameras.”"
    ])
    assert [q.speaker for q in quotes] == ["Robin Cook", "Tessa Jowell", "Tessa Jowell", "Carolina Milanesi"]


def test_a_capitalised_title_before_a_name_is_a_role_not_a_body():
    quotes = extract_quotes(["“The mathematics impressed me most,” said CNN Safety Analyst David Soucie. But Soucie "
                             "is not optimistic."])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("David Soucie", "CNN Safety Analyst")]


def test_a_person_of_a_place_and_an_editorial():
    quotes = extract_quotes([
        "“Indiana needs to be told,” Sean Burke of Madison, Wisconsin, says in the petition. The Indianapolis "
        "Star ran an editorial. “Only bold action will do,” according to the editorial."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Sean Burke", "of Madison, Wisconsin"),
                                                              ("the editorial", None)]


def test_the_mayor_is_neither_the_deputy_mayor_nor_another_office_holder():
    quotes = extract_quotes([
        "Prime Minister Tony Blair called for an apology. On Sunday, Deputy Mayor Nicky Gavron told the BBC "
        "she believed Ken Livingstone would say sorry. The mayor accused a reporter of “doorstepping” him at "
        "an event."
    ])
    assert [q.speaker for q in quotes] == ["Ken Livingstone"]


def test_peers_nationalities_and_statements_name_the_person_introduced():
    quotes = extract_quotes([
        "Betty Boothroyd has said the Lords needs its own Speaker.",
        "Baroness Boothroyd said reforms lacked aims. “Now we have to take care of it ourselves,” she told the BBC.",
        "The Times said Australian Lynton Crosby told the leader to focus on seats. But Mr Crosby said in a "
        "statement: “I have never had any such conversation.” Mr Crosby's statement said: “The party has been "
        "making an impact.”",
    ])
    assert [q.speaker for q in quotes] == ["Betty Boothroyd", "Lynton Crosby", "Lynton Crosby"]


def test_titles_after_book_or_show_are_fragments_even_in_attributed_sentences():
    quotes = extract_quotes([
        "“Which groups do they dislike more?” said Stephen Biddle, the author of “Military Power: Explaining "
        "Victory and Defeat in Modern Battle.” “Many will recover,” Sanjay Gupta told viewers on “CNN Newsroom.”"
    ])
    assert [(q.text, q.kind) for q in quotes] == [
        ("Which groups do they dislike more?", "quote"),
        ("Military Power: Explaining Victory and Defeat in Modern Battle.", "fragment"),
        ("Many will recover", "quote"),
        ("CNN Newsroom.", "fragment"),
    ]


def test_a_surname_that_is_also_a_month():
    quotes = extract_quotes([
        "Guitarist Brian May expects to be on the road from April. May said: “Suddenly the band is rising "
        "again.” In May, officials said it was “not yet certain at all.”"
    ])
    assert [q.speaker for q in quotes] == ["Brian May", "officials"]


def test_a_bodys_short_name_in_brackets_names_the_body():
    quotes = extract_quotes([
        "The duo were cleared by the Greek Athletics Federation (Segas) last month. Segas said the appeal "
        "was “expected” and “understandable.”"
    ])
    assert [q.speaker for q in quotes] == ["Greek Athletics Federation", "Greek Athletics Federation"]


def test_first_person_words_after_quoted_as_saying():
    quotes = extract_quotes([
        "Peter Chernin runs the company. Video games are “big business”, the paper quoted Mr Chernin as "
        "saying. We “would like to get into it”."
    ])
    assert [q.speaker for q in quotes] == ["Peter Chernin", "Peter Chernin"]


def test_a_surname_after_its_organisation_in_the_possessive():
    quotes = extract_quotes([
        "“We are growing,” says Matthew Von Ertfelda, Marriott's vice president. Moxy is after “a sassy, "
        "determined consumer,” according to Marriott's Von Ertfelda. Rachael Johnson writes for Bitch "
        "Flicks. “It is a love song to consumerism,” said Bitch Flicks' Johnson."
    ])
    assert [q.speaker for q in quotes] == ["Matthew Von Ertfelda", "Matthew Von Ertfelda", "Rachael Johnson"]


def test_a_surname_that_opens_with_a_particle():
    quotes = extract_quotes([
        "Louis Van Gaal picked the side. “We lost,” said Van Gaal. “Fine,” said De Rossi. Simon Le Bon "
        "sang. “It's special,” Le Bon said."
    ])
    assert [q.speaker for q in quotes] == ["Louis Van Gaal", "De Rossi", "Simon Le Bon"]


def test_the_outgoing_office_holder_is_the_person_named_before():
    quotes = extract_quotes([
        "Neil Kinnock is to join the Lords. It was put to Mr Kinnock that he had once referred to Lords "
        "members as “brigands, muggers, bribers and gangsters”. But the outgoing European Commissioner "
        "said: “It was pointed out to me that reform needs advocates.”"
    ])
    assert [q.speaker for q in quotes] == ["Neil Kinnock", "Neil Kinnock"]


def test_went_on_to_claim_and_spoke_of():
    quotes = extract_quotes([
        "Andy Robinson said he was “livid” about it. The England coach went on to claim that “only one side "
        "was refereed”. Jonathan Baume, of the civil servants' union, spoke of “competing agendas”. Steve "
        "McCurry beams when he talks about “Afghan Girl.”"
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("Andy Robinson", "quote"), ("Andy Robinson", "quote"), ("Jonathan Baume", "quote"), ("Steve McCurry", "fragment")
    ]


def test_a_full_name_between_commas_then_a_long_role_with_commas():
    quotes = extract_quotes([
        "His creator, Richard Bowden, lecturer at the Centre for Vision, Speech and Signal Processing at "
        "the University of Surrey, refers to Jeremiah as “him”, rather than it."
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [("Richard Bowden", "quote")]


def test_a_dateline_before_the_first_subject():
    quotes = extract_quotes([
        "(CNN)Embattled Ferguson Police Chief Thomas Jackson resigned Wednesday. “It's a really hard pill to "
        "swallow,” Jackson said.",
    ])
    assert [q.speaker for q in quotes] == ["Thomas Jackson"]


def test_a_team_named_after_a_person_is_not_that_person():
    quotes = extract_quotes([
        "Manny “the Pacman” Pacquiao is the coach. Team Pacquiao trails by two points. “I can say it,” "
        "Pacquiao says."
    ])
    assert [q.speaker for q in quotes] == [None, "Manny Pacquiao"]


def test_a_role_word_opening_a_sentence_before_a_full_name():
    quotes = extract_quotes([
        "Farmer Geoff Brooks, a senior member of the hunt, said lives “revolved around hunting”. Human Rights "
        "Watch said it had found “abuses by militias”."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Geoff Brooks", "a senior member of the hunt"), ("Human Rights Watch", None)
    ]


def test_a_doctor_of_a_website_is_the_doctor():
    quotes = extract_quotes([
        "As Dr. Kevin Pho of KevinMD.com pointed out, “There's a lot of bad information on the Web.” “Forums "
        "are another tool,” added Dr. Natasha Burgert of KC Kids Doc."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Kevin Pho", "of KevinMD.com"), ("Natasha Burgert", "of KC Kids Doc")
    ]


def test_a_peer_with_a_territorial_title():
    quotes = extract_quotes([
        "Lord Nicholls of Birkenhead said: “Indefinite imprisonment is anathema.” Lord Hoffmann agreed. “It "
        "is bad,” Lord Nicholls added."
    ])
    assert [q.speaker for q in quotes] == ["Lord Nicholls of Birkenhead", "Lord Nicholls of Birkenhead"]


def test_a_mountain_range_never_speaks():
    quotes = extract_quotes([
        "The plane plunged into the French Alps. Lubitz told his school that he had a “previous episode of "
        "severe depression,” the airline said Tuesday."
    ])
    assert [q.speaker for q in quotes] == ["Lubitz"]


def test_a_body_with_the_inside_its_name():
    quotes = extract_quotes([
        "The Institute for the Study of War said there was “the presence of an Iranian general”. Troops "
        "left the Sambisa Forest. Human Rights Watch said the army “failed to take precautions”."
    ])
    assert [q.speaker for q in quotes] == ["Institute for the Study of War", "Human Rights Watch"]


def test_film_titles_with_a_number_or_in_a_list_are_fragments():
    quotes = extract_quotes([
        "Dakota Johnson is the star of the film “50 Shades of Grey.” “I wanted to embrace the past,” said "
        "Colleen Atwood, who earned Oscars for “Into the Woods,” “Snow White and the Huntsman” and “Sweeney "
        "Todd.”"
    ])
    assert [(q.text, q.kind) for q in quotes] == [
        ("50 Shades of Grey.", "fragment"),
        ("I wanted to embrace the past", "quote"),
        ("Into the Woods", "fragment"),
        ("Snow White and the Huntsman", "fragment"),
        ("Sweeney Todd.", "fragment"),
    ]


def test_an_agent_noun_before_a_full_name_is_the_role():
    quotes = extract_quotes([
        "Some chanted slogans. “It was a great group (with) great, great energy,” protester Markus Loehrer said."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Markus Loehrer", "protester")]


def test_a_regnal_number_does_not_hide_the_name_and_a_fronted_object_is_no_subject():
    quotes = extract_quotes([
        "King Abdullah II, a supporter of the coalition, then said Jordan would be relentless. The King spoke "
        "to CNN's Fareed Zakaria. To Zakaria, Abdullah reiterated his commitment to stop ISIS. He called its "
        "fighters “outlaws” who twist Islam."
    ])
    assert [q.speaker for q in quotes] == ["Abdullah II"]


def test_given_names_beyond_the_census_list_carry_their_gender():
    # "Brigitte" and "Christiane" come from the Faker part of data/given_names.txt
    quotes = extract_quotes([
        "Is he eyeing the seat, Christiane Amanpour asked, that Stewart will leave? “It will be glorious,” "
        "he said of Bassem Youssef's chances.",
        "Sylvester Stallone's ex-wife Brigitte Nielsen nominated John and Bez, after Jackie Stallone left. "
        "She said: “Bez is a difficult human being.”",
    ])
    assert [q.speaker for q in quotes][1] == "Brigitte Nielsen"
    assert quotes[0].speaker != "Christiane Amanpour"


def test_given_name_data_is_well_formed():
    path = Path(__file__).resolve().parent.parent / "newsletter" / "data" / "given_names.txt"
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert all(len(r) == 2 and r[0].isalpha() and r[0].islower() and r[1] in {"m", "f", "u"} for r in rows)
    names = [r[0] for r in rows]
    assert len(names) == len(set(names)) > 10000
    assert not {"isis", "paris", "london", "will"} & set(names)


def test_a_title_or_a_description_then_the_name_in_apposition():
    quotes = extract_quotes([
        "The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats, said: “This investigation "
        "has resulted in the significant disruption of organised criminals.” Chief Supt Deats went on to warn: "
        "“The internet offers huge legitimate benefits.”",
        "“I stood up and jumped on the man,” a witness, Jang Yoon Seok, told CNN affiliate YTN.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Mick Deats", "Acting Detective Chief Superintendent"),
        ("Mick Deats", "Acting Detective Chief Superintendent"),
        ("Jang Yoon Seok", "witness"),
    ]


def test_a_smile_or_a_laugh_reports_words():
    quotes = extract_quotes([
        "Lewis Hamilton thanked his fans. “I always say we win and lose together,” he smiled. “It is a "
        "joke,” Nico Rosberg laughed."
    ])
    assert [q.speaker for q in quotes] == ["Lewis Hamilton", "Nico Rosberg"]


def test_a_bare_surname_after_and_is_a_mention_but_not_after_the():
    quotes = extract_quotes([
        "Adi Shankar produced the film with Joseph Kahn. Kahn said he was drawn to it. And Shankar? Even his "
        "look upsets stereotypes, a look he adopted “because I don't want to be a stereotype,” he told CNN.",
        "“I can say this is one of the most important fights,” Manny Pacquiao says of Floyd Mayweather Jr. "
        "The Mayweather fight “has been five years in the making,” he says.",
    ])
    assert [q.speaker for q in quotes] == ["Adi Shankar", "Manny Pacquiao", "Manny Pacquiao"]


def test_a_surname_of_an_institution_and_an_exact_surname_before_a_near_one():
    quotes = extract_quotes([
        "Eric Dayton runs a shop. Andrew Cayton is a professor of history. “Arguing about the Midwest,” "
        "Cayton says, “has become arguing about America.”",
        "Gavin Lavi Sacks studies wine. “A sensible limit should be higher,” Sacks of Cornell University said.",
    ])
    assert [q.speaker for q in quotes] == ["Andrew Cayton", "Andrew Cayton", "Gavin Lavi Sacks"]


def test_a_body_named_with_of_or_to_after_the_verb():
    quotes = extract_quotes([
        "“The government must act,” said the Committee to Protect Journalists in a statement.",
        "“We will act,” said the Department of Justice. “Rates stay,” said the Bank of England.",
    ])
    assert [q.speaker for q in quotes] == ["Committee to Protect Journalists", "Department of Justice", "Bank of England"]


def test_a_surname_that_is_also_a_title():
    quotes = extract_quotes([
        "Foreign Minister Julie Bishop spoke after his aunt Connie Bilardi. Bishop appealed to young "
        "Australians “not to fall victim to this brutal terrorist organization.” “This is a brutal "
        "organization,” she said.",
        "Sir John Major spoke to Ann Lee. “We are worried about it,” Major said.",
    ])
    assert [q.speaker for q in quotes] == ["Julie Bishop", "Julie Bishop", "John Major"]


def test_a_job_described_then_named_in_the_next_sentence():
    quotes = extract_quotes([
        "Israeli Prime Minister Benjamin Netanyahu is trying to create “fear-mongering,” the Iranian foreign "
        "minister said Thursday. “Some people consider peace a threat,” Javad Zarif told CNN's Christiane "
        "Amanpour."
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Javad Zarif", "Iranian foreign minister"),
        ("Javad Zarif", "Iranian foreign minister"),
    ]


def test_a_two_word_surname_and_an_adverb_before_a_name():
    quotes = extract_quotes([
        "Carolyn Spencer Brown edits a cruise site. Harri Kulovaara designs ships. “They keep raising the "
        "bar,” Spencer Brown said.",
        "Eventually Manero met Wyatt. “It was an affirmation,” Manero said.",
    ])
    assert [q.speaker for q in quotes] == ["Carolyn Spencer Brown", "Manero"]


def test_a_party_label_before_a_name_and_a_subject_after_an_opening_phrase():
    quotes = extract_quotes([
        "Idaho Sen. James Risch dismissed the argument: “Let there be no mistake.” Did they break the law? "
        "At the Senate hearing Wednesday, Kentucky Republican Rand Paul tied the bid to other accusations. "
        "“This is an administration that seeks to legislate,” he charged.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("James Risch", "Idaho Sen."), ("Rand Paul", "Kentucky Republican")]
    quotes = extract_quotes([
        "Ohio Sen. James Risch spoke first: “No.” At the hearing, Rand Paul tied the bid to overreach. “It is a treaty,” he said."
    ])
    assert [q.speaker for q in quotes] == ["James Risch", "Rand Paul"]


def test_initials_and_a_regnal_suffix_in_a_full_name():
    quotes = extract_quotes([
        "The news did not force P.G. Sittenfeld, a city councilman, out of the race. Rob Portman is the "
        "senator. “I fit the mold,” Sittenfeld told CNN.",
    ])
    assert [q.speaker for q in quotes] == ["P.G. Sittenfeld"]
    quotes = extract_quotes(["For four years, William Bruce James II called SAE his home. “So the house has to be punished,” James said."])
    assert [q.speaker for q in quotes] == ["William Bruce James II"]


def test_words_someone_would_say_go_to_the_attribution_after_them():
    quotes = extract_quotes([
        "Students expelled over racist chant. William Bruce James II led the house. They understood the "
        "importance of stepping up to say: "
        "“This isn't right,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["William Bruce James II"]


def test_calling_reports_words_and_a_lower_case_but_before_the_subject():
    quotes = extract_quotes([
        "P.G. Sittenfeld is running. In an interview, Sittenfeld spoke critically of Portman, calling him "
        "“a 25-year creature of Washington.”",
        "Cyprus is an EU member, but Turkey, which occupies northern Cyprus, had insisted it would not bow, "
        "calling the issue a “red line”.",
    ])
    assert [q.speaker for q in quotes] == ["P.G. Sittenfeld", "Turkey"]


def test_an_owned_object_before_a_participle_is_not_its_subject():
    quotes = extract_quotes([
        "Ben Carson spoke to CNN. Experts on sexual activity in prisons challenged the premise of Carson's "
        "statement, calling it “preposterous” and “appalling.”",
    ])
    assert [q.speaker for q in quotes] == [None, None]  # (not "Carson")


def test_a_remit_after_of_before_a_name():
    quotes = extract_quotes([
        "“The ruins of the past,” said Archbishop of Canterbury Rowan Williams.",
        "“We will charge him,” said Director of Public Prosecutions Keir Starmer.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Rowan Williams", "Archbishop of Canterbury"),
        ("Keir Starmer", "Director of Public Prosecutions"),
    ]


def test_one_of_many_and_a_family_as_speakers():
    quotes = extract_quotes([
        "Ellen Pack ran the workshop. “When you go your own way, it feels good,” one of the boys said.",
        "“We would have welcomed a conversation,” the family said.",
    ])
    assert [q.speaker for q in quotes] == ["one of the boys", "family"]


def test_a_kin_word_a_police_rank_or_a_numbered_rank_before_a_name_after_said():
    quotes = extract_quotes([
        "Kemp horsed around with his nephews, WISN reported. “He would wrestle with them,” said sister-in-law Lora Waraksa.",
        "Police received a call about a “despondent, intoxicated man,” said San Jose police Chief Larry Esquivel.",
        "“He was born to be an aviator,” said Chief Warrant Officer 5 Reggie Lane on the Guard's website.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Lora Waraksa", "sister-in-law"),
        ("Larry Esquivel", "San Jose police Chief"),
        ("Reggie Lane", "Chief Warrant Officer 5"),
    ]


def test_a_see_after_a_title_is_no_part_of_the_name():
    quotes = extract_quotes([
        "We read a book by then-Archbishop of Canterbury Rowan Williams. Williams describes healing as facing "
        "our memories, “the ruins of the past,” and building from them.",
    ])
    assert [q.speaker for q in quotes] == ["Rowan Williams"]


def test_a_plural_common_noun_opening_a_sentence_is_no_person():
    quotes = extract_quotes([
        "Men+Care ads ran, said Dove Men. “It is a start,” said Sheryl Sandberg. Men need to realize it's not "
        "a zero sum game, she said. “When companies do better, there are more jobs,” she said.",
    ])
    assert [q.speaker for q in quotes] == ["Sheryl Sandberg", "Sheryl Sandberg"]


def test_a_nationality_in_a_description_must_be_in_the_role():
    quotes = extract_quotes([
        "Iran's Supreme Leader Ali Khamenei spoke first. Israeli Prime Minister Benjamin Netanyahu spoke "
        "Tuesday. “And the agreement,” the Israeli leader said, “is paving the road to that result.”",
    ])
    assert [q.speaker for q in quotes] == ["Benjamin Netanyahu", "Benjamin Netanyahu"]


def test_an_invisible_mark_after_a_quote_does_not_hide_its_attribution():
    quotes = extract_quotes([
        "Talks will be extended, U.S. officials said Tuesday. “\u200eWe've made enough progress,”\u200e State "
        "Department spokeswoman Marie Harf said."
    ])
    assert [(q.text, q.speaker) for q in quotes] == [("\u200eWe've made enough progress", "Marie Harf")]


def test_a_senator_described_by_the_seat_and_those_were_the_words_of():
    quotes = extract_quotes([
        "U.S. Sen. Ted Cruz was delivering a speech. “The whole world is on fire,” the senator from Texas declared.",
    ])
    assert [q.speaker for q in quotes] == ["Ted Cruz"]
    quotes = extract_quotes([
        "“This is going to be a test for Serena Williams.” Those were the words of tennis analyst Mary Joe "
        "Fernandez in 2001.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Mary Joe Fernandez", "analyst")]


def test_a_noun_before_officials_and_a_body_that_issued_a_statement():
    quotes = extract_quotes([
        "Accounts are monitored and holders will be told if any “unusual activity” is detected, bank officials said.",
    ])
    assert [q.speaker for q in quotes] == ["bank officials"]
    quotes = extract_quotes([
        "David Cameron spoke. “We will fix it,” he said. The Prince's official residence, Clarence House, issued "
        "a brief statement about the decision. “This is a matter for the government.”",
    ])
    assert [q.speaker for q in quotes] == ["David Cameron", "Clarence House"]


def test_no_person_from_a_verb_before_herself_a_law_or_a_division():
    quotes = extract_quotes([
        "A group calling itself the ISIS Hacking Division posted names. She Googled herself to see how easy "
        "it was. “It's hard because I am so proud,” she told CNN.",
        "Article 520 of the Syrian Penal Code states it. Nour left Syria. “We know this is meant for us,” he says.",
    ])
    assert [q.speaker for q in quotes] == [None, None]


def test_a_full_name_seen_only_before_a_possessive_apostrophe_and_an_al_surname():
    quotes = extract_quotes([
        "From the desert to the poles, Fiona Oakes' running obsession knows no bounds. “I don't keep my "
        "medals,” Oakes told CNN. “I had a tumor when I was 14,” she said.",
        "Saudi Ambassador Adel al-Jubeir spoke. “We have been discussing this matter,” Jubeir said.",
    ])
    assert [q.speaker for q in quotes] == ["Fiona Oakes", "Fiona Oakes", "Adel al-Jubeir"]


def test_a_bridge_is_no_speaker():
    quotes = extract_quotes([
        "In a speech, President Barack Obama on Saturday told thousands of people that the march mattered. "
        "“If Selma taught us anything, it is that our work is never done,” the President said near Edmund Pettus "
        "Bridge, where the confrontation was filmed. Read President Obama's prepared remarks. The President said "
        "that what marchers did “will reverberate through the ages.”",
    ])
    assert [q.speaker for q in quotes] == ["Barack Obama", "Barack Obama"]


def test_a_surname_that_is_a_common_noun_is_still_a_person():
    quotes = extract_quotes(["Actor Jude Law spoke. “I loved it,” Law said. “It was fun,” he added."])
    assert [q.speaker for q in quotes] == ["Jude Law", "Jude Law"]


def test_a_possessive_before_a_role_and_a_name_after_said():
    quotes = extract_quotes([
        "Chris Tomlinson has cut his schedule. \"It's nothing serious,\" said his coach Peter Stanley. "
        "\"He strained a muscle but is back in full training.\"",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Peter Stanley", "coach")] * 2


def test_a_statement_goes_to_whoever_released_it():
    quotes = extract_quotes([
        "Gabbana issued a statement saying he had not intended to judge others. “We firmly believe in democracy.”",
        "Michael Brown's parents, Lesley McSpadden and Michael Brown Sr., released a statement saying they were "
        "disappointed. But the report could provide a silver lining. “We are encouraged,” the statement said.",
        "Barclay Berdan sent a letter to employees. “Nina served very bravely,” the statement read. Dolce also "
        "defended his views in a statement. “I'm Sicilian,” the statement read.",
        "A statement from the band's record company Universal said Charlie Simpson planned to work with his other "
        "band. However they said that Busted would “reconvene in due course”.",
    ])
    assert [q.speaker for q in quotes] == [
        "Gabbana", "Lesley McSpadden and Michael Brown Sr.", "Barclay Berdan", "Dolce", "Universal",
    ]


def test_the_magazine_is_the_magazine_named_before_and_a_modifier_is_no_name():
    quotes = extract_quotes([
        "Los Angeles-based activist Joe Hicks spoke. The argument stems from comments in Panorama magazine. "
        "“No chemical children,” the magazine says.",
        "Prince topped US magazine Rolling Stone's annual list.",
        "“Prince returned to centre stage,” the magazine reported.",
    ])
    assert [q.speaker for q in quotes] == ["Panorama", "Rolling Stone"]


def test_a_job_of_two_words_before_a_name_and_a_capitalised_editor():
    quotes = extract_quotes([
        "Italian fashion designer Stefano Gabbana spoke. Rolling Stone Managing Editor Will Dana later tweeted "
        "that “the truth would have been better served.” “I regret nothing,” Gabbana said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Will Dana", "Rolling Stone Managing Editor"), ("Stefano Gabbana", "Italian fashion designer"),
    ]


def test_chanted_and_began_report_words():
    quotes = extract_quotes([
        "Google CFO Patrick Pichette wrote a memo. “After nearly seven years as CFO,” he began, “I will be "
        "retiring.” Protesters gathered outside. “Fight back,” protesters chanted.",
    ])
    assert [q.speaker for q in quotes] == ["Patrick Pichette", "Patrick Pichette", "protesters"]


def test_a_place_with_based_is_no_one_to_resolve_to():
    quotes = extract_quotes(['Politics may be at play, Los Angeles-based activist Joe Hicks suggested. "We are sad," it said.'])
    assert [q.speaker for q in quotes] == [None]


def test_a_surname_two_people_share_names_the_one_just_introduced():
    quotes = extract_quotes([
        "The rapper Trinidad James wrote the song. Mom B. sang it. William Bruce James II, the most recent black "
        "member at the fraternity chapter, said no one should use the word. “That word needs to die,” James told "
        "CNN Tonight.",
    ])
    assert [q.speaker for q in quotes] == ["William Bruce James II"]


def test_he_after_a_sentence_opening_with_he_stands_for_the_same_person():
    quotes = extract_quotes([
        "Prosecutors charged Robert Durst on Monday. His wife, Kathleen McCormack Durst, disappeared in 1982. "
        "Durst's lawyer Dick DeGuerin said his client was not ill. DeGuerin has said it's no coincidence "
        "authorities arrested Durst the day before. He said he wasn't surprised about the search, either. "
        "“They're acting like a bunch of Keystone Kops,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Dick DeGuerin"]


def test_a_relative_sharing_the_surname_is_not_who_the_bare_surname_names():
    quotes = extract_quotes([
        "In his writings, author Avijit Roy yearned for reason. His father, Ajay Roy, filed a case. Roy and the "
        "blog's other critics took off the gloves. “The virus of faith was the weapon,” Roy wrote. But he also "
        "criticized Christianity. “So, Pope Francis thinks evolution is real!” he recently tweeted.",
    ])
    assert [q.speaker for q in quotes] == ["Avijit Roy", "Avijit Roy"]


def test_one_person_or_another_commenter_speaks_for_themselves():
    quotes = extract_quotes([
        "Gabbana spoke. “It's a shame,” one person said in a comment on Gabbana's Instagram. “You have every "
        "right.” “See you in hell,” another commenter wrote.",
    ])
    assert [q.speaker for q in quotes] == ["one person", "one person", "another commenter"]


def test_it_may_stand_for_an_acronym_that_is_the_subject():
    quotes = extract_quotes([
        "Militants have shaken the birthplace of the Arab Spring. In an audio statement posted online Thursday, ISIS "
        "identified two men -- Abu Zakariya and Abu Anas -- it said used “automatic weapons” to kill.",
    ])
    assert [q.speaker for q in quotes] == ["ISIS"]


def test_the_organisation_is_the_body_named_before():
    quotes = extract_quotes([
        "His sentence, criticised by human rights watchdog Reporters Without Borders, comes a day after an "
        "announcement. “The authorities are trying to make an example of him,” the organisation said in a statement.",
    ])
    assert [q.speaker for q in quotes] == ["Reporters Without Borders"]


def test_a_brief_of_two_words_before_a_role_and_a_name():
    quotes = extract_quotes([
        "Work and pensions minister Alan Johnson said it was wrong, adding they would “work as a team”.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Alan Johnson", "Work and pensions minister")]


def test_an_agent_noun_before_the_name_is_the_role():
    quotes = extract_quotes([
        "The Argentine Work Ministry has been mediating.",
        "“We are taken as hostages,” said accountant Jose Lopez.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Jose Lopez", "accountant")]


def test_the_main_clause_speaker_of_the_sentence_before_goes_on():
    quotes = extract_quotes([
        "Edward Lucas, a senior editor for The Economist, spoke to CNN. Lucas also said that the recent history of "
        "killings in Russia suggested that the investigation would come to little. “One of the signal things is "
        "that nobody is caught.”",
    ])
    assert [q.speaker for q in quotes] == ["Edward Lucas"]


def test_words_someone_is_alleged_to_have_said():
    quotes = extract_quotes([
        "He messaged him, according to the court documents. “I look forward to the training,” Hasan Edmonds is "
        "alleged to have told the informant in January.",
    ])
    assert [q.speaker for q in quotes] == ["Hasan Edmonds"]


def test_a_compound_modifier_is_no_part_of_a_name():
    quotes = extract_quotes(["“There can be no assurances at this stage,” said Paris-based Euronext."])
    assert [q.speaker for q in quotes] == ["Euronext"]
    quotes = extract_quotes([
        "Best-selling British fantasy author Terry Pratchett has died, his website said. A statement on the website "
        "announced the news with “immeasurable sadness.”",
    ])
    assert [q.speaker for q in quotes] == ["the website"]


def test_a_tweet_reads_and_a_day_owns_no_statement():
    quotes = extract_quotes([
        "According to Thursday's statement, he had a rare condition. “AT LAST, SIR TERRY, WE MUST WALK TOGETHER,” "
        "the first tweet reads.",
        "“Terry took Death's arm.”",
    ])
    assert "Thursday" not in [q.speaker for q in quotes]
    assert quotes[0].speaker == "the first tweet"


def test_a_second_quote_in_a_sentence_goes_with_the_first():
    quotes = extract_quotes([
        "“This has to be decided by the international community,” King Abdullah II told Zakaria. “We believe "
        "there has to be a political solution” in Syria, and that has “not been clarified at the moment.”",
    ])
    assert [q.speaker for q in quotes] == ["Abdullah II", "Abdullah II", "Abdullah II"]


def test_one_letter_reads():
    quotes = extract_quotes([
        "Many left notes for the slain politician. “To Boris Nemtsov,” one letter read, “Thank you for your "
        "example of courage.”",
    ])
    assert [q.speaker for q in quotes] == ["one letter", "one letter"]


def test_a_surname_alone_followed_by_she_names_a_woman():
    quotes = extract_quotes([
        "The 10th seed beat unseeded Russian Nadia Petrova 6-3 6-2. After a tough first set, Molik grew in "
        "confidence. She will now meet Venus Williams. “Bring it on,” said the 23-year-old. Molik is in form.",
    ])
    assert [q.speaker for q in quotes] == ["Molik"]


def test_an_agency_reports_someone_as_saying():
    quotes = extract_quotes([
        "Deutsche Boerse staff fear job losses. “The works council has expressed concerns,” Reuters news agency "
        "reports a union source as saying.",
    ])
    assert [q.speaker for q in quotes] == ["a union source"]


def test_he_said_in_parenthesis_the_sentence_before_carries_the_pronoun():
    quotes = extract_quotes([
        "Prime Minister Benjamin Netanyahu spoke at a rally. His rivals Tzipi Livni and Isaac Herzog, he said, are "
        "ready to surrender. Livni, he said, has denounced construction, while Herzog would strive to divide the "
        "city. “I will not let that happen,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Benjamin Netanyahu"]


def test_a_paragraph_ending_said_x_introduces_the_next_quote():
    quotes = extract_quotes([
        "“It is not enough,” said Kathryn Bertine.",
        "Indeed, sponsorship is a big factor, said Alex Russell, one of two women on the board of British Cycling.",
        "“A lot of it comes down to market value.”",
    ])
    assert [q.speaker for q in quotes] == ["Kathryn Bertine", "Alex Russell"]


def test_alex_may_be_she():
    quotes = extract_quotes([
        "“It is not enough,” said Kathryn Bertine. Sponsorship matters, said Alex Russell of British Cycling. "
        "“A lot of it comes down to market value,” she said.",
    ])
    assert [q.speaker for q in quotes] == ["Kathryn Bertine", "Alex Russell"]


def test_a_place_after_a_preposition_takes_no_apposition():
    quotes = extract_quotes([
        "Prime Minister Benjamin Netanyahu flew to Washington. Prior to boarding a plane Sunday in Tel Aviv, the "
        "Prime Minister called his foray “a crucial trip, even a historical one.”",
    ])
    assert [q.speaker for q in quotes] == ["Benjamin Netanyahu"]


def test_the_governor_is_the_one_titled_gov():
    quotes = extract_quotes([
        "Gov. Mike Pence unleashed a firestorm. President Bill Clinton signed a similar law. Despite the controversy, "
        "the Indiana governor says concerns are the result of a “tremendous amount of misinformation.”",
    ])
    assert [q.speaker for q in quotes] == ["Mike Pence"]


def test_the_city_says():
    quotes = extract_quotes([
        "In the response filed Friday, the city says that his injuries “were directly caused by the failure of "
        "Plaintiffs.”",
    ])
    assert [q.speaker for q in quotes] == ["city"]  # (a body as a bare noun, like "council" and "board")


def test_a_named_owners_official_spokesman_without_the_title():
    quotes = extract_quotes([
        "Prime Minister Tony Blair's official spokesman said: “There are British nationals in Ivory Coast.”",
    ])
    assert [q.speaker for q in quotes] == ["Tony Blair's official spokesman"]


def test_an_initial_before_the_given_name_is_part_of_the_name():
    quotes = extract_quotes([
        "Church Elder L. Whitney Clayton told CNN that the church leads on prevention. “We feel like no other "
        "organization does as much as we do,” Clayton said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("L. Whitney Clayton", "Church Elder")]


def test_she_giggles():
    quotes = extract_quotes([
        "At first glance Esther Okade seems like a normal 10-year-old. The talented 10-year-old enrolled at the Open "
        "University in January. “It's so interesting. It has the type of maths I love. It's real maths -- theories, "
        "complex numbers, all that type of stuff,” she giggles.",
    ])
    assert [q.speaker for q in quotes] == ["Esther Okade"]


def test_one_of_a_named_family_named_by_a_given_name_is_a_mention():
    quotes = extract_quotes([
        "The caller was Ronald Brandon himself. They were unaware that Brandon's ex-wife, Susan, was also calling "
        "911. “My ex-husband is sitting outside,” she said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Susan Brandon", "Brandon's ex-wife")]


def test_a_critic_is_a_role_before_the_name():
    quotes = extract_quotes([
        "“This impeccably argued film represents a brave intervention,” writes THR film critic Leslie Felperin in "
        "her review.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Leslie Felperin", "THR film critic")]


def test_abu_before_the_given_name_is_part_of_the_name():
    quotes = extract_quotes([
        "ISIS' spokesman, Abu Mohammed al Adnani, called reports of coalition victories “delusional and fake.”",
    ])
    assert [q.speaker for q in quotes] == ["Abu Mohammed al Adnani"]


def test_a_twitter_user_is_named_by_the_handle():
    quotes = extract_quotes([
        "“Makes me proud to live in Rochester Hills,” Twitter user LoganBrown97 wrote. “Why is everyone mad?” "
        "Twitter user itsleah wrote.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("LoganBrown97", "Twitter user"), ("itsleah", "Twitter user"),
    ]


def test_a_gerund_opening_a_headline_is_no_part_of_a_name():
    quotes = extract_quotes([
        "“I can't be around basic people,” Madonna told Howard Stern. Buying Madonna's house: A tale of fame. "
        "Madonna once called it a “little smelly town in northern Michigan.”",
    ])
    assert [q.speaker for q in quotes] == ["Madonna", "Madonna"]


def test_a_name_before_a_colon_tags_a_line_of_dialogue():
    quotes = extract_quotes([
        "Consider these bits of dialogue. 10. Kimmy: “Dong is the name of the guy in my class.” Titus: “That's "
        "racist!” Kimmy: “But he is good at math.” Titus: “I don't make the rules.” Question: “Is it fair?”",
        "Violet Crawley is the Dowager Countess. -- Isobel: “How you hate to be wrong.” Lady Violet: “I wouldn't "
        "know.”",
    ])
    assert [q.speaker for q in quotes] == ["Kimmy", "Titus", "Kimmy", "Titus", None, "Isobel", "Violet Crawley"]


def test_they_is_no_statement():
    quotes = extract_quotes([
        "North Yorkshire police issued a statement Wednesday saying they had asked for the report. “The "
        "information will be assessed appropriately,” they said.",
    ])
    assert [q.speaker for q in quotes] == ["North Yorkshire police"]


def test_the_group_is_the_body_by_its_full_name():
    quotes = extract_quotes([
        "The church sponsors many Boy Scout troops. In a statement to CNN, the Boy Scouts of America said Hein was "
        "removed “for reasons unrelated to child abuse.” The group added, “Our efforts to protect youth were "
        "plainly insufficient.”",
    ])
    assert [q.speaker for q in quotes] == ["Boy Scouts of America", "Boy Scouts of America"]


def test_a_title_after_a_possessive_is_a_fragment():
    quotes = extract_quotes([
        "“They never even gave him a chance,” Samaria Rice told CNN's “Erin Burnett OutFront.” The cover paid homage "
        "to Alan Moore's “The Killing Joke.”",
    ])
    assert [(q.text, q.kind) for q in quotes] == [
        ("They never even gave him a chance", "quote"), ("Erin Burnett OutFront.", "fragment"),
        ("The Killing Joke.", "fragment"),
    ]


def test_a_statement_speaks_for_the_body_that_issued_it():
    quotes = extract_quotes([
        "At the time, the BBC issued a statement saying there had been a “fracas” between the host and a producer.",
        "“Our hearts go out to his fellow officers,” said a statement on the Wisconsin Professional Police "
        "Association's Facebook page. “May we never forget his sacrifice.”",
        "The findings are due to be presented next week, the BBC said Thursday. “Once this has been considered, we "
        "will set out any further steps,” a statement said.",
        "Meanwhile on Monday, Nigeria's police force issued a statement saying the attack had been foiled. The "
        "gunmen had “stormed the town in a convoy,” the statement said.",
    ])
    assert [q.speaker for q in quotes] == [
        "BBC", "Wisconsin Professional Police Association", "Wisconsin Professional Police Association", "BBC",
        "Nigeria's police force",
    ]


def test_a_statement_posted_online_posts_nothing():
    quotes = extract_quotes([
        "“Our son Trevor was an amazing young man,” the trooper's family said in a statement posted on Facebook. "
        "“It did not surprise us when he selected a career in law enforcement.”",
    ])
    assert [q.speaker for q in quotes] == ["the trooper's family", "the trooper's family"]


def test_an_acronym_is_no_surname_of_a_longer_name():
    quotes = extract_quotes([
        "Clarkson said on the BBC Newsbeat website that the plate was a coincidence. In an article on its "
        "website, the BBC said “Jeremy Clarkson is not a man given to considered opinion.”",
    ])
    assert [q.speaker for q in quotes] == ["BBC"]


def test_names_keep_a_capitalised_particle_and_a_suffix():
    quotes = extract_quotes([
        "“The hukou system is a huge problem,” says Professor Fan Bin, of the Huadong Technology Institute.",
        "“The marriage bans impermissibly exclude gay couples,” Solicitor General Donald B. Verrilli Jr. wrote.",
    ])
    assert [q.speaker for q in quotes] == ["Fan Bin", "Donald B. Verrilli Jr."]


def test_a_title_then_a_name_after_a_comma_is_that_person():
    quotes = extract_quotes([
        "“The rescheduling did affect the level of voter enthusiasm,” explains YIAGA Program Manager, Cynthia "
        "Mbamalu. “This is good,” said Weibo user @Zoexiaoyizi.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Cynthia Mbamalu", "YIAGA Program Manager"), ("@Zoexiaoyizi", "Weibo user"),
    ]


def test_told_in_regard_to_is_no_request():
    quotes = extract_quotes([
        "A spokesman for the ministry said the photos were taken without consent. “The officer was inquiring "
        "about his condition,” Arrmanatha Nasir told CNN in regard to one of the images.",
    ])
    assert [q.speaker for q in quotes] == ["Arrmanatha Nasir"]


def test_a_title_case_dateline_is_no_person():
    quotes = extract_quotes([
        "Kuala Lumpur, Malaysia (CNN)Jaquita Gonzales still tries to call her husband on his cellphone. “Now and "
        "then I call his phone and it goes to voicemail,” she says.",
    ])
    assert [q.speaker for q in quotes] == ["Jaquita Gonzales"]


def test_publications_and_documents_speak_as_named():
    quotes = extract_quotes([
        "Tunisia is the exception, with The Economist going so far as to name it “Country of the Year.” “The "
        "idealism engendered by the Arab spring has mostly sunk,” the magazine wrote.",
        "“We are seeking answers,” said Ali Kurnaz, a spokesman for the group. “Todashev was unarmed,” the notice "
        "says.",
        "Lubitz suffered from “generalized anxiety disorder,” according to French newspaper Le Parisien.",
        "“I have such a headache raising this child,” Tang Xinying confides.",
    ])
    assert [q.speaker for q in quotes] == [
        None, "Economist", "Ali Kurnaz", "the notice", "Le Parisien", "Tang Xinying",
    ]


def test_a_royal_keeps_the_title_before_a_given_name():
    quotes = extract_quotes([
        "Prince Philip once told a group of British students: “If you stay here much longer, you'll all be "
        "slitty-eyed.” Queen Elizabeth called it “an event of great national significance.”",
    ])
    assert [q.speaker for q in quotes] == ["Prince Philip", "Queen Elizabeth"]


def test_a_relative_then_a_name_in_apposition_is_that_person():
    quotes = extract_quotes([
        "“He's just a young boy that went looking for something,” his aunt, Connie Bilardi, told CNN affiliate "
        "Seven on Monday.",
    ])
    assert [q.speaker for q in quotes] == ["Connie Bilardi"]


def test_the_subject_after_an_opening_phrase_is_she():
    quotes = extract_quotes([
        "“The hukou system is a huge problem,” says Professor Li Wei, who has studied it. Tang Xinying looks after "
        "her grandson. In Chao Hu village, Tang is cooking a meal of rice. “I can't teach my grandson well,” she "
        "says.",
    ])
    assert [q.speaker for q in quotes] == ["Li Wei", "Tang Xinying"]


def test_he_after_a_one_word_name_that_just_spoke():
    quotes = extract_quotes([
        "“It's too much to watch,” says Nour, who's also an LGBT rights activist. “The worst bullying was at "
        "school,” he remembers.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Nour", "an LGBT rights activist")] * 2


def test_a_title_with_its_remit_then_the_name():
    quotes = extract_quotes([
        "U.S. Secretary of State John Kerry also praised the advice he got from Lee, calling it “the most valuable "
        "and insightful I have received.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("John Kerry", "U.S. Secretary of State")]


def test_a_user_posting_as_a_name_is_that_name():
    quotes = extract_quotes([
        "One user, identified as Sas Vijay, said, “Don't leave this issue.” Another user, posting as Hemanth "
        "Sriteja, wrote, “I don't wanna come to an era like that.”",
    ])
    assert [q.speaker for q in quotes] == ["Sas Vijay", "Hemanth Sriteja"]


def test_unnamed_people_and_groups_speak_as_written():
    quotes = extract_quotes([
        "“I've been here 17 times,” one girl says. “There will be more information,” police and city officials in "
        "Grapevine said last week.",
        "On it, a woman who identified herself as Denise Huskins says she has been abducted. “My name is Denise "
        "Huskins,” the voice says. “They never even gave him a chance,” Tamir's mother, Samaria Rice, told CNN.",
    ])
    assert [q.speaker for q in quotes] == [
        "one girl", "police and city officials in Grapevine", "Denise Huskins", "Samaria Rice",
    ]


def test_a_relative_by_kin_alone_is_no_one_named():
    quotes = extract_quotes([
        "“Once he looked at what I'd written he started to cry,” Corcoran told jurors. The father responded: "
        "“She's OK, but her legs are gone.”",
    ])
    assert [q.speaker for q in quotes] == ["Corcoran", "the father"]


def test_an_apposition_between_dashes():
    quotes = extract_quotes([
        "Isaac Herzog -- the Labor Party chairman hoping to become Israel's next Prime Minister -- said that "
        "Netanyahu's speech, “as impressive as it may be, did not prevent the Iranians' nuclear program” nor did "
        "it impact talks.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Isaac Herzog", "the Labor Party chairman hoping to become Israel's next Prime Minister"),
    ]


def test_a_described_speaker_keeps_the_compound_as_written():
    quotes = extract_quotes([
        "Mississippi NAACP chapter President Derrick Johnson issued a statement calling on “federal authorities to "
        "immediately investigate.” He went to church, according to the family member, who described Byrd as a "
        "“good, hardworking man.”",
    ])
    assert [q.speaker for q in quotes] == ["Derrick Johnson", "the family member"]


def test_a_weekday_after_a_name_is_no_part_of_it():
    quotes = extract_quotes([
        "Police detained five women before International Women's Day Sunday, said an activist. “We call for gender "
        "equality,” she added. “England have a fantastic record,” said coach Mike Friday.",
    ])
    assert "Day Sunday" not in [q.speaker for q in quotes] and quotes[-1].speaker == "Mike Friday"


def test_two_roles_joined_by_and_before_the_name():
    quotes = extract_quotes([
        "The plan calls for a 50% reduction by 2020. “This is a lofty goal,” said internist and Emory Associate "
        "Professor Dr. Sandra Fryhofer.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Sandra Fryhofer", "internist and Emory Associate Professor"),
    ]


def test_a_dutch_particle_opening_the_surname():
    quotes = extract_quotes([
        "As a well-traveled photographer, Pieter ten Hoopen is no stranger to refugee camps. Ten Hoopen was at the "
        "camp to photograph a clinic. “It wasn't hard,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Pieter ten Hoopen"]


def test_a_shared_surname_goes_to_the_one_named_last_before_it():
    # every name is registered before quotes are read; later mentions of Hillary Clinton must not count,
    # nor "the Clintons", the family
    quotes = extract_quotes([
        "Former President Bill Clinton on Saturday defended his family foundation. The foundation said a donation "
        "was not approved when Hillary Clinton became secretary of state. Bill Clinton defended the donations. "
        "“The UAE gave us money,” Clinton said. Hillary Clinton is the party's frontrunner in 2016 and is expected "
        "to announce her aspirations next month. Republicans jumped on the story, using it to question the "
        "Clintons' ethics and whether she would give preferential treatment to countries that have donated. "
        "Democrats that did publicly defend the Clintons noted that the foundation disclosed all of its donations "
        "on its website, and that the money had gone to projects that saved lives in Africa and Asia. On Saturday, "
        "Clinton did the same. “My theory about all this is disclose everything,” "
        "Clinton said. Later, Hillary Clinton spoke in Iowa about jobs and about the economy.",
    ])
    assert [q.speaker for q in quotes] == ["Bill Clinton", "Bill Clinton"]


def test_a_relative_of_someone_then_the_name_in_apposition():
    quotes = extract_quotes([
        "Officials spoke, according to a statement from Tunisian President Beji Caid Essebsi. An uncle of Yassine "
        "Labidi, Abeld Malik Labidi, told CNN on Friday that no one had seen signs. But he said Yassine Labidi was "
        "one of the gunmen. “It's true that Yassine carried out this terrorist attack,” he said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Abeld Malik Labidi", "uncle of Yassine Labidi")]


def test_he_or_she_after_one_unnamed_speaker():
    quotes = extract_quotes([
        "“We are scared,” said one girl. “We want to go home,” she added.",
        "A cousin of Yassine, who asked not to be named, told CNN that the family was shocked. “We are all "
        "shocked,” he said.",
        "Another man says he would prefer to stay home, but he is attracted by the offer. “I definitely need the "
        "money,” he says.",
    ])
    assert [q.speaker for q in quotes] == ["one girl", "one girl", "A cousin of Yassine", "Another man"]


def test_an_unnamed_speaker_keeps_the_gender_a_pronoun_gave_it():
    quotes = extract_quotes([
        "Ted Cruz greeted the crowd. One student who said she was Hispanic said her family was behind him. “You have "
        "the Hispanic vote,” she joked. While Cruz's father is Cuban, he's not fluent in Spanish. “We grew up "
        "speaking Spanglish,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["One student", "Ted Cruz"]


def test_a_description_before_he_is_no_unnamed_speaker():
    quotes = extract_quotes([
        "Lord Kinnock was until recently one of Britain's EU commissioners. A former critic of the House of Lords, "
        "he has said he will use the Upper House to advocate its reform. “I accepted the kind invitation,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Lord Kinnock"]


def test_a_body_with_its_acronym_urging_the_quoted_words():
    quotes = extract_quotes([
        "The embassy issued an alert. Britain's Foreign and Commonwealth Office (FCO) also urged UK citizens to "
        "stay away from the area and to “follow the instructions of Tunisian security authorities.”",
    ])
    assert [q.speaker for q in quotes] == ["Britain's Foreign and Commonwealth Office"]


def test_one_of_many_then_a_given_name_in_apposition():
    quotes = extract_quotes([
        "As one of my readers, Anthony, recalls, “Our church leadership vowed that they would pull all support.” "
        "One of the witnesses, Sarah, said: “It was loud.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Anthony", "one of my readers"), ("Sarah", "One of the witnesses"),
    ]


def test_the_kind_of_court_before_court():
    quotes = extract_quotes([
        "A federal district court ruled in favor of the government, but the appeals court reversed the ruling. "
        "“The parties primarily dispute the legislative character of the conversations,” the appeals court said.",
    ])
    assert [q.speaker for q in quotes] == ["appeals court"]


def test_the_person_an_unnamed_speaker_is_related_to_is_not_the_speaker():
    quotes = extract_quotes([
        "Yassine Labidi was one of the gunmen. Officers seized his computer. A cousin of Yassine, who asked not to "
        "be named, told CNN that the family was shocked. “We are all shocked,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["A cousin of Yassine"]


def test_a_title_quoted_in_a_relative_clause_after_the_subject():
    quotes = extract_quotes([
        "Virginia Comolli, whose book “Boko Haram: Nigeria's Islamist Insurgency,” will be published next month, "
        "agrees that the releases point to “some sort of inspiration” that Boko Haram is drawing from ISIS.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [(None, "fragment"), ("Virginia Comolli", "quote")]


def test_a_definite_description_subject_stands_for_the_office_holder():
    quotes = extract_quotes([
        "President Barack Obama came to Selma. Rep. John Lewis spoke first. “There's still work to be done,” said "
        "Lewis. The President said that racism is still too prevalent. “We just need to open our eyes,” he said.",
        "Venezuelan President Nicolas Maduro said the officials included former U.S. Vice President Dick Cheney. "
        "The President said they included an American pilot. He said the pilot was found with “all kinds of "
        "documents.”",
    ])
    assert [q.speaker for q in quotes] == ["John Lewis", "Barack Obama", "Nicolas Maduro"]


def test_institutions_and_documents_as_speakers():
    quotes = extract_quotes([
        "John Smith was arrested on Monday. Court documents say he “threatened to kill everyone in the building.”",
        "His church said in a statement: “He was a loving father.” The hospital said: “He is stable.”",
        "The city's website said the park would be “closed until further notice.”",
        "Harvard University said he was “a gifted student.” The university said: “He will be missed.”",
    ])
    assert [q.speaker for q in quotes] == [
        "Court documents", "His church", "the hospital", "The city's website", "Harvard University", "Harvard University",
    ]


def test_a_long_role_before_a_name_with_a_suffix():
    quotes = extract_quotes([
        "Decades later, former Bob Jones University President Bob Jones III has apologized. "
        "“I take personal ownership of this inflammatory rhetoric,” Jones said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Bob Jones III", "Bob Jones University President")]


def test_rev_before_a_name_is_no_sentence_end():
    quotes = extract_quotes([
        "Steve Beshear spoke. “We did everything,” he said. “I-65 was literally a parking lot for 15 hours,” said "
        "Rev. Janette Wilson, who was stuck on the highway.",
    ])
    assert [q.speaker for q in quotes] == ["Steve Beshear", "Janette Wilson"]


def test_a_subject_with_an_apposition_in_dashes_is_the_next_she():
    quotes = extract_quotes([
        "Hazel Blears spoke. Former U.S. Secretary of State Madeleine Albright -- who looked into the CIA -- "
        "backed the report. “Diversity should be pursued,” she said.",
    ])
    assert [q.speaker for q in quotes] == ["Madeleine Albright"]


def test_another_is_one_more_of_the_kind_just_named():
    quotes = extract_quotes([
        "The idea met with amusement. “I'm their woman,” posts one Mumsnet user. “I would LOVE to be a spy,” "
        "writes another.",
        "One student asked why. A third wondered “is this right?”",
        "Tony Robinson posted often. In one post, he wrote, “I hate my mind.” Another said, “I don't need help.”",
    ])
    assert [q.speaker for q in quotes] == [
        "one Mumsnet user", "another Mumsnet user", "a third student", "Tony Robinson", None,
    ]


def test_a_body_named_with_federation_or_association_after_said():
    quotes = extract_quotes([
        "Arthaud was the daughter of Jacques Arthaud. “A true character,” said the French Sailing Federation in a "
        "statement. “It was a foul,” said the Football Association.",
    ])
    assert [q.speaker for q in quotes] == ["French Sailing Federation", "Football Association"]


def test_someone_described_by_where_they_are_from():
    quotes = extract_quotes([
        "The photo was credited to Martin Le-May. ITV interviewed Le-May. The amateur photographer from Essex, near "
        "London, told the broadcaster he heard “a distressed squawking” noise.",
        "Police came. “It was loud,” the man from Ohio said.",
    ])
    assert [q.speaker for q in quotes] == ["Martin Le-May", "the man from Ohio"]


def test_words_someone_was_called_by_whom_after_the_quote():
    quotes = extract_quotes([
        "Florence Arthaud has been described as a “national treasure” by fellow sailor Shirley Robertson. Known as "
        "the “little girl of the Atlantic,” Arthaud was the daughter of a publisher.",
        "“The invitation was sent,” the Russian official said. The official later clarified: “By leadership, we "
        "are talking about Kim.”",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("Shirley Robertson", "quote"), (None, "fragment"), ("Russian official", "quote"), ("Russian official", "quote"),
    ]


def test_the_prosecutor_is_the_prosecuting_or_district_attorney():
    quotes = extract_quotes([
        "St. Louis County Prosecuting Attorney Bob McCulloch spoke on Monday. Officer Darren Wilson was there. The "
        "prosecutor thanked the public. “We are grateful,” he said.",
        "Officer Tom Hale was there. District Attorney Jane Roe spoke. Later, Officer Tom Hale said nothing. “We are "
        "grateful,” the prosecutor said.",
    ])
    assert [q.speaker for q in quotes] == ["Bob McCulloch", "Jane Roe"]


def test_a_party_member_described_by_state_is_the_one_named_before():
    quotes = extract_quotes([
        "Rep. Susan Brooks, a member of the select committee, said on Saturday, “You see, there is no way to know.” "
        "“The only way to truly know is by having the server,” the Indiana Republican added.",
    ])
    assert [q.speaker for q in quotes] == ["Susan Brooks", "Susan Brooks"]


def test_a_verb_before_documents_is_no_part_of_the_subject():
    quotes = extract_quotes([
        "The committee requested documents from Dollar and his wife, explaining that taxpayers “should be assured "
        "that their donations are being used well.”",
    ])
    assert [q.speaker for q in quotes] == ["committee"]


def test_a_college_student_is_no_college():
    quotes = extract_quotes([
        "Officers in the Eric Garner case were not charged. A young man named Keeshan Harley talked about being "
        "frisked. “It happens,” said the black college student.",
    ])
    assert [q.speaker for q in quotes] == ["the black college student"]


def test_a_body_before_a_noun_is_a_modifier():
    quotes = extract_quotes([
        "“We are ready,” said the hospital staff. “We are not,” said the school board. “Maybe,” said the college "
        "football coach. Acme Corp won. “We are glad,” said the firm.",
    ])
    assert [q.speaker for q in quotes] == ["hospital staff", "school board", "the coach", "Acme Corp"]


def test_a_rep_or_a_publicist_speaks_as_one_of_many():
    quotes = extract_quotes([
        "At the time, a rep told Rolling Stone he had “been signed off with stress.” “It is bad,” a publicist said.",
    ])
    assert [q.speaker for q in quotes] == ["a rep", "a publicist"]


def test_a_surname_with_an_arabic_article_is_a_subject():
    quotes = extract_quotes([
        "Faleh al-Issawi, the deputy head of the council, spoke on Thursday. Officials believe “this is an ISIS "
        "response to the Tikrit operation,” al-Issawi said.",
    ])
    assert [q.speaker for q in quotes] == ["Faleh al-Issawi"]


def test_according_to_a_body_named_after_the():
    quotes = extract_quotes([
        "According to the WHO, “exposure to noise levels of 100 dB is safe for no more than 15 minutes.” "
        "It was “a bad day,” according to the BBC.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [("the WHO", "quote"), ("the BBC", "quote")]


def test_according_to_the_before_a_clause_leaves_its_speaker():
    quotes = extract_quotes([
        "According to the Financial Times, chief operating officer Peter Chernin said the firm was “kicking the "
        "tyres” of rivals.",
    ])
    assert [q.speaker for q in quotes] == ["Peter Chernin"]


def test_a_paper_relaying_a_quote_does_not_take_the_next_one():
    quotes = extract_quotes([
        "Michael Huskins said his daughter had called him. “I almost had a heart attack,” he said, according to the "
        "Chronicle. “I tried to get authorities to pick her up, but they kept asking me questions.”",
    ])
    assert [q.speaker for q in quotes] == ["Michael Huskins", "Michael Huskins"]


def test_an_event_is_never_the_person_meant():
    quotes = extract_quotes([
        "“Racing is cruel,” says Red Bull driver Daniel Ricciardo, ahead of the Australian Grand Prix. The "
        "Australian crossed the line in second place. “It's frustrating,” said the 25-year-old.",
    ])
    assert [q.speaker for q in quotes] == ["Daniel Ricciardo", "Daniel Ricciardo"]


def test_a_name_then_a_relation_in_apposition():
    quotes = extract_quotes([
        "Shafqat Hussain was calm when he thought he was going to be executed, Manzoor Hussain, his brother told "
        "CNN. “He had said that if I don't get justice in this world, I will get it in my afterlife.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Manzoor Hussain", "his brother")]


def test_a_personality_and_writer_before_a_name():
    quotes = extract_quotes([
        "Television personality and writer Clare Balding, who hosts TV coverage of Crufts, took to Twitter: "
        "“Everyone at Crufts horrified. Awful for all concerned,” she tweeted.",
        "And Jerry Springer appears as Mr. White, a manic tourist. “Great fun being in #Sharknado3,” the talk show "
        "host says.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Clare Balding", "Television personality and writer"), ("Jerry Springer", None),
    ]


def test_the_one_told_is_not_the_one_telling():
    quotes = extract_quotes([
        "“It opened the old wounds,” Michele Yarnell told CNN's Brooke Baldwin. According to the medical examiner, "
        "the samples were recovered. “Every time there is a new development, they recheck,” she told Baldwin.",
    ])
    assert [q.speaker for q in quotes] == ["Michele Yarnell", "Michele Yarnell"]


def test_said_the_star_is_a_person():
    quotes = extract_quotes([
        "Kylie Minogue will perform in Dubai. Australia's Minogue is worth approximately $75 million after her role "
        "in Neighbours. “Growing up in Melbourne, horse racing is a major part of our calendar,” said the star.",
        "Ashley Judd was attacked online.",
    ])
    assert [q.speaker for q in quotes] == ["Kylie Minogue"]


def test_a_description_with_a_relative_clause_before_its_verb():
    quotes = extract_quotes([
        "Ashley Judd was attacked online. The actor, who is also an advocate for women's rights, added: “The "
        "amount of gender violence that I experience is absolutely extraordinary.”",
    ])
    assert [q.speaker for q in quotes] == ["Ashley Judd"]


def test_a_paper_quoting_an_unnamed_official():
    quotes = extract_quotes([
        "The Yomiuri Shimbun newspaper said Abe would not go. It quoted an unnamed Foreign Ministry official as "
        "saying: “While the Japanese government is demanding transparency, attendance is impossible.”",
    ])
    assert [q.speaker for q in quotes] == ["an unnamed Foreign Ministry official"]


def test_a_stray_comma_between_the_subject_and_its_verb():
    quotes = extract_quotes([
        "The convoy is “a highly visible demonstration of U.S. commitment to its NATO allies,” U.S. Army Europe "
        "spokesman Lt. Col. Craig Childs, said in a statement, according to the Stripes report.",
    ])
    assert [q.speaker for q in quotes] == ["Craig Childs"]


def test_a_role_and_a_name_between_commas_before_told():
    quotes = extract_quotes([
        "“There will not be any boy's toys on board,” Italian designer, Lidia Bersani, told CNN.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Lidia Bersani", "Italian designer")]


def test_in_someones_words_names_the_speaker():
    quotes = extract_quotes([
        "Lee Kuan Yew was clear. In his words, “the acid test of any legal system is whether it produces order.”",
        "Kelly Gissendaner wrote often. In Kelly's own words:. “The theology program has shown me that hope is alive.”",
        "In the words of Prime Minister John Key, “this is a great day for New Zealand.”",
    ])
    assert [q.speaker for q in quotes] == ["Lee Kuan Yew", "Kelly Gissendaner", "John Key"]


def test_as_someone_put_it_after_the_quote():
    quotes = extract_quotes([
        "The decision “immediately created a large pool of unemployed and armed men,” as James P. Pfiffner put it "
        "in 2010.",
    ])
    assert [q.speaker for q in quotes] == ["James P. Pfiffner"]


def test_a_legend_before_a_name_and_a_number_inside_one():
    quotes = extract_quotes([
        "“DC snow emergency to go into effect at 7 am Thursday,” tweets Fox 5 DC. Enough snow to eat ice cream. "
        "“Just celebrated the coming snow with a bowl of Moose Tracks,” tweets country music legend Charlie Daniels.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Fox 5 DC", None), ("Charlie Daniels", "country music legend"),
    ]


def test_a_document_as_written_and_what_was_done_to_it():
    quotes = extract_quotes([
        "Durst was booked on charges. Court documents filed Tuesday say Durst will receive medications, "
        "“including but not limited to hydrocodone as needed for pain.”",
        "Pence signed a religious freedom law. The law states that the government can't “substantially burden a "
        "person's exercise of religion.”",
        "Article 520 of the Syrian Penal Code states: “Any unnatural sexual intercourse shall be punished.”",
    ])
    assert [q.speaker for q in quotes] == ["Court documents", "The law", "Syrian Penal Code"]


def test_a_degree_after_the_name_and_a_body_named_for_its_remit():
    quotes = extract_quotes([
        "“This person has not tested positive for the Ebola virus,” Phil Smith, M.D., medical director of the "
        "unit, said in a statement Monday.",
        "ISIS is also battling in Syria, according to the Syrian Observatory for Human Rights (SOHR), a "
        "London-based group. “Hundreds of ISIS militants launched a large scale offensive,” SOHR said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Phil Smith", "medical director of the unit"), ("Syrian Observatory for Human Rights", None),
    ]


def test_an_adverb_between_subject_and_verb_but_not_a_surname_in_ly():
    quotes = extract_quotes([
        "University President David Boren spoke. While he unwaveringly declared “there is no room for racists and "
        "bigots” at his university, the law may keep the fraternity.",
        "Commentator Ty Keough eagerly described the momentous “birth of a new era for American soccer.”",
        "Sir Simon Wessely spoke first. Wessely added that the crash might open a discussion on “relaxing the laws "
        "of confidentiality.”",
    ])
    assert [q.speaker for q in quotes] == ["David Boren", "Ty Keough", "Simon Wessely"]


def test_a_question_in_the_narration_is_answered_by_the_one_interviewed():
    quotes = extract_quotes([
        "“The basic point is that the EU seeks political integration,” said Dick Morris.",
        "So is UKIP's job to destroy the Tories, as former member Robert Kilroy-Silk once notoriously declared? "
        "“No. The aim of UKIP is to withdraw from the EU.”",
    ])
    assert [q.speaker for q in quotes] == ["Dick Morris", "Dick Morris"]


def test_the_company_kept_and_a_passive_verb_are_no_speakers():
    quotes = extract_quotes([
        "On the tarmac, Netanyahu, with his wife, Sara, at his side, somberly declared his visit a “crucial” trip.",
        "The mauling at the hands of eventual winners Germany was variously described in the press at the time as "
        "“an historic humiliation.”",
    ])
    assert [(q.text, q.speaker) for q in quotes] == [("crucial", "Netanyahu"), ("an historic humiliation.", None)]


def test_two_people_who_speak_as_one():
    quotes = extract_quotes([
        "“We are encouraged that the DOJ will hold the department accountable,” Michael Brown Sr. and Lesley "
        "McSpadden said in a statement.",
        "“He is a good boy, but what we saw in those videos is disgusting,” Brody and Susan Pettit said. Susan "
        "Pettit added: “We know his heart.”",
    ])
    assert [q.speaker for q in quotes] == [
        "Michael Brown Sr. and Lesley McSpadden", "Brody and Susan Pettit", "Susan Pettit",
    ]


def test_a_role_whose_closing_comma_is_missing_before_a_verb_that_comes_later():
    quotes = extract_quotes([
        "Martin Weiss, a spokesman for the Austrian foreign ministry tweeted Monday that “credible sources” had "
        "confirmed it.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Martin Weiss", "a spokesman for the Austrian foreign ministry"),
    ]


def test_as_he_put_it_opening_the_sentence():
    quotes = extract_quotes([
        "Lee Kuan Yew was a leader. As he put it, the objective was to “build up a society in which people will be "
        "rewarded.”",
    ])
    assert [q.speaker for q in quotes] == ["Lee Kuan Yew"]


def test_a_short_sentence_naming_no_one_goes_on_with_the_quote_before():
    quotes = extract_quotes([
        "Patrick Gannon said a lone wolf worries him. “It concerns me all the time,” he said. With so many "
        "employees, “there is no way that you are going to screen every single person.”",
        "“Those who hold out can sense a distinct chill,” noted Bob Smith. Jeb's campaign is seeking to hire "
        "“donors, advisors and operatives.”",
    ])
    assert [q.speaker for q in quotes] == ["Patrick Gannon", "Patrick Gannon", "Bob Smith", None]


def test_she_after_the_one_described_speaking_and_a_body_of_centers():
    quotes = extract_quotes([
        "British actress Emma Watson spoke. “The human race is a bird,” said Watson, paraphrasing famous American "
        "feminist, Gloria Steinem. When asked what we can do, the actress said it was about small actions. “It's "
        "everyday, it's individual,” she said.",
        "Cynthia Falardeau watched her son. The Centers for Disease Control and Prevention estimates that 1,500 "
        "babies are born with such deformities. “The adoration of college students was an affirmation,” she wrote.",
    ])
    assert [q.speaker for q in quotes] == ["Emma Watson", "Emma Watson", "Cynthia Falardeau"]


def test_a_paper_after_the_verb_an_adverb_in_put_it_and_a_plural_subject_accusing():
    quotes = extract_quotes([
        "Jeb's campaign is seeking to hire “donors, advisors and operatives,” wrote the Times, with “deep "
        "connections to the Bush family.”",
        "Officials believe that “if they're doing something that really pisses off Bibi, they must be doing "
        "something right,” as Rothkopf colorfully put it.",
        "Prosecutors accuse Durst of “lying in wait” and killing Susan Berman.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Times", None), ("Times", None), ("Rothkopf", None), ("Prosecutors", None),
    ]


def test_a_quote_glued_to_the_stop_before_it_opens_a_sentence():
    quotes = extract_quotes([
        "“He is called the brother of the Lord,” Martin says. But Catholics disagree, so Martin surmises that "
        "James was a son from a prior marriage.“It makes sense that Joseph would have been older.”",
    ])
    assert [q.speaker for q in quotes] == ["Martin", "Martin"]


def test_a_paper_is_no_man_a_surname_of_an_acronym_body_and_a_relay_before_a_colon():
    quotes = extract_quotes([
        "The San Francisco Chronicle reported that her father, Michael Huskins, was called. “I almost had a heart "
        "attack,” he said, according to the Chronicle.",
        "“It's very terrifying to think about what people have been through,” Perry of CARE International said.",
        "Deven Trafny wept. Trafny described Groesbeck as the love of his life, according to KUTV: “I'm going to "
        "miss her a lot.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Michael Huskins", "father"), ("Perry", "of CARE International"), ("Deven Trafny", None),
    ]


def test_a_place_before_a_given_name_in_a_body_is_no_role():
    quotes = extract_quotes([
        "“Flights are delayed,” Denver International Airport said.",
        "“The collection is unique,” the Hungarian Natural History Museum said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Denver International Airport", None), ("Hungarian Natural History Museum", None),
    ]


def test_a_surname_after_whose_fan_and_a_team_leader_telling_cnn():
    quotes = extract_quotes([
        "“When we started making the film I was aware of our story,” Dortmund fan Quambusch says of a film.",
        "As one former team leader told CNN, “when those soldiers were killed, they would not have been there.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Quambusch", None), ("one former team leader", None),
    ]


def test_a_name_in_apposition_to_an_unnamed_one_and_to_a_described_body():
    quotes = extract_quotes([
        "Another aviation analyst, David Soucie, also cast doubt on the belief. “If it had crashed, there would be "
        "pieces somewhere,” he said.",
        "The ruling party, the Peoples Democratic Party, refutes the accusation, saying the election was “credible "
        "and the result reflects the wish of the people.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("David Soucie", "aviation analyst"), ("Peoples Democratic Party", "ruling party"),
    ]


def test_a_role_once_held_going_as_far_as_to_say_and_a_body_in_a_place():
    quotes = extract_quotes([
        "“How many more must be killed?” Terry Davis, then the Council of Europe secretary general, said at the time.",
        "A Russian federal intelligence service spokesman went as far as to say that Moscow had not carried out "
        "any “physical liquidation of unwelcome personalities” since the Soviet era.",
        "Capt. Benoit Zeisser from the Gendarmerie in the nearby town of Digne told CNN the aircraft was lying in "
        "“difficult terrain.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Terry Davis", "then the Council of Europe secretary general"),
        ("A Russian federal intelligence service spokesman", None),
        ("Benoit Zeisser", "Capt., from the Gendarmerie in the nearby town of Digne"),
    ]


def test_a_body_by_its_kind_is_the_one_that_told():
    quotes = extract_quotes([
        "The Academy of Motion Picture Arts and Sciences purchased the spacecraft. “We're excited to add such an "
        "iconic piece to our collection,” the academy told CNN in a statement. The craft is not the Discovery One, "
        "where pilot Dave Bowman implored the computer to “open the pod bay doors, HAL.”",
    ])
    assert [q.speaker for q in quotes] == ["Academy of Motion Picture Arts and Sciences", "Dave Bowman"]


def test_the_ministry_is_the_body_whose_head_it_is():
    quotes = extract_quotes([
        "ISIS has bulldozed the site of Nimrud, the nation's Ministry of Tourism and Antiquities said. “ISIS "
        "continues to defy the will of the world,” the ministry said in a statement.",
    ])
    assert [q.speaker for q in quotes] == ["Ministry of Tourism and Antiquities"]


def test_a_surname_owning_a_statement_a_pope_and_an_incumbent():
    quotes = extract_quotes([
        "Jonny Evans and Newcastle striker Papiss Cisse have been charged. Cisse's statement said: “I reacted to "
        "something I found very unpleasant.”",
        "Pope Francis spoke on Friday. “I do not mind,” Francis said.",
        "Incumbent Goodluck Jonathan conceded. “I promised the country free and fair elections,” he said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Papiss Cisse", "Newcastle striker"), ("Pope Francis", None), ("Goodluck Jonathan", None),
    ]


def test_an_accented_name_that_just_spoke_and_alexis_is_either():
    quotes = extract_quotes([
        "“We used our sweaters,” González says. He woke up bleeding. “The train had severed my leg,” he says.",
        "“I'm getting used to it,” said Alexis Moreno. He woke up bleeding. “The train had severed my leg,” he says.",
    ])
    assert [q.speaker for q in quotes] == ["González", "González", "Alexis Moreno", "Alexis Moreno"]


def test_then_said_and_an_indefinite_holder_from_a_named_place():
    quotes = extract_quotes([
        "CNN legal analyst Danny Cevallos is a proud native of Michigan. He paused, then said, “I'll take bland "
        "over the rap Florida gets any day.”",
        "As a North Carolina state senator once said, “We are in the business of rigging elections.”",
        "“We will make a more substantial snack,” one former Kaesong factory owner said.",
    ])
    assert [q.speaker for q in quotes] == [
        "Danny Cevallos", "a North Carolina state senator", "one former Kaesong factory owner",
    ]


def test_a_capitalised_preposition_opening_a_sentence_is_no_name():
    quotes = extract_quotes([
        "Kyle Waring ships snow. Whether Waring can sustain his venture remains to be seen. “At this rate, it's "
        "going to be July until the snow melts,” he told Boston.com.",
        "Regarding comments Netanyahu made about voters going to the polls “in droves” -- comments described by "
        "some as racist -- Obama told The Huffington Post that that kind of “rhetoric” was wrong.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Kyle Waring", None), (None, None), ("Obama", None)]


def test_a_person_in_a_mood_a_tweeting_user_a_prayer_and_a_qualified_job():
    quotes = extract_quotes([
        "Lewis Hamilton met Arnold Schwarzenegger on the podium. “Hey man, WOW,” said a surprised Hamilton.",
        "People took to Twitter. One Twitter user posed the question in a tweet: “Should euthanasia be legal?” "
        "Doctor Andres Castillo said that her condition is stable.",
        "On Sunday, Pope Francis spoke of the attacks. The Pope prayed that “this persecution against Christians "
        "might end.”",
        "He wore a pair of “lovely” pajamas, fashion columnist Christina Binkley said.",
    ])
    assert [q.speaker for q in quotes] == [
        "Lewis Hamilton", "One Twitter user", "Pope Francis", "Christina Binkley",
    ]


def test_writing_and_tweeting_after_a_comma_are_the_subjects_words():
    quotes = extract_quotes([
        "Time's James Poniewozik also liked it (despite some reservations about the plot), writing, “The first "
        "thing that matters is if the reboot still has the comedy goods.”",
        "Muhammadu Buhari called for calm, tweeting: “Fellow Nigerians, I urge you to exercise patience.”",
    ])
    assert [q.speaker for q in quotes] == ["James Poniewozik", "Muhammadu Buhari"]


def test_adding_after_an_inverted_attribution_and_an_attribution_after_a_colon():
    quotes = extract_quotes([
        "Police got a call, said San Jose police Chief Larry Esquivel. Officers were met with gunfire, said "
        "Esquivel, adding that investigators were still trying “to understand what truly happened.”",
        "Kenyan grower John Kihia sells flowers. Nearly two thirds of exports go to Holland, where auctions are "
        "a safe avenue for growers: “If you sell through an auction, people will be competing,” Kihia says.",
        "Tony Blair arrived and the crowd grew loud: “We will win,” Gordon Brown says.",
    ])
    assert [q.speaker for q in quotes] == ["Larry Esquivel", "John Kihia", "Gordon Brown"]


def test_a_titled_person_of_a_body_whose_name_has_no_organisation_word():
    quotes = extract_quotes([
        "Navy Rear Adm. Sinclair Harris of the Joint Chiefs of Staff said groups like ISIS use “imagery associated "
        "with United States detention practices” to recruit.",
    ])
    assert [q.speaker for q in quotes] == ["Sinclair Harris"]


def test_the_main_subject_says_what_its_that_clause_does_not_and_a_name_on_a_platform():
    quotes = extract_quotes([
        "Obama hinted last week that he did not see the need for any extensions, saying the talks have, "
        "“sufficiently narrowed and sufficiently clarified that we're at the point where they need to decide.”",
        "The Roudebush VA Facebook page has been inundated with commenters. Matthew Conrad on Facebook said, "
        "“Robin Paul's continued employment is an insult to every Veteran.”",
    ])
    assert [q.speaker for q in quotes] == ["Obama", "Matthew Conrad"]


def test_heard_chanting_before_the_quote():
    quotes = extract_quotes([
        "A group of passengers pushed him away. The Chelsea fans can then be heard chanting: “We're racist and "
        "that's the way we like it.”",
        "In the video, one officer is heard saying, “Get down now.”",
    ])
    assert [q.speaker for q in quotes] == ["Chelsea fans", "one officer"]


def test_an_unknown_first_word_before_a_given_name_is_part_of_the_name():
    quotes = extract_quotes([
        "Todung Mulya Lubis, who represents the pair, said a challenge had been filed. “There should be no "
        "execution as long as there is a legal process going on,” Lubis said.",
        "Kazi Muhammad Ziauddin, a top official in Bangladesh's customs agency, told CNN: “It was very tough.”",
        "Surgeon Chris Evans said: “It went well.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Todung Mulya Lubis", None),
        ("Kazi Muhammad Ziauddin", "a top official in Bangladesh's customs agency"),
        ("Chris Evans", "Surgeon"),
    ]


def test_a_middle_initial_m_is_no_french_monsieur():
    quotes = extract_quotes([
        "“The Zetas represent the worst in global organized crime,” DEA Administrator Michele M. Leonhart said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Michele M. Leonhart", "DEA Administrator")]


def test_a_one_word_name_takes_the_pronoun_of_its_own_sentence_after_a_participle_phrase():
    quotes = extract_quotes([
        "Nneka is back with a new album. Wearing a long scarf, Nneka sits back quietly as she tries to recall her "
        "first memory of music. “I was a kid,” the Nigerian singer finally says.",
    ])
    assert [q.speaker for q in quotes] == ["Nneka"]


def test_a_name_between_a_one_word_name_and_the_pronoun_blocks_the_guess():
    quotes = extract_quotes([
        "Nneka is back with a new album. Later, Nneka met Tom Jones as he arrived in Lagos. “I was a kid,” he "
        "said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Jones"]


def test_two_people_speak_as_one_by_surnames_and_as_they():
    quotes = extract_quotes([
        "“Suburban residents saw jobs drop,” Elizabeth Kneebone and Natalie Holmes wrote in the study's "
        "summary. The issue affects poor residents, the authors added. “Residents of high-poverty "
        "neighborhoods saw declines,” they wrote.",
        "“The dynamics did not emerge by themselves,” Kneebone and Holmes wrote.",
    ])
    assert [q.speaker for q in quotes] == ["Elizabeth Kneebone and Natalie Holmes"] * 3


def test_two_people_named_with_a_role_between_or_after_a_plural_verb():
    quotes = extract_quotes([
        "John Kerry and British Foreign Secretary Philip Hammond said in a statement, “So far, we have seen no "
        "evidence of manipulation.”",
        "“Declining marriage rates may not be concerning on their own,” say Isabel Sawhill and Joanna Venator "
        "of the Brookings Institution.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("John Kerry and Philip Hammond", "quote"),
        ("Isabel Sawhill and Joanna Venator", "quote"),
    ]
    assert [q.speaker for q in extract_quotes(["“We were surprised,” say the researchers."])] == ["researchers"]
    aside = extract_quotes(["Despite the “retrospective data,” the real truth, say the sources, is in the documents."])
    assert [(q.speaker, q.kind) for q in aside] == [(None, "fragment")]


def test_one_of_a_pair_is_no_pair():
    quotes = extract_quotes([
        "Jonny Evans met Papiss Cisse on Wednesday. Evans and Cisse said: “We are sorry.” Cisse's statement "
        "said: “I reacted to something.”",
    ])
    assert [q.speaker for q in quotes] == ["Jonny Evans and Papiss Cisse", "Papiss Cisse"]


def test_a_family_named_by_a_plural_possessive():
    quotes = extract_quotes([
        "Windell D. Middlebrooks died Monday. Middlebrooks' family also posted a statement on his Facebook page "
        "Tuesday. “The Middlebrooks, with sorrowed hearts, announce the passing of a star,” the statement read.",
    ])
    assert [q.speaker for q in quotes] == ["Middlebrooks' family"]


def test_a_relative_of_someone_with_a_job_then_the_name():
    quotes = extract_quotes([
        "An uncle of suspect Yassine Labidi, Abeld Malik Labidi, told CNN on Friday that no one had seen any "
        "signs. He said Yassine Labidi was one of the two gunmen. “It's true,” he said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Abeld Malik Labidi", "uncle of suspect Yassine Labidi")]


def test_a_participle_after_a_that_clause_goes_with_the_named_teller():
    quotes = extract_quotes([
        "His Kuwait-based lawyer, Salem Al-Hashash, told CNN that the family plans to sue anyone who makes the "
        "connection, calling the father a “victim of libel.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Salem Al-Hashash", "His Kuwait-based lawyer")]


def test_a_based_modifier_alone_names_no_one():
    quotes = extract_quotes([
        "In January, London-based scidev.net reported the findings, warning of “unintended adverse consequences.”",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_reads_before_what_is_written():
    quotes = extract_quotes([
        "“In essence, a week or more was lost in the initial search,” reads the ICAO working document.",
        "“Sorry,” read the statement, in part.",
    ])
    assert [q.speaker for q in quotes] == ["the ICAO working document", "the statement"]


def test_a_bodys_statement_is_the_body_named_before():
    quotes = extract_quotes([
        "The reliefs were restored by the World Monuments Fund. “Depicted in the reliefs are marauding troops,” "
        "said the fund's website, in part.",
    ])
    assert [q.speaker for q in quotes] == ["World Monuments Fund"]


def test_a_nationality_and_a_job_before_an_unlisted_given_name():
    quotes = extract_quotes([
        "Lincoln greeted Beecher Stowe at the White House. British suffragette Emmeline Pankhurst founded the "
        "Women's Social and Political Union (WSPU). “We are here, not because we are law-breakers,” she said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Emmeline Pankhurst", "British suffragette")]


def test_a_possessive_job_then_a_name_and_a_surname_that_is_a_modal():
    quotes = extract_quotes([
        "Clarkson took to Twitter. “Save Clarkson?” his co-host James May tweeted. “Save empty cardboard boxes.”",
    ])
    assert [(q.speaker, q.speaker_role, q.kind) for q in quotes] == [
        ("James May", "co-host", "quote"), ("James May", "co-host", "quote"),
    ]


def test_vowing_and_pledging_go_with_the_clause_subject():
    quotes = extract_quotes([
        "Israeli Prime Minister Benjamin Netanyahu restated his concern about an agreement with Iran, vowing "
        "“to continue to act against any threat.”",
        "The governor said no. But members of the Indiana legislature beg to differ with the governor, pledging "
        "to “fix” the law.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("Benjamin Netanyahu", "quote"), ("members of the Indiana legislature", "quote"),
    ]


def test_one_of_someones_many_as_written():
    quotes = extract_quotes([
        "In the Gospel of Luke, one of Jesus' disciples says, “Lord, teach us to pray.”",
    ])
    assert [q.speaker for q in quotes] == ["one of Jesus' disciples"]
    quotes = extract_quotes(["One of his best friends told CNN: “He was kind.”"])
    assert [q.speaker for q in quotes] == ["One of his best friends"]
    quotes = extract_quotes(["“Burn the pilot,” a boy shouts in one of its videos."])
    assert [q.speaker for q in quotes] != ["one of its videos"]


def test_two_people_in_apposition_to_whose_parents_they_are():
    quotes = extract_quotes([
        "Michael Brown's parents, Lesley McSpadden and Michael Brown Sr., released a statement saying they were "
        "disappointed. “We are encouraged that the DOJ will hold the department accountable,” the statement said.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Lesley McSpadden and Michael Brown Sr.", "Michael Brown's parents"),
    ]


def test_someone_called_or_named_after_a_quote():
    quotes = extract_quotes([
        "“Before you go and get too self-righteous,” a user called Caleb Parke tweeted.",
        "“It was loud,” a man named Bob Jones said.",
    ])
    assert [q.speaker for q in quotes] == ["Caleb Parke", "Bob Jones"]


def test_now_she_after_a_one_word_name_tells_its_sex():
    quotes = extract_quotes([
        "Farah lives in Amman. “I was scared,” Farah says. Fatiya, who escaped Iraq during the 2003 invasion, was "
        "surviving on charity until six months ago. Now she runs her own business. These days, Fatiya is busy "
        "rebuilding her life. “I make my own way,” she says.",
    ])
    assert [q.speaker for q in quotes] == ["Farah", "Fatiya"]
    quotes = extract_quotes([
        "Rory Armes, studio general manager for Electronic Arts, told the BBC that EA was getting a sense of the "
        "machines. Microsoft had delivered kits to EA, but he said the company was still waiting. But, he added, "
        "the PlayStation 3 was rumoured to have “a little more under the hood.”",
    ])
    assert [q.speaker for q in quotes] == ["Rory Armes"]  # ("But, he added" tells nothing of Microsoft)


def test_a_mom_named_after_whose_she_is():
    quotes = extract_quotes([
        "The actors met Oskar Beechum, 7. “Meeting them was a nice reprieve for us,” Oskar's mom Kelli Beechum "
        "said. “So many of our visitors are doctors.”",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Kelli Beechum", "mom"), ("Kelli Beechum", "mom"),  # (as "Oskar's mother" gives "mother")
    ]


def test_a_body_with_a_which_clause_is_the_subject():
    quotes = extract_quotes([
        "Iran, which has supported the Houthis as fellow Shia, described the Saudi offensive as a “dangerous move "
        "that would kill any chance at peaceful resolution.”",
        "A spokesman for the firm representing the plaintiffs and BeverageGrades, which performed the analysis, "
        "said the company is confident that its data is “based on sound scientific research.”",
    ])
    assert [q.speaker for q in quotes][0] == "Iran"
    assert quotes[1].speaker != "BeverageGrades"


def test_a_two_word_band_name_inside_a_role():
    quotes = extract_quotes([
        "Former One Direction member Zayn Malik spoke for the first time since leaving the group. “I feel like "
        "I've let the fans down,” he told The Sun.",
    ])
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Zayn Malik", "Former One Direction member")]


def test_a_name_of_a_court_with_an_ordinal():
    quotes = extract_quotes([
        "“The Constitution requires a fair trial,” Chief Judge Alex Kozinski of the federal 9th Circuit Court of "
        "Appeals wrote.",
    ])
    assert [q.speaker for q in quotes] == ["Alex Kozinski"]


def test_an_unnamed_agent_noun_quoted_as_saying():
    quotes = extract_quotes([
        "“It's the first time police technicians and gendarmes are working together,” an unnamed technician in "
        "one of those teams is quoted as saying. “We have total trust in each other.”",
        "“It's hard,” said one military wife.",
    ])
    assert [q.speaker for q in quotes] == ["an unnamed technician", "an unnamed technician", "one military wife"]


def test_the_attorney_general_is_the_one_named_with_that_office():
    quotes = extract_quotes([
        "Attorney General Loretta Lynch announced the charges on Monday. Reporters asked about the timing. The "
        "attorney general said the case was “a clear abuse of trust.”",
    ])
    assert [q.speaker for q in quotes] == ["Loretta Lynch"]


def test_a_nationality_before_a_name_is_no_part_of_it():
    quotes = extract_quotes([
        "The favorite was trained by American Art Sherman. “He ran his eyeballs out,” Sherman said.",
    ])
    assert [q.speaker for q in quotes] == ["Art Sherman"]


def test_unnamed_speakers_with_modifiers_after_a_quote():
    quotes = extract_quotes([
        "Tom Hanks spoke earlier.",
        "“The sea is deep,” a masked gunman said on the video, “we swear it.”",
        "“A pilot called me last week,” a health care provider told me recently.",
        "“The family is asking for prayers,” a family spokeswoman said in a short emailed statement.",
    ])
    assert [q.speaker for q in quotes] == [
        "a masked gunman", "a masked gunman", "a health care provider", "a family spokeswoman",
    ]


def test_a_quote_after_an_unread_unnamed_speaker_is_no_earlier_persons():
    quotes = extract_quotes([
        "Tom Hanks spoke earlier.",
        "“The sea you have hidden his body in,” a masked English-speaking jihadi said on the video, “we swear to "
        "Allah, we will mix it with your blood.”",
    ])
    assert quotes[0].speaker is None


def test_a_stop_then_a_comma_before_the_closing_mark_leads_on_to_the_attribution():
    quotes = extract_quotes([
        "Authorities began looking for him. “The suspect knows he is wanted, and that police are actively searching "
        "for him.,” Pomona police said in a statement. The LAPD is helping them look for him.",
    ])
    assert [q.speaker for q in quotes] == ["Pomona police"]


def test_a_description_with_an_aside_before_its_verb():
    quotes = extract_quotes([
        "Golf legend Arnold Palmer has vowed that won't stop him. The 85-year-old, speaking to reporters at the "
        "Trump Doral resort where he was opening a villa named after him, said he would look forward “to being out "
        "on that tee even if I fan it.”",
    ])
    assert [q.speaker for q in quotes] == ["Arnold Palmer"]


def test_asking_right_before_a_quote_reports_the_subjects_words():
    quotes = extract_quotes([
        "Federer crashed the Scot's Q&A Twitter session on Thursday to tease Murray about his lustrous locks, asking "
        "“how do you get your hair to be so curly?”",
        "We're asking women to put together their own “brain trusts” in their communities.",
    ])
    assert [(q.speaker, q.kind) for q in quotes] == [("Federer", "quote"), (None, "fragment")]


def test_described_by_someone_as():
    quotes = extract_quotes([
        "The animated movie is described by Burt Ward as “one of possibly two that Adam and I are going to be "
        "doing the voices for.”",
    ])
    assert [q.speaker for q in quotes] == ["Burt Ward"]


def test_a_crew_speaks_as_a_group_and_the_researchers_are_the_two_named():
    quotes = extract_quotes([
        "“The automatic spoilers did not deploy,” the crew told the NTSB, “but that the first officer quickly "
        "deployed them manually.”",
        "“Jobs moved away,” Elizabeth Kneebone and Natalie Holmes wrote in the study's summary. “The poor lost "
        "most,” the researchers added.",
    ])
    assert [q.speaker for q in quotes] == [
        "crew", "crew", "Elizabeth Kneebone and Natalie Holmes", "Elizabeth Kneebone and Natalie Holmes",
    ]


def test_a_family_spokeswoman_is_not_a_spokeswoman_for_the_church():
    quotes = extract_quotes([
        "“The Lim family is asking fellow Canadians to keep praying,” a family spokeswoman said in a short emailed "
        "statement. Lim, 60, went to North Korea as he had done many times before, said Lisa Pak, a spokeswoman for "
        "his church.",
    ])
    assert [q.speaker for q in quotes] == ["a family spokeswoman"]
    quotes = extract_quotes([
        "“The family asks for prayers,” a family spokeswoman said. Lisa Pak, a spokeswoman for his church, said "
        "later that he was well.",
    ])
    assert [q.speaker for q in quotes] == ["a family spokeswoman"]  # (the next sentence's spokeswoman is another's)


def test_an_unnamed_source_and_how_they_know():
    quotes = extract_quotes([
        "“He showed no remorse,” a senior police official handling the case told CNN.",
        "“He wept,” a source close to the family said.",
        "“It was planned,” said a source familiar with the investigation.",
        "An official involved in the talks said the offer was “not serious.”",
    ])
    assert [q.speaker for q in quotes] == [
        "a senior police official handling the case", "a source close to the family",
        "a source familiar with the investigation", "An official involved in the talks",
    ]


def test_titles_signs_and_labels_are_fragments():
    quotes = extract_quotes([
        "Ghani is uncomfortable with the pace, telling CBS' “60 Minutes” in January, “deadlines should not be "
        "dogmas.”",
        "Warner Bros. has won the movie rights to “It's What I Do: A Photographer's Life of Love and War,” a memoir "
        "by Lynsey Addario.",
        "A website associated with Kim displayed a photo of him with protesters holding a sign that read: “Stop war "
        "exercises that block North-South Korean dialogue.”",
        "Nestle USA intends to advertise the products with a “No artificial flavors or colors” claim on package labels.",
    ])
    assert [(q.text, q.kind) for q in quotes] == [
        ("60 Minutes", "fragment"), ("deadlines should not be dogmas.", "quote"),
        ("It's What I Do: A Photographer's Life of Love and War", "fragment"),
        ("Stop war exercises that block North-South Korean dialogue.", "fragment"),
        ("No artificial flavors or colors", "fragment"),
    ]


def test_a_country_that_is_also_a_given_name_is_no_he():
    quotes = extract_quotes([
        "“It is our war,” King Abdullah II said. Jordan has a “responsibility to reach out to eastern Syria,” "
        "Abdullah insisted. “So this is our war,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Abdullah II", "Abdullah II", "Abdullah II"]


def test_us_weekly_is_a_magazine():
    quotes = extract_quotes([
        "Kendall Jenner said she never said that. Us Weekly said on its website: “The interview was allegedly "
        "conducted by an independent freelance journalist.”",
    ])
    assert [q.speaker for q in quotes] == ["Us Weekly"]


def test_sam_may_be_a_she():
    quotes = extract_quotes([
        "Sam Taylor-Johnson, who directed the film, told Deadline.com that she won't be back for the sequel. "
        "“Directing it has been an intense and incredible journey,” she said in a statement to the site.",
    ])
    assert [q.speaker for q in quotes] == ["Sam Taylor-Johnson"]


def test_as_he_liked_to_say():
    quotes = extract_quotes([
        "Lee Kuan Yew had serious reservations about democracy. As he liked to say, “the acid test is "
        "performance, not promises.”",
    ])
    assert [q.speaker for q in quotes] == ["Lee Kuan Yew"]


def test_an_account_named_by_its_handle():
    quotes = extract_quotes([
        "On Tuesday, @ESA_Rosetta tweeted: “Excited! I have some opportunities to listen for @philae2014.”",
        "“I'm awake,” tweeted @philae2014.",
    ])
    assert [q.speaker for q in quotes] == ["@ESA_Rosetta", "@philae2014"]


def test_the_head_of_a_body_is_no_name_with_a_role():
    quotes = extract_quotes([
        "The CEO of Lufthansa said Lubitz had been “fit to fly.”",
        "The head of the agency said the plan was “unworkable.”",
    ])
    assert [q.speaker for q in quotes] == ["The CEO of Lufthansa", "The head of the agency"]


def test_a_response_a_definition_a_blog_and_a_bulletin_say_things():
    quotes = extract_quotes([
        "The response further says that “Plaintiffs' injuries were caused by the acts of Plaintiffs' decedent.”",
        "The new definition says, in part, that “marriage involves a unique commitment between two people.”",
        "His blog called Aslan “an Islamic apologist.”",
    ])
    assert [q.speaker for q in quotes] == ["The response", "The new definition", "His blog"]


def test_an_unnamed_official_and_where_they_are():
    quotes = extract_quotes([
        "A senior Israeli official traveling in Netanyahu's delegation, who was not authorized to speak on the "
        "record, said the government had “a good understanding of the agreement.”",
    ])
    assert [q.speaker for q in quotes] == ["A senior Israeli official"]


def test_an_account_before_its_verb_after_the_quote():
    quotes = extract_quotes([
        "Prosecutors called on an FBI agent. “I shall die young,” @J_tsar tweeted on April 12, 2012.",
    ])
    assert [q.speaker for q in quotes] == ["@J_tsar"]


def test_a_county_is_no_one_a_description_stands_for():
    quotes = extract_quotes([
        "Ferguson was ranked in the top eight of the 80 municipal courts in St. Louis County, the report said. "
        "“It was a disgrace,” the director said.",
    ])
    assert [q.speaker for q in quotes] == ["the director"]
