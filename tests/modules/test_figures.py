from newsletter.models import Article, Story
from newsletter.modules.figures import find_figures, story_figures


def values(sentence):
    return [(m.value, m.label) for m in find_figures(sentence, "a", 0)]


def test_counts_money_and_percentages():
    assert values("Officials said around 12,000 troops were sent, with roughly 1,500 soldiers already deployed.") == [
        ("12,000", "troops"),
        ("1,500", "soldiers"),
    ]
    assert values("Profits jumped 76% to $1.13bn (£600m) in the quarter.") == [("76%", ""), ("$1.13bn", ""), ("£600m", "")]
    assert values("The army is vast, with 1.2 million personnel.") == [("1.2 million", "personnel")]
    assert values("Russia has averaged more than 1,200 casualties per day.") == [("1,200", "casualties per day")]


def test_years_dates_ordinals_and_codes_are_not_figures():
    assert values("In the 1950s, on October 22, 2024, at 10:00, 21st century G7 leaders met in 2003.") == []
    assert values("The F-16 and COVID-19 were discussed on 5 March.") == []


def test_small_bare_numbers_are_skipped():
    assert values("He has 3 children.") == []


def test_story_figures_dedupe_across_sources_and_rank_labelled_first():
    a = Article(id="a", title="A", paragraphs=(
        "The North has sent around 12,000 troops to Russia.",
        "It was the 30th such meeting.",
    ))
    b = Article(id="b", title="B", paragraphs=(
        "Some 12,000 troops are expected to be deployed, along with 500 advisers.",
        "\u201cWe have 9,000 reasons to worry,\u201d he said.",
    ))
    figures = story_figures(Story(id="s", title="A", articles=(a, b)), limit=5)
    assert [(f.value, f.label, f.article_id) for f in figures] == [
        ("12,000", "troops", "a"),
        ("500", "advisers", "b"),
    ]


def test_figure_text_is_the_clause_that_says_what_the_number_counts():
    def clauses(sentence):
        return [(m.value, m.clause) for m in find_figures(sentence, "a", 0)]

    assert clauses("About 35,000 homes were without power by the evening, the grid operator said.") == [
        ("35,000", "About 35,000 homes were without power by the evening"),
    ]
    assert clauses("The firm may cut services by a third, putting 60 jobs at risk.") == [("60", "putting 60 jobs at risk")]
    assert clauses("The army is vast, with 1.2 million personnel, but it has no combat experience.") == [
        ("1.2 million", "The army is vast, with 1.2 million personnel"),
    ]
    long = ("Russia is known to have been averaging more than 1,200 casualties per day in recent months as it "
            "seeks to gain territory in eastern Ukraine and to retake the region.")
    assert clauses(long) == [
        ("1,200", "…have been averaging more than 1,200 casualties per day in recent months as it seeks to…"),
    ]
