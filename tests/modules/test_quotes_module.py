from newsletter.models import Article, Story
from newsletter.modules.quotes import MODULE, story_quotes

A = Article(id="a", title="Bridge vote", paragraphs=(
    "The council approved the bridge on Monday.",
    "\u201cThis is the most important decision this council has made in a generation,\u201d said Mayor Rosa Delgado.",
    "Councillor Tom Briggs, who voted against the plan, said: \u201cWe are borrowing against our children\u2019s future.\u201d",
    "Critics called it a \u201cvanity project\u201d.",
))
B = Article(id="b", title="Ferry cuts", paragraphs=(
    "\u201cWe will keep running as long as people need us,\u201d said Martin Okafor, the company\u2019s chief executive.",
))
STORY = Story(id="s", title="Bridge", articles=(A, B))


def test_every_quote_keeps_its_article_and_speaker():
    quotes = [(q.text, q.speaker, q.article_id, q.kind) for q in story_quotes(STORY)]
    assert quotes == [
        ("This is the most important decision this council has made in a generation", "Rosa Delgado", "a", "quote"),
        ("We are borrowing against our children\u2019s future.", "Tom Briggs", "a", "quote"),
        ("vanity project", "Critics", "a", "quote"),  # the critics' words, partially quoted
        ("We will keep running as long as people need us", "Martin Okafor", "b", "quote"),
    ]


def test_section_has_pull_quotes_from_different_speakers_and_the_people_quoted():
    section = MODULE.build(STORY, {"pull_quotes": 2, "heading": "Said", "show_people": True}, {})
    assert section.heading == "Said"
    assert len(section.items) == 2
    assert len({q.speaker for q in section.items}) == 2
    assert all(q.kind == "quote" and len(q.text.split()) > 3 for q in section.items)
    assert [p.name for p in section.extra] == ["Rosa Delgado", "Tom Briggs", "Martin Okafor"]
    okafor = section.extra[2]
    assert okafor.role == "the company\u2019s chief executive"


def test_people_list_can_be_hidden():
    section = MODULE.build(STORY, {"pull_quotes": 3, "heading": "Said", "show_people": False}, {})
    assert section.extra == ()
