"""Direct quotations in an article and who said them: a fast, hand-written, rule-based extractor.

The pipeline, per article:

1. ``_scan``: find quoted spans by reading the quote marks in context (curly, straight,
   guillemets; quotes running over paragraphs; single quotes as main quotes only when
   clearly marks, never apostrophes; single quotes nested in double ones stay inside).
2. Mask every span in its paragraph, so that sentence boundaries and the attribution
   grammar see only the narration around the quotes.
3. ``_attribute``: read the narration right after the quote ("…,” Cronin said",
   "…,” said X, a fellow at Y") and then the narration of its sentence before it
   ("X, of Y, told PBS: “…”", "U.S. officials have said … a “new level …”"); then
   colon introductions and continuation paragraphs.
4. Resolve pronouns to the latest compatible person, merge name variants (surname,
   one-letter misspelling, "Mr Brown") into the first full form, and carry roles.

Given names and their genders come from ``data/given_names.txt`` (1990 US Census first-name
lists, public domain, plus British and international names); without it the short hand
lists below are used.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsletter.text import MONTH_NUMBERS

__all__ = ["FoundQuote", "extract_quotes", "pull_quotes", "quoted_people"]


@dataclass(frozen=True)
class FoundQuote:
    """A quoted span of an article with its speaker (None if unknown)."""

    text: str
    speaker: str | None
    speaker_role: str | None
    organisation: str | None
    kind: str  # "quote" or "fragment"
    paragraph: int


# --------------------------------------------------------------------------------------
# Word lists (constants)
# --------------------------------------------------------------------------------------

# participles that report words only right before them: "…, asking “how do you …?”"
_ASIDE_PARTICIPLES = frozenset("asking joking quipping replying recalling admitting".split())
# participles that report the words of their clause's subject: "…, Mr Blair refused, saying …"
_PARTICIPLES = frozenset(
    "adding saying noting warning insisting arguing explaining stressing claiming telling calling describing "
    "writing tweeting declaring vowing promising pledging".split()
) | _ASIDE_PARTICIPLES
_SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell added adds noted notes warned warns explained explains
    argued argues insisted insists stressed stresses asked asks wrote writes tweeted tweets posted
    posts clarified clarifies
    claimed claims suggested suggests continued continues replied replies recalled recalls
    admitted admits acknowledged acknowledges declared declares announced announces stated states
    commented comments observed observes remarked remarks emphasised emphasized emphasises
    emphasizes cautioned cautions conceded concedes confirmed confirms countered counters
    maintained maintains predicted predicts answered answers responded responds quipped joked
    shouted yelled whispered urged urges described describes called calls voiced voices briefed
    expected expects believes believed thinks thought estimated estimates proposed proposes
    agreed agrees revealed reveals disclosed mused cried exclaimed reported reports testified
    testifies complained complains lamented laments concluded concludes promised promises vowed
    vows pledged pledges accused accuses charged boasted assured assures reiterated reiterates
    affirmed alleged contended contends opined demanded demands denied denies objected wondered
    wonders recounted blasted slammed hailed praised criticised criticized dismissed questioned
    reckoned reckons anticipated anticipates forecast advised advises recommended recommends
    signalled signaled indicated indicates hinted hints pointed points adding noting warning
    insisting arguing explaining stressing claiming disagreed disagrees telling
    branded brands labelled labeled welcomed welcomes condemned condemns blamed blames
    implored implores pleaded pleads begged begs screamed screams shouts yells whispers muttered
    mutters exclaims cries sighed sighs smiled smiles laughed laughs grinned chuckled beamed quips
    jokes remembers remembered gushed gushes raved raves marveled marvelled marvels sobbed sobs giggled
    giggles grins chuckles beams
    calling describing branding labelling labeling dubbing dubbed
    chanted chants chanting shouting yelling screaming
    confided confides confessed confesses alleges repeating prayed prays
    """.split()
) | _PARTICIPLES
# Verbs that may precede their subject: "…,” said Victor Cha.
_INVERTIBLE = frozenset(
    """
    said says added adds noted notes wrote writes asked asks explained explains continued
    continues insisted insists warned warns replied replies recalled recalls stressed stresses
    argued argues declared declares announced announces stated states observed observes remarked
    remarks commented comments cautioned cautions conceded concedes countered counters answered
    answers responded responds quipped joked cried exclaimed concluded concludes admitted admits
    acknowledged acknowledges tweeted suggested suggests claimed claims emphasised emphasized
    reiterated mused recounted
    """.split()
)
# Any other past or present reporting verb may be inverted too ("…,” predicted Ted Cohen), bar
# those that mostly take an object or a clause rather than a quote.
_INVERTIBLE = _INVERTIBLE | frozenset(
    v for v in _SPEECH_VERBS if not v.endswith("ing")
) - frozenset(
    """
    called calls reported reports expected expects believes believed thinks thought points pointed
    charged branded brands labelled labeled described describes welcomed welcomes condemned
    condemns praised hailed blasted slammed criticised criticized dismissed questioned accused
    accuses denied denies promised promises pledged pledges vowed vows voiced voices briefed
    proposed proposes recommended recommends advised advises estimated estimates forecast
    anticipated anticipates signalled signaled indicated indicates hinted hints demanded demands
    alleged tell tells say asks urged urges blamed blames
    """.split()
)
# plural present forms that go before a plural subject only ("…,” say the researchers)
_PLURAL_INVERTIBLE = frozenset("say write add note argue warn explain".split())
_INVERTED_BEFORE_GROUPS = _PLURAL_INVERTIBLE | {"reads", "read"}  # (and "…,” reads the statement")
# Words allowed between a subject and its verb: "Seoul has voiced", "he later added".
_AUX = frozenset(
    """
    has have had was were is are also later then previously earlier once recently further again
    separately repeatedly publicly reportedly would will could may might has quickly simply just
    already privately frankly bluntly flatly angrily firmly too did does do afterwards subsequently
    immediately initially originally eventually finally openly strongly
    """.split()
)
# words in "-ly" that are no adverbs: "the family said", "the elderly say"
_LY_NOT_ADVERBS = frozenset(
    """
    family assembly supply elderly weekly monthly yearly quarterly friendly lonely lovely costly
    deadly orderly homily anomaly monopoly butterfly melancholy
    """.split()
)


def _adverb_like(low: str) -> bool:
    """ "quickly", "only": a lower-case word ending in -ly that is no noun ("family", "assembly")."""
    return low.endswith("ly") and low not in _LY_NOT_ADVERBS


def _is_aux(word: str) -> bool:
    """A word that may stand between a subject and its verb: "has", "later", "unwaveringly"
    (but not the surname "Wessely")."""
    low = word.lower()
    if low in _AUX:
        return True
    return len(word) >= 6 and word.endswith("ly") and word.isalpha() and word.islower() and low not in _LY_NOT_ADVERBS


# nouns before a job that say whose it is: "a family spokeswoman", "a church spokesman"
_WHOSE_NOUNS = frozenset("family church school club team hospital police campaign company".split())
# what two people named as writing something are called after: "the authors added"
_AUTHOR_GROUPS = frozenset("authors researchers scientists writers pair duo".split())
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "x", "i": "x"}

_STOP = frozenset(
    """
    the a an this that these those it its in on at for from with by to of but and or if when
    while as after before however meanwhile yet so he she they we i his her their our there here
    some many most all according also then now still even asked speaking last next earlier later
    both each every no not why what who how where which under over despite since until although
    though because during today yesterday tomorrow monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december source sources yes well my your you me us him them one another such other more
    should would could will can may might must shall do does did
    neither either nor none few several whether regarding concerning amid among whereas unless upon
    nearly almost roughly approximately around about only just perhaps maybe
    """.split()
)
_PARTICLES = frozenset("de van von der den del della da di du la le bin ibn al dos das ten ter".split())
_CONNECTORS = frozenset("of for and the".split()) | _PARTICLES
# "Abu Bakr", "Umm Hassan": an Arabic "father/mother of", part of the name that follows
_KUNYA = frozenset("abu abou umm".split())
# "De Rossi", "Van Gaal", "Von Ertfelda": a particle opening a surname
_CAPITAL_PARTICLES = frozenset(p.capitalize() for p in _PARTICLES)
_HONORIFICS = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "sir": "m", "dame": "f", "lord": "m", "lady": "f", "dr": "", "dr.": "", "prof": "",
    "prof.": "", "professor": "", "king": "m", "queen": "f", "prince": "m", "princess": "f",
    "mme": "f", "mme.": "f", "m.": "m", "reverend": "", "rev": "", "rev.": "",
}
_TITLES = frozenset(
    """
    president vice prime minister secretary chancellor senator sen. rep. representative congressman
    congresswoman gov. governor mayor general gen. lt. col. colonel major maj. captain capt. admiral
    adm. sergeant sgt. commander chief director judge justice ambassador pope cardinal bishop
    archbishop rabbi imam sheikh chairman chairwoman chair ceo coach manager leader speaker premier
    commissioner attorney prosecutor inspector detective officer sheriff superintendent deputy
    assistant acting former incumbent executive spokesman spokeswoman spokesperson treasurer envoy
    state foreign defence defense home interior finance health justice trade economy
    mp mep msp mla am qc kc councillor councilor councilman councilwoman alderman assemblyman
    assemblywoman senator supt supt. det det. insp insp. sgt cllr cdr cpl pte
    editor correspondent publisher producer founder
    """.split()
) | frozenset(_HONORIFICS)
# titles that name a job, not honorifics ("senator", "chief"; not "Mr", "Dr")
_JOB_TITLES = _TITLES - _HONORIFICS.keys()
# Lower-case role nouns that can stand right before a name: "North Korean leader Kim Jong-un".
_ROLE_NOUNS = frozenset(
    """
    leader president minister secretary spokesman spokeswoman spokesperson chief director analyst
    expert professor researcher economist official envoy ambassador general commander lawmaker
    senator governor mayor chairman chairwoman chair ceo founder executive head coach manager
    captain striker player author editor correspondent adviser advisor lawyer attorney judge
    prosecutor candidate nominee actor actress singer star boss owner strategist scientist
    historian diplomat activist campaigner spokesperson premier chancellor counterpart councillor
    king queen pope monarch emperor champion representative rep publicist agent personality host legend icon
    """.split()
)
# role words that may also name a thing ("the star", "the chair"): a person only when named or speaking
_THING_ROLES = frozenset({"chair", "star"})
# offices named "<word> general": "the attorney general said"
_GENERAL_OFFICES = frozenset("attorney surgeon inspector solicitor secretary postmaster".split())
_ROLE_MODIFIERS = frozenset(
    "former deputy senior vice chief top acting then foreign defense defence prime military "
    "intelligence security national executive managing general supreme opposition party current "
    "incoming outgoing interim".split()
)
_GROUP_NOUNS = frozenset(
    """
    officials analysts experts sources diplomats observers critics residents witnesses lawmakers
    legislators researchers scientists economists investors traders activists protesters
    protestors police authorities prosecutors doctors officers commanders leaders ministers
    campaigners organisers organizers aides advisers advisors spokesmen spokespeople insiders
    executives people voters members politicians scholars academics specialists staff workers
    officers soldiers troops survivors families parents students teachers fans users
    bosses chiefs directors owners supporters
    men women dads moms mums mothers fathers kids children girls boys family siblings relatives
    crew couple pilots victims plaintiffs lawyers attorneys judges employees nurses passengers
    neighbors neighbours villagers locals demonstrators players coaches colleagues inmates
    prisoners refugees migrants citizens commentators
    """.split()
)
_INSTITUTION_NOUNS = frozenset(
    """
    government ministry spokesman spokeswoman spokesperson statement report agency company
    source official analyst expert insider aide
    committee army military embassy administration department office court council party group
    union team club board firm bank regulator newspaper kremlin pentagon commission jury panel
    institute city force church district legislature assembly
    """.split()
)
_GROUP_MODIFIERS = frozenset(
    """
    the a an some many other several two three four five senior top local military government
    administration intelligence security defense defence federal state foreign independent
    western eastern former health industry company party police election regional national
    international european american u.s. us uk u.k. eu chinese russian british ukrainian korean
    japanese israeli iranian french german indian military-intelligence its their both most
    one another union official press unnamed unidentified anonymous ruling governing opposition
    """.split()
)
# people who speak as one of many when unnamed: "one witness said", "a resident told"
_ONE_OF_MANY = frozenset(
    """
    witness eyewitness resident neighbour neighbor shopper voter fan worker survivor passenger
    bystander onlooker student teacher parent customer employee observer source insider official
    diplomat soldier officer doctor nurse protester protestor demonstrator villager local farmer
    driver victim relative friend colleague investor trader user reader viewer listener caller
    rescuer firefighter paramedic medic guard spectator attendee participant marcher mourner
    person commenter critic supporter follower member blogger tweeter classmate activist cousin
    man woman girl boy child kid teenager teen lady gentleman
    gunman militant jihadi jihadist guerrilla rebel fighter
    """.split()
)
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_INDEFINITE_RE = r"(?:[Aa]n?|[Oo]ne|[Aa]nother)"  # the same words in a pattern, either case
# written sources that "say" things: "The book … said", "Her lawsuit … said"
# what a body issues, never "they": "issued a statement … “…,” they said"
_STATEMENT_NOUNS = frozenset("statement statements report release announcement communique".split())
_DOCUMENT_NOUNS = frozenset(
    "book lawsuit suit letter study survey document motion petition ruling judgment verdict minutes "
    "complaint memo dossier indictment poster advert leaflet manifesto affidavit filing warrant transcript "
    "editorial column article essay obituary tweet tweets post posts message messages caption email e-mail "
    "emails note sign signs banner headline inscription plaque "
    "notice claim brief order decree resolution treaty contract agreement charter guidelines "
    "citation summons draft response definition blog advisory bulletin guidance "
    "papers documents records filings transcripts law statute legislation policy".split()
)
_ORG_KEYWORDS = frozenset(
    """
    institute institution university centre center foundation endowment corp corp. corporation
    inc inc. ltd ltd. llc plc ministry agency council committee bank fund association party
    department office group company society commission school college academy organisation
    organization service services forum program programme union trust council federation
    league club network times post journal news press bureau court parliament congress senate
    assembly authority board institutes laboratory lab partners capital securities consulting
    research studies magazine division brigade battalion regiment squadron corps observatory
    coalition alliance centers centres
    """.split()
)
# the last word of a body's name that is surely no person's: "the Football Association"
_BODY_WORDS = frozenset(
    "federation confederation association institute institution foundation society league organisation "
    "organization endowment".split()
)
_GEO_PREFIXES = frozenset(
    "north south east west new united republic saudi sri hong el costa puerto great northern "
    "southern eastern western central upper lower".split()
)
# first words of names that are never a person's: "Team Pacquiao", "Operation Yewtree"
_NOT_PERSON_FIRST = frozenset("team operation project camp club planet fort mount lake cape port".split())
_FRAGMENT_BEFORE = re.compile(
    r"(?:so-called|dubbed|termed|titled|entitled|nicknamed|labell?ed|branded|known\s+as|"
    r"the\s+words?|the\s+term|the\s+phrase|the\s+slogan|the\s+hashtag|the\s+motto|\(or|\bor|"
    r"\bcalled(?:\s+(?:it|them|this|the\s+\w+))?|(?:known\s+as|nicknamed|dubbed)\s+(?:the|a|an))\s*$",
    re.IGNORECASE,
)
_SIGN_READ_RE = re.compile(
    r"\b(?:signs?|placards?|banners?|posters?|t-shirts?|shirts?|billboards?)\s+(?:that\s+|which\s+)?"
    r"(?:read|reads|reading|said|says|saying)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_WORK_APPOSITION_RE = re.compile(
    r"^\s*,?\s*(?:a|an|the|his|her|their)\s+(?:[\w\-]+\s+){0,2}?(?:memoir|book|novel|film|movie|album|song|"
    r"documentary|play|musical|poem|biography|autobiography|single|sitcom)\s+(?:by|from|about|that|which|in|of)\b"
)
_NAME_NOUNS_AFTER = re.compile(
    r"^\s*(?:treaty|agreement|pact|partnership|accord|deal|act|bill|law|plan|programme|program|"
    r"policy|doctrine|strategy|initiative|operation|campaign|movement|summit|declaration|charter|"
    r"protocol|convention|book|novel|film|movie|album|song|series|show|slogan|hashtag|project|"
    r"scheme|alliance|coalition|festival|exhibition|award|prize|report|paper|memo|column|"
    r"documentary|podcast|play|musical|game|app|brand|label|tour|website|blog|claim|sticker|tagline|headline|"
    r"caption)\b",
    re.IGNORECASE,
)
_MALE_NAMES = frozenset(
    """
    john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel gregory alexander patrick frank raymond jack dennis jerry tyler aaron jose adam nathan
    henry peter zachary douglas harold kyle noah gerald ethan carl roger keith jeremy terry sean
    austin christian arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
    alan juan logan wayne ralph roy eugene randy vincent russell louis philip bobby johnny bradley
    victor vladimir boris dmitry sergei sergey igor ivan alexei volodymyr emmanuel olaf rishi
    keir tony gordon nigel ed jeremy tom ben mike bill jim bob steve dave nick tim dan
    matt joe hugh ian neil simon graham colin martin kim xi narendra recep benjamin jair
    """.split()
)
_FEMALE_NAMES = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla lori theresa angela
    ursula kamala hillary theresa liz nicola yvette priti suella kemi giorgia marine annalena
    darcie jane sue kate lucy claire sophie chloe ella fiona harriet jacinda
    """.split()
)


def _load_given_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(male, female, either) given names: data/given_names.txt, merged with the lists above."""
    male, female, either = set(_MALE_NAMES), set(_FEMALE_NAMES), set()
    try:
        path = Path(__file__).resolve().parent / "data" / "given_names.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) != 2 or line.startswith("#"):
                continue
            name, gender = parts
            if name in male or name in female:
                continue
            (male if gender == "m" else female if gender == "f" else either).add(name)
    except OSError:  # the data file is optional: the hand lists above still work
        pass
    return frozenset(male), frozenset(female), frozenset(either)


_MALE_NAMES, _FEMALE_NAMES, _EITHER_NAMES = _load_given_names()
_GIVEN_NAMES = _MALE_NAMES | _FEMALE_NAMES | _EITHER_NAMES

_POSTNOMINALS = frozenset("QC KC MP MEP MSP OBE MBE CBE KBE PHD".split())
_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_DOUBLE = '"“”„«»‟'
_OPEN_CONTEXT = "([{—–-/:;"
_CLOSE_CONTEXT = ".,;:!?)]}—–-…"
_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# (a quote glued to the stop before it opens a sentence too: "…a prior marriage.“It makes sense …”")
_BOUNDARY_RE = re.compile(r"[.!?…]+[)\]\"'”’»]*(?:\s+|(?=§))(?=[\"“‘'(\[«§]*[A-Z0-9À-Þ§])")
_ABBREV = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev fr supt det insp
    cllr cpl pte inc corp co ltd no
    vs etc al approx dept fig mt ft jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k
    u.n e.u a.m p.m i.e e.g d.c
    """.split()
)
_MASK = "§"
_CHAIN_RE = re.compile(
    r"(?<![\w'’.-])(?:(?:(?!(?:U\.S|U\.K|U\.N|E\.U|D\.C)\.)(?:[A-Z]\.)+|[A-Z][\w\-]*(?:['’](?!s\b)[\w\-]+)?)\s+(?:(?:de|van|von|der|den|da|di|du|la|le|bin|al|ten|ter)\s+)?){1,6}[A-Z][\w\-]*(?:['’](?!s\b)[\w\-]+)?(?:(?<=\bJr)\.|(?<=\bSr)\.)?(?=['’]s\b|(?<=s)['’](?![\w'’])|(?![\w'’-]))"
)
_QUOTING_RE = re.compile(
    r"\b(?:quot(?:ed|es|ing)(?:\s+by)?|(?:report(?:s|ed)|cit(?:es|ed))(?=\s+[^.;:§]{2,60}?\bas\s+say))\s+(?!as\b)"
)
_QUOTED_AS_RE = re.compile(r"\s+(?:was|were|is|are|has\s+been|had\s+been)\s+quoted\s+(?:\w+\s+)?as\s+say", re.IGNORECASE)
_SINGULAR_BODIES = frozenset(
    """
    government ministry agency committee army embassy administration department office court
    council party group union team club board firm bank regulator newspaper commission jury
    panel institute institution university foundation corporation company association
    organisation organization society federation league network authority bureau service force
    """.split()
)
_BODY_SHORT_RE = re.compile(r"((?:[A-Z][\w\-]*\s+(?:(?:of|for|and|on|&)\s+)*){1,6}[A-Z][\w\-]*)\s+\(([A-Z][a-z]{2,9})\)")
_ABBREV_INTRO_RE = re.compile(r"((?:[A-Z][\w\-]*\s+(?:(?:of|for|and|the|on|&)\s+)*){1,7}[A-Z][\w\-]*)\s+\(([A-Z][A-Z&]{1,7})\)")
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and in on at this that these those there his her its "
    "their our if when while as after before however meanwhile yet so".split()
)
_IMPERATIVES = frozenset("meet consider remember imagine".split())
_TOKEN_RE = re.compile(r"\S+")
_DOUBLE_RE = re.compile('["“”„«»‟]')
_SINGLE_RE = re.compile("[‘']")
_CLOSE_SINGLE_CURLY = re.compile("’")
_CLOSE_SINGLE_ANY = re.compile("['’]")


# --------------------------------------------------------------------------------------
# 1. Finding quoted spans
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """The part of one quoted span that lies in one paragraph (positions of the marks)."""

    par: int
    start: int  # position of the opening mark (or of the text if the paragraph continues it)
    content_start: int
    content_end: int
    end: int  # position after the closing mark (content_end if none)


@dataclass(frozen=True)
class _Span:
    pieces: tuple[_Piece, ...]
    closed: bool
    single: bool


def _flanks(s: str, i: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for the mark at s[i]: can it open, can it close."""
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    left = (prev.isspace() or prev in _OPEN_CONTEXT or prev in _DOUBLE or prev in "‘'") and not nxt.isspace()
    right = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in _DOUBLE or nxt in "’'")
    return left, right


def _double_role(s: str, i: int, is_open: bool) -> str:
    """'open', 'close' or '' for the double mark at s[i], given whether a quote is open."""
    ch = s[i]
    left, right = _flanks(s, i)
    if ch in _DOUBLE_OPEN:
        if right and not left and is_open:
            return "close"
        return "open"
    if ch in _DOUBLE_CLOSE:
        if left and not right and not is_open:
            return "open"
        return "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "close" if is_open else "open"


_ELISIONS = re.compile(r"(?:\d\ds|em\b|tis\b|twas\b|n['’]|cause\b|til\b|bout\b|round\b)", re.IGNORECASE)


def _single_spans(s: str, par: int, lo: int, hi: int) -> list[_Span]:
    """Single-quoted main quotes inside s[lo:hi] (which holds no double-quoted text)."""
    spans: list[_Span] = []
    resume = lo
    for cand in _SINGLE_RE.finditer(s, lo, hi):
        i = cand.start()
        if i < resume:
            continue
        ch = s[i]
        left, _ = _flanks(s, i)
        nxt = s[i + 1] if i + 1 < len(s) else " "
        if left and (nxt.isalnum() or nxt in "(…") and not _ELISIONS.match(s, i + 1):
            closers = _CLOSE_SINGLE_CURLY if ch == "‘" else _CLOSE_SINGLE_ANY
            found = -1
            for close in closers.finditer(s, i + 2, hi):
                j = close.start()
                _, right = _flanks(s, j)
                after = s[j + 1] if j + 1 < len(s) else " "
                if right and not after.isalnum():
                    found = j
                    break
            if found > 0:
                content = s[i + 1 : found]
                n_words = len(_WORD_RE.findall(content))
                if 1 <= n_words <= 80 and len(content.strip()) >= 2:
                    spans.append(_Span((_Piece(par, i, i + 1, found, found + 1),), True, True))
                    resume = found + 1
    return spans


_SENTENCE_END_RE = re.compile(r"[.!?…]['’]?(?=\s+[A-Z])")


def _last_sentence_end(s: str, lo: int, hi: int) -> int:
    """Position after the last sentence end in s[lo:hi] (0 if none)."""
    cut = 0
    for m in _SENTENCE_END_RE.finditer(s, lo, hi):
        cut = m.end()
    return cut


def _scan(paragraphs: Sequence[str]) -> list[_Span]:
    """All quoted spans of the article, in order."""
    spans: list[_Span] = []
    open_pieces: list[_Piece] = []  # pieces of the span currently open (earlier paragraphs)
    open_at: tuple[int, int] | None = None  # (paragraph, position of opening) of the open span

    for p, s in enumerate(paragraphs):
        stripped = len(s) - len(s.lstrip())
        plain_from = 0  # start of text outside double quotes, for single-quote search
        if open_at is not None:
            if stripped < len(s) and s[stripped] in _DOUBLE and s[stripped] not in _DOUBLE_CLOSE:
                open_at = (p, stripped)  # the quote continues into this paragraph
            else:
                spans.append(_Span(tuple(open_pieces), False, False))
                open_pieces, open_at = [], None
        n = len(s)
        for mark in _DOUBLE_RE.finditer(s):
            i = mark.start()
            role = _double_role(s, i, open_at is not None and open_at[0] == p)
            if open_at is not None and open_at[0] == p and open_at[1] == i:
                pass  # the continuation mark itself
            elif role == "open":
                if open_at is not None and open_at[0] == p:
                    if i > open_at[1] + 1 and s[open_at[1]] != '"':
                        # an opener while open: close the previous span here, unbalanced
                        piece = _Piece(p, open_at[1], open_at[1] + 1, i, i)
                        spans.append(_Span(tuple(open_pieces + [piece]), False, False))
                        open_pieces = []
                    elif (
                        s[:i].rstrip().endswith(":") or re.search(r"[a-z,]\s+$", s[max(0, i - 3) : i])
                    ) and (cut := _last_sentence_end(s, open_at[1] + 1, i)) > 0:
                        # (or '"… agenda. Dr Gibbons said staff wanted … after "tremendous change"':
                        # an opener inside a narration sentence; the open quote ended before it)
                        # '"… country. In reference to it, Mr Milburn said: "…': an introduction
                        # with a colon cannot be quoted text, so the open quote ended before it
                        piece = _Piece(p, open_at[1], open_at[1] + 1, cut, cut)
                        spans.append(_Span(tuple(open_pieces + [piece]), False, False))
                        open_pieces = []
                    else:
                        continue
                spans.extend(_single_spans(s, p, plain_from, i))
                open_at = (p, i)
            elif role == "close" and open_at is not None and open_at[0] == p:
                start = open_at[1]
                piece = _Piece(p, start, start + 1, i, i + 1)
                if s[start + 1 : i].strip() or open_pieces:
                    spans.append(_Span(tuple(open_pieces + [piece]), True, False))
                open_pieces, open_at = [], None
                plain_from = i + 1
        if open_at is None:
            spans.extend(_single_spans(s, p, plain_from, n))
        else:
            start = open_at[1]
            open_pieces.append(_Piece(p, start, start + 1, n, n))
            # keep open: the next paragraph may continue it
            open_at = (p, start)
    if open_at is not None and open_pieces:
        spans.append(_Span(tuple(open_pieces), False, False))
    return [sp for sp in spans if _span_text(sp, paragraphs)]


def _span_text(span: _Span, paragraphs: Sequence[str]) -> str:
    """The quoted words, outer marks stripped, paragraphs joined with one space."""
    parts = [paragraphs[pc.par][pc.content_start : pc.content_end].strip() for pc in span.pieces]
    text = " ".join(part for part in parts if part)
    if text.endswith(","):
        text = text[:-1].rstrip()
    return text


# --------------------------------------------------------------------------------------
# 2. Masks and sentences
# --------------------------------------------------------------------------------------


def _masked(paragraphs: Sequence[str], spans: Sequence[_Span]) -> list[str]:
    """Paragraphs with every quoted span (marks included) replaced by mask characters.

    A mask keeps its span's length; it ends in '.' when the quote ends a sentence, so that
    sentence boundaries after it are still seen.
    """
    chars = [list(s) for s in paragraphs]
    for span in spans:
        for pc in span.pieces:
            row = chars[pc.par]
            for k in range(pc.start, pc.end):
                row[k] = _MASK
            content = paragraphs[pc.par][pc.content_start : pc.content_end].rstrip()
            if content and content[-1] in ".!?…" and pc.end > pc.start:
                row[pc.end - 1] = "."
    return ["".join(row) for row in chars]


def _boundaries(m: str) -> list[tuple[int, int]]:
    """Sentence boundaries of a masked paragraph: (punctuation start, next sentence start)."""
    out = []
    for match in _BOUNDARY_RE.finditer(m):
        start = match.start()
        if m[start] == ".":
            k = start
            while k > 0 and not m[k - 1].isspace() and m[k - 1] not in "(\"“‘" + _MASK:
                k -= 1
            raw = m[k:start]
            token = raw.lower()
            nxt = m[match.end() :].split(" ", 1)[0].strip("\"“‘'(").lower()
            if len(token) == 1 and token.isalpha() and raw.isupper():
                continue  # an initial: "J. K. Rowling"
            if re.fullmatch(r"[A-Z](?:\.[A-Z])+", raw) and nxt not in _SENTENCE_STARTERS:
                continue  # initials: "P.G. Sittenfeld", "J.M. Berger" (but "… in the U.K. The …")
            if token in _ABBREV and not (raw.isupper() and "." not in raw and len(raw) > 1):
                ambiguous = "." in token or token in {"no", "st", "co", "inc", "corp", "ltd", "jr", "sr", "etc"}
                if not (ambiguous and nxt in _SENTENCE_STARTERS):
                    continue
        out.append((start, match.end()))
    return out


# --------------------------------------------------------------------------------------
# 3. Noun phrases: who speaks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NP:
    name: str
    kind: str  # "person" (a name), "pronoun", "group"
    role: str | None = None
    gender: str = ""


def _clean(s: str) -> str:
    return " ".join(s.split())


def _strip_token(tok: str) -> str:
    """A token without a trailing sentence period (kept for initials and abbreviations) or closing bracket."""
    if tok.endswith(")") and "(" not in tok:
        tok = tok[:-1]
    if tok.endswith(".") and not (
        re.fullmatch(r"(?:[A-Z]\.)+", tok) or tok[:-1].lower() in _ABBREV or tok.lower() in _TITLES
    ):
        return tok[:-1]
    return tok


def _is_name_token(tok: str) -> bool:
    if not tok or tok.endswith(("’s", "'s", "s'", "s’", ",", ";", ":")) or _MASK in tok:
        return False
    if tok in _PARTICLES:
        return False
    core = re.sub(r"^(?:al-|el-|d['’])", "", tok)
    if core[:1].isdigit():
        return re.fullmatch(r"\d+[A-Z][\w\-]*", core) is not None  # "4Cast", "3M"
    return bool(core) and (core[0].isupper()) and any(c.isalpha() for c in core)


# the first two letters of a capitalised word, accents included ("González", "Ledemé", "Łukasz")
_CAPITALISED = "[A-ZÀ-ÖØ-ÞĀ-ž][a-zß-öø-ÿĀ-ž]"
_ONE_WORD_NAME_RE = re.compile(_CAPITALISED + "+(?:-" + _CAPITALISED + "+)?")  # "Nour", "González", "Jean-Luc"
# "skill by Damien Duff": a given name and a surname, said inside a quote
_QUOTED_FULL_NAME_RE = re.compile(
    r"\b(" + _CAPITALISED + r"+)\s+((?:Mc|Mac|O')?" + _CAPITALISED + r"+(?:-" + _CAPITALISED + r"+)?)\b(?!['’]?\s*[A-Z])"
)
_PEERAGE = frozenset("lord lady baroness baron".split())
_ROYALS = frozenset({"Prince", "Princess", "Queen", "King", "Pope"})
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# adverbs that open a sentence before a comma ("Similarly, Belgium's Institute …, said"): never a name
_SENTENCE_ADVERBS = frozenset(
    """
    similarly additionally finally notably separately likewise meanwhile ultimately previously currently
    oddly interestingly importantly unfortunately fortunately surprisingly ironically initially
    eventually subsequently consequently accordingly alternatively incidentally admittedly apparently
    clearly obviously reportedly allegedly historically traditionally typically generally usually
    recently lately originally lastly secondly firstly thirdly frankly honestly sadly happily hopefully
    luckily naturally certainly essentially basically crucially critically curiously tellingly
    first second third fourth fifth sixth seventh eighth ninth tenth
    """.split()
)
# The remit of an office, as in "Secretary for Work and Pensions", "Commissioner for Human Rights".
_OFFICE_WORDS = frozenset(
    """
    affairs rights relations services pensions security commerce trade development justice health
    education environment energy transport transportation defence defense industry culture sport
    agriculture housing labour labor communities equality resources intelligence operations policy
    finance treasury economy exchequer interior refugees children families veterans homeland
    welfare immigration employment"""
    .split()
)


def _without_territory(tokens: list[str]) -> list[str]:
    """A peer's name without its territorial designation: "Lord Nicholls of Birkenhead" → "Lord Nicholls"."""
    if len(tokens) >= 4 and tokens[0].lower() in _PEERAGE and tokens[2] == "of":
        return tokens[:2]
    return tokens


def _split_role(tokens: list[str]) -> tuple[list[str], list[str], str]:
    """Split a capitalised chain into (role tokens, name tokens, gender from honorifics)."""
    cut = -1
    for k, tok in enumerate(tokens[:-1]):
        low = tok.lower()
        if re.fullmatch(r"[A-Z]\.", tok) and k > 0 and tokens[k - 1].lower() in _GIVEN_NAMES:
            continue  # "Michele M. Leonhart": a middle initial, not the French "M."
        if low in _TITLES or (low in _CONNECTORS and low not in _PARTICLES):
            cut = k
    role, name = tokens[: cut + 1], tokens[cut + 1 :]
    if (
        cut >= 2 and tokens[cut].lower() in {"of", "from"} and tokens[0].lower() in _GIVEN_NAMES
        and not any(t.lower() in _TITLES or t.lower() in _CONNECTORS for t in tokens[:cut])
    ):
        # "Sean Burke of Madison": a person, then where they are from
        return [tokens[cut]] + name, tokens[:cut], ""
    if _without_territory(tokens) != tokens and all(_is_name_token(tok) for tok in tokens[1:2] + tokens[3:]):
        return [], tokens, _HONORIFICS.get(tokens[0].lower(), "")  # "Lord Nicholls of Birkenhead": a peer's title
    first_of = next((k for k, tok in enumerate(tokens) if tok.lower() in {"of", "from", "at"}), -1)
    if first_of >= 3 and first_of + 1 < len(tokens):
        # "Dr. Natasha Burgert of KC Kids Doc": an honorific, a full name, then where they work
        t = 0
        while t < first_of and tokens[t].lower() in _HONORIFICS:
            t += 1
        person = tokens[t:first_of]
        if (
            t > 0 and len(person) >= 2 and person[0].lower() in _GIVEN_NAMES | _EITHER_NAMES
            and not any(tok.lower() in _TITLES | _CONNECTORS for tok in person)
        ):
            return tokens[first_of:], person, _HONORIFICS.get(tokens[t - 1].lower(), "")
    if len(name) >= 2:
        # "Minister for Foreign Affairs Martin Lidegaard", "Commissioner for Human Rights Zeid Ra'ad
        # Al Hussein": the office's remit words belong to the role, the name follows them
        last = max((k for k, tok in enumerate(name[:-1]) if tok.lower() in _OFFICE_WORDS), default=-1)
        rest = name[last + 1 :]
        if last >= 0 and (role or len(rest) >= 2 and not any(t.lower() in _ORG_KEYWORDS for t in rest)):
            role, name = role + name[: last + 1], rest
    if role and role[-1].lower() in {"of", "for"} and len(name) >= 3:
        # "Archbishop of Canterbury Rowan Williams", "Director of Public Prosecutions Keir Starmer":
        # the remit, then the name (from its given name on)
        k = next((k for k in range(1, len(name) - 1) if name[k].lower() in _GIVEN_NAMES), 0)
        if k == 0 and name[0].lower() not in _GIVEN_NAMES:
            k = 1
        role, name = role + name[:k], name[k:]
    gender = ""
    if role and (role[-1].lower() in _PEERAGE or role[-1] in _ROYALS and name[0].lower() in _GIVEN_NAMES) and len(name) == 1:
        # "Lord Falconer", "Lady Thatcher": the title is part of a peer's name (and "Prince Philip"'s)
        gender = _HONORIFICS.get(role[-1].lower(), "")
        return role[:-1], [role[-1]] + name, gender
    if role and role[-1].lower() in _HONORIFICS:
        gender = _HONORIFICS[role[-1].lower()]
        role = role[:-1]
        while role and role[-1].lower() in _HONORIFICS:
            if len(role) >= 2 and role[-1].lower() == "professor":
                break  # "Emory Associate Professor Dr. Sandra Fryhofer": a post, not only a form of address
            role = role[:-1]
    return role, name, gender


def _is_acronym(tok: str) -> bool:
    """"US", "IT", "WHO": capitals only, not the pronoun or word."""
    return len(tok) >= 2 and tok.isupper() and tok.isalpha()


def _org_of_name(tokens: list[str]) -> str | None:
    """An "X of Y" organisation kept whole: "Royal College of Physicians", "Bank of England"
    (a body word right before "of"/"for", no title before it, no given name after it)."""
    for j in range(1, len(tokens) - 1):
        low = tokens[j].lower()
        if low not in {"of", "for"}:
            continue
        head = tokens[j - 1].lower().rstrip(".,")
        plural = head.endswith("s") and len(head) > 4 and not any(t.lower() in _GIVEN_NAMES for t in tokens[:j])
        if not (head in _ORG_KEYWORDS or plural) or not tokens[0][:1].isupper():
            return None  # ("British Chambers of Commerce", "Friends of the Earth" too)
        if any(t.lower() in _TITLES - {"chair", "state", "trade", "health", "justice", "finance"} for t in tokens[:j]):
            return None
        rest = tokens[j + 1 :]
        if not rest or any(t.lower() in _GIVEN_NAMES and t[:1].isupper() for t in rest):
            return None
        return _clean(" ".join(tokens))
    return None


# a capitalised compound modifier opening a chain: "Paris-based", "Best-selling", "Oscar-winning"
_MODIFIER_TOKEN_RE = re.compile(
    r"[A-Z][\w.]*-(?:based|born|bred|led|owned|run|backed|funded|selling|winning|nominated|listed|made|"
    r"focused|registered|headquartered|educated|raised|trained)"
)


def _name_np(tokens: list[str], lead_role: str | None) -> _NP | None:
    """A person/entity NP from a capitalised chain (role words split off)."""
    definite = bool(tokens) and tokens[0].lower() == "the"
    if len(tokens) >= 3 and tokens[0].lower() in {"but", "and", "so", "yet"} and tokens[1].lower() == "the":
        definite = True  # "But the European Commissioner said"
    while (
        tokens and (tokens[0].lower() in _STOP | _CONNECTORS | _IMPERATIVES) and not _is_acronym(tokens[0])
        and not (tokens[0] in _CAPITAL_PARTICLES and len(tokens) >= 2 and _is_name_token(tokens[1]))
        and tokens[:2] != ["Us", "Weekly"]  # (the magazine)
    ):
        tokens = tokens[1:]  # ("Meet Parisa Tabriz, the …": an imperative opening the sentence)
    while tokens and tokens[-1].lower() in _CONNECTORS and not (len(tokens) >= 2 and tokens[-1] in _CAPITAL_PARTICLES):
        tokens = tokens[:-1]  # (but "Professor Fan Bin": a capitalised particle ending a name is a name)
    if not tokens or len(tokens) == 1 and tokens[0].lower().rstrip(",") in _SENTENCE_ADVERBS:
        return None
    tokens = tokens[:-1] + [_strip_token(tokens[-1])]
    while len(tokens) >= 2 and tokens[-1].lower() in _WEEKDAYS and tokens[-2].lower() not in _GIVEN_NAMES:
        tokens = tokens[:-1]  # "International Women's Day Sunday": the day is no part of a name (but "Mike Friday")
    if len(tokens) >= 2 and re.fullmatch(r"[A-Z][a-z]{3,}ly", tokens[0]) and tokens[0].lower() not in _GIVEN_NAMES:
        tokens = tokens[1:]  # "Eventually Manero": an adverb opening the sentence
    if (
        len(tokens) >= 2 and re.fullmatch(r"[A-Z][a-z]{2,}ing", tokens[0]) and tokens[0].lower() not in _GIVEN_NAMES
        and re.sub(r"['’]s$", "", tokens[1].lower()) in _GIVEN_NAMES
    ):
        tokens = tokens[1:]  # "Buying Madonna's house": a gerund before a given name opens the sentence
    if len(tokens) == 1 and _MODIFIER_TOKEN_RE.fullmatch(tokens[0]):
        return None  # "London-based scidev.net": the modifier alone names no one
    while len(tokens) >= 2 and _MODIFIER_TOKEN_RE.fullmatch(tokens[0]):
        lead_role = _clean(" ".join(t for t in (lead_role, tokens[0]) if t))  # "Paris-based Euronext"
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[-1].rstrip(".").upper() in _POSTNOMINALS:
        tokens = tokens[:-1]  # "Guy Mansfield QC"
    given = _GIVEN_NAMES
    if len(tokens) >= 2 and tokens[-1] in _PUBLICATION_HEADS and (len(tokens) >= 3 or tokens[0].lower() not in given):
        return _NP(_clean(" ".join(tokens)), "person", lead_role)  # "San Francisco Chronicle": a paper, no man
    joint = next((k for k, t in enumerate(tokens[1:4], 1) if t in {"and", "&"}), 0)
    if (
        joint and not lead_role and 2 <= len(tokens) - joint <= 4 and tokens[joint + 1].lower() in given
        and (tokens[0].lower() in given or joint == 1 and not _geo_like(tokens[0]))
        and all(
            _is_name_token(t) and t.lower().rstrip(".") not in _TITLES | _ORG_KEYWORDS | _STOP | _HONORIFICS.keys()
            for t in tokens[:joint] + tokens[joint + 1 :]
        )
    ):
        # "Michael Brown Sr. and Lesley McSpadden said", "Jean and Robert Gorney said": two people speak as one
        return _NP(_clean(" ".join(tokens)), "person")
    if joint and not lead_role and len(tokens) - joint >= 2:
        # "Kneebone and Holmes wrote", "John Kerry and British Foreign Secretary Philip Hammond said":
        # two named people speak as one (a role of the second one's own is dropped)
        left = tokens[:joint]
        other = _name_np(tokens[joint + 1 :], None) if tokens[joint + 1][:1].isupper() else None
        if (
            other is not None and other.kind == "person" and len(other.name.split()) <= 3 and not _joint(other.name)
            and (len(left) == 1 or left[0].lower() in given) and not _geo_like(left[0])
            and all(
                _is_name_token(t) and t.lower().rstrip(".") not in _TITLES | _ORG_KEYWORDS | _STOP | _HONORIFICS.keys()
                for t in left + other.name.split()
            )
            and (len(left) >= 2 or len(other.name.split()) == 1)
        ):
            return _NP(_clean(" ".join(left) + " and " + other.name), "person")
    if (
        len(tokens) >= 3 and _is_nationality(tokens[0]) and tokens[0].lower() not in given and all(_is_name_token(t) for t in tokens[1:]) and len(tokens) <= 4
        and not any(
            t.lower().rstrip(".") in _ORG_KEYWORDS | _TITLES | _ROLE_NOUNS | _OFFICE_WORDS | _PLACE_TAILS for t in tokens[1:]
        )
    ):
        # "Australian Lynton Crosby": a nationality before a name (not "Australian Red Cross")
        lead_role = _clean(" ".join(t for t in (lead_role, tokens[0]) if t))
        tokens = tokens[1:]
    party = next((k for k, t in enumerate(tokens[:3]) if t.lower() in _PARTY_MEMBERS), -1)
    if (
        party >= 0 and 2 <= len(tokens) - party - 1 <= 3
        and all(_is_name_token(t) and t.lower() not in _TITLES | _ORG_KEYWORDS | _STOP for t in tokens[party + 1 :])
        and not re.fullmatch(r"[A-Z][a-z]+(?:ish|ian|ese|an|ic)", tokens[party + 1])
        and tokens[-1].lower() not in _INSTITUTION_NOUNS | {"coalition", "caucus", "alliance", "conference", "convention"}
    ):
        # "Kentucky Republican Rand Paul": a party member's label, then the name (whatever the
        # given name)
        lead_role = _clean(" ".join(t for t in (lead_role, *tokens[: party + 1]) if t))
        tokens = tokens[party + 1 :]
    if (
        len(tokens) >= 3 and tokens[0].lower() in _ROLE_NOUNS and tokens[0].lower() not in {"star", "head", "general"}
        and tokens[1].lower() not in {"of", "for", "at"}  # ("the CEO of Lufthansa": a description)
    ):
        lead_role = _clean(" ".join(t for t in (lead_role, tokens[0]) if t))  # "Actor Christian Slater"
        tokens = tokens[1:]
    elif (
        len(tokens) == 3 and tokens[0][1:].islower() and _roleish(tokens[0].lower()) and tokens[0].lower() not in given
        and tokens[0].lower() != "human" and not _is_org(" ".join(tokens)) and tokens[-1].lower() not in _PLACE_TAILS
        and all(_is_name_token(t) and t.lower() not in _TITLES for t in tokens[1:])
    ):
        lead_role = _clean(" ".join(t for t in (lead_role, tokens[0]) if t))  # "Farmer Geoff Brooks"
        tokens = tokens[1:]
    else:
        # "Broadcaster Chris Evans", "Liberal Democrat Paul Tyler": capitalised words before a
        # given name (that are neither given names nor titles) are a role or affiliation
        for k in range(1, min(6, len(tokens) - 1) if tokens[-1].lower() not in _PLACE_TAILS | _ORG_KEYWORDS else 0):
            if tokens[k].lower() in given:
                while k > 0 and (re.fullmatch(r"[A-Z]\.", tokens[k - 1]) or tokens[k - 1].lower() in _KUNYA):
                    # "Church Elder L. Whitney Clayton", "Abu Mohammed al Adnani": an initial or a
                    # "father of" before the given name is part of the name
                    k -= 1
                before = [t.lower() for t in tokens[:k]]
                if (
                    len(before) == 1 and len(tokens) == 3 and re.fullmatch(r"[A-Z][a-z]{2,}", tokens[0]) is not None
                    and not _roleish(before[0]) and before[0] not in _TITLES | _ROLE_MODIFIERS | _GROUP_MODIFIERS | _STOP | _ORG_KEYWORDS
                    and tokens[0] not in _DEMONYMS and not _DEMONYM_RE.match(tokens[0]) and not _geo_like(tokens[0])
                    and before[0] not in _PARTY_MEMBERS | _SPEECH_VERBS | _AUX | _DESCRIPTORS_BEFORE_NAMES
                    and not before[0].endswith(("ed", "ies"))  # ("Tweeted Garry Kasparov", "Tories Ken Clarke")
                ):
                    break  # "Kazi Muhammad Ziauddin", "Todung Mulya Lubis": a first word that is no role
                if before and not any(t in given for t in before) and before[-1] not in _TITLES and before[-1] not in _HONORIFICS:
                    lead_role = _clean(" ".join(t for t in [lead_role, *tokens[:k]] if t))
                    tokens = tokens[k:]
                break
    if (
        len(tokens) >= 4 and tokens[1].lower() in {"of", "from", "at"} and _is_name_token(tokens[0])
        and tokens[0].lower() not in _TITLES | _ORG_KEYWORDS | _STOP | _OFFICE_WORDS | _GROUP_NOUNS and not _geo_like(tokens[0])
        and any(t.lower() in _ORG_KEYWORDS or _is_acronym(t) for t in tokens[2:])
    ):
        # "Sacks of Cornell University", "Perry of CARE International": a surname, then where they work
        return _NP(tokens[0], "person", _clean(" ".join(t for t in (lead_role, *tokens[1:]) if t)))
    whole = _org_of_name(tokens)
    if whole is not None:
        return _NP(whole, "person", lead_role)
    role_toks, name_toks, gender = _split_role(tokens)
    if not name_toks or all(t.lower() in _STOP and not _is_acronym(t) for t in name_toks):
        return None
    if len(name_toks) >= 2 and name_toks[-1].lower() in _PLACE_ENDS:
        return None  # "St. Louis County", "Rikers Island": a place, however like a name its first word is
    if (
        definite and not lead_role and not gender and role_toks and role_toks[0].lower() in _JOB_TITLES | _ROLE_NOUNS
        and any(t.lower() in {"of", "for"} for t in role_toks) and name_toks[0].lower() not in _GIVEN_NAMES
    ):
        # "the MP for Sittingbourne and Sheppey", "the Chancellor of the Exchequer": a description
        # of an office holder named elsewhere, not a name
        return _NP("the " + role_toks[0].lower(), "pronoun", _clean("the " + " ".join(role_toks + name_toks)), "h")
    last_low = tokens[-1].lower()
    if (
        definite and not lead_role and not gender and len(tokens) >= 2
        and (last_low in _JOB_TITLES or last_low in _ROLE_NOUNS or last_low.split("-")[-1] in _ROLE_NOUNS)
        and not any(t.lower() in _GIVEN_NAMES for t in tokens)
    ):
        # "The Conservative Party Co-Chairman said": a description of someone named elsewhere
        return _NP("the " + last_low, "pronoun", _clean("the " + " ".join(tokens)), "h")
    if len(name_toks) == 1 and name_toks[0].lower() in _TITLES and not (gender and name_toks[0][:1].isupper()):
        return None  # (but "Ms King", "Mr Major": an honorific before a surname)
    if name_toks[0].lower().rstrip(".") in _WEEKDAYS:
        return None
    if len(name_toks) >= 2 and name_toks[-1].lower() in _LAW_WORDS | _EVENT_WORDS and not gender:
        if lead_role and re.fullmatch(r"(?:[A-Z][\w.\-]*\s*)+", lead_role):
            return _NP(_clean(lead_role + " " + " ".join(name_toks)), "group")  # "the Syrian Penal Code states"
        return _NP(_clean(" ".join(name_toks)), "group", lead_role)
    if len(name_toks) >= 2 and name_toks[0].lower() in _NOT_PERSON_FIRST and not role_toks:
        return _NP(_clean(" ".join(name_toks)), "group", lead_role)  # "Team Pacquiao"
    roles = [r for r in (lead_role, " ".join(role_toks) or None) if r]
    role = _clean(" ".join(roles)) if roles else None
    if not gender:
        # the first given name that tells ("Lynn Jennifer Groesbeck" is a woman)
        for tok in name_toks[:-1] or name_toks:
            first = tok.lower()
            gender = "m" if first in _MALE_NAMES else "f" if first in _FEMALE_NAMES else ""
            if gender:
                break
    return _NP(_clean(" ".join(name_toks)), "person", role, gender)


# the last word of a place's name: "Louis County", "Rikers Island". Narrower than `_LANDFORMS`,
# which also holds surnames (Lake, Forest, Bridge) and bodies that speak ("… Airport said")
_PLACE_ENDS = frozenset("county river avenue island islands valley".split())
# last words of a name that is a place, a body or an event, not a person with a role before
# the given name ("Los Angeles County", "Denver International Airport", "Chinese New Year"; not
# words that are surnames too, as Hall, Park or Cross)
_PLACE_TAILS = frozenset(
    """
    airport museum hospital speedway river avenue gardens county year war index survey fellowship
    stadium arena island islands valley airlines airways attorney cathedral mosque palace station
    festival
    """.split()
)


# a member of a party, as a label before a name
_PARTY_MEMBERS = frozenset("republican democrat tory conservative gop".split())


_DEMONYM_RE = re.compile(
    r"^(?:[A-Z][a-z]+(?:man|woman)|[A-Z][a-z]{2,}(?:ian|ean)|\d+-year-old|veteran|youngster|teenager)$"
)
_DEMONYMS = frozenset(
    """
    American Briton Scot Welshman Irishman Englishman Frenchman Dutchman Spaniard German Swede
    Dane Finn Swiss Argentine Czech Pole Serb Croat Greek Turk Swede Kiwi Aussie Japanese
    Chinese Portuguese Pakistani Israeli Iraqi Saudi Kuwaiti Bangladeshi Nepali Thai
    Mexican Jamaican Dominican Moroccan Kenyan Ugandan Zimbabwean Cameroonian Senegalese
    Ghanaian Nigerian Chilean Peruvian Uruguayan Paraguayan Ecuadorian Slovak Slovene
    Belarusian Uzbek Kazakh Filipino Vietnamese Taiwanese Lebanese Maltese Icelander
    """.split()
)
_NOT_DEMONYMS = frozenset("Guardian European Librarian Christian Ian Brian Adrian Julian Sebastian Fabian Damian".split())
_NATIONALITY_RE = re.compile(r"[A-Z][a-z]{2,}(?:ian|ean|ese|ish)")  # "Australian", "Korean", "Chinese", "British"


def _is_nationality(word: str) -> bool:
    """ "British", "Nigerian", "Japanese": a capitalised word naming where someone is from."""
    return word not in _NOT_DEMONYMS and (
        word in _DEMONYMS or _NATIONALITY_RE.fullmatch(word) is not None
    )


_ORG_DESCRIPTIONS = frozenset(
    """
    club company firm group bank airline carmaker retailer broadcaster team side operator network
    chain insurer lender supermarket giant statement paper newspaper agency band consultancy
    manufacturer publisher studio label magazine website channel station tabloid
    organisation organization charity association university hospital school college museum
    """.split()
)


def _descriptor(toks: list[str]) -> _NP | None:
    """A definite description standing for someone named earlier: "the Dutchman", "the club".

    Up to three modifiers may stand between "the" and the head: "the Tory leader",
    "the Australian-born actress", "the German software firm".
    """
    if len(toks) < 2:
        return None
    word = toks[-1].rstrip(".,;:")
    low = word.lower()
    k = len(toks) - 2
    mods = 0
    while k >= 0 and toks[k].lower() != "the" and mods < 5:
        tok = toks[k]
        low_tok = tok.lower()
        coordinated = low_tok == "and" and 0 < k < len(toks) - 2 and toks[k - 1][:1].isdigit() and toks[k + 1][:1].isdigit()
        if (
            tok.endswith((",", ";", ":", ".")) or _MASK in tok or low_tok in _STOP and not coordinated or low_tok in _SPEECH_VERBS
            or low_tok in _AUX or not re.fullmatch(r"[\w'’\-]+", tok)
        ):
            return None
        k -= 1
        mods += 1
    if k < 0 or toks[k].lower() != "the":
        return None
    # ("the Indiana Republican": a party member; not "the Conservative Party person")
    is_demonym = word in _DEMONYMS or low in {"republican", "democrat", "tory"} or (
        _DEMONYM_RE.match(word) is not None and word not in _NOT_DEMONYMS
        # "lawyer Howard Weitzman": after a capitalised name a "-man" word is a surname
        and not (len(toks) >= 3 and toks[-2][:1].isupper() and toks[-2].lower() != "the")
    )
    named = any(t[:1].isupper() for t in toks[k + 1 : -1])
    if named and low in _SINGULAR_GROUP_GENDER:
        return None  # "the Ofcom spokesman" names its institution: a group speaker, no anaphor
    # "the star" alone may be a thing; "the Chelsea star" is someone
    roleish = low in _ROLE_NOUNS or _roleish(word) and low not in _ORG_DESCRIPTIONS
    if low == "general" and k < len(toks) - 2 and toks[-2].lower() in _GENERAL_OFFICES:
        word = low = toks[-2].lower() + " general"  # "the attorney general", "the surgeon general"
        toks = toks[:-2] + [word]
    if is_demonym or (roleish and low not in {"head", "general"} and (named or low not in _THING_ROLES)):
        gender = "f" if low.endswith("woman") or low in {"actress", "chairwoman", "spokeswoman"} else "m" if low.endswith("man") else "h"
        mods = [t.lower() for t in toks[k + 1 : -1]]
        if mods and all(m in _ROLE_MODIFIERS for m in mods):
            return _NP("the " + " ".join(mods + [word]), "pronoun", None, gender)  # "the prime minister"
        # the written form ("the Conservative Party person") names the speaker if no one earlier fits
        owned = any(re.search(r"['’]s$", t) for t in toks[k + 1 : -1])  # "the prime minister's official spokesman"
        compound = low not in _TITLES and any(m.isalpha() and m not in _ROLE_MODIFIERS and not m.endswith(("ed", "ing")) for m in mods)
        # ("the family member": a compound names the speaker as written too)
        written = "the " + " ".join(toks[k + 1 : -1] + [word]) if named or owned or compound else None
        return _NP("the " + word, "pronoun", written, gender)
    # "the Google team" is no anaphor either
    if low in _ORG_DESCRIPTIONS and word[:1].islower() and not named:
        if any(re.search(r"['’]s$", t) for t in toks[k + 1 : -1]) or low in _STATEMENT_NOUNS and k < len(toks) - 2:
            return _NP(_clean(" ".join(toks[k:-1] + [word])), "group")  # "the city's website", "the family statement"
        return _NP("the " + word, "pronoun", None, "n")
    return None


# "one of the boys": words that take one of many
_PARTITIVES = frozenset("one some many most several two three four each another none".split())


def _the_body(toks: list[str]) -> bool:
    """True for "the academy", "the foundation": a body named earlier, by its kind."""
    if len(toks) != 2:
        return False
    last = toks[-1].lower().rstrip(".")
    return (
        toks[0].lower() == "the" and toks[-1][:1].islower() and last in _ORG_KEYWORDS | _ORG_DESCRIPTIONS
        and last not in _INSTITUTION_NOUNS
    )


def _indefinite_before_names(toks: list[str]) -> bool:
    """True if `toks` ends with "a/an/one/another" and name words or role modifiers ("a North
    Carolina", "one former Kaesong")."""
    k = len(toks)
    while k > 0 and (_is_name_token(toks[k - 1]) and toks[k - 1].lower() not in _STOP or toks[k - 1].lower() in _ROLE_MODIFIERS):
        k -= 1
    return 0 < k < len(toks) and toks[k - 1].lower() in _INDEFINITE


def _named_with_job(toks: list[str]) -> bool:
    """A name, perhaps after one lower-case job word: "Yassine Labidi", "suspect Yassine Labidi"."""
    if len(toks) >= 2 and re.fullmatch(r"[a-z]{3,}", toks[0]) and toks[0] not in _STOP:
        toks = toks[1:]
    return bool(toks) and len(toks) <= 4 and all(_is_name_token(t) for t in toks)


# "one of Jesus' disciples", "One of his best friends", "one of Durst's attorneys": one of many, as written
_ONE_OF_THEM_RE = re.compile(
    r"((?:[Oo]ne|[Aa]nother|[Tt]wo|[Ss]ome)\s+of\s+(?:the|his|her|their|its|our|my|[A-Z][\w\-]*(?:['’]s|s['’]))\s+"
    r"(?:[a-z][\w\-]*\s+){0,2}[a-z]{3,}s)"
)


_OWNER_WORDS = frozenset("the his her their its our my".split())
_INDEFINITE_ANY_CASE = _INDEFINITE | {w.capitalize() for w in _INDEFINITE}  # ("A technician said")
_WRITTEN_HEADS = _DOCUMENT_NOUNS | _STATEMENT_NOUNS | {"video", "writing", "recording", "clip"}  # ("one of its videos")


def _group_backward(toks: list[str]) -> _NP | None:
    """A group speaker at the end of the token list: "U.S. officials", "the ministry"."""
    last = toks[-1].lower().rstrip(".")
    one_of = None
    near = max(len(toks) - 5, 0)
    if "of" in toks[near:-2]:  # "one of Jesus' disciples", "one of the law enforcement officials"
        at = near + toks[near:-2].index("of")
        if at >= 1 and toks[at - 1].lower() in _PARTITIVES:
            one_of = _ONE_OF_THEM_RE.fullmatch(" ".join(toks[at - 1 :]))
    if (
        one_of is not None and not {last, last[:-1]} & _WRITTEN_HEADS
        and not any(w in _STOP - _OWNER_WORDS for w in one_of.group(1).split()[3:])
    ):
        return _NP(_clean(one_of.group(1)), "group")
    if last in _DOCUMENT_NOUNS and toks[-1][:1].islower():
        # "The book", "Her lawsuit", "the Commons motion": a determiner, then up to two modifiers
        for k in range(len(toks) - 2, max(len(toks) - 5, -1), -1):
            low = toks[k].lower()
            if low in {"the", "her", "his", "its", "their", "one", "another"}:
                mods = [t.lower() for t in toks[k + 1 : -1]]
                if any(
                    m in _SPEECH_VERBS or m in _IRREGULAR_PAST or i > 0 and m.endswith("ed") for i, m in enumerate(mods)
                ):
                    return None  # "The committee requested documents": a verb, not a modifier ("the leaked memo")
                return _NP(_clean(" ".join(toks[k:])), "group")
            if low in _STOP or _MASK in toks[k] or not re.fullmatch(r"[\w'’\-]+", toks[k]):
                if last.endswith("s") and k < len(toks) - 2:
                    return _NP(_clean(" ".join(toks[k + 1 :])), "group")  # ", court papers said"
                return None
        if last.endswith("s") and len(toks) in (2, 3) and all(t[:1].islower() for t in toks[1:]) and (
            toks[0][:1].islower() or toks[0].lower() not in _GIVEN_NAMES and re.fullmatch(_CAPITALISED + "+", toks[0])
        ):
            return _NP(_clean(" ".join(toks)), "group")  # "court papers said", "Court documents say"
        return None
    # "a government minister", "one witness", "another resident"
    indefinite = toks[-1][:1].islower() and (
        last in _ROLE_NOUNS or last in _ONE_OF_MANY
        # "a technician", "one unnamed farmer": an agent noun right after a/an/one and up to two modifiers
        or not _INDEFINITE_ANY_CASE.isdisjoint(toks[-4:-1]) and _roleish(toks[-1])
    )
    if indefinite and len(toks) >= 4 and toks[-4].lower() in _INDEFINITE and all(
        re.fullmatch(r"[a-z]{3,}", t) and t not in _NOT_NOUN_MODIFIERS and not _adverb_like(t) for t in toks[-3:-1]
    ):
        return _NP(_clean(" ".join(toks[-4:])), "group")  # "a health care provider": two nouns before the head
    # "the French Sailing Federation": a body's name ending in an organisation word
    org_name = last in _BODY_WORDS and toks[-1][:1].isupper() and len(toks) >= 2 and _is_name_token(toks[-2])
    if _the_body(toks):
        return _NP(_clean(" ".join(toks)), "group")
    if last not in _GROUP_NOUNS and last not in _INSTITUTION_NOUNS and last not in _PLURAL_BODIES and not indefinite and not org_name:
        return None
    k = len(toks) - 1
    while k > 0 and len(toks) - k <= 6:
        prev = toks[k - 1]
        low = prev.lower()
        if (
            low in _GROUP_MODIFIERS or low in _ROLE_MODIFIERS or prev.endswith(("’s", "'s"))
            or prev[:1].isupper() and prev.endswith(("s'", "s’"))  # "Middlebrooks' family"
            or low in {"his", "her"} and k == len(toks) - 1 and last in _INSTITUTION_NOUNS  # "his church said"
            or (_is_name_token(prev) and low not in _STOP)
            # "the Finance and Economy Ministry", "the Department of Trade and Industry"
            or low in {"and", "of", "for", "&"} and k >= 2 and _is_name_token(toks[k]) and _is_name_token(toks[k - 2])
            # "bank officials", "school officials": a noun naming whose officials they are (and "one
            # former team leader": which leader)
            or k == len(toks) - 1 and re.fullmatch(r"[a-z]{3,}", prev) is not None and (
                last in _GROUP_NOUNS or indefinite and k >= 2 and (
                    toks[k - 2].lower() in _INDEFINITE | _ROLE_MODIFIERS or _indefinite_before_names(toks[: k - 1])
                )
            )
            and low not in _NOT_NOUN_MODIFIERS and not low.endswith("s") and not _adverb_like(low)
            # ("a masked gunman", "a visiting professor": after a/an a participle is an adjective)
            and (not low.endswith(("ed", "ing")) or indefinite and k >= 2 and toks[k - 2].lower() in _INDEFINITE)
            # "the appeals court", "the district court": the kind of institution
            or k == len(toks) - 1 and last in _INSTITUTION_NOUNS and k >= 2 and toks[k - 2].lower() == "the"
            and re.fullmatch(r"[a-z]{3,}", prev) is not None and low not in _NOT_NOUN_MODIFIERS | _STOP
            and not low.endswith(("ed", "ing")) and not _adverb_like(low)
        ):
            k -= 1
        else:
            break
    words = toks[k:]
    if (last in _INSTITUTION_NOUNS or org_name) and len(words) == 1:
        return None  # "ministry" alone is not a subject
    if indefinite and last not in _GROUP_NOUNS | _INSTITUTION_NOUNS and (
        words[0].lower() not in _INDEFINITE
        or last not in _ONE_OF_MANY and any(w[:1].isupper() and (w.lower() in _GIVEN_NAMES or w.lower() in _STOP) for w in words[1:])
    ):
        return None  # only an unnamed "a/an … minister" speaks as a group
    owner_end = next((i for i, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), 0)
    if owner_end >= 2:
        # "Prime Minister Tony Blair's official spokesman": the owner by name, without the title
        role, person, _ = _split_role(words[:owner_end] + [words[owner_end][:-2]])
        if role and len(person) >= 2 and person[0].lower() in _GIVEN_NAMES:
            words = words[len(role) :]
    name = " ".join(words)
    if k >= 2 and toks[k - 1].lower() == "of" and toks[k - 2].lower() in _PARTITIVES and words[0].lower() == "the":
        # "one of the boys said": one of many, as written
        return _NP(_clean(" ".join(toks[k - 2 :])), "group")
    if name.lower().startswith("the "):
        name = name[4:]
    return _NP(_clean(name), "group")


_PLACE_AFTER_BODY_RE = re.compile(
    r"\s+in(?:\s+the(?:\s+[a-z]+)?\s+(?:town|city|village|province|state|county|region|district)\s+of)?$"
)
_AFFILIATION_ROLE_RE = re.compile(r"^(?:[^,]+,\s+)?(?:from|of|at|with)\s+(?:the\s+)?[A-Z]")


def _affiliated(toks: list[str], k: int) -> _NP | None:
    """ "Matthew Herren from EduVision told": the person (a full name with a given name or a
    title) before the body `toks[k:]` they speak for is the subject, not the body."""
    prep = k - 1
    for _ in range(2):  # "of the federal 9th Circuit Court of Appeals": a modifier or two before the body
        if prep >= 3 and re.fullmatch(r"\d+(?:st|nd|rd|th)|[a-z]{3,}", toks[prep]) and toks[prep] not in _STOP:
            prep -= 1
    if prep >= 0 and toks[prep].lower() == "the":
        prep -= 1
    if prep < 2 or toks[prep].lower() not in {"from", "of", "at", "with"}:
        return None
    person = _np_backward(" ".join(toks[:prep]))
    if (
        person is None or person.kind != "person" or len(person.name.split()) < 2 or _is_org(person.name)
        or not (
            person.gender or person.name.split()[0].lower() in _GIVEN_NAMES
            # "Capt. Benoit Zeisser from …", "Navy Rear Adm. Sinclair Harris of …"
            or person.role and (person.role.lower() in _TITLES or person.role.split()[-1].lower() in _TITLES)
        )
    ):
        return None
    affiliation = " ".join(toks[prep:])
    return _NP(person.name, "person", _clean(f"{person.role}, {affiliation}" if person.role else affiliation), person.gender)


_RELATIVE_TAIL_RE = re.compile(r"(?<=[\w)])\s+(?:which|who)\s+(?!(?:he|she|it|they|we|i|you)\b)[a-z][^,;:§()]{0,80}$")


def _kin_named(text: str) -> _NP | None:
    """ "His wife, Sheila," / "Huskins' father, Michael," / "Mr Nogar's son Stephen": a relative
    named by a given name; one of a named family takes the family's surname."""
    m = _KIN_APPOS_RE.search(re.sub(r",\s*\d{1,3}$", "", text.rstrip().rstrip(",")))  # ("…son Stephen, 57,")
    if m is None:
        return _named_kin(text)
    owner, kin, given = m.group("owner"), m.group("kin").lower(), m.group("given")
    gender = "f" if kin in _FEMALE_KIN else "m"
    surname = re.sub(r"['’]s?$", "", owner.split()[-1])
    if owner.lower() in {"his", "her", "their"} or not _is_name_token(surname) or surname.lower() in _TITLES:
        return _NP(given, "person", kin, gender)
    return _NP(f"{given} {surname}", "person", f"{owner} {kin}", gender)


def _named_kin(text: str) -> _NP | None:
    """ "Manzoor Hussain, his brother(,)": a full name, then the relation in apposition."""
    m = _NAME_THEN_KIN_RE.search(text)
    if m is None:
        return None
    np, used = _np_forward(m.group(1))
    if np is None or np.kind != "person" or len(np.name.split()) < 2 or m.group(1)[used:].strip():
        return None
    gender = np.gender or ("f" if m.group(3).lower() in _FEMALE_KIN else "m")
    return _NP(np.name, "person", f"{m.group(2)} {m.group(3)}", gender)


def _owned_speaker(
    speaker: str, at: tuple[int, int], mentions: list[_Mention], people: _People,
    prev_speaker: tuple[int, str | None] | None, bounds: list[list[tuple[int, int]]], text: str,
) -> str:
    """Who "his agent" or "Pullman's son" is: the person named before in that role ("Mr Nogar's
    son Stephen"), else the description with the owner named ("Pullman's agent")."""
    owned = _OWNED_RE.fullmatch(speaker)
    owner, word = owned.group(2), owned.group(3).lower()
    for cand in reversed(people.canon):
        role = (people.role.get(cand) or "").lower()
        if people.first_at.get(cand, at) < at and people.is_person(cand) and re.findall(r"[\w'’-]+", role)[-1:] == [word]:
            return cand
    if owner.lower() in {"his", "her"}:
        # whose: the person the sentence or the one before is about (its subject), if of that gender
        want = "m" if owner.lower() == "his" else "f"
        here = _sentence_of(bounds, *at)
        sentences = {here, _previous_sentence(bounds, here)} - {None}
        subjects = [
            people.final(name) for p, pos, name, kind, tier in sorted(mentions, key=lambda m: (m[0], m[1]))
            if tier >= 2 and kind == "person" and (p, pos) < at and _sentence_of(bounds, p, pos) in sentences
        ]
        subjects = [n for n in subjects if people.is_person(n) and people.gender.get(n, want) == want]
        if subjects:
            return people.add(_NP(f"{subjects[-1].split()[-1]}'s {owned.group(1).split(None, 1)[1]}", "group"))
    return speaker


_PLATFORMS = r"(?:Twitter|Instagram|Facebook|Reddit|YouTube|TikTok|Tumblr|Snapchat|Weibo|WeChat|Quora|LinkedIn|Pinterest|Twitch)"
# "Twitter user itsleah", "Weibo user @Zoexiaoyizi": a user named by a handle
_HANDLE = r"@[A-Za-z0-9_]{2,30}"  # an account: "@ESA_Rosetta"
_USER_HANDLE = r"(" + _PLATFORMS + r"\s+user)\s+(@?[A-Za-z0-9_.]{2,30}?)"
_USER_HANDLE_RE = re.compile(r"(?:^|(?<=\s))" + _USER_HANDLE + r"\s*$")
_USER_HANDLE_AFTER_RE = re.compile(r"\s*" + _USER_HANDLE + r"(?=[\s,.;:!?]|$)")


_GROUP_IN_PLACE_RE = re.compile(
    r"(?:^|(?<=\s))((?:(?:[A-Z][\w.\-]*|[a-z]+)\s+(?:and\s+)?){0,3}([A-Za-z][a-z]+)\s+(?:in|from)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){1,3})$"
)
_NAMED_AS_RE = re.compile(
    r"\b(?:who\s+(?:identified|introduced|described)\s+(?:herself|himself|themselves)\s+as|named|called|identified\s+as)\s+"
    r"((?:[A-Z][\w'’\-]*\.?\s+){0,2}[A-Z][\w'’\-]*)\s+(?:(?:later|also|then|now)\s+)?$"
)


_DASH_APPOSITION_RE = re.compile(r"(.*\S)\s*(?:--|—|–)\s*([^-—–§,]{2,150}?)\s*(?:--|—|–)\s*", re.S)


def _dashes_as_commas(text: str) -> str:
    """ "Isaac Herzog -- the Labor Party chairman -- " read as "Isaac Herzog, the Labor Party chairman, "."""
    dashed = _DASH_APPOSITION_RE.fullmatch(text) if text.rstrip().endswith(("--", "—", "–")) else None
    return f"{dashed.group(1)}, {dashed.group(2)}, " if dashed is not None else text


def _group_in_place(text: str) -> re.Match[str] | None:
    """ "police and city officials in Grapevine " at the end of `text`: a group, then where it is."""
    placed = _GROUP_IN_PLACE_RE.search(text) if " in " in text or " from " in text else None
    return placed if placed is not None and placed.group(2).lower() in _GROUP_NOUNS else None


_SEAT_RE = re.compile(
    r"(?:^|\s)(?:the|The)\s+((?:[a-z\-]+\s+){0,2}?)([a-z]+)\s+from\s+((?:[A-Z][\w.'’\-]*\s*){1,3})"
    r"(?:,\s+(?:near|in|outside)\s+(?:[A-Z][\w.'’\-]*\s*){1,3},\s*)?$"
)


def _seat(text: str) -> re.Match[str] | None:
    """Someone described by where they are from, ending `text`: "the senator from Texas", "The
    amateur photographer from Essex, near London," (someone named before, or as written)."""
    seat = _SEAT_RE.search(text.rstrip() + " ")
    if seat is not None and (
        seat.group(1) == "" and seat.group(2) in _JOB_TITLES
        or (_roleish(seat.group(2)) or seat.group(2) in _ONE_OF_MANY)
        and not any(w in _STOP | _AUX | _SPEECH_VERBS for w in seat.group(1).split())
    ):
        return seat
    return None


_AT_SIDE_RE = re.compile(r",\s+(?:with|alongside)\s+[^;:§]{1,60}?\s+(?:at|by)\s+(?:his|her|their)\s+side,?(\s+[a-z]+ly)?\s*$")


def _np_backward(text: str) -> _NP | None:
    """The noun phrase that ends `text` (a subject right before its verb), or None."""
    commas = _dashes_as_commas(text)
    if commas != text:
        return _np_backward(commas)  # "Isaac Herzog -- the Labor Party chairman -- said"
    relative = re.search(r",\s+(?:who|whose)\s[^,;:.]*" + _MASK + r"[^,;:]*,\s*$", text)
    if relative is not None:
        # "Virginia Comolli, whose book “…” will be published next month, agrees": a title
        # quoted inside the relative clause is no part of the subject
        return _np_backward(text[: relative.start()] + re.sub(_MASK + "+", "it", text[relative.start() :]))
    office = re.search(r"(?:^|\s)(?:the|The)\s+((?:Prime\s+)?(?:King|Queen|Pope|President|Minister|Chancellor|Emperor|Prince|Princess))\s*$", text)
    if office is not None:
        # "the King continued": the office holder, as "the king" would be
        return _np_backward(text[: office.start(1)] + office.group(1).lower())
    kin = _kin_named(text)
    if kin is not None:
        return kin
    tail = text[-160:]
    placed = _group_in_place(tail)
    if placed is not None:
        # "police and city officials in Grapevine said": the group, not the place
        return _NP(_clean(re.sub(r"^(?:the|The)\s+", "", placed.group(1))), "group")
    named_as = _NAMED_AS_RE.search(tail) if "named" in tail or "identified" in tail or "called" in tail else None
    if named_as is not None and any(
        w.lower() in _ONE_OF_MANY | _KIN | _PERSON_NOUNS or _roleish(w) for w in re.findall(r"[a-z]+", tail[max(0, named_as.start() - 60) : named_as.start()])[-6:]
    ):
        # "a woman who identified herself as Denise Huskins says", "a man named Michelle later told"
        named, used = _np_forward(named_as.group(1))
        if named is not None and named.kind == "person" and not named_as.group(1)[used:].strip():
            return named
    handle = _USER_HANDLE_RE.search(text)
    if handle is not None:
        # "Twitter user itsleah wrote": a user named by a handle, whatever its case or digits
        return _NP(handle.group(2), "person", handle.group(1))
    bare_handle = re.search(r"(?:^|[\s,(])(" + _HANDLE + r")\s*$", text)
    if bare_handle is not None:
        return _NP(bare_handle.group(1), "person")  # "@ESA_Rosetta tweeted": an account by its handle
    seat = _seat(text)
    if seat is not None:
        # "the senator from Texas declared": an office holder described by the seat
        return _NP(
            "the " + seat.group(2), "pronoun", _clean(f"the {seat.group(1)}{seat.group(2)} from {seat.group(3)}"),
            "f" if seat.group(2).endswith("woman") else "m" if seat.group(2).endswith("man") else "h",
        )
    month = re.fullmatch(r"\s*(?:(?:And|But|So|Then)\s+)?(May|March|April|June|August)\s*", text)
    if month is not None:
        return _NP(month.group(1), "person")  # "May said:": Brian May (a month says nothing)
    owned = _OWNED_RE.search(text.rstrip())
    if owned is not None and owned.group(3).lower() not in {"spokesman", "spokeswoman", "spokesperson"}:
        owner = owned.group(2)
        if owner.lower() in {"his", "her", "their"} or owner.startswith("the ") or owner[:1].isupper() and owner.split()[0].lower() not in _STOP:
            # "his agent said", "Pullman's lawyers said": someone speaking for another, never that other
            phrase = owned.group(1)
            return _NP(phrase[0].lower() + phrase[1:] if owner.lower() in {"his", "her", "their"} else phrase, "group")
    text = _bare_subject(text)
    # "Netanyahu, with his wife, Sara, at his side, declared": the company kept is no subject
    text = _AT_SIDE_RE.sub(r"\1 ", text)
    # "The British Chambers of Commerce (BCC) said", "The Foreign Office (FCO) also urged"
    text = re.sub(r"\s+\([A-Z][A-Za-z&]{1,7}\)(?=(?:\s+(?:also|then|later|now|again|still))?$)", "", text)
    rel = _RELATIVE_TAIL_RE.search(text)
    if rel is not None:
        # "A spokesman for Apacs which represents the industry said": the relative clause's head
        head = _np_backward(text[: rel.start()])
        if head is not None and head.kind in {"person", "group"} and len(head.name.split()) >= 2:
            return head
    toks = text.split()
    # (a capitalised one after a capitalised word is a name: "co-host James May tweeted")
    while toks and _is_aux(toks[-1]) and not (toks[-1][:1].isupper() and len(toks) >= 2 and _is_name_token(toks[-2])):
        toks.pop()
    if not toks:
        return None
    if toks[-1].endswith(","):
        # apposition: "Andrew Yeo, the … chair at …, told"
        inner = " ".join(toks)[:-1]
        rel = re.search(r",\s+(?:who|whose|which)\s", inner)
        if rel is not None and _MASK not in inner:
            # "Dr Gibbons, who was a GP in X, in the Y Valley, before …, said": the relative
            # clause's antecedent, however many commas follow
            np = _np_backward(inner[: rel.start()])
            if rel.group().split()[-1] == "which" and not _subject_only(inner[: rel.start()]):
                np = None  # ("Iran, which has supported the Houthis, described": but not "a spokesman for X and Y, which …")
            if np is not None and (np.kind == "person" or np.kind == "pronoun" and np.name.startswith("the ")):
                return np  # (also "The actor, who is also an advocate for women's rights, added")
        commas = [m.start() for m in re.finditer(",", inner)]
        if len(commas) >= 2 and _MASK not in inner:
            # "His creator, Richard Bowden, lecturer at the Centre for Vision, Speech and …,": a
            # full name between commas, a lower-case role after it, however many commas follow
            for a, b in zip(commas, commas[1:3]):
                segment = inner[a + 1 : b].strip()
                named, used = _np_forward(segment)
                after = inner[b + 1 :].lstrip()
                if (
                    named is not None and named.kind == "person" and len(named.name.split()) >= 2
                    and not segment[used:].strip() and not _is_org(named.name)
                    and re.match(r"[a-z]", after) and not re.match(r"(?:and|or|but|who|which|that)\b", after)
                    and any(_roleish(w.strip(",")) for w in after.split()[:4])
                ):
                    return _NP(named.name, "person", _clean(after.rstrip(",")), named.gender)
                break
        for c in reversed(commas[-3:]):
            appos = inner[c + 1 :].strip()
            head = inner[:c]
            if not appos or len(appos.split()) > 35 or _MASK in appos:
                continue
            # "Terry Davis, then the Council of Europe secretary general, said": a role once held
            first = re.sub(r"^(?:then|now)\s+(?=(?:the|a|an)\s)", "", appos).split()[0].lower()
            if first in {"and", "but", "or", "so", "which", "that", "then", "however", "he", "she", "they", "it", "as"}:
                continue
            named, used = _np_forward(appos)
            head_toks = head.split(",")[-1].split(_MASK)[-1].split()
            if len(head_toks) >= 3 and head_toks[0] == "As":
                head_toks = head_toks[1:]  # "As one of my readers, Anthony, recalls"
            owners = _OWNED_RE.search(" ".join(head_toks))
            if named is not None and _joint(named.name) and not appos[used:].strip(" .") and owners is not None:
                # "Michael Brown's parents, Lesley McSpadden and Michael Brown Sr., released": the two by name
                return _NP(named.name, "person", _clean(owners.group(1)))
            if (
                named is not None
                and named.kind == "person"
                and not appos[used:].strip(" .")
                and head_toks
                and (
                    _is_role_noun(head_toks[-1]) or _descriptor(head_toks) is not None
                    # "a witness, Jang Yoon Seok, told"; "the head of X, Acting Detective Chief
                    # Superintendent, Mick Deats, said": a job or a title, then the full name
                    or len(named.name.split()) >= 2 and not _is_org(named.name) and (
                        head_toks[-1].lower().rstrip(".") in _TITLES | _ONE_OF_MANY - _HONORIFICS.keys()
                        or head_toks[0].lower() in {"a", "an", "the", "one"} and _roleish(head_toks[-1])
                        and head_toks[-1].lower() not in _STOP
                    )
                    # "one of my readers, Anthony, recalls": one of many, then a given name
                    or named.gender and len(named.name.split()) == 1 and head_toks[0].lower() == "one"
                    and len(head_toks) >= 3 and head_toks[1] == "of" and _ONE_OF_MANY & {head_toks[-1].lower()[:-1], head_toks[-1].lower()[:-2]}
                    # "A spokeswoman for Opera, Berit Hanson, said"
                    or len(named.name.split()) >= 2 and not _is_org(named.name) and _description_words(head_toks)
                    and any(_is_role_noun(t) for t in head_toks)
                    # "his aunt, Connie Bilardi, told": a relative, then the name
                    or len(named.name.split()) >= 2 and len(head_toks) <= 3 and head_toks[-1].lower() in _KIN
                    and (head_toks[0].lower() in _POSSESSIVE_PRONOUNS | {"a", "an", "the", "my", "our"} or head_toks[0].endswith(("'s", "’s")))
                    # "An uncle of Yassine Labidi, Abeld Malik Labidi, told" (or "of suspect Yassine Labidi")
                    or len(named.name.split()) >= 2 and 4 <= len(head_toks) <= 7 and head_toks[0].lower() in {"a", "an", "the"}
                    and head_toks[1].lower() in _KIN and head_toks[2] == "of" and _named_with_job(head_toks[3:])
                )
            ):
                role_text = " ".join(head_toks)
                role_text = re.sub(r"^(?:the|The|an?|An?)\s+", "", role_text)
                return _NP(named.name, "person", _clean(role_text), named.gender)
            np = _np_backward(head)
            body = _body_named(appos) if np is not None and np.kind == "group" and np.name[:1].islower() else None
            if body is not None:
                return _NP(body, "group", np.name)  # "The ruling party, the Peoples Democratic Party, said"
            affiliation = re.fullmatch(r"\s*(?:of|from|at)\s+(?:the\s+)?[A-Z][\w\s'’\-&]*", appos[used:].rstrip(" ."))
            if (
                named is not None and named.kind == "person" and (not appos[used:].strip(" .") or affiliation)
                and len(named.name.split()) >= 2 and not _is_org(named.name) and (
                    named.gender or named.name.split()[0].lower() in _GIVEN_NAMES
                    # "The chairman of the MCB's public affairs committee, Sher Khan,"
                    or head_toks[0].lower() in {"the", "a", "an"} and any(
                        _is_role_noun(t) for t in head_toks[1 : next((k for k, t in enumerate(head_toks) if t in {"of", "for", "at"}), 4)]
                    )
                )
                and head_toks and (
                    np is None or np.kind != "pronoun" and not np.gender and len(np.name.split()) == 1
                    # "the chairman of the working party, Ambassador Stefan Johannesson of Iceland,"
                    or head_toks[0].lower() in {"the", "but", "and"} and any(_is_role_noun(t) for t in head_toks)
                )
            ):
                # "The Shadow Secretary of State for the Family, Theresa May, said": a title, then
                # the name in apposition; the name is the speaker
                role_text = re.sub(r"^(?:the|The)\s+", "", " ".join(head_toks))
                return _NP(named.name, "person", _clean(role_text), named.gender)
            if np is not None and np.kind == "pronoun" and np.name.startswith("the ") and first in _NOT_ROLE_START - _RELATIVES:
                return np  # "The 85-year-old, speaking to reporters at the resort, said": no role, an aside
            if np is None or np.kind == "pronoun":
                continue
            alias = re.fullmatch(r"(?:identified|posting|writing|known|going)\s+(?:as|by)\s+(.+?)\.?", appos)
            named_as = _np_forward(alias.group(1)) if alias is not None else (None, 0)
            if named_as[0] is not None and named_as[0].kind == "person" and not alias.group(1)[named_as[1] :].strip(" ."):
                # "Another user, posting as Hemanth Sriteja, wrote": the name the speaker goes by
                described = re.sub(r"^(?:the|an?|one|another)\s+", "", " ".join(head_toks), flags=re.IGNORECASE)
                return _NP(named_as[0].name, "person", _clean(described), named_as[0].gender)
            role = None if first in _NOT_ROLE_START else _clean(appos)
            if np.role and role:
                role = np.role + ", " + role
            return _NP(np.name, np.kind, role or np.role, np.gender)
        return None
    last = toks[-1]
    low = last.lower()
    if len(toks) == 1 and _title_as_surname(last):
        return _NP(last, "person")  # "“…,” Major said": a person as any other surname is
    if low in _PRONOUNS and (low != "i" or last == "I"):
        return _NP(low, "pronoun", None, _PRONOUNS[low])
    if low == "who" and len(toks) >= 2 and toks[-2].endswith(","):
        # "… Jack Straw, who argues …": the relative pronoun's antecedent
        head_np = _np_backward(" ".join(toks[:-1])[:-1])
        if head_np is not None and head_np.kind == "person":
            return head_np
        return None
    if low == "many" and (
        len(toks) == 1 or toks[-2].endswith(",") or toks[-2].lower() in {"with", "and", "but", "while", "whereas", "though", "although"}
    ):
        return _NP(low, "group")  # "…, with many saying it was “unjustified”"
    qualified = _QUALIFIED_GROUP_END.search(" ".join(toks))
    if qualified is not None:
        return _NP(_clean(qualified.group(1)), "group")
    described = _DESCRIBED_PERSON_END.search(" ".join(toks))
    if described is not None and described.group(2).lower() in _PERSON_HEADS:
        return _NP(_clean(described.group(1)), "group")  # "A cousin of Yassine": one unnamed person
    appos = _trailing_apposition(toks)
    if appos is not None:
        return appos
    desc = _descriptor(toks)
    if desc is not None:
        return desc
    group = _group_backward(toks)
    if group is not None:
        affiliated = _affiliated(toks, len(toks) - len(group.name.split()))
        return affiliated or group
    body = _BODY_WITH_THE_RE.search(" ".join(toks))
    if body is not None and body.group(2).lower() in _ORG_KEYWORDS:
        return _NP(body.group(1), "group")  # "The Institute for the Study of War said"
    # capitalised chain, allowing connectors between capitalised words
    k = len(toks)
    while k > 0:
        tok = toks[k - 1]
        if k < len(toks) and _strip_token(tok) != tok:
            break  # a full stop inside the chain: "… the FT. But Rover"
        if _is_name_token(tok if k < len(toks) else _strip_token(tok)):
            k -= 1
        elif tok.lower() in _CONNECTORS and k - 1 > 0 and k < len(toks) and _is_name_token(toks[k - 2]):
            k -= 1
        else:
            break
    chain = toks[k:]
    if not chain:
        return None
    affiliated = _affiliated(toks, k)
    if affiliated is not None:
        return affiliated
    before_chain = " ".join(toks[:k])
    placed = _PLACE_AFTER_BODY_RE.search(before_chain)
    if placed is not None:
        # "Capt. Benoit Zeisser from the Gendarmerie in the nearby town of Digne told": where the
        # body is, not who speaks
        body = _np_backward(before_chain[: placed.start()])
        if body is not None and body.kind == "person" and body.role and _AFFILIATION_ROLE_RE.search(body.role):
            return _NP(body.name, "person", _clean(body.role + placed.group() + " " + " ".join(chain)), body.gender)
    if k > 0 and toks[k - 1].lower() == "the":
        chain = [toks[k - 1]] + chain  # (dropped again by _name_np; marks a description)
    elif k > 1 and toks[k - 1] in _ROLE_MODIFIERS and toks[k - 2].lower() == "the":
        # "the outgoing European Commissioner": a description all the same
        desc = _name_np(["the"] + chain, None)
        if desc is not None and desc.kind == "pronoun":
            return _NP(desc.name, desc.kind, _clean(f"the {toks[k - 1]} " + " ".join(chain)), desc.gender)
    # "Victor Cha of the Centre for …": a name followed by an affiliation
    lowered = [t.lower().rstrip(".,") for t in chain]
    if any(t in _ORG_KEYWORDS for t in lowered):
        for j in range(1, len(chain) - 1):
            if lowered[j] in {"of", "at", "from", "with"}:
                np = _name_np(chain[:j], None)
                if np is not None and len(np.name.split()) >= 2 and not _is_org(np.name):
                    return _NP(np.name, "person", _clean(" ".join(chain[j:])), np.gender)
    lead_role = None
    if k > 0 and _is_role_noun(toks[k - 1]):
        j = k - 1
        while j > 0 and j > k - 5 and (
            toks[j - 1].lower() in _ROLE_MODIFIERS
            or (_is_name_token(toks[j - 1]) and toks[j - 1].lower() not in _STOP)
            or toks[j - 1].endswith(("’s", "'s"))
        ):
            j -= 1
        lead_role = " ".join(toks[j:k])
    elif k > 0 and len(chain) >= 2 and _roleish(toks[k - 1]) and toks[k - 1].lower() not in _STOP | _SPEECH_VERBS:
        lead_role = toks[k - 1]  # "protester Markus Loehrer said": an agent noun naming what they are
    return _name_np(chain, lead_role)


_WEEKDAY = "(?:" + "|".join(sorted(day.capitalize() for day in _WEEKDAYS)) + ")"
# "Mr Howard last week said", "the firm on Monday warned": a time between subject and verb
_TIME_AFTER_SUBJECT_RE = re.compile(
    rf"(?:\s+(?:has|have|had|was|were|also|later|then))*\s+(?:(?:earlier|later)\s+)?(?:(?:last|this|next)\s+(?:week|month|year|night|weekend|{_WEEKDAY})|"
    rf"on\s+{_WEEKDAY}|{_WEEKDAY}|yesterday|today|tonight|overnight)(?:\s+(?:has|have|had|was|were|also|again))*$"
)
# "Court documents filed Tuesday say": what was done to a document is no part of its name (but "a
# statement released by Vulcan" names who issued it)
_DONE_TO_DOCUMENT_RE = re.compile(
    r"(?<=[a-z])\s+(?:filed|released|obtained|published|unsealed|issued|seen|posted)$"
)


def _bare_subject(text: str) -> str:
    """The subject before its verb, bare of a time ("X on Monday") or of what was done to a document."""
    text = _TIME_AFTER_SUBJECT_RE.sub("", text.rstrip())
    text = re.sub(r"(?<=[a-z])\s+on\s+" + _PLATFORMS + "$", "", text)  # "Matthew Conrad on Facebook said"
    done = _DONE_TO_DOCUMENT_RE.search(text)
    if done is not None and text[: done.start()].split()[-1].lower() in _DOCUMENT_NOUNS | _ISSUED_NOUNS:
        text = text[: done.start()]
    return text


# an apposition starting so is an adverbial or a clause, not a role: "X, on his first day, said"
_NOT_ROLE_START = frozenset(
    "who whose whom on in before after when while since until during despite speaking writing "
    "asked interviewed talking meanwhile however".split()
)
_RELATIVES = frozenset("who whose whom".split())
_APPOS_WORDS = frozenset("the a an of at for from with in and on to its his her their".split())


_NOT_QUALIFIER_WORD = r"(?!(?:" + "|".join(sorted(_SPEECH_VERBS | _AUX)) + r")\b)"
_BODY_NOUNS = "|".join(sorted(_ORG_DESCRIPTIONS | _INSTITUTION_NOUNS - {"spokesman", "spokeswoman", "spokesperson", "source", "official", "analyst", "expert", "insider", "aide", "statement", "report"}))
_QUALIFIER = rf"(?:for|of|at|close\s+to)\s+(?:the\s+[a-z]{{3,}}(?:\s+{_NOT_QUALIFIER_WORD}[a-z]{{3,}})?\b|(?:the\s+)?[A-Z][\w.&'’\-]*(?:\s+(?:(?:of|for|and|on|&)\s+)?[A-Z][\w.&'’\-]*)*(?:\s+(?:{_BODY_NOUNS})\b)?)"
_QUALIFIED_HEAD = r"(?:spokesman|spokeswoman|spokesperson|representative|official|source|insider|aide|head|CEO|boss)"
# "a spokesperson for the State Department" keeps its qualifier
_QUALIFIED_GROUP_END = re.compile(
    rf"(?:^|\s)((?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){{0,2}}?{_QUALIFIED_HEAD}\s+{_QUALIFIER})$"
)
_QUALIFIER_AFTER = re.compile(rf"\s+{_QUALIFIER}")
# "A cousin of Yassine", "a former classmate of Bilardi's": one unnamed person, by whose they are
# (a narrower qualifier than `_QUALIFIER`: "a member of the European Parliament, X," names X)
_DESCRIBED_PERSON_END = re.compile(
    r"(?:^|\s)(" + _INDEFINITE_RE + r"\s+(?:[\w\-]+\s+){0,2}?([a-z]+)\s+(?:of|at)\s+(?:the\s+[a-z]{3,}\b|[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*)?))$"
)


def _trailing_apposition(toks: list[str]) -> _NP | None:
    """A person followed by an unclosed apposition: "Howard Archer, economist at Global Insight".

    The tail must read as a role (a job word, a title, or "of/at/for/from" + a name) and hold
    no verb-like word; the head must end with a person's full name.
    """
    commas = [k for k, tok in enumerate(toks[:-1]) if tok.endswith(",")]
    if not commas:
        return None
    c = commas[-1]
    tail = toks[c + 1 :]
    if not tail or len(tail) > 12:
        return None
    first = tail[0].lower()
    roleish = False
    for k, tok in enumerate(tail):
        low = tok.lower().rstrip(".,")
        if _MASK in tok or low in _SPEECH_VERBS or low in _PRONOUNS or low in {"who", "which", "that", "whose"}:
            return None
        if _is_role_noun(tok) or low in _JOB_TITLES:
            roleish = True
        elif low in {"of", "at", "for", "from", "with"} and re.match(r"(?:the\s+)?[A-Z]", " ".join(tail[k + 1 : k + 3])):
            roleish = True
        elif tok[:1].islower() and low not in _APPOS_WORDS and low not in _ROLE_MODIFIERS and not re.fullmatch(r"[a-z]+-[a-z\-]+", low):
            if k == len(tail) - 1 or low in _AUX:
                return None
    if not roleish or not (first in {"the", "a", "an"} or _is_role_noun(tail[0]) or first in _ROLE_MODIFIERS or first in {"of", "from", "at"}):
        return None
    head = " ".join(toks[: c + 1])[:-1]
    np = _np_backward(head)
    if np is None or np.kind != "person" or len(np.name.split()) < 2 or _is_org(np.name):
        return None
    before_name = head[: len(head) - len(np.name)].split() if head.endswith(np.name) else []
    if before_name and before_name[-1].lower() in {"in", "at", "from", "to", "into", "near", "outside", "inside", "across"}:
        return None  # "Prior to boarding a plane in Tel Aviv, the Prime Minister called …": a place
    role = _clean(" ".join(tail))
    return _NP(np.name, "person", (np.role + ", " + role) if np.role else role, np.gender)


def _possessor_then_name(toks: list[tuple[int, int, str]], text: str) -> int:
    """How many tokens make an owner before a name ("Yahoo's", "Bitch Flicks'"), or 0.

    A full name must follow, or a lone surname that ends the phrase ("according to Marriott's
    Von Ertfelda.")."""
    for p in range(min(3, len(toks) - 1)):
        tok = toks[p][2]
        if not _is_name_token(tok):
            if not re.fullmatch(r"[A-Z][\w.&\-]*(?:['’]s|s['’])", tok) or not all(_is_name_token(t[2]) for t in toks[:p]):
                return 0
            nxt = toks[p + 1][2]
            if not _is_name_token(nxt):
                return 0
            if p + 2 < len(toks) and _is_name_token(toks[p + 2][2].rstrip(".,;:")) and not nxt.endswith((",", ";", ":")):
                return p + 1
            if re.match(r"[.,;:]?\s*(?:[.,;:(]|$)", text[toks[p + 1][1] :]) or nxt.endswith((",", ";", ":", ".")):
                return p + 1
            return 0
    return 0


_JOINT_BRIEF_RE = re.compile(
    r"\s*([A-Z][a-z]+\s+and\s+(?:[a-z]+\s+){1,2}?(?:minister|secretary|spokesman|spokeswoman|spokesperson|editor|correspondent))\s+(?=[A-Z])"
)


_DESCRIBED_NAME_RE = re.compile(
    r"\s*(?:the\s+)?((?:[A-Z][a-z]+\s+)?(?:[a-z]+\s+)?([a-z]+))\s+((?:(?:The|Le|La|Les|Der|Die|Das|El|Il)\s+)?"
    r"[A-Z][\w'’&\-]*(?:\s+(?:&\s+)?[A-Z][\w'’&\-]*){0,3}\.?)(?=[\s,;:.!?]|$)(?!\s+[A-Z&])"
)


def _apposed_person(text: str, at: int, closers: str) -> tuple[_NP, int] | None:
    """A person named at `text[at:]` and closed there by one of `closers` or the end ("…, Craig
    Prater, said"): the person and where the name ends."""
    named, used = _np_forward(text[at:])
    if named is None or named.kind != "person" or not re.match(r"\s*(?:[" + closers + r"]|$)", text[at + used :]):
        return None
    return named, at + used


def _np_forward(text: str) -> tuple[_NP | None, int]:
    """The noun phrase that starts `text` and the offset where it ends (for "said X, …")."""
    m = re.match(r"\s*", text)
    pos = m.end() if m else 0
    toks = [(mt.start(), mt.end(), mt.group()) for mt in _TOKEN_RE.finditer(text, 0, 160)]
    if not toks:
        return None, 0
    first = toks[0][2]
    if len(toks) > 1 and first.lower() == "the":
        # "the American", "the Australian-born actress" (but not "the singer Sting")
        for n in range(2, min(6, len(toks) + 1)):
            head = toks[n - 1][2]
            desc = _descriptor([t[2] for t in toks[:n]])
            if desc is not None:
                nxt = toks[n][2] if n < len(toks) and not head.endswith((",", ";", ":", ".")) else ""
                plain = nxt.rstrip(".,;:")
                if plain and (_is_role_noun(plain) or plain in _ONE_OF_MANY | _PERSON_NOUNS):
                    continue  # "the festival's executive director", "the black college student"
                if desc.gender == "n" and re.fullmatch(r"[a-z]{3,}", plain) and plain not in _STOP | _SPEECH_VERBS | _AUX and not (
                    plain.endswith(("ly", "ed")) or plain in _IRREGULAR_PAST or plain in _BASE_SPEECH
                ):
                    continue  # "the hospital staff", "the school board": the body is a modifier
                apposed = _apposed_person(text, toks[n][0], ".,;:") if head.endswith(",") and n < len(toks) else None
                if apposed is not None and len(apposed[0].name.split()) >= 2:
                    # "the festival's executive director, Craig Prater": the name in apposition
                    role = _clean(" ".join(t[2] for t in toks[1:n]).rstrip(","))
                    return _NP(apposed[0].name, "person", role, apposed[0].gender), apposed[1]
                if not (nxt and _is_name_token(nxt.rstrip(".,;:"))):
                    return desc, toks[n - 1][0] + len(head.rstrip(".,;:"))
                break
            if head.endswith((",", ";", ":", ".")):
                break
    joint = _JOINT_BRIEF_RE.match(text)
    if joint is not None:
        # "Work and pensions minister Alan Johnson": a brief of two words, then the name
        named, used = _np_forward(text[joint.end() :])
        if named is not None and named.kind == "person" and len(named.name.split()) >= 2:
            return _NP(named.name, "person", _clean(joint.group(1) + (" " + named.role if named.role else "")), named.gender), joint.end() + used
    low = first.lower().rstrip(".,;:")
    if low in _PRONOUNS and (low != "i" or first.startswith("I")):
        return _NP(low, "pronoun", None, _PRONOUNS[low]), toks[0][0] + len(first.rstrip(".,;:"))
    body = _BODY_WITH_THE_START_RE.match(text)
    if body is not None and body.group(2).lower() in _ORG_KEYWORDS:
        return _NP(body.group(1), "group"), body.end(1)  # "the Committee to Protect Journalists"
    described = _DESCRIBED_NAME_RE.match(text)
    if described is not None and described.group(2) in _ORG_DESCRIPTIONS and not _is_role_noun(described.group(2)):
        # "French newspaper Le Parisien", "the charity Oxfam": a body's kind, then its name
        return _NP(_strip_token(described.group(3)), "person", _clean(described.group(1))), described.end(3) - (
            1 if _strip_token(described.group(3)) != described.group(3) else 0
        )
    # groups: up to 4 modifiers then a group noun
    words = [t[2] for t in toks[:7]]
    for n in range(min(7, len(words)), 0, -1):
        cand = [w.rstrip(".,;:") if i == n - 1 else w for i, w in enumerate(words[:n])]
        if any(w.endswith((",", ";", ":")) for w in words[: n - 1]):
            continue
        g = _group_backward(cand)
        if (
            g is not None and n < len(toks) and not words[n - 1].endswith((",", ";", ":", "."))
            and _is_name_token(toks[n][2].rstrip(".,;:")) and toks[n][2][:1].isupper() and g.name.split()[-1][:1].isupper()
        ):
            continue  # "CNN Safety Analyst David Soucie": a title before a name, not a body
        if g is not None and len(g.name.split()) + (1 if cand[0].lower() == "the" and not g.name.startswith(("the ", "The ")) else 0) == n:
            end = toks[n - 1][0] + len(cand[-1])
            if (
                re.fullmatch(_QUALIFIED_HEAD, cand[-1].lower())
                or cand[0].lower() in _INDEFINITE and cand[-1].lower() in _PERSON_HEADS  # "A cousin of Yassine"
                or n == 1 and cand[0].lower() == "members"  # "members of the Indiana legislature beg to differ"
            ) and not words[n - 1].endswith((",", ";", ":")):
                qual = _QUALIFIER_AFTER.match(text, end)
                if qual is not None:
                    qual_end = qual.end() - (1 if _strip_token(qual.group()) != qual.group() else 0)
                    return _NP(_clean(g.name + text[end:qual_end]), "group"), qual_end
            if words[n - 1].endswith(",") and n < len(toks) and g.name[:1].islower():
                # "The ruling party, the Peoples Democratic Party, refutes": the body by its name
                appos_end = text.find(",", toks[n][0])
                body = _body_named(text[toks[n][0] : appos_end]) if appos_end > 0 else None
                if body is not None:
                    return _NP(body, "group", g.name), appos_end
            apposed = (
                _apposed_person(text, toks[n][0], ",;:") if cand[0].lower() in _INDEFINITE and words[n - 1].endswith(",")
                and n < len(toks) else None
            )
            if apposed is not None and len(apposed[0].name.split()) >= 2:
                # "Another aviation analyst, David Soucie, also cast doubt": the name in apposition
                role = re.sub(r"^(?:an?|one|another)\s+", "", g.name, flags=re.IGNORECASE)
                return _NP(apposed[0].name, "person", _clean(role), apposed[0].gender), apposed[1]
            return g, end
    # lower-case role before a name: "North Korean leader Kim Jong-un"
    k = 0
    lead_role = None
    lead_the = len(toks) > 3 and first.lower() == "the"  # "the firm's chief executive Tom Li"
    j = 1 if lead_the else 0
    while j < len(toks) and j < 8 and (
        toks[j][2].lower() in _ROLE_MODIFIERS
        or toks[j][2] == "&"
        or (_is_name_token(toks[j][2]) and toks[j][2].lower() not in _STOP)
        or toks[j][2].endswith(("’s", "'s"))
        # a capitalised small word inside a band's or show's name: "Former One Direction member", "Take That"
        or j > 0 and _is_name_token(toks[j][2]) and _is_name_token(toks[j - 1][2]) and toks[j - 1][2].lower() not in _STOP
        and j + 1 < len(toks) and (_is_name_token(toks[j + 1][2]) or _roleish(toks[j + 1][2]))
    ):
        j += 1
    # a few plain lower-case words may qualify the role: "keyboard player Nick Rhodes"
    j2 = j
    while (
        j2 < len(toks)
        and j2 < j + 2
        and re.fullmatch(r"[a-z][a-z\-]*", toks[j2][2])
        and toks[j2][2] not in _STOP
        and toks[j2][2] not in _SPEECH_VERBS
        and not _is_role_noun(toks[j2][2])
        and not (_roleish(toks[j2][2]) and j2 + 1 < len(toks) and _is_name_token(toks[j2 + 1][2].rstrip(".,;:")))
    ):
        j2 += 1
    def role_then_name(at: int) -> bool:
        # "technology director Guido Gybels" / "RNID technology director, Guido Gybels"
        if (
            # "Feminist icon Germaine Greer": any plain noun before a given name and a surname
            at == 1 and at + 2 < len(toks) and re.fullmatch(r"[a-z]{3,}", toks[at][2]) is not None
            and toks[0][2].lower() not in _GIVEN_NAMES and toks[at][2] not in _IRREGULAR_PAST
            and toks[at][2] not in _STOP and toks[at][2] not in _SPEECH_VERBS and toks[at][2] not in _AUX
            and not toks[at][2].endswith(("ed", "s", "ing", "ly"))
            # (an unknown given name after a nationality: "British suffragette Emmeline Pankhurst")
            and (toks[at + 1][2].lower() in _GIVEN_NAMES or _is_nationality(toks[0][2]))
            and _is_name_token(toks[at + 1][2]) and _is_name_token(toks[at + 2][2].rstrip(".,;:"))
        ):
            return True
        return (
            at + 1 < len(toks) and _roleish(toks[at][2].rstrip(","))
            and _is_name_token(toks[at + 1][2].rstrip(".,;:"))
            and (not toks[at][2].endswith(",") or at + 2 < len(toks) and _is_name_token(toks[at + 2][2].rstrip(".,;:")))
        )

    def role_of_then_name(at: int) -> int:
        # "vice-president of operations Urs Holzle": a role with a lower-case "of" complement
        if not (at + 2 < len(toks) and _is_role_noun(toks[at][2]) and toks[at + 1][2] in {"of", "for"}):
            return -1
        n = at + 2
        while n < len(toks) and n < at + 5 and re.fullmatch(r"[a-z][a-z\-]+", toks[n][2]) and toks[n][2] not in _STOP:
            n += 1
        if n == at + 2 or n + 1 >= len(toks) or toks[n - 1][2].endswith((",", ".", ";", ":")):
            return -1
        if not (_is_name_token(toks[n][2]) and _is_name_token(toks[n + 1][2].rstrip(".,;:"))):
            return -1
        return n - 1

    if j2 > j and j2 < len(toks) and role_then_name(j2):
        j = j2
    if j + 2 < len(toks) and _roleish(toks[j][2]) and toks[j + 1][2] == "and" and role_then_name(j + 2):
        j += 2  # "Television personality and writer Clare Balding": two roles
    if j < len(toks) and role_of_then_name(j) > 0:
        j = role_of_then_name(j)
        lead_role = " ".join(t[2] for t in toks[: j + 1]).rstrip(",")
        k = j + 1
    elif j < len(toks) and role_then_name(j):
        lead_role = " ".join(t[2] for t in toks[: j + 1]).rstrip(",")
        k = j + 1
    elif j > 1 and (lead_the or not _is_name_token(toks[0][2])):
        # "chief executive Tom Li": the modifier run swallowed the role word and the name
        for r in range(j - 1, 0, -1):
            if role_then_name(r) and not toks[r][2].endswith(","):
                lead_role = " ".join(t[2] for t in toks[: r + 1])
                k = r + 1
                break
    if lead_role is not None and lead_the:
        lead_role = lead_role.split(None, 1)[1] if " " in lead_role else None
    if lead_the and lead_role is None and k == 0 and toks[1][2].lower() in _HONORIFICS and _is_name_token(toks[2][2].rstrip(".,;:")):
        k = 1  # "the Reverend Adrian Rodgers"
    possessor = None
    if lead_role is None:
        owner = _possessor_then_name(toks, text)
        if owner:
            # "Yahoo's Yonca Brunini", "Marriott's Von Ertfelda", "Bitch Flicks' Johnson": the
            # name after its organisation
            possessor = " ".join(t[2] for t in toks[:owner])
            lead_role, k = possessor, owner
    chain_end = k
    while chain_end < len(toks):
        tok = toks[chain_end][2]
        bare = tok.rstrip(".,;:") if tok.endswith((",", ";", ":")) else tok
        if _is_name_token(bare) or (_strip_token(bare) != bare and _is_name_token(_strip_token(bare))):
            chain_end += 1
            if bare != tok or tok.endswith(".") and _strip_token(tok) != tok:
                break  # punctuation ends the chain
        elif (
            (
                tok.lower() in _CONNECTORS  # ("Fox 5 DC", "Channel 4 News"; not the date "Jul 16 Miami")
                or re.fullmatch(r"\d{1,3}", tok) and toks[chain_end - 1][2].lower().rstrip(".") not in MONTH_NUMBERS
            )
            and chain_end + 1 < len(toks)
            and chain_end > k
            and _is_name_token(toks[chain_end + 1][2].rstrip(".,;:"))
        ):
            chain_end += 1
        else:
            break
    if chain_end == k:
        return None, pos
    chain_end = _trim_connectors(toks, k, chain_end)
    chain = [t[2].rstrip(",;:") for t in toks[k:chain_end]]
    np = _name_np(chain, lead_role)
    if np is None or possessor and _is_org(np.name):
        return None, pos
    if possessor and chain_end < len(toks) and not toks[chain_end - 1][2].endswith((",", ";", ":", ".")):
        nxt = toks[chain_end][2].rstrip(".,;:")
        if re.fullmatch(r"[a-z]+", nxt) and nxt not in _STOP | _AUX | _SPEECH_VERBS and not nxt.endswith("ed"):
            return None, pos  # "CNN's Living Golf show": a name that modifies a noun
    last = toks[chain_end - 1]
    end = last[0] + len(last[2].rstrip(",;:"))
    if _strip_token(text[last[0] : end]) != text[last[0] : end]:
        end -= 1
    return np, end


_IRREGULAR_PAST = frozenset(
    "beat met hit led won lost took gave made left sent let put got saw paid kept held sold bought "
    "brought caught taught fought found heard knew became began came ran set cut hurt quit shot "
    "struck threw drew overtook upset joined".split()
)
_PRONOUN_OF = {"his": "he", "her": "she", "its": "it", "their": "they"}  # a possessive's pronoun
_POSSESSIVE_PRONOUNS = frozenset(_PRONOUN_OF)
_KIN = frozenset(
    "wife husband son daughter mother father brother sister widow widower partner fiancee fiance "
    "friend colleague spouse girlfriend boyfriend uncle aunt cousin niece nephew grandson granddaughter ex-wife "
    "ex-husband stepson stepdaughter stepfather stepmother grandfather grandmother mom mum dad grandma grandpa".split()
)
# "Manzoor Hussain, his brother": a full name, then the relation in apposition
_NAME_THEN_KIN_RE = re.compile(
    r"(?:^|[\s,(])((?:[A-Z][\w'’.\-]*\s+){1,3}[A-Z][\w'’\-]+),\s+(his|her|their)\s+"
    r"(" + "|".join(sorted(_KIN)) + r")\s*,?\s*$"
)


# the head of a description of one unnamed person: "a cousin of Yassine", "one girl"
_PERSON_HEADS = _ONE_OF_MANY | _KIN
# people named by what they do or are, not a job title: "Peoplesoft worker David Ogden"
_PERSON_NOUNS = frozenset(
    "student worker employee member delegate resident pupil voter fan teacher doctor nurse "
    "person official spokesman spokeswoman spokesperson "
    # agent nouns the suffix test misses ("said accountant Jose Lopez")
    "accountant consultant assistant attendant servant agent tenant participant applicant immigrant "
    "migrant defendant claimant entrant informant occupant inhabitant merchant lieutenant sergeant "
    "respondent patient opponent proponent contestant complainant litigant superintendent commandant "
    "chef engineer volunteer auctioneer mountaineer pioneer critic pundit medic cleric tycoon magnate".split()
)
_OWNED_PEOPLE = (
    _KIN | {"agent", "lawyer", "lawyers", "attorney", "attorneys", "spokesman", "spokeswoman", "spokesperson",
            "representative", "representatives", "publicist", "manager", "aide", "aides", "adviser", "advisers",
            "advisor", "advisors", "doctor", "doctors", "coach", "family", "parents", "friends", "relatives",
            "campaign", "office", "team", "staff"}
)
_OWNED_RE = re.compile(
    r"(?:^|(?<=\s))((his|her|their|the\s+[a-z]+['’]s|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}['’]s)\s+(?:(?:own|new|former|longtime|long-time|"
    r"personal|legal|official)\s+)?(" + "|".join(sorted(_OWNED_PEOPLE)) + r"))\s*$",
    re.IGNORECASE,
)


_NOT_AGENT = frozenset(
    "letter paper newspaper order number border water matter other former latter under after never "
    "power center centre winter summer quarter chapter register computer report statement".split()
)


def _roleish(tok: str) -> bool:
    """A lower-case word naming what someone is: a job word, a kin word, or an agent noun
    ("producer", "coordinator", "holder", "novelist")."""
    low = tok.lower()
    if not tok[:1].islower() or not re.fullmatch(r"[a-z][a-z\-]*", low):
        return False
    if _is_role_noun(tok) or low in _KIN or low.split("-")[-1] in _PERSON_NOUNS:
        return True
    last = low.split("-")[-1]
    return (
        len(last) >= 5 and last not in _NOT_AGENT and last not in _STOP
        and re.search(r"(?:[^e]er|[^o]or|ist|ian|man|woman|person)$", last) is not None
    )


_AFTER_NAME = frozenset("in on at during after before while when on last this yesterday earlier later".split())


def _np_inverted(text: str) -> tuple[_NP | None, int]:
    """The subject after an inverted speech verb ("…,” said X").

    The phrase after the verb runs to the first comma or the sentence end. When it ends with a
    proper-name chain and everything before that chain reads as a role (capitalised show or
    organisation names joined by "and", possessives, lower-case role words), the speaker is that
    LAST chain and the rest its role: "said Richard and Judy executive producer Amanda Ross",
    "said Labour's health spokesman John Smith", "said the BBC's Nick Robinson". "said his wife,
    Sheila." gives Sheila. Anything else is read by `_np_forward`.
    """
    handle = _USER_HANDLE_AFTER_RE.match(text)
    if handle is not None:
        return _NP(handle.group(2), "person", handle.group(1)), handle.end()  # "said Weibo user @Zoexiaoyizi"
    bare_handle = re.match(r"\s*(" + _HANDLE + r")(?=[\s,.;:!?]|$)", text)
    if bare_handle is not None:
        return _NP(bare_handle.group(1), "person"), bare_handle.end()  # "tweeted @philae2014"
    thing = re.match(r"the\s+((?:[a-z\-]+\s+)?(?:" + "|".join(sorted(_THING_ROLES)) + r"))(?=\s*(?:[.,;:!?]|$))", text)
    if thing is not None:
        # "said the star": a word that may name a thing (`_descriptor`) names a person who speaks
        return _NP("the " + thing.group(1), "pronoun", None, "h"), thing.end()
    moved = re.match(r"\s*an?\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|ing|al|ful|ous|ive|ic|ant|ent|y))\s+(?=[A-Z])", text)
    if moved is not None and moved.group(1) not in _ROLE_MODIFIERS | _GROUP_MODIFIERS and not _is_role_noun(moved.group(1)):
        # "…,” said a surprised Hamilton.": a person in a mood
        named, used = _np_forward(text[moved.end() :])
        if named is not None and named.kind == "person" and not named.role and not (
            named.name in _DEMONYMS or named.name.lower() in _PARTY_MEMBERS
        ) and re.match(r"\s*(?:[.,;:!?]|$)", text[moved.end() + used :]):
            return named, moved.end() + used
    toks = [(mt.start(), mt.group()) for mt in _TOKEN_RE.finditer(text, 0, 240)]
    phrase: list[tuple[int, str]] = []
    stop = ""
    for at, tok in toks:
        if _MASK in tok:
            break
        if tok.endswith((",", ";", ":")):
            phrase.append((at, tok[:-1]))
            stop = tok[-1]
            break
        if tok.endswith((".", "!", "?")) and _strip_token(tok) != tok:
            phrase.append((at, tok.rstrip(".!?")))
            stop = "."
            break
        phrase.append((at, tok))
    words = [t for _, t in phrase]
    for k in range(2, len(words)):
        if words[k].lower() in _AFTER_NAME and _is_name_token(words[k - 1]) and _is_name_token(words[k - 2]):
            # "says Apple CEO Tim Cook in the new book": the circumstance is no part of the name
            words, phrase, stop = words[:k], phrase[:k], "."
            break
    if not words:
        return _np_forward(text)
    if stop == "," and len(words) <= 4 and words[0].lower() in {"his", "her", "their", "the", "its"} and _roleish(words[-1]):
        # "said his wife, Sheila." / "said the band's producer, Jo Lee."
        apposed = _apposed_person(text, toks[len(phrase)][0] if len(phrase) < len(toks) else len(text), ".;:")
        if apposed is not None:
            role_words = words[1:] if words[0].lower() == "the" else words
            return _NP(apposed[0].name, "person", _clean(" ".join(role_words)), apposed[0].gender), apposed[1]
    if stop == "," and len(words) <= 6 and _description_words(words):
        # "said Opera spokeswoman, Berit Hanson." / "said a spokeswoman for Opera, Berit Hanson.":
        # a description, then the named holder in apposition
        apposed = _apposed_person(text, toks[len(phrase)][0] if len(phrase) < len(toks) else len(text), ".;:,")
        named = apposed[0] if apposed is not None else None
        if named is not None and (len(named.name.split()) >= 2 or named.gender) and not _is_org(named.name):
            role_words = words[1:] if words[0].lower() in {"the", "a", "an"} else words
            return _NP(named.name, "person", _clean(" ".join(role_words)), named.gender), apposed[1]
    if stop not in {".", ""} and stop != ",":
        return _np_forward(text)
    # the trailing chain of capitalised words
    k = len(words)
    while k > 0 and (_is_name_token(words[k - 1]) or words[k - 1].lower() in _PARTICLES and k < len(words)):
        k -= 1
    if k == 0 or k == len(words):
        return _np_forward(text)
    prefix = words[:k]
    if [w.lower() for w in prefix] == ["the"] and _descriptor(words) is None:
        # "…,” wrote the Times: a paper's or a body's name after "the"
        np = _name_np(words, None)
        if np is not None and (np.name.split()[-1] in _PUBLICATION_HEADS or _is_org(np.name)):
            last_at, last_tok = phrase[-1]
            return np, last_at + len(last_tok)
    if (
        prefix[-1].lower() in {"for", "of"} and len(prefix) >= 2 and all(_is_name_token(w) for w in prefix[:-1])
        and prefix[-2].lower() in _JOB_TITLES
    ):
        # "said UN High Commissioner for Human Rights Zeid Ra'ad Al Hussein": one chain, office and name
        np = _name_np(words, None)
        if np is not None and np.kind == "person" and np.role and not _is_org(np.name):
            last_at, last_tok = phrase[-1]
            return np, last_at + len(last_tok)
    if not (
        _roleish(prefix[-1]) or prefix[-1].lower() in _ROLE_MODIFIERS or re.fullmatch(r"[A-Z][\w.&\-]*['’]s", prefix[-1])
        or prefix[-1] == "and" and len(prefix) >= 2 and _roleish(prefix[-2])  # "said internist and Emory Professor X"
        or prefix[-1].lower() in _KIN or prefix[-1].lower().endswith("-in-law")  # "said sister-in-law Lora Waraksa"
        or prefix[-1].isdigit() and len(prefix) >= 2 and prefix[-2].lower() in _TITLES  # "Chief Warrant Officer 5 Reggie Lane"
        or words[k].lower() in _JOB_TITLES and len(words) - k >= 3
        and words[k + 1].lower() in _GIVEN_NAMES
    ):  # ("said San Jose police Chief Larry Esquivel")
        return _np_forward(text)
    for i, w in enumerate(prefix):
        low = w.lower()
        if low in {"the", "a", "an", "and", "&", "of", "for"} or re.fullmatch(r"[\w.&\-]+['’]s?", w) and w[:1].isupper():
            continue
        if i == 0 and low in _POSSESSIVE_PRONOUNS:
            continue  # "said his coach Peter Stanley"
        if _is_name_token(w):
            continue
        if (
            re.fullmatch(r"[a-z0-9][a-z0-9\-]*", low) and (w[:1].islower() or w[:1].isdigit())
            and low not in _STOP and low not in _SPEECH_VERBS and low not in _AUX
            and not low.endswith("ing") and not re.fullmatch(r"[a-z]+ed", low)
        ):
            continue
        return _np_forward(text)
    np = _name_np(words[k:], None)
    if np is None or np.kind != "person" or _is_org(np.name):
        return _np_forward(text)  # "said Beth Kallmyer of the Alzheimer's Association"
    role_words = prefix[1:] if prefix[0].lower() in {"the", "a", "an"} | _POSSESSIVE_PRONOUNS else prefix
    role = _clean(" ".join(role_words + ([np.role] if np.role else [])))
    last_at, last_tok = phrase[-1]
    return _NP(np.name, "person", role, np.gender), last_at + len(last_tok)


def _description_words(words: list[str]) -> bool:
    """Words that describe an unnamed job holder: "Opera spokeswoman", "a spokeswoman for Opera",
    "the company's chief executive" (a role noun as head, only modifiers before it)."""
    if not words:
        return False
    qual = next((k for k, w in enumerate(words) if w.lower() in {"for", "of", "at"}), len(words))
    head, tail = words[:qual], words[qual:]
    if not head or not _roleish(head[-1]) or (tail and not (len(tail) >= 2 and all(w[:1].isupper() or w.lower() in {"the", "and", "&"} for w in tail[1:]))):
        return False
    for w in head[:-1]:
        low = w.lower()
        if low in {"a", "an", "the", "his", "her", "its", "their"} or low in _ROLE_MODIFIERS or _is_role_noun(w):
            continue
        if w[:1].isupper() and low not in _STOP and low not in _TITLES - {"chief", "deputy", "executive", "senior", "former"}:
            continue  # "Opera", "Labour's"
        if re.fullmatch(r"[a-z][a-z\-]+", w) and low not in _STOP and low not in _SPEECH_VERBS and low not in _AUX and not low.endswith(("ed", "ing")):
            continue  # "press", "health"
        return False
    return True


def _trim_connectors(toks: list[tuple[int, int, str]], k: int, end: int) -> int:
    """End a forward chain at its first non-particle connector unless a title follows it.

    "Secretary of State Antony Blinken" and "Economic and Fiscal Policy Minister Heizo
    Takenaka" stay whole; "Victor Cha of the Centre for …" stops after "Cha".
    """
    words = [t[2].rstrip(",;:.").lower() for t in toks[k:end]]
    if _org_of_name([t[2].rstrip(",;:") for t in toks[k:end]]) is not None:
        return end  # "the Royal College of Physicians said"
    if "and" in words[1:3]:
        # "say Isabel Sawhill and Joanna Venator of the Brookings Institution": two people
        stop = next((j for j, w in enumerate(words) if j > words.index("and") and w in _CONNECTORS), len(words))
        pair = _name_np([t[2].rstrip(",;:") for t in toks[k : k + stop]], None)
        if pair is not None and _joint(pair.name):
            return k + stop
    for j, w in enumerate(words):
        if w in _CONNECTORS and w not in _PARTICLES - {"the"} or w in {"of", "for", "and", "the"} and j > 0:
            rest = words[j + 1 :]
            titled = any(r in _TITLES and r not in {"state", "home", "justice"} for r in rest[:-1]) or (
                # "Secretary of State John Kerry": a title's remit, then a given name and a surname
                j > 0 and words[j - 1] in _TITLES and (any(r in _GIVEN_NAMES for r in rest[1:-1]) or len(rest) >= 3)
            )
            if not titled or any(r in _ORG_KEYWORDS for r in rest):
                return k + j
            return end
    return end


# Words that, capitalised before a full name, describe the person and are no part of the name
# ("Surgeon Chris Evans", "Billionaire Richard Branson", "Hollywood Tom Hanks", "First Class Brian
# Marquez"); an unknown capitalised word there is read as part of the name ("Kazi Muhammad Ziauddin").
# Titles and role words (`_TITLES`, `_roleish`) are told apart already and are not listed again.
_DESCRIPTORS_BEFORE_NAMES = frozenset(
    """
    surgeon pilot priest astronaut cosmonaut model supermodel billionaire millionaire entrepreneur
    witness victim jockey monk nun veteran superstar rebel militant marine private corporal emir
    sultan ayatollah mufti prophet apostle saint deacon poet playwright mogul heiress socialite
    celebrity comic comedienne diva guru pop rock jazz country hip folk soul punk metal gospel
    blues opera grammy oscar emmy tony nobel hollywood bollywood nollywood young old late
    legendary iconic famous green liberal progressive moderate class grade rookie gov sen forward
    madame grand neighbour
    """.split()
)


def _is_role_noun(tok: str) -> bool:
    """A lower-case job word ("leader", "director-general") that may stand before a name."""
    low = tok.lower()
    return tok[:1].islower() and (low in _ROLE_NOUNS or any(part in _ROLE_NOUNS for part in low.split("-")))


def _is_org(name: str) -> bool:
    return any(w.lower().rstrip(".,") in _ORG_KEYWORDS for w in name.split())


def _body_named(text: str) -> str | None:
    """The name of a body that is the whole of `text`: "the Peoples Democratic Party" → its name."""
    words = re.sub(r"^(?:the|The)\s+", "", text.strip().rstrip(".,;:")).split()
    if (
        len(words) < 2 or not words[0][:1].isupper() or not _is_org(" ".join(words))
        or not all(_is_name_token(w) or w in {"of", "for", "and", "&", "the"} for w in words)
    ):
        return None
    return " ".join(words)


def _geo_like(name: str) -> bool:
    """A country or region rather than an organisation ("Britain", "the UK", "South Korea")."""
    words = name.split()
    return words[0].lower() in _GEO_PREFIXES or name.lower() in _COUNTRIES or words[-1].lower() in _LANDFORMS


# the last word of the name of a law or a text: "the Syrian Penal Code", "the Patriot Act": never a person
_LAW_WORDS = frozenset("act code treaty convention accord accords constitution charter amendment".split())
# the last word of an event's name ("the Australian Grand Prix", "the World Cup"): never a person
_EVENT_WORDS = frozenset(
    "prix cup bowl olympics paralympics championship championships tournament festival awards marathon "
    "regatta grand-slam".split()
)


# the last word of a place's name ("the French Alps", "Rocky Mountains"): never a speaker
_LANDFORMS = frozenset(
    "alps mountains mountain river sea ocean valley island islands lake bay coast desert hills peninsula "
    "gulf strait canyon glacier forest bridge road avenue highway airport station stadium".split()
)


_COUNTRIES = frozenset(
    """
    uk u.k. us u.s. usa eu un britain england scotland wales ireland france germany spain italy
    portugal greece russia ukraine china japan india pakistan iran iraq israel syria turkey egypt
    canada mexico brazil argentina australia europe africa asia america korea taiwan nigeria
    kenya poland sweden norway denmark finland netherlands holland belgium switzerland austria
    london washington beijing moscow paris berlin tokyo brussels
    jordan lebanon yemen libya qatar kuwait bahrain oman afghanistan bangladesh indonesia malaysia
    thailand vietnam philippines singapore cuba venezuela colombia chile peru bolivia ecuador
    uruguay paraguay ghana ethiopia somalia sudan uganda tanzania zimbabwe chad mali niger
    """.split()
)


def _organisation(role: str | None) -> str | None:
    """The organisation named in a role ("… chair at the Hudson Institute" -> "Hudson Institute")."""
    if not role:
        return None
    cap = r"[A-Z0-9][\w.&’'\-]*"
    chain = rf"{cap}(?:\s+(?:(?:of|for|and|on|the|&|de)\s+)*{cap})*"
    whole = re.fullmatch(rf"(?:of|from|at|with)\s+(?:the\s+)?({chain})\.?", role.strip())
    if whole is not None and whole.group(1).lower() not in _STOP:
        return whole.group(1)  # "Malte Pollmann, of Lycos Europe, said"
    best = None
    for m in re.finditer(rf"(?:^|\b(at|with|of|from|for|in|by|to)\s+)(?:the\s+)?({chain})", role):
        prep, org = m.group(1), m.group(2)
        org = re.sub(r"\s+(?:of|for|and|on|the|&|de)$", "", org)
        owner = re.match(r"(.+?)['’]s\b", org)
        if owner and any(w.lower().rstrip(".") in _ORG_KEYWORDS for w in owner.group(1).split()):
            org = owner.group(1)
        elif owner and prep is None and m.start() == 0 and not _geo_like(owner.group(1)):
            return owner.group(1)  # "Deloitte's chief economic advisor": the possessor
        elif owner:
            org = owner.group(1) if prep in {"at", "with", "from"} else org
        keyword = any(w.lower().rstrip(".,") in _ORG_KEYWORDS for w in org.split())
        spokes = prep == "for" and re.search(r"spokes(?:man|woman|person)\s+$", role[: m.start(1)]) is not None
        if keyword or ((prep in {"at", "with", "from"} or spokes) and len(org) > 1):
            if org.lower() in _TITLES or org.lower() in _STOP:
                continue
            best = org.rstrip(",;:")
            if prep is not None:
                break
    if best is None:
        # "RNID technology director", "Google vice-president": a name leading a job title
        lead = re.match(rf"({chain})((?:\s+[a-z][\w\-]*){{1,4}})", role.strip())
        if (
            lead is not None and any(_is_role_noun(w) for w in lead.group(2).split()) and not _geo_like(lead.group(1))
            and lead.group(1).lower() not in _TITLES
            and not any(w.lower() in _TITLES | _ROLE_MODIFIERS | _LESSER_ROLE for w in lead.group(1).split())
        ):
            best = lead.group(1)
    return best


_TO_VERB_RE = re.compile(r"\s+to\s+([a-z]+)\b")
_TO_OBJECTS = frozenset(
    "the a an his her their its our my your this that these those me him them us you it one all "
    "both each every some parliament congress".split()
)


# "pledged to take the matter “to Tony Blair”": the partial quote gives the promise's words
_COMMISSIVE = frozenset("pledged pledges promised promises vowed vows".split())


# bare verb forms of speech, read as speech verbs only after an auxiliary or a plural subject
_BASE_SPEECH = frozenset("add claim argue warn insist admit deny fear predict suggest stress concede accuse".split())
_BASE_AFTER_AUX_ONLY = frozenset("add".split())
_BASE_AUX = frozenset("did does do would will could can may might should must".split())


_WRITTEN_NOUN_RE = re.compile(
    r"\b(?:statement|letter|note|sign|signs|caption|message|post|tweet|banner|headline|placard|email|"
    r"e-mail|memo|text|inscription|notice|card|label|poster|slogan|plaque)\s+(?:also\s+|then\s+)?$"
)


def _someone_new_after(after: str) -> bool:
    """True if the words after a quote are "…,” a/an/one … said": someone unnamed, not yet met,
    whose description the rules could not read; the quote is no earlier speaker's."""
    return re.match(
        r",?\s+" + _INDEFINITE_RE + r"\s+[^,.;:!?§]{2,50}?\s+(?:said|says|told|tells|added|adds|wrote|writes)\b", after
    ) is not None


def _verb_matches(text: str) -> list[re.Match[str]]:
    """Speech verbs in the text, in order ("called for/on" and "pointed at" excluded)."""
    out = []
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group().lower()
        if word in _BASE_SPEECH and m.group()[0].islower():
            # a bare form speaks only after an auxiliary ("he did add") or a plural subject
            # ("which critics claim", "Critics fear")
            prev = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 30) : m.start()])
            low = prev.group(1).lower() if prev else ""
            if low == "to" and re.search(r"\b(?:went|go|goes|going|gone|was|were|is|are)\s+(?:on|quick)\s+to\s+$", text[max(0, m.start() - 30) : m.start()]):
                low = "did"  # "went on to claim", "was quick to add"
            if not (low in _BASE_AUX or (low in _GROUP_NOUNS or low == "many") and word not in _BASE_AFTER_AUX_ONLY):
                continue
        elif word in {"spoke", "speaks", "talked", "talks"} and m.group()[0].islower():
            if not re.match(r"\s+(?:of|about)\s*(?:[" + _MASK + r"\"“]|$)", text[m.end() : m.end() + 12]):
                continue  # only "spoke of “competing agendas”": the words they used
        elif word in {"referred", "refers", "referring"} and m.group()[0].islower():
            if not re.match(r"\s+to\s+[^.;:§]{1,60}?\s+as\b", text[m.end() : m.end() + 80]):
                continue  # only "referred to Lords members as “…”": words used of them
        elif word in {"read", "reads"} and m.group()[0].islower():
            if not _WRITTEN_NOUN_RE.search(text, max(0, m.start() - 40), m.start()):
                continue  # only "the statement read", "a sign reads": words written
        elif word in {"began", "begins"} and m.group()[0].islower():
            if not re.match(r"\s*(?:[,:.]|" + _MASK + r"|$)", text[m.end() :]):
                continue  # only "“…,” he began, “…”": how the words start
        elif word not in _SPEECH_VERBS or m.group()[0].isupper() and m.start() > 0:
            continue  # (a capital mid-sentence is a name: "the United States' …")
        elif word in _ASIDE_PARTICIPLES and not (
            re.search(r",\s*$", text[: m.start()]) and re.match(r"\s*(?:that\s*)?(?:" + _MASK + r"|$)", text[m.end() :])
        ):
            continue  # only "…, asking “…”": not "We're asking women to …", "kind, joking and laughing"
        rest = text[m.end() : m.end() + 8].lower()
        if word in {"pointed", "points"} and not rest.startswith(" out"):
            continue
        if word in {"called", "calls"} and re.match(r"\s+(?:for|off|up)\b", rest):
            continue
        request = re.match(
            r"\s+(?:(?!(?:that|who|which|if|whether|how|what|why|he|she|they|we|i|it)\b)[\w.'’\-]+\s+){1,8}?"
            r"to\s+(?!(?:the|a|an|his|her|their|its|him|them|me|us|you|it|one|some|this|that|these|those|all|each|my|our|your)\b)[a-z]+\b",
            text[m.end() : m.end() + 120],
        ) if word in {"asked", "asks", "told", "tells", "urged", "urges"} else None
        urging = word in {"urged", "urges"} and re.fullmatch(r"[^,;:.§]{0,100}\bto\s*", text[m.end() :]) is not None
        if (
            request is not None and not urging
            and not re.search(r"\b(?:regard|respect|response|reference|relation|addition|reply|according)\s+to\s+[a-z]+$", request.group())
        ):
            continue  # "asked collaborators in the U.S. to test it": a request, not words quoted
            # (but "urged citizens to stay away and to “…”": the quote is what they were urged to do)
        inf = _TO_VERB_RE.match(text, m.end())
        if (
            inf is not None and inf.group(1) not in _TO_OBJECTS and not inf.group(1).endswith("s")
            and word not in _COMMISSIVE
        ):
            continue  # "agreed to commentate", "is said to be": no speech
        out.append(m)
    return out


@dataclass(frozen=True)
class _Cue:
    np: _NP
    position: int  # offset in the paragraph where the speaker is named


_ISSUED_RE = re.compile(r"\s*,?\s+(?:(?:issued|released|posted|published|sent)\s+)?(?:from|by)\s+")
# a body's name with "the" inside it, at the end of a subject: "Institute for the Study of War"
_BODY_TAIL = r"[A-Z][\w'’\-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w'’\-]*)*"
_BODY_WITH_THE_RE = re.compile(
    r"(?:^|\s)(?:[Tt]he\s+)?((?:[A-Z][\w.&'’\-]*\s+)*([A-Z][\w.&'’\-]*)\s+(?:(?:of|for|on)\s+the|to)\s+"
    + _BODY_TAIL + r")$"
)
# the same at the start of a phrase ("said the Department of Justice"), "the" after "of" optional
_BODY_WITH_THE_START_RE = re.compile(
    r"\s*(?:[Tt]he\s+)?((?:[A-Z][\w.&'’\-]*\s+){0,3}?([A-Z][\w.&'’\-]*)\s+(?:(?:of|for|on)(?:\s+the)?|to)\s+"
    + _BODY_TAIL + r")(?![\w'’\-])"
)
_BODY_NAME_RE = re.compile(r"(?:the\s+)?[A-Z][\w.&'’\-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w.&'’\-]*)*(?<![.])")
_ISSUED_NOUNS = frozenset("statement release report post filing letter memo email e-mail tweet document transcript note".split())


def _according_np(text: str) -> tuple[_NP | None, int]:
    """The source after "according to": the body behind a document ("a statement from the White
    House" → "the White House"), else the noun phrase itself."""
    copy = re.match(r"(?:a|the)\s+(?:leaked\s+)?(?:copy|copies|draft|version)\s+of\s+(?=(?:a|an|the)\s)", text)
    if copy:
        # "according to a copy of a police affidavit": the document itself
        np, end = _according_np(text[copy.end() :])
        if np is not None:
            return np, copy.end() + end
    document = _DOCUMENT_MENTION_RE.match(text)
    if document and re.match(r"\s*(?:[,.;]|$)", text[document.end() :]):
        return _NP(document.group(1), "group"), document.end()  # "according to a police affidavit."
    np, end = _np_forward(text)
    the = re.match(r"the\s+(?=[A-Z])", text)
    if np is None and the is not None:
        # "according to the BBC," / "according to the WHO": a body's name after "the"
        named, used = _np_forward(text[the.end() :])
        if named is not None and named.kind != "pronoun" and re.fullmatch(
            r"\s*(?:[,:]\s*|[.;].*)?", text[the.end() + used :], re.DOTALL
        ):
            np, end = _NP("the " + named.name, "group"), the.end() + used
    day = re.match(_WEEKDAY + r"['’]s\s+", text)
    if day is not None and np is not None and np.name.startswith(day.group().rstrip()):
        # "according to Thursday's statement": a day owns nothing; the document as written
        np = _NP("the " + np.name[len(day.group().rstrip()) :].strip(), "group")
    named = _BODY_NAME_RE.match(text)
    if named and named.end() > end and (np is None or np.kind == "group") and " of " in named.group(0):
        # "according to the Bank of England"
        np, end = _NP(re.sub(r"^the\s+", "", named.group(0)), "group"), named.end()
    if np is not None and np.name.split()[-1].lower() in _ISSUED_NOUNS and np.name.split()[0].lower() in {"a", "an", "the"}:
        issuer = _body_issuing(text[end:])
        if issuer is not None:
            return issuer[0], end + issuer[1]
    return np, end


def _body_issuing(text: str) -> tuple[_NP, int] | None:
    """The body named after a document that it issued: "(a statement) from the BBC", "(… released) by
    Vulcan"; with where its name ends."""
    m = _ISSUED_RE.match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    body, body_end = _np_forward(rest)
    if body is None:
        named = _BODY_NAME_RE.match(rest)
        if named:
            body, body_end = _NP(named.group(0), "group"), named.end()
    if body is None:
        return None
    if body.kind == "group" and rest.lower().startswith("the ") and not body.name.lower().startswith("the "):
        body = _NP("the " + body.name, body.kind, body.role, body.gender)
    return body, m.end() + body_end


# "as X put it", "as X has put it": someone's words, in their own phrasing
_PUT_IT = r"(?:(?:put|puts|has\s+put|once\s+put)\s+it|(?:liked|likes|loved|loves|used)\s+to\s+(?:say|put\s+it))"


# "the officer is heard (saying)", "The Chelsea fans can then be heard (chanting)"
# "is heard saying", "can then be heard chanting", "is quoted as saying"
_HEARD = r"(?:(?:can|could|may|might)\s+(?:then\s+|also\s+)?be|is|are|was|were)\s+(?:heard|quoted\s+as)\s+"


def _cue_after(after: str, offset: int) -> _Cue | None:
    """The attribution that follows a quote: "…,” Cronin said" / "…,” said X, a …"."""
    m = re.match(r"[\s,—–\-]*", after)
    start = m.end() if m else 0
    rest = after[start:]
    quoted = _cue_quoting(rest[:120], offset + start)
    if quoted is not None:
        return quoted
    heard = re.match(r"([^,.;:§]{2,60}?)\s+" + _HEARD + r"(?:saying|to\s+say)\b", rest)
    if heard is not None:
        # "“Got it,” the officer is heard saying." / "one rescuer is heard to say"
        np = _np_backward(heard.group(1) + " ")
        if np is None:
            # "an unnamed technician in one of those teams is quoted as saying": the head before its phrase
            np = _np_backward(re.sub(r"\s+(?:in|at|from|with|on)\s.*$", " ", heard.group(1)))
        if np is not None:
            return _Cue(np, offset + start)
    put = re.match(r"as\s+([^,;:§]{2,80}?)\s+(?:[a-z]+ly\s+)?" + _PUT_IT + r"\b", rest)
    if put is not None:
        # "…,” as James P. Pfiffner put it in 2010." / "…,” as Rothkopf colorfully put it."
        np, used = _np_forward(put.group(1))
        if np is not None and not put.group(1)[used:].strip():
            return _Cue(np, offset + start + put.start(1))
    acc = re.match(r"according\s+to\s+", rest, re.IGNORECASE)
    if acc:
        np, end = _according_np(rest[acc.end() :])
        if np is not None:
            return _Cue(_with_trailing_role(np, rest[acc.end() + end :]), offset + start + acc.end())
        return None
    bare = re.fullmatch(r"((?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s*\.?\s*", rest)
    if bare:
        # "…,” Mr Bootle.": the verb left out, the honorific leaves no doubt
        np, _end = _np_forward(bare.group(1))
        if np is not None and np.kind == "person":
            return _Cue(np, offset + start)
    vm = re.match(r"([A-Za-z]+)\s+", rest)
    if vm and vm.group(1) in _INVERTED_BEFORE_GROUPS and "," not in after[:start]:
        # right after the quote only ("Despite the “data,” the truth, say the sources, …" is their
        # claim, not the quote's words):
        # - "…,” say Isabel Sawhill and Joanna Venator of …" / "…,” write the authors": a plural verb
        #   goes before two people or a group (and nothing else: "say" may be an aside);
        # - "…,” reads the ICAO working document." / "…,” read the statement.": what is written there
        np, end = _np_inverted(rest[vm.end() :])
        if np is not None and (
            (_joint(np.name) or np.kind == "group" and np.name.endswith("s")) if vm.group(1) in _PLURAL_INVERTIBLE
            else np.kind == "group" or np.kind == "pronoun" and np.name.startswith("the ")
        ):
            return _Cue(_with_trailing_role(np, rest[vm.end() + end :]), offset + start + vm.end())
    if vm and vm.group(1).lower() in _INVERTIBLE:
        np, end = _np_inverted(rest[vm.end() :])
        close = _source_close_to(re.split(r"[,.;:§]", rest[vm.end() :])[0] + " ") if np is not None and np.kind == "group" else None
        if close is not None:
            return _Cue(close, offset + start + vm.end())  # "…,” said a source familiar with the investigation."
        if np is not None:
            return _Cue(_with_trailing_role(np, rest[vm.end() + end :]), offset + start + vm.end())
    # "X said", "X, a fellow at Y, said", "he added"
    verbs = _verb_matches(rest)
    for verb in verbs[:3]:
        if verb.group() == "called" and verb is not verbs[-1] and re.match(r"\s+[A-Z]", rest[verb.end() :]):
            continue  # "a user called Caleb Parke tweeted": what the user is called
        pre = _HEARSAY_RE.sub(" ", rest[: verb.start()])  # "Hasan Edmonds is alleged to have told"
        if len(pre.split()) > 40 or _MASK in pre or _has_stop(pre):
            break
        close = _source_close_to(pre)
        if close is not None:
            return _Cue(close, offset + start)  # "…,” a source close to the family said"
        np = _np_backward(pre)
        if np is None and pre.count(",") == 1 and pre.rstrip().endswith(",") and not (
            verb.group().lower() in _INVERTIBLE - {"told", "tells"} and re.match(r"\s+[A-Z]", rest[verb.end() :])
        ):
            # "…,” spokesman Lt. Col. Craig Childs, said": a stray comma after the subject (but "…’ Vladimir
            # Putin, says Victor Cha": the name after the verb speaks)
            bare = pre.rstrip()[:-1] + " "
            np = _np_backward(bare)
            if np is not None and np.kind == "person" and (np.role or np.gender) and _subject_only(bare):
                return _Cue(np, offset + start)
            np = None
        if np is None:
            np = _unclosed_apposition(pre)
            if np is not None:
                return _Cue(np, offset + start)
            continue
        # the NP must be the whole of `pre` (bar auxiliaries): nothing else before it
        if not _subject_only(pre):
            named_as = _NAMED_AS_RE.search(pre)
            if not (
                # "a man named Bob Smith said", "a user called Caleb Parke tweeted"
                named_as is not None and np.kind == "person"
                and re.fullmatch(r"\s*" + _INDEFINITE_RE + r"\s+(?:[a-z\-]+\s+){0,2}", pre[: named_as.start()])
            ):
                break
        return _Cue(np, offset + start)
    return None


_CLOSE_TO_RE = re.compile(
    r"\s*(" + _INDEFINITE_RE + r"\s+(?:[\w.\-]+\s+){0,2}?[a-z]+)\s+(?:familiar\s+with|close\s+to|involved\s+in|"
    r"briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|knowledgeable\s+about|handling|"
    r"(?P<where>(?:travell?ing|working|serving|stationed|based|speaking)\s+(?:in|with|at|for|on|from|near)))\s+[\w'’\-]+(?:\s+[\w'’\-]+){0,4}"
    r"(?:,\s+who\s+[^,§]{3,80},)?\s*"  # (", who was not authorized to speak on the record,")
)


def _source_close_to(pre: str) -> _NP | None:
    """ "a source familiar with the investigation", "a senior police official handling the case":
    someone unnamed, then how they know (or where they are: "an official traveling with the
    president", named without it)."""
    close = _CLOSE_TO_RE.fullmatch(pre)
    if close is None:
        return None
    head = _group_backward(close.group(1).split())
    if head is None or len(head.name.split()) != len(close.group(1).split()):
        return None
    if close.group("where"):
        return head  # "a senior Israeli official traveling in Netanyahu's delegation": where they are is no part of it
    return _NP(_clean(pre[: close.end(1)].strip() + pre[close.end(1) :].split(",")[0]), "group")


_HEARSAY_RE = re.compile(
    r"\s+(?:is|was|are|were)\s+(?:alleged|said|reported|believed|understood|thought|known|claimed)\s+to\s+have\s*$"
)


def _unclosed_apposition(pre: str) -> _NP | None:
    """ "Jim Green, director of NASA's planetary science division said": a name, then a role
    whose closing comma was left out."""
    head, comma, appos = pre.partition(",")
    appos = appos.strip()
    if not comma or "," in appos or not appos or len(appos.split()) > 12:
        return None
    first = appos.split()[0]
    kin = len(appos.split()) == 2 and first.lower() in _POSSESSIVE_PRONOUNS and appos.split()[1].lower() in _KIN
    if not (_is_role_noun(first) or first.lower() in {"the", "a", "an"} | _ROLE_MODIFIERS or kin):
        return None
    if any(w.lower() in _SPEECH_VERBS or w.lower() in _AUX or w.lower() in {"who", "which", "that"} for w in appos.split()):
        return None
    np, used = _np_forward(head.strip())
    if np is None or np.kind != "person" or head.strip()[used:].strip() or len(np.name.split()) < 2:
        return None
    if not (kin or any(_is_role_noun(w) for w in appos.split()[:4])):
        return None  # ("Manzoor Hussain, his brother told CNN": kin)
    return _NP(np.name, "person", _clean(appos), np.gender)


def _has_stop(text: str) -> bool:
    """True if a sentence stop lies inside `text` (not the point of "Lt." or "U.S.")."""
    for m in re.finditer(r"(?<![A-Z])[.;:!?]\s", text):
        word = re.search(r"[\w.]*$", text[: m.start()]).group().lower()
        if not (text[m.start()] == "." and word in _ABBREV):
            return True
    return False


def _subject_only(pre: str) -> bool:
    """True if the text before a verb can be just its subject (names, titles, a group)."""
    pre = _dashes_as_commas(pre)
    head = _bare_subject(pre).split(",")[0].split()
    while head and _is_aux(head[-1]):
        head = head[:-1]
    seat = _seat(" ".join(head))
    if seat is not None and seat.start() == 0:
        return True  # "the man from Ohio said"
    if (
        len(head) >= 2 and head[0].lower() == "the" and _descriptor(head) is not None
        and _descriptor(head).kind == "pronoun"
    ):
        return True  # "the world 200m and 400m record holder told Five Live"
    owned = _OWNED_RE.search(" ".join(head))
    if owned is not None and owned.start() == 0 or _kin_named(pre) is not None:
        return True  # "his agent said", "Pullman's lawyers said", "Mr Nogar's son Stephen said"
    if len(head) == 3 and _USER_HANDLE_RE.fullmatch(" ".join(head)):
        return True  # "Twitter user itsleah wrote"
    placed = _group_in_place(" ".join(head) + " ")
    if placed is not None and placed.start() == 0:
        return True  # "police and city officials in Grapevine said"
    if head and head[-1].lower() in _DOCUMENT_NOUNS:
        document = _group_backward(head)
        if document is not None and len(document.name.split()) == len(head):
            return True  # "court papers said", "the lawsuit says"
    if _the_body(head):
        return True  # "the academy told CNN"
    if len(head) >= 2 and head[0].lower() in _INDEFINITE:
        unnamed = _group_backward(head)
        if unnamed is not None and len(unnamed.name.split()) == len(head):
            return True  # "a gunman said", "a masked man said": an unnamed speaker, as `_group_backward` reads one
    for k, tok in enumerate(head):
        low = tok.lower().rstrip(".")
        if tok[:1].isupper() or tok[:1].isdigit() or tok.endswith(("’s", "'s")) or tok == "&" or re.fullmatch(_HANDLE, tok):
            continue  # (and "@J_tsar tweeted": an account)
        if _is_name_token(tok):
            continue  # "al-Issawi said", "el-Sisi told"
        if low in _CONNECTORS or low in _AUX or low in _GROUP_MODIFIERS or low in _GROUP_NOUNS:
            continue
        if low in {"to", "from"} and k > 0 and (_is_role_noun(head[k - 1]) or head[k - 1].lower() in _TITLES):
            continue  # "former Ambassador to Kenya … Scott Gration told", "the senator from Texas declared"
        if low in _ONE_OF_MANY and k == len(head) - 1 and head[0].lower() in _INDEFINITE:
            continue  # "one witness said", "a Chelsea fan said"
        if k == len(head) - 2 and k >= 1 and head[k - 1].lower() == "the" and head[-1].lower() in _INSTITUTION_NOUNS and (
            _group_backward(head) is not None
        ):
            continue  # "the appeals court said": the kind of institution
        if low in _INSTITUTION_NOUNS or low in _PRONOUNS or _is_role_noun(tok) or low in _ROLE_MODIFIERS:
            continue
        if k == 0 and low in _POSSESSIVE_PRONOUNS and len(head) >= 3 and head[1][:1].islower() and head[-1][:1].isupper():
            continue  # "his co-host James May tweeted": whose job, then the name
        if low in _ORG_DESCRIPTIONS or low in _ORG_NOUNS_BEFORE or low in _PLURAL_BODIES:
            continue  # "consultancy 4Cast said", "retailer Tesco said"
        reach = 4 if head[k + 1 : k + 2] == ["and"] else 3  # ("media and communications manager Richard Bates")
        if low not in _STOP and low not in _SPEECH_VERBS and any(_roleish(t) for t in head[k + 1 : k + reach]):
            continue  # "lead singer Gary Lightbody said", "fashion columnist Christina Binkley": a word qualifying the job
        if (
            _roleish(tok) and low not in _STOP and low not in _SPEECH_VERBS and all(t[:1].isupper() for t in head[k + 1 :])
            and (
                len(head) - k >= 3
                # "Dortmund fan Quambusch says": whose agent noun, then a surname
                or len(head) - k == 2 and k >= 1 and head[k - 1][:1].isupper() and head[k - 1].lower() not in _STOP
                and _is_name_token(head[-1]) and head[-1].lower() not in _STOP
            )
        ):
            continue  # "protester Markus Loehrer said": an agent noun before a full name
        if re.fullmatch(r"[a-z0-9]+-[a-z]+", low) and k + 1 < len(head):
            continue  # "the 12-strong AFI jury", "award-winning author X"
        return False
    return bool(head)


def _cue_trailing(after: str, offset: int) -> _Cue | None:
    """An attribution closing the sentence after a partial quote: "…’ Putin, says Victor Cha"."""
    text = after.split(_MASK)[0]
    for comma in re.finditer(r",", text):
        cue = _cue_after(text[comma.start() :], offset + comma.start())
        if cue is not None:
            return cue
    if _MASK in after:
        # "… has a “duty” and to Iraq where people were “executed” by ISIS, Abdullah insisted.":
        # the attribution that closes the sentence covers every quote in it
        tail_at = after.rindex(_MASK) + 1
        tail = after[tail_at:]
        comma = tail.rfind(",")
        if comma >= 0:
            cue = _cue_after(tail[comma:], offset + tail_at + comma)
            if cue is not None and re.fullmatch(r"[^,;:]*[.!?]?\s*", tail[comma + 1 :]):
                return cue
    return None


def _cue_quoting(text: str, offset: int) -> _Cue | None:
    """"Apcom quoted several lawmakers as saying" / "the newspaper quotes a source close to …"."""
    passive = _QUOTED_AS_RE.search(text)
    if passive is not None:
        np = _np_backward(text[: passive.start()])
        if np is not None:
            return _Cue(np, offset + passive.start())
    for m in _QUOTING_RE.finditer(text):
        np, end = _np_forward(text[m.end() :])
        if np is not None and np.kind != "pronoun":
            return _Cue(_with_trailing_role(np, text[m.end() + end :]), offset + m.end())
    return None


def _with_trailing_role(np: _NP, tail: str) -> _NP:
    """Attach a role that follows an inverted speaker: "said X, a fellow at Y." / "X of Y"."""
    if np.kind != "person":
        return np
    m = re.match(r",\s*([^,;:§]+?)\s*(?:[,;:]|\.\s|\.?$)", tail)
    if not m:
        m = re.match(r"\s+((?:of|at|from|with)\s+[^,;:§]+?)\s*(?:[,;:]|\.\s|\.?$)", tail)
    if m and tail.lstrip().startswith(",") and _is_role_noun(np.name.split()[-1].lower()) and not any(
        t.lower() in _GIVEN_NAMES for t in np.name.split()
    ):
        # "explains YIAGA Program Manager, Cynthia Mbamalu.": the title, then the name
        named, used = _np_forward(m.group(1))
        if named is not None and named.kind == "person" and len(named.name.split()) >= 2 and used >= len(m.group(1).rstrip(". ")):
            return _NP(named.name, "person", _clean(" ".join(r for r in (np.role, np.name) if r)), named.gender)
    if m:
        role = m.group(1).strip()
        # "says Nour, who's also an LGBT rights activist": the description the clause gives
        role = re.sub(r"^who(?:['’]s|\s+is|\s+was)\s+(?:also\s+|now\s+)?(?=(?:a|an|the)\s)", "", role)
        first = role.split()[0].lower() if role else ""
        if role and first not in {"who", "who's", "who’s", "whose", "whom", "where", "which", "that", "and", "but", "adding", "saying", "as", "in", "on", "when", "while", "after", "before", "because", "though", "although", "noting", "he", "she", "it", "they", "according"} and not first.endswith("ing") and len(role.split()) <= 30 and role.lower() not in _PREPOSITIONS:
            return _NP(np.name, np.kind, (np.role + ", " if np.role else "") + role, np.gender)
    return np


def _clause_subject(text: str, groups: bool = False) -> tuple[_NP, int] | None:
    """The subject of the last clause of `text`: a name or description followed by a verb.

    Clauses are read from the last comma-separated segment back; leading adverbs and
    adverbial phrases ("But in an interview with the FT,") are skipped.
    """
    if _MASK in text:
        text = text[text.rindex(_MASK) + 1 :]
    kin = re.match(r"\s*([^,;:]{2,60},\s+" + _CAPITALISED + r"+),\s+[a-z]{3,}", text)
    if kin is not None and _kin_named(kin.group(1)) is not None:
        return _kin_named(kin.group(1)), kin.start(1)  # "Huskins' father, Michael, made an appeal"
    # a clause starts the text, follows a comma, or follows "that" ("has said that Mr Ebbers
    # ordered …, telling him": the participle belongs to the latest clause)
    starts = sorted({0} | {m.end() for m in re.finditer(r",|\bthat\s", text)})
    for start in reversed(starts[-4:]):
        seg = text[start:]
        lead = _LEADING_ADVERB_RE.match(seg) or re.match(r"\s*(?:but|and|yet|while)\s+(?=[A-Z])", seg)
        skip = lead.end() if lead else 0
        np, end = _np_forward(seg[skip:])
        if np is None or np.kind == "group" and not groups:
            continue
        nxt = re.match(r"\s+([a-z]+)", seg[skip + end :])
        if (
            np.kind == "person" and len(np.name.split()) == 1 and not np.gender and not np.role
            and np.name.lower() not in _GIVEN_NAMES and nxt is not None and nxt.group(1) in _PREPOSITIONS | {"over"}
        ):
            continue  # "Anger over the war …": a capitalised common noun heading a longer phrase
        # (an apposition may stand between: "Stallone, 71, appeared")
        rest = seg[skip + end :]
        if np.role and np.kind == "group" and rest.startswith(", "):
            rest = rest[1:]  # "The ruling party, the Peoples Democratic Party, refutes": the NP took its apposition
        if re.match(r"(?:,[^,;:§]{1,40},)?\s+(?:(?:has|have|had|was|is|also|then|later|had)\s+)?[a-z]{3,}", rest):
            return np, start + skip
    return None


_EVALUATIVE_RE = re.compile(
    r"\b(?:attacked|attacks|apologi[sz]ed|apologi[sz]es|repeated|repeats|renewed|renews|reiterated|defended|"
    r"lambasted|ridiculed|mocked|derided|deplored|decried|launched\s+an?\s+(?:\w+\s+)?attack)\b"
)


_WENT_ON_RE = re.compile(r"\s+(?:went|goes|go|continued|continues)\s+on\s*:\s*$")


_REPORTING_VERBS = frozenset(
    "said says told tells added adds explained explains argued argues insisted insists".split()
)


def _main_cue(text: str, offset: int) -> _Cue | None:
    """The speaker of a narration sentence's main clause: "Lucas also said that the killings in
    Russia suggested …" is Lucas, not Russia."""
    verbs = _verb_matches(text)
    if not verbs:
        return None
    if not re.match(r"\s+that\b", text[verbs[0].end() :]) and verbs[0].group().lower() not in _REPORTING_VERBS:
        return None  # ("Falardeau remembers Wyatt telling her": the words are Wyatt's)
    pre = text[: verbs[0].start()]
    np = _np_backward(pre)
    if np is not None and _subject_only(pre):
        return _Cue(np, offset + max(len(pre.rstrip()) - 1, 0))
    return None


_IN_WORDS_RE = re.compile(
    r"(?:^|[\s,;(])[Ii]n\s+(?:(?P<owner>his|her|their|[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}['’]s?)\s+(?:own\s+)?words"
    r"|the\s+(?:own\s+)?words\s+of\s+(?P<of>[^,:;§]{2,80}?))\s*[,:.]{1,3}\s*$"
)


_BE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)


def _passive(pre: str, verb: str) -> bool:
    """The speech verb is a passive participle ("was described", "were told"): its subject did not speak."""
    return (verb.endswith("ed") or verb in {"told", "said", "thought"}) and _BE_BEFORE_RE.search(pre) is not None


_PASSIVE_BY_AS_RE = re.compile(
    r"\b(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?(?:described|called|branded|labelled|labeled|dubbed)\s+by\s+"
    r"([^,;:§]{2,80}?)\s+as\s+(?:(?:a|an|the)\s+)?$"
)
_AS_PUT_IT_OPENING_RE = re.compile(r"\s*(?:[A-Z][a-z]+\s+)?[Aa]s\s+([^,;:§]{2,60}?)\s+" + _PUT_IT + r",\s+(?!.*§)")


def _cue_before(before: str, offset: int) -> _Cue | None:
    """The attribution in the sentence before a quote: "X, of Y, told PBS:", "X said that …"."""
    quoted = _cue_quoting(before, offset)
    if quoted is not None:
        return quoted
    put = re.search(r"\b[Aa]s\s+(.{2,120}?)\s+" + _PUT_IT + r"\b[^,:;]{0,40}[:,]\s*$", before)
    put = put or _AS_PUT_IT_OPENING_RE.match(before)
    if put is not None:
        # "As Gavin Cox of the buildyourown website put it: “…”" (and "As he put it, the aim was to “…”")
        np, used = _np_forward(put.group(1))
        if np is not None and np.kind == "pronoun" and put.group(1).strip().lower() in _PRONOUNS:
            return _Cue(np, offset + put.start(1))
        if np is not None and np.kind in {"person", "group"}:
            return _Cue(_with_trailing_role(np, put.group(1)[used:]), offset + put.start(1))
    by = _PASSIVE_BY_AS_RE.search(before)
    if by is not None:
        # "The movie is described by Ward as “…”": the one it is described by
        np, used = _np_forward(by.group(1))
        if np is not None and np.kind in {"person", "group"} and not by.group(1)[used:].strip():
            return _Cue(np, offset + by.start(1))
    heard = re.search(
        r"(?:^|[.;]\s+)([^.;:§]{2,80}?)\s+" + _HEARD
        + r"(?:saying|chanting|shouting|singing|yelling|screaming|telling\s+\w+|to\s+say)\s*[:,]?\s*$",
        before,
    )
    if heard is not None:
        # "The Chelsea fans can then be heard chanting: “…”"
        subject = _clause_subject(heard.group(1) + " said", groups=True)
        if subject is not None and subject[0].kind in {"person", "group", "pronoun"}:
            return _Cue(subject[0], offset + heard.start(1) + subject[1])
    words = _IN_WORDS_RE.search(before)
    if words is not None:
        # "In his words, “…”", "In Kelly's own words: “…”", "In the words of Prime Minister John Key, “…”"
        owner = words.group("owner") or words.group("of")
        if owner.lower() in {"his", "her", "their"}:
            pronoun = _PRONOUN_OF[owner.lower()]
            return _Cue(_NP(pronoun, "pronoun", None, _PRONOUNS[pronoun]), offset + words.start())
        np, used = _np_forward(re.sub(r"['’]s?$", "", owner))
        if np is not None and np.kind in {"person", "group"}:
            return _Cue(np, offset + words.start())
    acc = list(re.finditer(r"\baccording\s+to\s+", before, re.IGNORECASE))
    if acc and before.rstrip().endswith(":") and _verb_matches(before[acc[-1].end() :]):
        # "According to Mr Peston the prime minister said: “…”": the innermost speaker
        inner = _cue_before(before[acc[-1].end() :], offset + acc[-1].end())
        if inner is not None:
            return inner
    relaying = before[: acc[-1].start()] if acc else ""
    if before.rstrip().endswith(":") and relaying.rstrip().endswith(",") and _verb_matches(relaying):
        # "Trafny described her as the love of his life, according to KUTV: “…”": the station relays his words
        relayed = _cue_before(relaying, offset)
        if relayed is not None:
            return relayed
    if acc:
        m = acc[-1]
        np, end = _according_np(before[m.end() :])
        if np is not None:
            return _Cue(_with_trailing_role(np, before[m.end() + end :]), offset + m.end())
    for verb in reversed(_verb_matches(before)):
        pre = before[: verb.start()]
        word = verb.group().lower()
        if _passive(pre, word):
            continue  # "Germany was variously described in the press as “…”": the words were not theirs
        inverted = re.search(r"\b([a-z]+)\s+([^,;:]{2,80}),\s*$", pre) if word in _PARTICIPLES else None
        if inverted is not None and inverted.group(1) in _INVERTIBLE - {"told", "tells"}:
            # "…, said Esquivel, adding that investigators were still trying “…”": the one who said it
            np, used = _np_inverted(inverted.group(2) + ",")
            if np is not None and np.kind in {"person", "group"} and not inverted.group(2)[used:].strip():
                return _Cue(np, offset + inverted.start(2))
        if word in _PARTICIPLES and pre.rstrip().endswith(","):
            # "…, Mr Blair refused to be pinned down, saying …": the clause's subject
            # ("Experts … challenged the premise, calling it …": a group's too)
            subject = _clause_subject(pre.rstrip()[:-1], groups=True)
            that = re.search(r"\b(?:that|how|why)\s+(?:(?:the|a|an)\s+)?$", pre[: subject[1]]) if subject is not None else None
            if that is not None:
                # "Obama hinted that he did not see the need …, saying": the one who hinted it
                main = _clause_subject(pre[: that.start()].rstrip(), groups=True)
                told = _verb_matches(pre[: that.start()]) if main is None else []
                if told:
                    # "His lawyer, Salem Al-Hashash, told CNN that the family plans to sue …, calling"
                    head = pre[: told[0].start()]
                    named = _np_backward(head)
                    main = (named, len(head.rstrip()) - 1) if named is not None and _subject_only(head) else None
                if main is not None and main[0].kind in {"person", "group"}:
                    subject = main
            if subject is not None:
                return _Cue(subject[0], offset + subject[1])
        np = _np_backward(pre)
        if np is None or np.kind == "group":
            # "Martin Weiss, a spokesman for the Austrian foreign ministry tweeted": the name, not the body
            # ("A source familiar with the investigation told CNN": how the unnamed one knows)
            np = _unclosed_apposition(pre) or _source_close_to(pre) or np
        if np is None and word in _PARTICIPLES and re.search(r"[a-z]\s*$", pre) and _MASK not in pre:
            # "Stallone, 71, appeared not to have enjoyed her time saying:": the clause's subject
            subject = _clause_subject(pre.rstrip())
            if subject is not None:
                return _Cue(subject[0], offset + subject[1])
        if np is None and re.search(r"\b[a-z]+(?:\s+on)?\s+to\s*$", pre):
            # "He went on to say:", "Mr Li was quick to add": the subject of the main verb
            subject = _clause_subject(re.sub(r"\s+to\s*$", "", pre), groups=True)
            if subject is not None:
                return _Cue(subject[0], offset + subject[1])
        joined = re.search(r"(?:\b(?:and|but)(?:\s+then)?|,\s*then)\s*$", pre)
        if np is None and joined is not None:
            # "… the actress stopped to sign autographs and joked:", "He paused, then said,"
            subject = _clause_subject(pre[: joined.start()], groups=True)
            if subject is not None:
                return _Cue(subject[0], offset + subject[1])
        if np is None and word in _INVERTIBLE - {"told", "tells"}:
            # (not "As one former team leader told CNN, “…”": the name after "told" is the listener)
            np, _end = _np_inverted(before[verb.end() :])
            if np is not None and np.kind != "pronoun" and not re.match(r"\s+[a-z]", before[verb.end() + _end :]):
                # (not "said Tokyo would …": that name is the subject of the reported clause)
                np = _with_trailing_role(np, before[verb.end() + _end :])
                return _Cue(np, offset + verb.end())
            np = None
        if np is None and verb.group().lower() in _PARTICIPLES and pre.rstrip().endswith(","):
            np = _np_backward(pre.rstrip()[:-1])
            if np is not None and re.search(r"['’]s\s", np.name) and not _subject_only(pre.rstrip()[:-1]):
                np = None  # "Experts … challenged the premise of Carson's statement, calling it …": an object
        if np is not None:
            name_at = len(pre.rstrip()) - 1
            return _Cue(np, offset + max(name_at, 0))
    for verb in reversed(list(_EVALUATIVE_RE.finditer(before))):
        # "He apologised for his “deplorable actions”", "Spears has attacked “false” …": a verb of
        # judging or of speech acts; its subject chose the quoted words
        np = _np_backward(before[: verb.start()])
        if np is not None and np.kind in {"person", "pronoun"} and _subject_only(before[: verb.start()]):
            return _Cue(np, offset + max(len(before[: verb.start()].rstrip()) - 1, 0))
    went_on = _WENT_ON_RE.search(before)
    if went_on is not None:
        # "He went on: “…”": the speaker continues
        np = _np_backward(before[: went_on.start()])
        if np is not None:
            return _Cue(np, offset + max(went_on.start() - 1, 0))
    if before.rstrip().endswith(":") and _MASK not in before:
        # "Drummer Larry Mullen Jr echoed those sentiments: “…”": whoever the clause is about
        subject = _clause_subject(before.rstrip()[:-1], groups=True)
        if subject is not None and (
            subject[0].kind == "person" or subject[0].kind == "group" and subject[0].name.split()[0].lower() in _INDEFINITE
        ):
            # ("One Twitter user posed the question in a tweet:": one of many, unnamed)
            return _Cue(subject[0], offset + subject[1])
    return None


# --------------------------------------------------------------------------------------
# 4. People: merging name variants, pronouns
# --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _key(token: str) -> str:
    token = unicodedata.normalize("NFKD", token)
    return "".join(c for c in token if c.isalnum()).lower()


def _close(a: str, b: str) -> bool:
    """Equal, or (both ≥ 5 letters) one insertion, deletion, substitution or swap of neighbours apart."""
    a, b = _key(a), _key(b)
    if a == b:
        return bool(a)
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:  # two letters swapped: "Barrioneuvo"
            return a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        return len(diffs) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:k] + b[k + 1 :] == a for k in range(len(b)))


_NAME_SUFFIX_RE = re.compile(r"(?:\s+(?:I{1,3}|IV|V|VI{1,3}|Jr\.?|Sr\.?),?)+$")


def _surname(name: str) -> str:
    """The last word of a name that tells the person apart ("Abdullah II" → "Abdullah", "Martin
    Luther King Jr." → "King")."""
    return (_NAME_SUFFIX_RE.sub("", name) or name).split()[-1]


def _title_as_surname(word: str) -> bool:
    """True if a capitalised title word may be someone's surname ("Major", "Bishop", "King")."""
    low = word.lower()
    return (
        re.fullmatch(r"[A-Z][a-z]{2,}", word) is not None and low in _TITLES and low not in _HONORIFICS
        and low not in _ROLE_MODIFIERS and low not in _OFFICE_WORDS
    )


_ARABIC_ARTICLE_RE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ben|bin|ibn|abu)-(?=[A-Z])")


def _same_person(short: str, full: str) -> bool:
    """True if `short` can name the person whose full name is `full`."""
    if short.endswith(("I", "V", "Jr", "Jr.", "Sr", "Sr.")) and len(short.split()) > 2:
        short = _NAME_SUFFIX_RE.sub("", short) or short  # ("William James II" is "William James")
    if full.endswith(("I", "V", "Jr", "Jr.", "Sr", "Sr.")):
        full = _NAME_SUFFIX_RE.sub("", full) or full  # ("James" is "William James II")
    s, f = short.split(), full.split()
    if not s or not f:
        return False
    f = _without_territory(f)  # "Lord Nicholls" is "Lord Nicholls of Birkenhead"
    if len(s) == 1:
        if len(f) == 1:
            return _close(s[0], f[0])
        bare = _ARABIC_ARTICLE_RE.sub("", f[-1]) if "-" in f[-1] else f[-1]  # "Jubeir" is "Adel al-Jubeir"
        return _close(s[0], f[-1]) or bare != f[-1] and _close(s[0], bare) or _key(s[0]) == _key(f[0])
    if len(s) < len(f) and [_key(t) for t in f[-len(s) :]] == [_key(t) for t in s]:
        return True  # "Le Bon" is "Simon Le Bon"; "Spencer Brown" is "Carolyn Spencer Brown"
    if len(s) == len(f) or len(f) > 1:
        if not _close(s[-1], f[-1]):
            return False
        a, b = _key(s[0]), _key(f[0])
        return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) or _close(s[0], f[0])
    return False


_PLURAL_BODIES = frozenset("firms companies groups banks carmakers airlines clubs retailers insurers lenders".split())
_PAIR_RE = re.compile(r"(?<![\w'’.-])([A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})\s+and\s+([A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})(?![\w'’-])")


_TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "sgt": "sergeant", "det": "detective", "insp": "inspector",
    "supt": "superintendent", "adm": "admiral", "pres": "president", "maj": "major", "cmdr": "commander",
}


def _joint(name: str) -> bool:
    """Two people named as one speaker: "Jean and Robert Gorney"."""
    return " and " in name or " & " in name


class _People:
    """Canonical names, roles and genders of the people named in one article (local state)."""

    def __init__(self) -> None:
        self.canon: list[str] = []  # canonical names in order of introduction
        self.role: dict[str, str] = {}
        self.title: dict[str, str] = {}  # a one-word title a name was given ("Gov. Mike Pence" -> "governor")
        self.gender: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.renamed: dict[str, str] = {}
        self.orgs: set[str] = set()  # names seen used as organisations, bands, places
        self.personal: set[str] = set()  # names seen used as people
        self.latent: list[str] = []  # full names said inside quotes ("skill by Damien Duff")
        self.order: list[str] = []  # every name (people, groups, organisations) as registered
        self.aliases: dict[str, str] = {}  # "AFI" -> "American Film Institute"
        self.described: dict[str, str] = {}  # unnamed speakers as written ("one girl") -> pronoun gender
        self.first_at: dict[str, tuple[int, int]] = {}  # where each canonical name was introduced
        self.seen_at: dict[str, list[tuple[int, int]]] = {}  # everywhere each was named in full
        self.texts: list[str] = []  # the masked narration

    def institution(self, name: str) -> str | None:
        """The named body "the ministry" or "the institute" stands for: the latest one registered
        whose name ends with that noun ("the Finance and Economy Ministry")."""
        words = name.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        owned = re.fullmatch(r"the\s+([a-z]+)['’]s\s+(?:statement|website|letter|release)", name)
        if owned is not None:
            # "the company's statement" after "HKND … in a statement": the body that issued it
            body = self.institution("the " + owned.group(1))
            if body is not None:
                return body
        written = re.fullmatch(r"(?:(?:an?|the)\s+)?((?:[A-Z][\w.&'’\-]*\s+){1,4})statement", name, re.IGNORECASE)
        if written is not None and written.group(1)[:1].isupper() and written.group(1).split()[0].lower() not in {"a", "an", "the"}:
            # "an SFA statement", "a Downing Street statement": the body speaks
            body = re.sub(r"['’]s?$", "", written.group(1).strip())
            parts = body.split()
            if len(parts) == 2 and parts[0].lower() in _HONORIFICS or len(parts) == 1 and written.group(1).strip()[-2:] in {"'s", "’s"}:
                # "Mr Crosby's statement", "Cisse's statement": the person named before
                for cand in reversed(self.canon):
                    if len(cand.split()) >= 2 and cand.split()[-1] == parts[-1] and self.is_person(cand):
                        return cand
            return body
        if len(words) >= 2 and words[-1].lower() in _SINGULAR_GROUP_GENDER and all(w[:1].isupper() for w in words[:-1]):
            # "the BPI spokesman" after "a spokesman for the British Phonographic Industry (BPI)"
            body = " ".join(words[:-1])
            full = self.aliases.get(body, body)
            for cand in reversed(self.order):
                qual = re.match(r"(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?(\w+)\s+(?:for|of|at)\s+(?:the\s+)?(.+)$", cand, re.IGNORECASE)
                if qual and qual.group(1).lower() == words[-1].lower() and (qual.group(2) in {body, full} or qual.group(2).startswith(full + " (")):
                    return cand
        if len(words) <= 2 and words[-1].lower() in _PLURAL_BODIES and all(w[:1].islower() for w in words) and self.texts:
            # "the two firms said" after "Shares in Elan and Biogen Idec": the bodies as introduced
            pair = self.coordinated()
            if pair is not None:
                return pair
        if len(words) == 1 and words[0] in _DOCUMENT_NOUNS:
            # "the suit" after "Her lawsuit": the same document
            for cand in reversed(self.order):
                if (
                    cand != name and self.kind.get(cand) == "group" and cand.split()[-1].lower().endswith(words[0])
                    and cand.split()[0].lower() not in {"a", "an"}  # ("a religious freedom law" says no more)
                ):
                    return cand
            return None
        if len(words) == 2 and all(w.islower() for w in words) and re.fullmatch(r"[a-z]+['’]s", words[0]):
            # "the sheriff's office" after "the Marin County Sheriff's Office"
            tail = " ".join(words).replace("’", "'")
            for cand in reversed(self.order):
                if len(cand.split()) > 2 and cand.lower().replace("’", "'").endswith(" " + tail) and not self.is_person(cand):
                    return cand
            return None
        if len(words) != 1 or not words[0].islower() or words[0] not in _INSTITUTION_NOUNS | _ORG_KEYWORDS:
            return None
        for cand in reversed(self.order):
            parts = cand.split()
            # (the head before "of" too: "the ministry" after "Ministry of Tourism and Antiquities")
            head = next((parts[k - 1] for k in range(1, len(parts)) if parts[k] in {"of", "for"}), parts[-1])
            if (
                len(parts) >= 2 and words[0] in {parts[-1].lower(), head.lower()} and parts[0][:1].isupper()
                and not self.is_person(cand)
            ):
                return cand
        return None

    def coordinated(self) -> str | None:
        """The first pair of named bodies joined by "and" in the narration ("Elan and Biogen Idec")."""
        for text in self.texts:
            for m in _PAIR_RE.finditer(text):
                a, b = m.group(1), m.group(2)
                if a.split()[0].lower() in _STOP or self.final(a) in self.gender or self.final(b) in self.gender:
                    continue
                if any(w.lower() in _GIVEN_NAMES for w in (a + " " + b).split()):
                    continue
                return f"{a} and {b}"
        return None

    def learn_abbreviations(self, texts: Sequence[str]) -> None:
        """ "The American Film Institute (AFI)": the short form names the full one."""
        for text in texts:
            for m in _ABBREV_INTRO_RE.finditer(text):
                full, short = m.group(1), m.group(2)
                words = [w for w in full.split() if w[:1].isupper()]
                for k in range(len(words)):
                    if "".join(w[0] for w in words[k:]) == short.replace("&", ""):
                        start = full.index(words[k]) if k else 0
                        self.aliases.setdefault(short, full[start:])
                        break
            for m in _BODY_SHORT_RE.finditer(text):
                # "the Greek Athletics Federation (Segas)", "the space agency (Nasa)": a body's short name
                full, short = m.group(1), m.group(2)
                if any(w.lower() in _ORG_KEYWORDS for w in full.split()[1:]):
                    self.aliases.setdefault(short, full)

    def add(self, np: _NP, at: tuple[int, int] | None = None) -> str:
        """Register a mention at paragraph/offset `at`; return the canonical name.

        A short form ("Mr Howard") names the first matching person introduced before it (the
        article's main one when two share a surname), never a namesake introduced later."""
        if np.kind == "group":
            name = self.institution(np.name) or np.name
            self.kind.setdefault(name, "group")
            if name not in self.order:
                self.order.append(name)
            return name
        name = self.aliases.get(np.name, np.name)
        peer = re.fullmatch(r"(?:Lord|Lady|Baroness|Baron)\s+([A-Z][\w'’\-]+)", name)
        if peer is not None:
            # "Baroness Boothroyd" after "Betty Boothroyd": the peer is the person named before
            # ("Lady Violet" after "Violet Crawley": a lady by her given name)
            named = [c for c in reversed(self.canon) if len(c.split()) >= 2
                     and (c.split()[-1] == peer.group(1) or name.startswith("Lady ") and c.split()[0] == peer.group(1))
                     and c.split()[0] not in {"Lord", "Lady", "Baroness", "Baron"} and self.kind.get(c) == "person"]
            if named:
                self.aliases[name] = named[0]
                name = named[0]
        pair = re.fullmatch(r"([A-Z][\w'’\-]+) (?:and|&) ([A-Z][\w'’\-]+)", name)
        if pair is not None:
            # "Kneebone and Holmes" after "Elizabeth Kneebone and Natalie Holmes" (or each named alone)
            full = [c for c in reversed(self.canon) if _joint(c) and re.fullmatch(
                r".*\b" + re.escape(pair.group(1)) + r"\b.* (?:and|&) .*\b" + re.escape(pair.group(2)), c)]
            if not full:
                each = [next((c for c in reversed(self.canon) if not _joint(c) and len(c.split()) >= 2
                              and _surname(c) == part and self.is_person(c)), None) for part in pair.groups()]
                if all(each):
                    full = [f"{each[0]} and {each[1]}"]
                    self.kind.setdefault(full[0], "person")
            if full:
                self.aliases[name] = full[0]
                name = full[0]
        match = None
        told_apart = True  # False for a bare surname two people share, read as the main one by default
        matches = [
            cand for cand in reversed(self.canon)
            if self.kind.get(cand) != "group" and (_same_person(name, cand) or _same_person(cand, name))
        ]
        # "Susan Pettit" alone is not "Brody and Susan Pettit", who speak as two
        matches = [c for c in matches if _joint(c) == _joint(name)]
        # "his son Nick" is not the "Nick Vaughan" named later
        matches = [c for c in matches if not (len(c.split()) == 1 < len(name.split()) and self.role.get(c) in _KIN)]
        # "the BBC" is not "BBC Newsbeat": an acronym names a body, not a person's surname
        matches = [c for c in matches if not (min(len(c.split()), len(name.split())) == 1 and _is_acronym(min(c, name, key=len)))]
        if matches and len(name.split()) == 1:
            # a bare "Anderson" is Chris Anderson sooner than the firm Anderson Sally
            by_surname = [c for c in matches if _close(name, _surname(c)) and not _is_org(c)]
            matches = by_surname or matches
            # "Cayton" is Andrew Cayton, not Eric Dayton: a spelling that differs is a last resort
            matches = [c for c in matches if _key(_surname(c)) == _key(name)] or matches
        if matches:
            earlier = [c for c in matches if at is None or self.first_at.get(c, (-1, -1)) <= at]
            match = (earlier or matches)[-1]
            if len(name.split()) == 1 and at is not None and len({self.final(c) for c in earlier}) > 1:
                # two people share the surname: the one mentioned last, if just before
                told_apart = False
                # (every name is registered before the quotes are read: only mentions before this one count)
                seen, recent = max((max((s for s in self.seen_at.get(c, ()) if s < at), default=(-1, -1)), c) for c in earlier)
                given = recent.split()[0].lower()
                if (
                    (seen[0] == at[0] and at[1] - seen[1] < 400 or seen[0] == at[0] - 1)
                    and given in _GIVEN_NAMES and all(_key(c.split()[0]) != _key(given) for c in earlier if c != recent)
                    and not set(re.findall(r"[a-z]+", (self.role.get(recent) or "").lower())) & _KIN
                ):  # (not "Her father, Richard Williams": a relative of the one the story is about)
                    match = recent
                    told_apart = _key(name) == _key(_surname(recent))  # (but "the Clintons" is the family)
        if match is None and len(name.split()) == 1:
            # "Duff explained" when only a quote gave the full name ("skill by Damien Duff")
            latent = [c for c in self.latent if _close(name, _surname(c))]
            if latent:
                match = self._adopt(latent[-1])
        if match is None:
            match = self._job_word_alias(name)
            if match is not None and match not in self.role:
                self.role[match] = name.split()[0]  # "Matchwinner Keane": the word is the role
        if match is None:
            self.canon.append(name)
            self.kind[name] = "person"
            self.order.append(name)
            if at is not None:
                self.first_at[name] = at
            match = name
        elif len(name.split()) > len(match.split()) and (
            len(match.split()) == 1 or _without_territory(name.split()) == match.split()
            or _NAME_SUFFIX_RE.sub("", name) == match  # "Donald B. Verrilli Jr.", after the chain without "Jr."
        ):
            # a full form after a bare surname: the full form becomes canonical
            self._rename(match, name)
            match = name
        if np.role and match not in self.role and not re.fullmatch(r"[A-Z][a-z]*\.?", np.role):
            self.role[match] = np.role
        elif np.role and re.fullmatch(r"[A-Z][a-z]*\.?", np.role):
            word = np.role.lower()
            self.title.setdefault(match, _TITLE_ABBREVIATIONS.get(word.rstrip("."), word.rstrip(".")))
        if np.gender and match not in self.gender:
            self.gender[match] = np.gender
        if at is not None and told_apart:
            self.seen_at.setdefault(match, []).append(at)
        return match

    def describe(self, name: str) -> None:
        """Note `name` as one unnamed person who speaks ("one girl"), if it is one, for a later "he"/"she"."""
        gender = _described_gender(name)
        if gender is not None:
            self.described.setdefault(name, gender)

    def _job_word_alias(self, name: str) -> str | None:
        """The person "Matchwinner Keane" or "Striker Keane" stands for: a capitalised word that is
        no given name, before the surname of someone introduced in full ("Robbie Keane")."""
        parts = name.split()
        if len(parts) != 2 or parts[0].lower() in _GIVEN_NAMES or parts[0].lower().rstrip(".") in _TITLES:
            return None
        if not re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*", parts[0]) or not (_roleish(parts[0].lower()) or "-" in parts[0]):
            return None  # ("Khloe Kardashian" is not "Rob Kardashian": an unknown given name)
        for cand in reversed(self.canon):
            words = cand.split()
            if (
                self.kind.get(cand) == "person" and len(words) >= 2 and cand not in self.orgs
                and not _is_org(cand) and _key(words[-1]) == _key(parts[1])
            ):
                return cand
        for cand in reversed(self.latent):
            if _key(cand.split()[-1]) == _key(parts[1]):
                return self._adopt(cand)
        return None

    def _adopt(self, name: str) -> str:
        """Register a full name first seen inside a quote as a person of the narration."""
        if name not in self.kind:
            self.canon.append(name)
            self.kind[name] = "person"
            first = name.split()[0].lower()
            gender = "m" if first in _MALE_NAMES else "f" if first in _FEMALE_NAMES else ""
            if gender:
                self.gender[name] = gender
        return name

    def learn_quoted_names(self, texts: Sequence[str]) -> None:
        """Full names (a known given name + a surname) mentioned inside quotes, for later surnames."""
        for text in texts:
            for m in _QUOTED_FULL_NAME_RE.finditer(text):
                if m.group(1).lower() in _GIVEN_NAMES and m.group(2).lower() not in _GIVEN_NAMES | _STOP:
                    self.latent.append(m.group(1) + " " + m.group(2))

    def _rename(self, old: str, new: str) -> None:
        self.canon[self.canon.index(old)] = new
        for table in (self.role, self.title, self.gender, self.kind, self.first_at, self.seen_at):
            if old in table:
                table[new] = table.pop(old)
        for names in (self.orgs, self.personal):
            if old in names:
                names.discard(old)
                names.add(new)
        self.renamed[old] = new

    def final(self, name: str) -> str:
        """The canonical name after later renames."""
        seen = 0
        while name in self.renamed and seen < 10:
            name, seen = self.renamed[name], seen + 1
        return name

    def is_person(self, name: str) -> bool:
        """A named individual (not a group, institution or single place-like word)."""
        if self.kind.get(name) != "person" or _is_org(name) or (name in self.orgs and name not in self.personal) or _joint(name):
            return False  # (nor are two people one: "Evans and Cisse")
        parts = name.split()
        if parts[0].lower() in _GEO_PREFIXES and len(parts) <= 2 and name not in self.gender:
            return False
        if len(parts) == 1 and name.lower() in _COUNTRIES and not self.role.get(name):
            return False  # "Jordan has a “responsibility …”": the country, whatever the given names list says
        return len(parts) >= 2 or name in self.gender


# --------------------------------------------------------------------------------------
# 5. Extraction
# --------------------------------------------------------------------------------------


_TITLE_BEFORE = re.compile(
    r"\b(?:book|novel|memoir|film|movie|show|series|programme|program|album|song|documentary|column|essay|"
    r"author\s+of|host\s+of|star\s+of|creator\s+of|on|titled|entitled)\s*$",
    re.IGNORECASE,
)


def _is_fragment(text: str, before: str, after: str, attributed: bool, whole_sentence: bool) -> bool:
    """A term, scare quote or name rather than someone's words."""
    words = _WORD_RE.findall(text)
    n = len(words)
    if n == 0:
        return True
    ends_sentence = text.rstrip()[-1:] in ".!?…"
    marker = _FRAGMENT_BEFORE.search(before)
    if n <= 6 and marker and not (attributed and (marker.group().lower().startswith("called") or n >= 4 and ends_sentence)):
        return True
    if n <= 8 and not ends_sentence and _NAME_NOUNS_AFTER.match(after):
        return True
    if _SIGN_READ_RE.search(before):
        return True  # "protesters holding a sign that read: “Stop war exercises …”": a slogan on a sign
    if n <= 14 and words[0][0].isupper() and _WORK_APPOSITION_RE.match(after):
        return True  # "the rights to “It's What I Do: A Photographer's Life of Love and War,” a memoir by …": a title
    long_words = [w for w in words if len(w) >= 4]
    if (
        n <= 8
        and not whole_sentence
        and not ends_sentence
        and not (attributed and not before.strip())  # "“Let’s Go,” Messi posted": words opening the sentence
        and long_words
        and all(w[0].isupper() for w in long_words)
        and words[0][0].isupper()
    ):
        return True
    minor = {"a", "an", "the", "of", "to", "be", "in", "on", "at", "for", "and", "or", "with", "from", "by", "is", "as"}
    if (
        2 <= n <= 10 and not whole_sentence and not attributed and text.rstrip()[-1:] == "." and before.strip()
        and words[0][0].isupper() and all(w[0].isupper() or w.lower() in minor for w in words)
    ):
        return True  # a title closing the sentence, its full stop inside the marks: "appeared on “The Daily Show.”"
    if (
        2 <= n <= 14 and not whole_sentence and _TITLE_BEFORE.search(before) and words[0][0].isalnum()
        and not words[0][0].islower() and sum(w[0].isupper() for w in words) >= 2
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in minor for w in words)
    ):  # (a number may open a title: the film “50 Shades of Grey.”)
        return True  # "the author of “Military Power: Explaining Victory and Defeat in Modern Battle.”"
    if (
        2 <= n <= 10 and re.search(r"\b[A-Z][\w&.\-]*(?:['’]s|[sS]['’])\s*$", before) and words[0][0].isalnum()
        and not words[0][0].islower() and sum(w[0].isupper() or w[0].isdigit() for w in words) >= 2
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in minor for w in words)
    ):
        # "told CNN's “Erin Burnett OutFront.”", "Alan Moore's “The Killing Joke.”", "CBS' “60 Minutes”": a work's title
        return True
    if (
        n <= 10 and re.search(r"\b(?:of|about)\s*$", before) and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in minor for w in words)
    ):
        return True  # "talks about “Afghan Girl.”": a title
    if n <= 3:
        complete = whole_sentence and words[0][0].isupper() and ends_sentence
        return not (attributed or complete)
    return False


def _predicate_quote(text: str) -> bool:
    """A quote that starts with a past-tense verb (after at most one adverb): "totally refuted"."""
    words = _WORD_RE.findall(text)[:2]
    if words and words[0].endswith("ly") and len(words) == 2:
        words = words[1:]
    if not words or not words[0].islower():
        return False
    w = words[0]
    return w in _SPEECH_VERBS and not w.endswith("ing") or w in _IRREGULAR_PAST or re.fullmatch(r"[a-z]{3,}ed", w) is not None


def extract_quotes(paragraphs: Sequence[str]) -> list[FoundQuote]:
    """Every quoted span in the article, in order, with its speaker.

    The text is the quoted words exactly as written, without the outer marks; a quote over
    several paragraphs is joined with single spaces; one trailing comma inside the marks
    ("…,” he said) is dropped, every other character (closing full stops included) is kept.
    """
    try:
        paragraphs = [p if isinstance(p, str) else str(p) for p in (paragraphs or [])]
        return _extract(paragraphs)
    except Exception:  # never crash on odd input: no quotes rather than an error
        return []


# "(CNN)", "LONDON, England (Reuters) --", "WASHINGTON (AP) —": a dateline opening the article
_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,4}\s*)?"
    r"\((?:CNN|CNNMoney|Reuters|AP|AFP|PA|UPI|Bloomberg|BBC|EW|Mashable|[A-Z][A-Za-z]{1,12}(?=\)\s*(?:--|—|–)))\)"
    r"(?:\s*(?:--|—|–|-))?\s*"
)


_ISSUED_STATEMENT_RE = re.compile(
    r"\s+(?:(?:has|have|had|also|later)\s+)?(?:issued|released|put\s+out|posted|published)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}"
    r"(?:statement|response|message)\b[^.;:]{0,80}[.:]?\s*$"
)
_WORDS_OF_RE = re.compile(
    r"\s*(?:Those|These|Such|That|This)\s+(?:were|are|was|is)\s+(?:the\s+)?(?:\w+\s+)?(?:words|comments|remarks|thoughts)\s+of\s+"
)
_THEN_RE = re.compile(r"\b([Tt]hen|[Ee]x)-(?=[A-Z])")
# a degree after a name, between commas: "Phil Smith, M.D., medical director of the unit, said"
_DEGREE_RE = re.compile(r"(?<=[a-z]),\s+(?:M\.D\.|Ph\.D\.|D\.O\.|R\.N\.|MD|PhD|DPhil|Esq\.)(,?)(?=\s)")


def _without_degrees(text: str) -> str:
    """The narration without degrees after names, same length: "Phil Smith,       medical director"."""
    return _DEGREE_RE.sub(lambda d: (d.group(1) + " " * len(d.group()))[: len(d.group())], text)


_INVISIBLE = {0x200B: " ", 0x200C: " ", 0x200D: " ", 0x200E: " ", 0x200F: " ", 0xFEFF: " ", 0x2060: " "}
_HYPOTHETICAL_INTRO_RE = re.compile(r"\b(?:to|would|could|might|should|will|can)\s+(?:say|ask|tell|shout|declare|reply|answer)\b[^:]{0,30}:\s*$")


# words someone was called, by whom after the quote: "was described as a “…” by X"
_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:described|called|branded|labelled|labeled|dubbed|hailed|"
    r"denounced|condemned|praised)\s+(?:as\s+)?(?:(?:a|an|the)\s+)?$"
)


def _named_after(after: str, at: int, offset: int) -> _Cue | None:
    """The person or body named at `at` in the text after a quote ("… by X", "the words of X")."""
    np, _used = _np_forward(after[at:])
    return _Cue(np, offset + at) if np is not None and np.kind in {"person", "group"} else None


def _extract(paragraphs: list[str]) -> list[FoundQuote]:
    spans = _scan(paragraphs)
    # invisible marks (left-to-right, zero-width) read as spaces in the narration; offsets hold
    # ("then-Archbishop of Canterbury": the title opens a name; same length)
    masked = [_without_degrees(_THEN_RE.sub(r"\1 ", m.translate(_INVISIBLE))) for m in _masked(paragraphs, spans)]
    for p, m in enumerate(masked):
        dateline = _DATELINE_RE.match(m)
        if dateline is not None and _MASK not in dateline.group():
            masked[p] = " " * dateline.end() + m[dateline.end() :]  # (same length: offsets hold)
    bounds = [_boundaries(m) for m in masked]
    people = _People()
    people.texts = masked
    people.learn_quoted_names([_span_text(sp, paragraphs) for sp in spans])
    people.learn_abbreviations(masked)
    mentions = _mentions(masked, bounds, people, paragraphs)  # (paragraph, offset, canonical name)
    _learn_pronoun_genders(masked, bounds, mentions, people)

    results: list[tuple[_Span, str, str | None, str | None, bool, str]] = []
    standalone: set[int] = set()  # quotes that start their sentence
    prev_speaker: tuple[int, str | None] | None = None
    prev_at = (-1, -1)  # where the quote that set prev_speaker ends
    spoken: list[_Mention] = []  # speakers found so far, for pronouns
    for span in spans:
        first, last = span.pieces[0], span.pieces[-1]
        p, q = first.par, last.par
        m_first, m_last = masked[p], masked[q]
        sent_start = max([b for _, b in bounds[p] if b <= first.start], default=0)
        sent_end = min([e for s, e in bounds[q] if s >= last.end], default=len(m_last))
        before = m_first[sent_start : first.start]
        after = m_last[last.end : sent_end]
        text = _span_text(span, paragraphs)

        # a quote closing with a full stop and followed by a capital: the next sentence is not
        # its attribution ("…isolation.” The SEC said …")
        final = text.rstrip().rstrip("'’\"”")[-1:]
        # (not "…searching for him.,” Pomona police said": a comma after the stop leads on)
        comma_closed = paragraphs[q][max(last.content_start, last.content_end - 2) : last.end].rstrip("'’\"”").endswith(",")
        ended = final in ".…" and after.lstrip()[:1].isupper() and not comma_closed
        if final in ".?!…" and after.split(_MASK)[0].rstrip().endswith(":"):
            ended = True  # "…there?’” LTA chief John Crowther added: “…”: the colon leads on
        cue = None
        cue_par = q
        cue_follows = False  # the attribution comes after the quote ("…,” he added)
        if before.rstrip().endswith(":"):
            # "X told BBC Sport: “…”": the introduction before the colon wins
            cue = _speaker_tag(before, sent_start, m_first) or _cue_before(before, sent_start)
            cue_par = p
            if cue is not None and _HYPOTHETICAL_INTRO_RE.search(before) and not ended:
                # "They understood the importance of stepping up to say: “…,” he said": words
                # someone would say; the attribution after the quote names who said them
                actual = _cue_after(after, last.end)
                if actual is not None:
                    cue, cue_par, cue_follows = actual, q, True
            elif (
                cue is not None and not ended and not _verb_matches(before) and not re.search(r"\baccording\s+to\b", before, re.IGNORECASE)
                and not after.split(_MASK)[0].rstrip().endswith(":")  # ("…” Notes stylist X: “…”" leads on)
                and (text.rstrip()[-1:] == "," or after.lstrip()[:1] == "," or _bare_attribution(after))
            ):
                # "Tony Blair arrived and the crowd grew loud: “We will win,” Gordon Brown says.": no
                # verb of speech before the colon, so the attribution after the quote names the speaker
                actual = _cue_after(after, last.end)
                if actual is not None:
                    cue, cue_par, cue_follows = actual, q, True
        if cue is None and not ended and (span.closed or last.end < len(m_last)):
            cue = _cue_after(after, last.end)
            cue_par = q
            cue_follows = cue is not None
        words_of = _WORDS_OF_RE.match(after) if cue is None and ended else None
        if words_of is not None:
            # "“…” Those were the words of tennis analyst Mary Joe Fernandez in 2001"
            cue = _named_after(after, words_of.end(), last.end)
            cue_par, cue_follows = q, cue is not None
        if cue is None and ended and _bare_attribution(after):
            # "…nine years… ” Hailey later recalled.": a sentence that is only an attribution
            cue = _cue_after(after, last.end)
            cue_par = q
        if cue is not None and cue_follows and re.match(r"[\s,—–-]*according\s+to\b", after, re.IGNORECASE):
            # "Hilton told one flight attendant that “…”, according to the court papers": the
            # papers relay the words of the sentence's own speaker
            inner = _cue_before(before, sent_start)
            if inner is not None:
                cue, cue_par, cue_follows = inner, p, False
        if cue is not None and re.match(r"[\s,—–-]*[^.;:§]{0,60}?\breport(?:ed|s)\b", after):
            # "Malaysia said damage will be “significant”, AFP reported": the news agency only
            # relays the words of the sentence's own speaker
            reported = _cue_before(before, sent_start)
            if reported is not None and reported.np.kind != "pronoun":
                cue, cue_par = reported, p
        if cue is None and _PASSIVE_BEFORE_RE.search(before) and (by := re.match(r"\s*,?\s*by\s+", after)) is not None:
            # "… has been described as a “national treasure” by fellow sailor Shirley Robertson"
            cue = _named_after(after, by.end(), last.end)
            cue_par, cue_follows = q, cue is not None
        if cue is None:
            cue = _cue_before(before, sent_start)
            cue_par = p
        if cue is None and not ended:
            cue = _cue_trailing(after, last.end)
            cue_par = q
            cue_follows = cue is not None
        if cue is None and before.strip() and _MASK not in before and _predicate_quote(text) and not re.search(
            r"\b(?:is|are|was|were|be|been|being|get|got|gets|seemed|seems|looked|looks|felt|feels)\s*$", before, re.IGNORECASE
        ):
            # "A Tory spokesman “totally refuted” any wrongdoing": the quote is the verb phrase
            np = _np_backward(before)
            if np is not None and _subject_only(before):
                cue = _Cue(np, sent_start + max(len(before.rstrip()) - 1, 0))
                cue_par = p
        if cue is not None:
            cue = _issued_by(cue, masked[cue_par], bounds[cue_par])
        elif (ordinal := _ordinal_speaker(before, "" if ended else after, (p, first.start), mentions + spoken, masked)) is not None:
            cue, cue_par = _Cue(_NP(ordinal, "group"), first.start), p  # "“…,” said another."
        speaker: str | None = None
        role: str | None = None
        attributed = False
        if cue is not None:
            attributed = True
            if cue.np.kind == "pronoun":
                # "“…,” she told Baldwin": the one told is never the one telling
                told = _ADDRESSEE_RE.match(after if cue_follows else masked[cue_par][cue.position :])
                speaker = _resolve(
                    cue.np, (cue_par, cue.position), mentions + spoken, people, prev_speaker, bounds,
                    text + " " + told.group(1) if told is not None else text, reported_clause=cue_follows,
                )
                asked = _person_asked(masked, bounds, cue_par, cue.position, people) if cue.np.gender in {"m", "f"} else None
                if asked is not None:
                    speaker = asked  # "Zakaria asked Abdullah if … “…,” he answered": the one asked answers
                if speaker is None and cue.np.name.startswith("the "):
                    speaker = cue.np.role or cue.np.name  # kept as written; "he said" may refer back to it
                    if cue.np.gender != "n" and cue.np.name.split()[-1].lower() in _SINGULAR_GROUP_GENDER:
                        people.kind.setdefault(speaker, "group")
            else:
                speaker = people.add(cue.np, (cue_par, cue.position))
                role = cue.np.role
                if cue.np.kind == "group":
                    people.describe(speaker)  # "she" may be "one girl" now
                if cue.np.kind == "group" and _OWNED_RE.fullmatch(speaker):
                    speaker = _owned_speaker(speaker, (cue_par, cue.position), mentions + spoken, people, prev_speaker,
                                             bounds, text)
                if cue.np.kind == "group":
                    named = _named_holder(cue.np.name, (cue_par, cue.position), mentions, people, bounds, masked)
                    if named is None:
                        named = _earlier_holder(cue.np.name, (cue_par, cue.position), mentions + spoken, people)
                    if (
                        named is None and cue.np.name in _AUTHOR_GROUPS and prev_speaker is not None and prev_speaker[1]
                        and prev_speaker[0] >= cue_par - 1 and _joint(prev_speaker[1])
                    ):
                        named = prev_speaker[1]  # "Kneebone and Holmes wrote …. …, the authors added": the two
                    if named is not None:
                        speaker, role = named, people.role.get(named)
        own_after = "" if ended else after  # a quote that ends its sentence: what follows is another
        whole = not before.strip(" \t\n—–-([") and not re.search(r"\w", own_after.split(_MASK)[0].strip(" .,;:!?)]")) if own_after else not before.strip(" \t\n—–-([")
        if speaker is None and not attributed and not before.strip(" \t\n—–-([") and not _someone_new_after(own_after):
            # a standalone quote: a colon introduction, or the previous quote's speaker
            intro = _colon_intro(masked, bounds, p, sent_start)
            if intro is not None:
                if intro.np.kind == "pronoun":
                    speaker = _resolve(intro.np, (p, 0), mentions + spoken, people, prev_speaker, bounds, text)
                else:
                    speaker = people.add(intro.np, (p, 0))
                    role = intro.np.role
            else:
                # a narration sentence right before in the paragraph that reports someone's
                # words ("Mr Dunn warned that … talent. “If companies …”") introduces the quote
                prev_start = max([b for _, b in bounds[p] if b < sent_start], default=0) if sent_start > 0 else None
                prev_text = masked[p][prev_start:sent_start] if prev_start is not None else ""
                # (not a question: "So is its job to destroy the Tories, as Kilroy-Silk declared? “No. …”"
                # is the answer)
                asks = prev_text.rstrip().endswith("?")
                narr = None
                if prev_text and _MASK not in prev_text and not asks:
                    narr = _main_cue(prev_text, prev_start) or _cue_before(prev_text, prev_start)
                narr_par = p
                issued = _ISSUED_STATEMENT_RE.search(prev_text) if narr is None and prev_text and _MASK not in prev_text else None
                if issued is not None:
                    # "Clarence House issued a brief statement about the decision. “…”": the body that issued it
                    np = _np_backward(prev_text[: issued.start()])
                    if np is not None and np.kind in {"person", "group"} and _subject_only(prev_text[: issued.start()].rstrip(" ,").split(",")[-1]):
                        narr = _Cue(np, prev_start + max(issued.start() - 1, 0))
                if narr is None and sent_start == 0 and p > 0 and masked[p - 1].strip():
                    # "… but that was not what was happening, the spokesman said. / “What is happening is …”":
                    # the previous paragraph ends with someone's reported words, and the quote goes on
                    last_at = max([b for _, b in bounds[p - 1]], default=0)
                    last_text = masked[p - 1][last_at:]
                    inverted = re.search(r",\s+(?:said|says|added|adds)\s+([A-Z][^.;:§]{2,120}\.)\s*$", last_text)
                    if _MASK not in last_text and re.search(r",\s+[^,]{2,60}\s(?:said|says|added|adds)\.\s*$", last_text):
                        narr, narr_par = _cue_before(last_text, last_at), p - 1
                    elif inverted is not None:
                        # "… off the ground, said Alex Russell, one of two females on the board. / “…”"
                        np, _used = _np_inverted(inverted.group(1))
                        if np is not None and np.kind == "person":
                            narr, narr_par = _Cue(np, last_at + inverted.start(1)), p - 1
                if narr is not None:
                    narr = _issued_by(narr, masked[narr_par], bounds[narr_par])
                if narr is not None and narr.np.kind != "pronoun":
                    speaker = people.add(narr.np, (narr_par, narr.position))
                    role = narr.np.role
                    if narr.np.kind == "group" and _OWNED_RE.fullmatch(speaker):
                        speaker = _owned_speaker(speaker, (narr_par, narr.position), mentions + spoken, people,
                                                 prev_speaker, bounds, text)
                    elif narr.np.kind == "group":
                        named = _earlier_holder(narr.np.name, (narr_par, narr.position), mentions + spoken, people)
                        speaker = named or speaker
                elif narr is not None and narr.np.gender in {"m", "f"}:
                    speaker = _resolve(narr.np, (narr_par, narr.position), mentions + spoken, people, prev_speaker,
                                       bounds, text)
                if speaker is None and (prev_speaker is None or prev_speaker[0] < p - 1) and _FIRST_PERSON_RE.search(text):
                    # "On this subject, Morris appears almost evangelical. / “I was on a cruise …”":
                    # words in the first person right after a sentence about a person are theirs
                    if prev_text:
                        last_text, last_at, last_par = prev_text, prev_start, p
                    elif sent_start == 0 and p > 0 and masked[p - 1].strip():
                        last_at = max([b for _, b in bounds[p - 1]], default=0)
                        last_text, last_par = masked[p - 1][last_at:], p - 1
                    else:
                        last_text = ""
                    actor = _acting_subject(last_text) if last_text and _MASK not in last_text else None
                    if actor is not None and actor[0].kind == "person":
                        speaker = people.add(actor[0], (last_par, last_at + actor[1]))
                        if not people.is_person(people.final(speaker)):
                            speaker = None
                if speaker is None and prev_speaker is not None and prev_speaker[0] >= p - 1 and prev_speaker[1]:
                    # the most recent speaker: the previous quote's, unless the narration since
                    # reported someone else's words ("X had broken away from the text, claiming …")
                    since = [
                        name for mp, mpos, name, mkind, tier in mentions
                        if tier >= 3 and prev_at < (mp, mpos) < (p, sent_start) and mkind in {"person", "group"}
                        and (mkind == "group" or people.is_person(people.final(name)))
                    ]
                    speaker = since[-1] if since else prev_speaker[1]
        if (
            speaker is None and not attributed and prev_speaker is not None and prev_speaker[1]
            and re.fullmatch(r"\s*(?:(?:And|But|Then|So|He|She|They)\s+)?(?:also\s+|then\s+)?(?:continued|added|went\s+on|"
                             r"said|warned|insisted|replied|explained)\s*:\s*", before)
        ):
            speaker = prev_speaker[1]  # "Ms Jowell insisted: “…” And continued: “…”"
            attributed = True
        if speaker is None and not attributed and before.strip() and _MASK not in before:
            # "Walker also took a shot at Clinton for giving “Russia a reset button.”": words in a
            # sentence whose subject is a person acting, with no one else reporting them
            actor = _acting_subject(before)
            if actor is not None and actor[0].kind == "single":
                # a title word as a surname ("Bishop appealed"): only someone introduced with it
                holders = [c for c in people.canon if len(c.split()) >= 2 and _key(_surname(c)) == _key(actor[0].name)
                           and people.is_person(c)]
                actor = (_NP(holders[-1], "person"), actor[1]) if holders else None
            if actor is not None and actor[0].kind == "pronoun":
                speaker = _resolve(actor[0], (p, sent_start + actor[1]), mentions + spoken, people, prev_speaker, bounds, text)
            elif actor is not None and people.is_person(people.final(people.add(actor[0], (p, sent_start + actor[1])))):
                speaker = people.add(actor[0], (p, sent_start + actor[1]))
                role = actor[0].role
            elif actor is None and (
                (opening := _np_forward(before)[0]) is None or opening.kind == "pronoun" and opening.name in {"i", "we"}
            ):
                # "… are wrong, Ms Diemont says. / There are “no big differences” between …": a sentence
                # with no one in it goes on with the words the sentence before reported
                if sent_start > 0:
                    last_at = max([b for _, b in bounds[p] if b < sent_start], default=0)
                    last_text, last_par = masked[p][last_at:sent_start], p
                elif p > 0 and masked[p - 1].strip():
                    last_at = max([b for _, b in bounds[p - 1]], default=0)
                    last_text, last_par = masked[p - 1][last_at:], p - 1
                else:
                    last_text = ""
                closing = (
                    re.search(r",\s+([^,§]{2,60})\s(?:said|says|added|adds)\.\s*$", last_text)
                    or re.search(r"\bquot(?:ed|es)\s+([^,§]{2,60})\s+as\s+saying\.\s*$", last_text)
                ) if last_text else None
                if closing is not None:
                    np = _np_backward(closing.group(1) + " ")
                    if np is not None and np.kind == "person":
                        speaker = people.add(np, (last_par, last_at + closing.start(1)))
                        role = np.role
                elif (
                    last_text and prev_speaker is not None and prev_speaker[1] and prev_at >= (last_par, last_at)
                    and people.is_person(people.final(prev_speaker[1])) and len(before.split()) <= 8
                    and before.rstrip().endswith(",") and not _verb_matches(before)
                    and not any(
                        w.lower() in _PRONOUNS or w[:1].isupper() and w.lower() not in _STOP
                        for w in re.findall(r"[\w'’]+", before)
                    )
                ):
                    # "“It concerns me,” he said. With so many employees, “there is no way …”": the
                    # sentence before ended with someone's quote, and this one only leads in to the next
                    speaker = prev_speaker[1]
        if speaker is None and not attributed and results and results[-1][2] is not None:
            # "ISIS is recruiting “deluded young men” who “think …”": a second quote in a sentence
            # goes with the first, when a person said that
            last_piece = results[-1][0].pieces[-1]
            if last_piece.par == p and last_piece.end >= sent_start and people.is_person(people.final(results[-1][2])):
                speaker = results[-1][2]
        kind = "fragment" if _is_fragment(text, before.replace(_MASK, ""), after, attributed, whole) else "quote"
        results.append((span, text, speaker, role, attributed, kind))
        if not before.strip(" \t\n—–-([:") and not _someone_new_after(own_after):
            standalone.add(len(results) - 1)
        if speaker is not None and cue is not None:
            spoken.append((cue_par, cue.position, speaker, people.kind.get(speaker, "person"), 3))
        if kind == "quote" and span.closed or kind == "quote" and speaker is not None:
            prev_speaker = (q, speaker)
            prev_at = (q, last.end)
        elif kind == "quote":
            prev_speaker = None

    orphans = [i for i, r in enumerate(results) if r[2] is None and not r[4] and r[5] == "quote" and i in standalone]
    if orphans:
        # an interview or reminiscence: unattributed quotes go to the one person the article
        # introduces, unless the quotes speak of them ("Bob was …")
        subject = _article_subject(mentions, people, [r[1] for r in results])
        others = {people.final(r[2]) for r in results if r[2] is not None and r[4]}
        if subject is not None and others - {subject}:
            subject = None  # someone else speaks in the article: an orphan may be anyone's
        if subject is not None and others:
            # the subject has spoken already: only words in the first person are surely theirs
            orphans = [i for i in orphans if _FIRST_PERSON_RE.search(results[i][1])]
        if subject is not None:
            for i in orphans:
                sp, tx, _spk, _rl, att, kd = results[i]
                results[i] = (sp, tx, subject, people.role.get(subject), att, kd)

    # "…,” the Iranian foreign minister said. “…,” Javad Zarif told CNN.": a job described first and
    # the person named right after, for the first time, is the one described
    for i in range(len(results) - 1):
        cur, nxt = results[i], results[i + 1]
        described, named = cur[2], nxt[2]
        if (
            described is None or named is None or not described.startswith("the ") or len(described.split()) < 3
            or described.split()[-1].lower() not in _TITLES
            or people.kind.get(described) == "group" or not nxt[4] or not people.is_person(people.final(named))
            or len(named.split()) < 2
        ):
            continue
        end, start = (cur[0].pieces[-1].par, cur[0].pieces[-1].end), (nxt[0].pieces[0].par, nxt[0].pieces[0].start)
        first = people.first_at.get(people.final(named))
        if first is not None and end < first and start[0] <= end[0] + 1 and not any(
            r[2] == named for r in results[:i]
        ):
            people.role.setdefault(people.final(named), described[4:])
            for k in range(i, -1, -1):
                if results[k][2] != described:
                    break
                results[k] = results[k][:2] + (named,) + results[k][3:]

    # a list of quoted titles ("Oscars for “Into the Woods,” “Snow White” and “Sweeney Todd.”"):
    # all fragments when one is, however the sentence is attributed
    for i in range(1, len(results)):
        prev, cur = results[i - 1], results[i]
        a, b = prev[0].pieces[-1], cur[0].pieces[0]
        if (
            prev[5] == "fragment" and cur[5] == "quote" and a.par == b.par and len(cur[0].pieces) == 1
            and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+|or\s+)?", paragraphs[a.par][a.end : b.start])
            and len(_WORD_RE.findall(prev[1])) <= 10 and len(_WORD_RE.findall(cur[1])) <= 10
            and all(w[0].isupper() or w[0].isdigit() or len(w) <= 3 for w in _WORD_RE.findall(cur[1]))
        ):
            results[i] = cur[:5] + ("fragment",)

    holders = _sole_holders(people, [r[2] for r in results if r[2] is not None])
    out = []
    expand = functools.partial(_expand_acronym, text="\n".join(masked), aliases=people.aliases)
    for span, text, speaker, role, _attributed, kind in results:
        if speaker in holders:
            speaker, role = holders[speaker], None
        if speaker is not None:
            speaker = expand(people.final(speaker))
            role = people.role.get(speaker) or role
        org = _organisation(role)
        if org is not None:
            org = expand(org)
        if org is None and speaker is not None and _is_org(speaker) and speaker[:1].isupper() and (
            people.kind.get(speaker) == "person" or len(speaker.split()) >= 2 and speaker.split()[-1].lower() in _ORG_KEYWORDS
        ):
            org = speaker  # "American Film Institute", "the Finance and Economy Ministry"
        if org is None and speaker is not None and people.kind.get(speaker) == "group":
            qualifier = re.search(r"\s(?:for|of|at)\s.*", speaker)  # "a spokesperson for the State Department"
            org = (_organisation(speaker) or _organisation(qualifier.group().strip())) if qualifier else None
        out.append(FoundQuote(text, speaker, role, org, kind, span.pieces[0].par))
    return out


_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _learn_pronoun_genders(
    masked: list[str], bounds: list[list[tuple[int, int]]], mentions: list[_Mention], people: _People
) -> None:
    """A surname alone as a sentence's subject, with "She …" opening the next sentence (or "as
    she …" later in its own), names a woman ("Molik grew in confidence … She will now meet Venus
    Williams")."""
    text = ""
    for p, pos, name, kind, tier in mentions:
        if tier != 2 or kind != "person" or " " in name:
            continue
        name = people.final(name)
        if " " in name or name in people.gender or _is_org(name) or name in people.orgs:
            continue
        ends = [b for _, b in bounds[p] if b > pos]
        opening = _PRONOUN_OPENING_RE.match(masked[p][ends[0] :]) if ends else None
        if opening is None and ends:
            # "Nneka sits back quietly as she tries to …": the pronoun of the same sentence (no
            # one else may be named before it)
            opening = _PRONOUN_JOINED_RE.match(masked[p], pos, ends[0])
            ends = [opening.start(1)] if opening is not None else ends
        if opening is None:
            continue
        sent = _sentence_of(bounds, p, pos)
        if not re.fullmatch(r"\s*(?:[^,§]*,\s*)?", masked[p][sent[1] : pos]):
            continue  # the name opens its sentence, or its main clause ("After a tough first set, Molik …")
        text = text or "\n".join(masked)
        if len(re.findall(r"\b" + re.escape(name) + r"\b", text)) < 2 or re.search(r"\b" + re.escape(name.lower()) + r"\b", text):
            continue  # ("Somehow", "Gaze": a word, not a name)
        if not any(m[0] == p and pos < m[1] < ends[0] and m[3] == "person" and people.final(m[2]) != name for m in mentions):
            people.gender[name] = _PRONOUNS[_pronoun_of(opening)]


def _sole_holders(people: _People, speakers: list[str]) -> dict[str, str]:
    """Unnamed spokespeople ("Putin's spokesman", "a Kremlin spokesman") mapped to the one person
    the article names with that job ("presidential spokesman Dmitry Peskov"), when only one is."""
    named = [
        name for name in people.canon
        if people.kind.get(name) == "person" and people.is_person(name)
        and _SPOKES & set(re.findall(r"[\w-]+", (people.role.get(name) or "").lower()))
    ]
    if len(set(named)) != 1:
        return {}
    # a holder whose job names a body ("Labour spokesman") only stands in for that body's spokesman
    role_words = re.findall(r"[\w-]+", people.role.get(named[0]) or "")
    bodies = [w for w in role_words if w[:1].isupper()]
    out = {}
    for speaker in set(speakers):
        words = speaker.lower().split()
        if (
            people.kind.get(speaker) == "group" and words and words[-1] in _SPOKES and " for " not in speaker
            and all(b in speaker for b in bodies)
            # ("a family spokeswoman" is not "Lisa Pak, a spokeswoman for his church")
            and all(w in role_words for w in words[:-1] if w in _WHOSE_NOUNS)
        ):
            out[speaker] = named[0]
    return out


_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|we|our|us)\b", re.IGNORECASE)


def _article_subject(mentions: list[_Mention], people: _People, quotes: list[str]) -> str | None:
    """The single person an article is about: introduced in its first two paragraphs, named
    most often in the narration, and never named in its quotes (who speak of others)."""
    counts: dict[str, int] = {}
    early: set[str] = set()
    for p, _pos, name, kind, tier in mentions:
        name = people.final(name)
        if kind not in {"person", "weak"} or tier < 1 or not people.is_person(name):
            continue
        counts[name] = counts.get(name, 0) + 1
        if p <= 1:
            early.add(name)
    cands = [n for n in early if not any(_named_in(n, q) for q in quotes)]
    if not cands:
        return None
    cands.sort(key=lambda n: -counts[n])
    if len(cands) > 1 and counts[cands[0]] == counts[cands[1]]:
        return None
    return cands[0]


_ACRONYM_RE = re.compile(r"[A-Z][A-Z&]{1,7}")
_FULL_NAME_RE = re.compile(r"[A-Z][\w\-]*(?:\s+(?:(?:of|for|and|the|on|&)\s+)*[A-Z][\w\-]*){1,7}")


def _expand_acronym(name: str, text: str, aliases: dict[str, str]) -> str:
    """The full name an acronym stands for when the article spells it out anywhere
    ("RICS" -> "Royal Institute of Chartered Surveyors"); else the name unchanged."""
    if not _ACRONYM_RE.fullmatch(name):
        return name
    if name in aliases:
        return aliases[name]
    letters = name.replace("&", "")
    for m in _FULL_NAME_RE.finditer(text):
        words = [w for w in m.group().split() if w[:1].isupper()]
        for k in range(len(words) - len(letters) + 1):
            cand = words[k : k + len(letters)]
            if "".join(w[0] for w in cand) == letters and not any(w.isupper() and len(w) > 1 for w in cand):
                full = m.group()
                start = full.index(cand[0]) if k else 0
                end = full.rindex(cand[-1]) + len(cand[-1])
                aliases[name] = full[start:end]
                return full[start:end]
    return name


_BARE_ATTRIBUTION_RE = re.compile(
    r"\s*((?:[A-Z][\w'’.\-]*\s+){1,3})(?:(?:[a-z]+)\s+)?([a-z]+)\s*[.!]?\s*$"
)


def _bare_attribution(after: str) -> bool:
    """The sentence after a quote is nothing but a named subject and a speech verb
    ("Hailey later recalled.", "Mr Smith said.")."""
    m = _BARE_ATTRIBUTION_RE.match(after)
    if m is None or _MASK in after:
        return False
    adverb = after[m.end(1) : m.start(2)].strip()
    return m.group(2) in _SPEECH_VERBS and (not adverb or _is_aux(adverb))


_STATEMENT_NP_RE = re.compile(
    r"(?:an?|the|their|his|her|its)\s+(?:[a-z]+\s+)?(?:statement|letter|memo|e-?mail)", re.IGNORECASE
)
_RELEASED_DOCUMENT_RE = re.compile(
    r"\s+(?:(?:has|have|had|also|later|then)\s+)?(?:issued|released|put\s+out|posted|published|sent(?:\s+out)?|wrote)\s+"
    r"(?:a|an)\s+(?:[\w'’\-]+\s+){0,3}?(?:statement|letter|memo|e-?mail)\b"
)
_IN_STATEMENT_RE = re.compile(r"\s+in\s+(?:a\s+|an\s+)?(?:[\w'’\-]+\s+){0,2}?(?:statement|letter|memo|e-?mail)\b")


_PAGE_NOUNS = r"(?:official\s+)?(?:website|web\s+site|site|Facebook\s+page|Facebook|Twitter\s+(?:account|feed)|Instagram|page|blog|account|feed)"
# "a statement on the Wisconsin Professional Police Association's Facebook page": whose page
_ON_PAGE_OF_RE = re.compile(r"\s+(?:(?:posted|published)\s+)?on\s+((?:the\s+)?[^,;:§.]{2,80}?)['’]s?\s+" + _PAGE_NOUNS + r"\b")


def _statement_owner(masked: str, cue: _Cue) -> _NP | None:
    """The body named right after a statement ("a statement from the BBC", "a statement on the
    Wisconsin Professional Police Association's Facebook page"), if any."""
    name = cue.np.name
    at = masked.rfind(name, max(0, cue.position - len(name)), cue.position + len(name) + 1)
    if at < 0:
        return None
    rest = masked[at + len(name) :]
    issuer = _body_issuing(rest)
    if issuer is not None:
        return issuer[0] if issuer[0].kind in {"person", "group"} else None
    page = _ON_PAGE_OF_RE.match(rest)
    np = _np_backward(page.group(1) + " ") if page is not None else None
    if np is None or np.kind not in {"person", "group"}:
        return None
    # the owner must be the whole phrase, give or take "the"; a person may come with a title
    return np if len(np.name) >= len(page.group(1).strip()) - 4 or np.kind == "person" else None


def _statement_issuer(masked: str, bounds: list[tuple[int, int]], pos: int) -> _NP | None:
    """Who issued the statement a "the statement said" at `pos` means: the subject of "X released
    a statement" or "X said in a statement" in this sentence or the two before it, the latest
    first ("Gabbana issued a statement saying …")."""
    starts = [0] + [b for _, b in bounds if b <= pos]
    for k in range(len(starts) - 1, max(len(starts) - 4, -1), -1):
        lo = starts[k]
        hi = pos + 1 if k == len(starts) - 1 else starts[k + 1]
        sentence = masked[lo:hi]
        found = list(_RELEASED_DOCUMENT_RE.finditer(sentence))
        if found:
            pre = re.split(_MASK, sentence[: found[-1].start()])[-1] + " "
            np = _np_backward(pre)
            if np is None or np.kind not in {"person", "group"} or _STATEMENT_NP_RE.fullmatch(np.name):
                return None
            # ("… told Apple, which released a statement": not a subject; "At the time, the BBC
            # issued a statement": a subject after an opening phrase)
            last = pre.rstrip(" ,").split(",")[-1].strip()
            plain = np.kind == "person" and not any(
                w in _STOP or w.endswith(("ed", "ing")) for w in re.findall(r"\b[a-z]+\b", last)
            )  # "Mississippi NAACP chapter President Derrick Johnson issued a statement"
            if not _subject_only(pre.rstrip(" ,")) and not re.search(r",\s*$", pre) and not _subject_only(last) and not plain:
                return None
            return np
        within = list(_IN_STATEMENT_RE.finditer(sentence))
        if within:
            subject = _clause_subject(sentence[: within[-1].start()])
            return subject[0] if subject is not None and subject[0].kind in {"person", "group"} else None
    return None


def _issued_by(cue: _Cue, masked: str, bounds: list[tuple[int, int]]) -> _Cue:
    """A cue naming a statement ("the statement said") as the body that released it, if named."""
    if not _STATEMENT_NP_RE.fullmatch(cue.np.name):
        return cue
    owner = _statement_owner(masked, cue)
    if owner is not None:
        return _Cue(owner, cue.position)
    # "Apple released a statement … “…,” the statement said": the body that released it
    issuer = _statement_issuer(masked, bounds, cue.position)
    if issuer is not None:
        return _Cue(issuer, cue.position)
    determiner = cue.np.name.split()[0].lower()
    if determiner in _POSSESSIVE_PRONOUNS:
        # "“…,” their statement read": whoever "they" are
        pronoun = _PRONOUN_OF[determiner]
        return _Cue(_np_backward(pronoun + " "), cue.position)
    return _body_said_before(masked, bounds, cue.position) or cue


_SAID_AT_END_RE = re.compile(r",\s+([^,§]{2,60}?)\s+(?:said|says)(?:\s+(?:on\s+)?[A-Z][a-z]+day)?\.\s*$")


def _body_said_before(masked: str, bounds: list[tuple[int, int]], pos: int) -> _Cue | None:
    """The body the sentence before `pos` quoted, for a bare "a statement said" ("…, the BBC said
    Thursday. “…,” a statement said")."""
    starts = [0] + [b for _, b in bounds if b <= pos]
    if len(starts) < 2:
        return None
    sentence = masked[starts[-2] : starts[-1]]
    said = _main_cue(sentence, starts[-2])
    tail = _SAID_AT_END_RE.search(sentence) if said is None else None
    if tail is not None:
        np = _np_backward(tail.group(1) + " ")
        if np is not None and _subject_only(tail.group(1)):
            if np.kind == "person" and tail.group(1).startswith("the "):
                np = _NP(np.name, "group")  # "the BBC": a body
            said = _Cue(np, starts[-2] + tail.start(1))
    if said is None:
        return None
    body = said.np.kind == "group" or said.np.kind == "person" and (_is_org(said.np.name) or _is_acronym(said.np.name))
    return said if body else None


# "Kimmy: “…” Titus: “…”", "-- Lady Violet (to Cora): “…”": a speaker's name tagging a line of dialogue
_SPEAKER_TAG_RE = re.compile(
    r"(?:^\s*|[.!?" + _MASK + r"]\s+|(?:--|—)\s*|\b\d{1,2}\.\s+)((?:[A-Z][\w'’\-]*\s+){0,2}[A-Z][\w'’\-]*)(?:\s+\([^()"
    + _MASK + r"]{1,40}\))?:\s*$"
)


# words that tag a line without naming who speaks ("Question: “…”", "Update: “…”")
_NOT_SPEAKER_TAGS = frozenset(
    "question answer q a update note warning caption source credit photo video read watch more related "
    "breaking quote translation headline title subject".split()
)


def _speaker_tag(before: str, offset: int, paragraph: str) -> _Cue | None:
    """The speaker of a line of dialogue or a script ("Kimmy: “…”"): a name alone before a colon,
    a given name or a title, or a tag the paragraph uses again."""
    m = _SPEAKER_TAG_RE.search(before)
    if m is None:
        return None
    toks = m.group(1).split()
    first = toks[0].lower()
    if first in _STOP or first in _PRONOUNS or first in _NOT_SPEAKER_TAGS:
        return None
    np = _name_np(toks, None)
    if np is None or np.kind != "person" or np.role:
        return None
    tags = re.findall(re.escape(m.group(1)) + r"(?:\s+\([^()]{1,40}\))?:\s*[“\"" + _MASK + "]", paragraph)
    if not (first in _GIVEN_NAMES or first in _HONORIFICS or len(tags) >= 2):
        return None
    return _Cue(np, offset + m.start(1))


def _colon_intro(masked: list[str], bounds: list[list[tuple[int, int]]], p: int, sent_start: int) -> _Cue | None:
    """A speaker introduced with a colon right before a quote ("Bennett said:")."""
    if sent_start > 0:
        prev_text = masked[p][:sent_start].rstrip()
        par = p
    elif p > 0:
        prev_text = masked[p - 1].rstrip()
        par = p - 1
    else:
        return None
    if not prev_text.endswith(":"):
        return None
    start = max([b for _, b in bounds[par] if b < len(prev_text)], default=0)
    return _cue_before(prev_text[start:-1], start)


_OBLIQUE_BEFORE = frozenset(
    """
    to with by for against over from of at on in into about than like after before under behind
    between among via toward towards versus vs beat beating beaten defeated defeating met meet
    meets replaced replacing succeed succeeded join joined joining face faces facing play plays
    playing told tell tells thanked praised criticised criticized accused blamed backed
    starring co-starring featuring including alongside opposite
    """.split()
)
_PREPOSITIONS = frozenset(
    "to with by for against over from of at on in into about than like after under behind between among via as".split()
)
# words that never name whose officials they are ("bank officials", not "said officials")
_NOT_NOUN_MODIFIERS = _STOP | _SPEECH_VERBS | _AUX | _PREPOSITIONS
_ORG_NOUNS_BEFORE = frozenset(
    """
    club firm company group band team side newspaper paper agency bank giant portal carmaker
    broadcaster magazine website site network channel station label retailer airline chain
    operator insurer lender supermarket constituency county city town region province state
    watchdog charity organisation organization
    """.split()
)
_LESSER_ROLE = frozenset("deputy vice former shadow assistant junior acting ex".split())
_LEADING_PREPOSITION_RE = re.compile(
    r"\s*(?:With|In|At|For|From|By|On|Under|Against|Despite|Without|Among|Unlike|Like|Behind|Beside|Besides|Alongside|To|Toward|Towards|About|Through|During|Upon|Over|Within|Across|After|Before|Following)\s"
    # "Wearing a long scarf, Nneka sits …": a participle's phrase (but "Manning said", and not
    # "Building up Singapore was his passion": a gerund, the subject of its own verb)
    r"|\s*[A-Z][a-z]{2,}ing\s+(?=(?:a|an|the|his|her|their|its|my|our|up|out|on|in|at|to|for|with|through|over|into|back|down|off|around)\s"
    r"(?:(?!\b(?:is|was|were|are|has|have|had|will|would|can|could)\b)[^,;:§])*,)"
)
_LEADING_ADVERB_RE = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Now|Then|Also|However|Meanwhile|Instead|Earlier|Later|Separately|Indeed)\b,?\s+)+"
)
# singular institutional speakers that "he"/"she" can refer back to: "A Labour Party spokesman"
_SINGULAR_GROUP_GENDER = {
    "spokesman": "m", "spokeswoman": "f", "spokesperson": "h", "official": "h", "aide": "h",
    "analyst": "h", "source": "h", "expert": "h", "insider": "h",
}

# "A as X and B as Y", "A, B and C": members of a cast or a list
_LISTED_AFTER_RE = re.compile(
    r"\s+as\s+(?:a|an|the|his|her)\b|\s*,\s*(?:and\s+)?[A-Z][\w'’\-]*\s+[A-Z]|\s+(?:and|or|&)\s+[A-Z][\w'’\-]*\s+[A-Z]"
)
_LISTED_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]*\s+[A-Z][\w'’\-]*,?\s+(?:and|or|&)\s*$")
_CAST_WORD_RE = re.compile(r"\b(?:as|starring|featuring|including|alongside)\b")
_ROLE_PHRASE_AFTER = re.compile(r"((?:\s+[a-z][a-z\-]*){1,4})\s+[A-Z][\w'’\-]*\s+[A-Z]")


def _modifies_role(name: str, tail: str) -> bool:
    """A capitalised chain that qualifies a job title before someone's name is a party, a body or a
    show, not a person: "Lib Dem home affairs spokesman Mark Oaten", "Richard and Judy executive
    producer Amanda Ross"."""
    if name.split()[0].lower() in _GIVEN_NAMES:
        return False
    m = _ROLE_PHRASE_AFTER.match(tail)
    if m is None:
        return False
    words = m.group(1).split()
    if not _roleish(words[-1]):
        return False
    return all(
        w not in _STOP and w not in _SPEECH_VERBS and w not in _AUX and not w.endswith("ed") for w in words
    )


def _group_head(name: str) -> str:
    """The head noun of a group speaker: "spokeswoman" in "A spokeswoman for Human Rights Watch"."""
    qualified = re.match(r"(.+?)\s(?:for|of|at|close\s+to)\s", name)
    return (qualified.group(1) if qualified else name).split()[-1].lower()


# a mention: (paragraph, offset, canonical name, kind, tier); tier 2 = a subject or speaker,
# 1 = named elsewhere in the narration, 0 = named as an object ("beat Federer", "to Tony Blair")
_Mention = tuple[int, int, str, str, int]


# a lone capitalised word: neither word before nor after it is capitalised, no possessive
_SINGLE_NAME_RE = re.compile(r"(?<![\w'’.\-])" + _CAPITALISED + r"[\w\-]+(?![\w'’\-])(?!\s+[A-Z])(?!\s*\()")
_REFLEXIVE_NAME_RE = re.compile(r"(?<![\w'’-])(" + _CAPITALISED + r"[\w'’\-]+)\s+(himself|herself)\b")
_MALE_KIN = frozenset(
    "son husband father brother widower boyfriend uncle nephew grandson fiance ex-husband stepson stepfather "
    "grandfather dad grandpa".split()
)
_FEMALE_KIN = frozenset(
    "daughter wife mother sister widow girlfriend aunt niece granddaughter fiancee ex-wife stepdaughter "
    "stepmother grandmother mom mum grandma".split()
)
_FEMALE_PERSONS = frozenset("woman girl lady".split()) | _FEMALE_KIN
_MALE_PERSONS = frozenset("man boy gentleman".split()) | _MALE_KIN


def _described_gender(name: str) -> str | None:
    """The pronoun gender of one unnamed person described as a speaker ("one girl" → "f", "a
    cousin of Yassine" → either); None if `name` is no such description."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in _INDEFINITE:
        return None
    head = _group_head(name)
    if head in _FEMALE_PERSONS:
        return "f"
    if head in _MALE_PERSONS:
        return "m"
    return "h" if head in _PERSON_HEADS else None


_KIN_APPOS_RE = re.compile(
    r"(?:^|(?<=\s))(?P<owner>[Hh]is|[Hh]er|[Tt]heir|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w\-]+(?:['’]s|s['’]))\s+"
    r"(?P<kin>" + "|".join(sorted(_MALE_KIN | _FEMALE_KIN)) + r"),?\s+(?P<given>" + _CAPITALISED + r"+)$"
)
_KIN_NAME_RE = re.compile(
    r"\b(?:his|her|their)\s+(" + "|".join(sorted(_MALE_KIN | _FEMALE_KIN)) + r")\s+(" + _CAPITALISED + r"+)\b(?!['’]?\s*[A-Z])"
)
# "Brandon's ex-wife, Susan,": one of a named family, named by a given name
_OWNED_KIN_NAME_RE = re.compile(
    r"(?<![\w'’.-])(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w\-]+(?:['’]s|s['’])\s+(?:" + "|".join(sorted(_MALE_KIN | _FEMALE_KIN))
    + r"),?\s+" + _CAPITALISED + r"+(?=,)"
)


_NICKNAMED_RE = re.compile(
    r"(?<![\w'’.-])(" + _CAPITALISED + r"+)\s+" + _MASK + r"{3,30}\.?\s+(" + _CAPITALISED + r"[\w'’\-]*)\b(?!['’]s\b)"
)
_DOCUMENT_MENTION_RE = re.compile(
    r"\b((?:a|an)\s+(?:(?!(?:" + "|".join(sorted(_STOP | {"new", "recent", "latest", "separate", "fresh", "further"}))
    + r")\b)[a-z][\w\-]*\s+){0,2}(?:"
    + "|".join(sorted(n for n in _DOCUMENT_NOUNS if not n.endswith("s"))) + r"))\b(?!['’\-])"
)


# the last word of a newspaper's or magazine's title: "The New York Times", "The Economist"
_PUBLICATION_HEADS = frozenset(
    "Times Post Journal News Economist Guardian Telegraph Mail Herald Tribune Gazette Chronicle Independent "
    "Observer Express Mirror Magazine Weekly Review Standard Monitor Globe Reporter Register Today Bulletin "
    "Inquirer Examiner Spectator Newsweek Variety Vogue Billboard Wired Politico Atlantic Yorker".split()
)
_PUBLICATION_RE = re.compile(r"\bThe\s+(" + "|".join(sorted(_PUBLICATION_HEADS)) + r")\b(?!\s+[A-Z])")
_MEDIA_NOUNS = frozenset("magazine newspaper paper tabloid website channel network broadcaster station".split())
_MEDIA_NAMED_RE = re.compile(
    r"\b((?:[A-Z][\w'’&\-]*\s+){0,3}[A-Z][\w'’&\-]*)\s+(magazine|newspaper|tabloid|website|channel)\b"
)


def _mentions(
    masked: list[str], bounds: list[list[tuple[int, int]]], people: _People, paragraphs: Sequence[str]
) -> list[_Mention]:
    """People named as subjects or speakers in the narration, for pronoun resolution."""
    out: list[tuple[int, int, _NP, int]] = []
    for p, m in enumerate(masked):
        starts = [0] + [b for _, b in bounds[p]]
        ends = [s for s, _ in bounds[p]] + [len(m)]
        for s, e in zip(starts, ends):
            sentence = m[s:e]
            if not sentence.strip(" " + _MASK + "."):
                continue
            lead = _LEADING_ADVERB_RE.match(sentence)
            skip = lead.end() if lead else 0
            np, end = _np_forward(sentence[skip:])
            end += skip
            if _LEADING_PREPOSITION_RE.match(sentence, skip):
                np = None  # "With Jools Holland, …": the object of a preposition, not the subject
                opening = re.match(r"[^,;:()§]{0,80},\s+", sentence[skip:])
                if opening is not None:
                    # "At the Senate hearing Wednesday, Rand Paul tied …": the subject after the phrase
                    after_np, after_end = _np_forward(sentence[skip + opening.end() :])
                    if after_np is not None and re.match(r"\s+(?:also\s+|then\s+)?(?:[a-z]{3,}|is|was)\b", sentence[skip + opening.end() + after_end :]):
                        np, skip = after_np, skip + opening.end()
                        end = skip + after_end
            if np is not None and np.kind == "group" and np.name.split()[-1].lower() == "statement":
                # "A statement from the band's record company Universal said …": the body speaks
                source = re.match(r"\s+(?:from|by)\s+([^,;:§]{2,80}?)\s+(?:said|says|read|reads|added)\b", sentence[end:])
                body = _np_backward(source.group(1) + " ") if source is not None else None
                if body is not None and body.kind in {"person", "group"}:
                    np, end = body, end + source.end(1)
                    np = _NP(np.name, "org") if np.kind == "person" else np
            subject_np = np if np is not None and np.kind in {"person", "group"} else None
            if subject_np is not None and subject_np.kind == "group" and _described_gender(np.name) is not None:
                # "Another man says he …", "A cousin of Yassine, who asked not to be named, told CNN":
                # one unnamed person who speaks, whom "he" or "she" may mean next
                verb = next((v for v in _verb_matches(sentence) if v.start() >= end), None)
                if verb is not None and re.fullmatch(r"(?:,?\s+who\b[^§;:]*?)?\s*", sentence[end : verb.start()]):
                    people.describe(np.name)
            if np is not None and np.kind == "pronoun" and (np.role or "").startswith("the ") and _group_head(np.role) in _SPOKES:
                # "Later, the prime minister's official spokesman urged …": what "the spokesman" means later
                out.append((p, s + skip, _NP(np.role, "group"), 2))
            elif np is not None and np.kind == "pronoun" and np.name.startswith("the ") and re.match(r"\s+[a-z]", sentence[end:]):
                # "The prosecutor thanked the public.": the office holder named before is the subject
                out.append((p, s + skip, _NP(np.name, "described"), 2))
            if np is not None and np.kind != "pronoun":
                rest = sentence[end:]
                appos = re.match(r",\s*((?:a|an|the|of)\s[^,;:§]{2,200}),\s+[a-z]", rest)
                if appos and np.kind == "person":
                    np = _NP(np.name, np.kind, _clean(appos.group(1)), np.gender)
                # (also "X -- who … -- backed", "X -- a former … -- backed": an apposition in dashes)
                if re.match(r"\s*(?:,|[a-z]|(?:--|—|–)\s*(?:who|whose|a|an|the)\s)", rest):
                    kind = np.kind
                    if kind == "person" and re.match(r"\s+(?:are|were|have)\b", rest):
                        kind = "org"  # "Duran Duran are …": a band, a team, a firm
                    out.append((p, s + skip, _NP(np.name, kind, np.role, np.gender) if kind != np.kind else np, 2))
            for verb in _verb_matches(sentence):
                if (sentence[verb.end() :] + m[e : e + 1]).split(_MASK)[0].rstrip().endswith("?"):
                    continue  # a question asks about the words: "…, as Kilroy-Silk once declared?"
                pre = sentence[: verb.start()]
                cue = _np_backward(pre)
                if verb.group().lower() in _PARTICIPLES and pre.rstrip().endswith(","):
                    # "X broke away from the text, claiming …": the clause's subject reports words
                    subject = _clause_subject(pre.rstrip()[:-1])
                    if subject is None and subject_np is not None:
                        subject = (subject_np, skip)
                    if subject is not None and subject[0].kind != "pronoun":
                        out.append((p, s + subject[1], subject[0], 3))
                        continue
                if cue is not None and cue.kind == "group" and verb.group().lower() in {"posted", "published", "released", "issued"} and (
                    _group_head(cue.name) in _STATEMENT_NOUNS | _DOCUMENT_NOUNS
                ):
                    continue  # "… in a statement posted on Facebook": what was posted, not who
                if cue is not None and cue.kind != "pronoun":
                    out.append((p, s + len(pre.rstrip()) - 1, cue, 3))
                elif cue is not None and cue.name.startswith("the ") and _subject_only(pre.split(",")[-1]):
                    # "When asked …, the actress said it …": the one described speaks, for "she" next
                    out.append((p, s + len(pre.rstrip()) - 1, _NP(cue.name, "described"), 3))
                elif cue is None and verb.group().lower() in _INVERTIBLE and pre.rstrip().endswith((",", _MASK)):
                    # "…, said Mr Pollmann."
                    inv, inv_end = _np_inverted(sentence[verb.end() :])
                    if inv is not None and inv.kind != "pronoun" and not re.match(r"\s+[a-z]", sentence[verb.end() + inv_end :]):
                        out.append((p, s + verb.end(), inv, 3))
            for acc in re.finditer(r"\baccording\s+to\s+", sentence, re.IGNORECASE):
                # "…, according to Robert Mase, project manager …": a source, as a speaker is
                source, used = _according_np(sentence[acc.end() :])
                # (not "According to Mr Peston the prime minister said": a source of a speaker; nor
                # "“…,” he said, according to the Chronicle": a relay of the speaker's words)
                relayed = re.search(r",\s*$", sentence[: acc.start()]) and _verb_matches(sentence[: acc.start()])
                if source is not None and not relayed and source.kind in {"person", "group"} and re.match(
                    r"\s*(?:[,.;]|$)", sentence[acc.end() + used :]
                ):
                    out.append((p, s + acc.end(), source, 3))
        # every other full name (two or more capitalised words) anywhere in the narration
        for chain in _CHAIN_RE.finditer(m):
            toks = chain.group().split()
            body = re.search(r"([A-Z][\w\-]*)\s+(?:of|for)\s+(?:the\s+)?$", m[max(0, chain.start() - 40) : chain.start()])
            if body is not None and body.group(1).lower() in _ORG_KEYWORDS and not any(t.lower() in _GIVEN_NAMES for t in toks):
                continue  # "Syrian Observatory for Human Rights": the tail of a body's name, no one
            title_of = re.search(r"\b([\w-]+)\s+(?:of|for)\s+$", m[max(0, chain.start() - 30) : chain.start()])
            if (
                len(toks) >= 3 and toks[0].lower() not in _GIVEN_NAMES and title_of is not None
                and (toks[1].lower() in _GIVEN_NAMES or title_of.group(1).lower().split("-")[-1] in _TITLES)
            ):
                toks = toks[1:]  # "Archbishop of Canterbury Rowan Williams": the see is no part of the name
            np = _name_np(toks, None)
            if np is None or len(np.name.split()) < 2:
                continue
            first = np.name.split()[0].lower()
            if re.search(r"-[a-z]+$", np.name):
                continue  # "Los Angeles-based": a modifier, no name
            if _geo_like(np.name) or np.name.isupper() or np.kind == "group" or np.name.split()[-1].lower() in _LAW_WORDS:
                continue  # (a place, an acronym, a body like "Team Pacquiao": never a person to resolve to)
            prev_words = re.findall(r"[\w'’-]+", m[max(0, chain.start() - 40) : chain.start()])
            prev_word = prev_words[-1] if prev_words else ""
            tail = m[chain.end() : chain.end() + 40]
            org_like = (
                _is_org(np.name)
                or _modifies_role(np.name, tail)
                or (prev_word.lower() == "the" and not np.role and toks[0].lower() != "the")
                or prev_word.lower() in _ORG_NOUNS_BEFORE
                or re.match(r"['’]s\s+(\w+)", tail) is not None
                and re.match(r"['’]s\s+(\w+)", tail).group(1).lower() in _INSTITUTION_NOUNS | _ORG_KEYWORDS | {"shares", "supporters", "fans", "players", "staff", "board", "chief", "boss"}
                or re.match(r"\s+(?:are|were|have)\b", tail) is not None
                and prev_word.lower() not in {"and", "&"}
                and not _is_role_noun(prev_word)
                or prev_word.lower() in {"of", "for", "at", "with", "from"}
                and len(prev_words) >= 2
                and (_is_role_noun(prev_words[-2]) or prev_words[-2].lower() in _ROLE_MODIFIERS)
            )
            if org_like:
                office = re.match(r"['’]s\s+(Office|Department|Bureau|Agency|Service|Ministry|Commission)\b", tail)
                name = f"{np.name}'s {office.group(1)}" if office else np.name  # "the Marin County Sheriff's Office"
                # what "the magazine" means later: "US magazine Rolling Stone"
                noun = prev_word.lower() if prev_word.lower() in _MEDIA_NOUNS else None
                out.append((p, chain.end() - 1, _NP(name, "org", noun), 1))
                continue
            gender = np.gender or ("m" if first in _MALE_NAMES else "f" if first in _FEMALE_NAMES else "")
            reflexive = re.match(r",\s*(?:who\s+[^,.;:§]{0,60}?\b)?(herself|himself|her|his)\b", tail)
            if not gender and reflexive:
                gender = "f" if reflexive.group(1).startswith("her") else "m"  # "Cate Blanchett, herself nominated"
            if np.role is None and _is_role_noun(prev_word) and re.search(r"\w\s+$", m[max(0, chain.start() - 3) : chain.start()]):
                # "urged London mayor Ken Livingstone": the role, for "the mayor" later
                lead = prev_words[-2:] if len(prev_words) >= 2 and (
                    prev_words[-2][:1].isupper() or prev_words[-2].lower() in _ROLE_MODIFIERS
                ) and prev_words[-2].lower() not in _STOP else [prev_word]
                np = _NP(np.name, np.kind, " ".join(lead), np.gender)
            if np.role is None and prev_word.lower() in _KIN and len(prev_words) >= 2 and prev_words[-2].lower() in _POSSESSIVE_PRONOUNS | {"whose"}:
                np = _NP(np.name, np.kind, prev_word.lower(), np.gender)  # "Her father, Richard Williams": a relative
            personal = bool(gender) or bool(np.role) or first in _EITHER_NAMES or re.match(r",\s*who\b", tail) is not None or _is_role_noun(prev_word)
            # an object is less salient, unless a relative clause introduces it ("…, who plays")
            clause = re.split(r"[,.;:()§]", m[max(0, chain.start() - 40) : chain.start()])[-1]
            near = [w.lower() for w in re.findall(r"[\w'’-]+", clause)[-3:]]
            oblique = prev_word.lower() in _OBLIQUE_BEFORE or any(w in _PREPOSITIONS for w in near)
            # a member of a list or a cast ("starring A as X and B as Y", "A, B and C") is weak too
            listed = (
                _LISTED_AFTER_RE.match(tail) is not None
                or prev_word.lower() in {"and", "or", "&"} and (
                    _CAST_WORD_RE.search(clause) is not None
                    or _LISTED_BEFORE_RE.search(m, max(0, chain.start() - 60), chain.start()) is not None
                )
            )
            oblique = oblique or listed
            # so is the subject of reported words ("told the BBC that Vera Drake was …")
            reported = prev_word.lower() == "that" and len(prev_words) >= 2 and prev_words[-2].lower() not in _STOP
            tier = 0 if (oblique or reported) and not re.match(r",\s*who\b", tail) else 1
            # a bare capitalised pair may be a place or an event: weak unless a first name
            out.append((p, chain.end() - 1, _NP(np.name, "person" if personal else "weak", np.role, gender), tier))
        # "with The Economist going so far as …": a publication by its title, for "the magazine" later
        for mt in _PUBLICATION_RE.finditer(m):
            out.append((p, mt.end(1) - 1, _NP(mt.group(1), "org"), 1))
        # "in Panorama magazine": a title named by its kind, for "the magazine" later
        for mt in _MEDIA_NAMED_RE.finditer(m):
            if mt.group(1).split()[0].lower() not in _STOP:
                out.append((p, mt.end(1) - 1, _NP(mt.group(1), "org", mt.group(2).lower()), 1))
        # "even Federer himself": an emphatic reflexive makes a bare surname salient
        for mt in _REFLEXIVE_NAME_RE.finditer(m):
            before_word = re.findall(r"[\w'’-]+", m[max(0, mt.start() - 12) : mt.start()])[-1:]
            if before_word and before_word[0].lower() in _PRONOUNS:
                continue  # "She Googled herself": a verb after a pronoun
            if mt.group(1).lower() not in _STOP and mt.group(1).lower() not in _TITLES:
                out.append((p, mt.end(1) - 1, _NP(mt.group(1), "person", None, "f" if mt.group(2) == "herself" else "m"), 2))
        # "should Mourinho decide": a bare surname, a mention of someone named in full before
        for mt in _SINGLE_NAME_RE.finditer(m):
            word = mt.group()
            if word.lower() in _STOP:
                continue
            if word.lower() in _TITLES and not (_title_as_surname(word) and re.match(r"\s+[a-z]", m[mt.end() :])):
                continue
            if mt.start() in starts:
                if word.lower() in _TITLES:
                    # "Bishop said that …": a surname that is also a title (kept if someone has it),
                    # the subject of its sentence
                    out.append((p, mt.end() - 1, _NP(word, "single"), 2))
                continue
            prev_words = re.findall(r"[\w'’-]+", m[max(0, mt.start() - 30) : mt.start()])
            if (
                prev_words and prev_words[-1][:1].isupper() and prev_words[-1].lower() not in _TITLES | _STOP
                and re.search(r"[\w'’-]\s+$", m[max(0, mt.start() - 3) : mt.start()])
            ):
                continue  # the end of a longer name
            if prev_words and prev_words[-1].lower() in {"the", "a", "an"} and re.search(r"\w\s+$", m[max(0, mt.start() - 3) : mt.start()]):
                continue  # "The Mayweather fight": a name as a modifier, not the person
            while prev_words and prev_words[-1].lower() in _TITLES:
                prev_words = prev_words[:-1]  # "told Mr Brown": the word before the title
            clause = re.split(r"[,.;:()§]", m[max(0, mt.start() - 40) : mt.start()])[-1]
            near = [w.lower() for w in re.findall(r"[\w'’-]+", clause) if w.lower() not in _TITLES][-3:]
            oblique = bool(prev_words) and prev_words[-1].lower() in _OBLIQUE_BEFORE or any(w in _PREPOSITIONS for w in near)
            # ("told Mr Brown, who …" makes Brown salient; "A cousin of Yassine, who …" does not)
            whose = len(prev_words) >= 2 and prev_words[-1] == "of" and prev_words[-2].lower() in _PERSON_HEADS
            tier = 0 if oblique and (whose or not re.match(r",\s*who\b", m[mt.end() :])) else 1
            out.append((p, mt.end() - 1, _NP(word, "single"), tier))
        # Jimmy “the Whirlwind” White: a nickname in quote marks inside a name
        for mt in _NICKNAMED_RE.finditer(m):
            given = mt.group(1)
            known = given.lower() in _GIVEN_NAMES or (
                # 'Manny "the Pacman" Pacquiao': an unlisted first name before a "the …" nickname
                given.lower() not in _STOP | _TITLES | _SENTENCE_ADVERBS and not _is_org(given)
                and re.match(r"\s*[“\"'‘]the\s", paragraphs[p][mt.start(0) + len(given) :]) is not None
            )
            if known and mt.group(2).lower() not in _STOP:
                gender = "m" if given.lower() in _MALE_NAMES else "f" if given.lower() in _FEMALE_NAMES else ""
                out.append((p, mt.end() - 1, _NP(f"{given} {mt.group(2)}", "person", None, gender), 2))
        # "according to a copy of a police affidavit": a document that "the affidavit" names later
        for mt in _DOCUMENT_MENTION_RE.finditer(m):
            out.append((p, mt.end() - 1, _NP(mt.group(1), "document"), 0))
        # "his son Nick, a trainee vicar, who …": a relative named by a first name only
        for mt in _KIN_NAME_RE.finditer(m):
            kin = mt.group(1).lower()
            gender = "f" if kin in _FEMALE_KIN else "m" if kin in _MALE_KIN else ""
            out.append((p, mt.end(2) - 1, _NP(mt.group(2), "person", kin, gender), 1))
        for mt in _OWNED_KIN_NAME_RE.finditer(m):
            named = _kin_named(mt.group())
            if named is not None and " " in named.name:
                out.append((p, mt.end() - 1, named, 2))
    # register names in text order so that the first full form wins
    out.sort(key=lambda t: (t[0], t[1]))
    registered: list[_Mention] = []
    for p, pos, np, tier in out:
        if np.kind == "single":
            known = [
                c for c in reversed(people.canon)
                if len(c.split()) >= 2 and people.first_at.get(c, (p, pos)) < (p, pos) and _close(np.name, _surname(c))
                and people.is_person(c) and (c in people.personal or c in people.gender or c.split()[0].lower() in _GIVEN_NAMES)
            ]
            if len(known) > 1:
                # the one a bare surname names when two share it, as everywhere else
                chosen = people.add(_NP(np.name, "person"), (p, pos))
                known = [chosen] if chosen in known else known
            if known:
                registered.append((p, pos, known[0], "person", tier))
            continue
        if np.kind == "document":
            people.add(_NP(np.name, "group"), (p, pos))  # a name for "the affidavit", never for "they"
            continue
        if np.kind == "described":
            # ("the President" is no Vice President)
            holder = next((
                c for c in reversed(people.canon)
                if people.first_at.get(c, (p, pos)) < (p, pos) and people.is_person(c) and _holds_office(people, c, np.name[4:].lower())
            ), None)
            if holder is not None:
                registered.append((p, pos, holder, "person", tier))
            continue
        if np.kind == "org":
            canon = people.add(_NP(np.name, "person"), (p, pos))
            people.orgs.add(canon)
        else:
            canon = people.add(_NP(np.name, "person", np.role, np.gender) if np.kind == "weak" else np, (p, pos))
        if np.kind == "person" and people.kind.get(canon) == "person" and (np.gender or np.role):
            people.personal.add(canon)
        registered.append((p, pos, canon, np.kind, tier))
    return registered


def _earlier_holder(group: str, at: tuple[int, int], mentions: list[_Mention], people: _People) -> str | None:
    """The person a definite "the Kremlin spokesman" stands for: the latest one named shortly
    before with that job ("presidential spokesman Dmitry Peskov")."""
    words = group.split()
    if len(words) < 2 or words[0].lower() in _INDEFINITE or words[0][:1].islower() and words[0].lower() != "the":
        return None
    head = words[-1].lower()
    if head not in _ROLE_NOUNS:
        return None
    for p, pos, name, kind, _tier in sorted(mentions, key=lambda m: (m[0], m[1]), reverse=True):
        if (p, pos) >= at or kind != "person":
            continue
        if p < at[0] - 2 or p == at[0] and at[1] - pos > 1500:
            break
        name = people.final(name)
        if people.is_person(name) and head in re.findall(r"[\w-]+", (people.role.get(name) or "").lower()):
            return name
    return None


def _named_holder(
    group: str, at: tuple[int, int], mentions: list[_Mention], people: _People, bounds: list[list[tuple[int, int]]],
    masked: list[str],
) -> str | None:
    """The person an unnamed "a judge" turns out to be when the next sentence names them with
    that title ("… a judge claimed … “urban savages”. Judge Charles Harris QC made his remarks")."""
    words = group.split()
    if len(words) < 2 or words[0].lower() not in {"a", "an"} or words[-1].lower() not in _ROLE_NOUNS:
        return None
    head = words[-1].lower()
    # "a Labour spokesman": Labour's; "a family spokeswoman": the family's, not "a spokeswoman for his church"
    modifiers = [w for w in words[1:-1] if w[:1].isupper() or w in _WHOSE_NOUNS]
    context = (masked[at[0] - 1] if at[0] > 0 else "") + " " + masked[at[0]][: at[1]]
    here = _sentence_of(bounds, *at)
    nxt_start = min([b for _, b in bounds[at[0]] if b > at[1]], default=None)
    for p, pos, name, kind, _tier in mentions:
        if p != at[0] or pos <= at[1] or kind != "person":
            continue
        sent = _sentence_of(bounds, p, pos)
        if sent != here and (nxt_start is None or sent != (p, nxt_start)):
            continue
        name = people.final(name)
        sent_text = masked[p][sent[1] : pos + 1]
        first = sent_text.find(name.split()[0])
        lead = re.findall(r"[\w-]+", sent_text[max(0, first - 40) : first].lower())[-3:] if first >= 0 else []
        role_words = re.findall(r"[\w-]+", (people.role.get(name) or "").lower())
        if (
            head in lead and people.is_person(name)
            and (sent == here or _BACK_REFERENCE_RE.search(masked[p], pos, pos + 160) is not None)
        ):
            return name
        if (
            sent != here and _tier >= 3 and people.is_person(name) and (head in lead or head in role_words)
            and all(m.lower() in role_words + lead for m in modifiers)
            and _affiliation_known(sent_text[max(0, first - 40) : first] + " " + (people.role.get(name) or ""), context)
        ):
            # "A spokesman stressed …. “…,” MAB spokesman Dr Azzam Tamimi said": the next
            # sentence's speaker holds the same job
            return name
    return None


def _affiliation_known(role: str, context: str) -> bool:
    """Every body a job holder's role names ("MAB spokesman") was named in the context before the
    unnamed description: the description then stands for the same body's holder (not "Lib Dem
    home affairs spokesman Mark Oaten" after another party's "a spokesman")."""
    for word in re.findall(r"[A-Z][\w&\-]*", role):
        low = word.lower()
        if low in _TITLES or low in _STOP or low in _HONORIFICS or low.rstrip(".") in _HONORIFICS:
            continue
        if not re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", context):
            return False
    return True


# "… made his remarks", "… whose comments": a sentence that refers back to reported words
_BACK_REFERENCE_RE = re.compile(r"\b(?:his|her|their|the|these|those|whose)\s+(?:remarks|comments|words|claims?|statement)\b")


def _sentence_of(bounds: list[list[tuple[int, int]]], p: int, pos: int) -> tuple[int, int]:
    return (p, max([b for _, b in bounds[p] if b <= pos], default=0)) if 0 <= p < len(bounds) else (p, 0)


def _previous_sentence(bounds: list[list[tuple[int, int]]], sent: tuple[int, int]) -> tuple[int, int] | None:
    p, start = sent
    if start > 0:
        return (p, max([b for _, b in bounds[p] if b < start], default=0))
    if p > 0:
        return (p - 1, max([b for _, b in bounds[p - 1]], default=0))
    return None


@functools.lru_cache(maxsize=256)
def _quote_words(quote: str) -> frozenset[str]:
    return frozenset(_PLAIN_WORD_RE.findall(quote))


_PLAIN_WORD_RE = re.compile(r"[^\W_]+")


_ADDRESSEE_RE = re.compile(
    r"[\s,—–\-]*(?:he|she|He|She)\s+(?:told|tells|asked|asks|assured|assures|reminded|reminds)\s+"
    r"((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)\b"
)


def _named_in(name: str, quote: str) -> bool:
    """The quote names this person in the third person ("I think Sean's situation …")."""
    words = _quote_words(quote)
    return any(len(tok) >= 3 and tok[:1].isupper() and tok.lower() not in _TITLES and tok in words for tok in name.split())


_PRONOUN_JOINED_RE = re.compile(r"[^,;:§]{0,60}?\s(?:as|and|while|when|before|after|but|until|because)\s+(he|she)\s+[a-z]")
# "She will now …", "But He …", "Now she runs …" (not "But, he added, …": a parenthesis)
_PRONOUN_OPENING_RE = re.compile(
    r"\s*(?:(?:Then|Later|Still|Now|Today)\s+(he|she)|(?:(?:But|And|Then|Later|Still|Now)\s*,?\s+)?(He|She))\s+[a-z]"
)
_PARENTHETICAL_RE = re.compile(r",\s+(he|she|they)\s+(?:said|says|added|alleged|claimed|argued|insisted|noted|wrote)\s*,\s")


def _pronoun_of(match: re.Match[str]) -> str:
    """The pronoun a `_PRONOUN_OPENING_RE` or `_PARENTHETICAL_RE` match found, lower-cased."""
    return next(g for g in match.groups() if g).lower()


def _sentence_text(people: _People, bounds: list[list[tuple[int, int]]], sent: tuple[int, int]) -> str:
    """The masked text of the sentence that starts at `sent` (paragraph, offset)."""
    if sent[0] >= len(people.texts):
        return ""
    text = people.texts[sent[0]]
    end = min([b for b, _ in bounds[sent[0]] if b >= sent[1]], default=len(text))
    return text[sent[1] : end]


_PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|made|told|called|known|seen|sent|held|led|left|found|put|set)\b|\bby\b")


_ANSWER_RE = re.compile(r"[A-Za-z]+\s+(?:answered|replied|responded|retorted|answers|replies|responds)\b")
_ASKED_RE = re.compile(r"\basked\s+((?:[A-Z][\w'’\-]+\s+)*[A-Z][\w'’\-]+)\s+(?:if|whether|what|why|how|when|about|to)\b")


_ORDINAL = r"(another|a\s+(?:second|third|fourth|fifth))"
_ORDINAL_AFTER_RE = re.compile(r"\s*,?\s*([a-z]+)\s+" + _ORDINAL + r"\s*(?:[.,;!?]|$)", re.IGNORECASE)
_ORDINAL_BEFORE_RE = re.compile(r"(?:^|(?<=\s))" + _ORDINAL + r"\s+(?:also\s+)?([a-z]+)\s*[,:]?\s*$", re.IGNORECASE)
_ONE_OF_SOME_RE = re.compile(
    r"(?:one|an?|another)\s+(?:(?:second|third|fourth|fifth)\s+)?([a-z][\w'’\-]*(?:\s+[\w'’\-]+){0,3})", re.IGNORECASE
)


def _ordinal_speaker(before: str, after: str, at: tuple[int, int], mentions: list[_Mention], masked: list[str]) -> str | None:
    """Who "said another" or "A third wondered" is: one more of the kind last named ("one
    Mumsnet user … writes another" → "another Mumsnet user")."""
    found = _ORDINAL_AFTER_RE.match(after)
    ordinal, verb = (found.group(2), found.group(1)) if found is not None else (None, None)
    if found is None:
        found = _ORDINAL_BEFORE_RE.search(before)
        ordinal, verb = (found.group(1), found.group(2)) if found is not None else (None, None)
    if ordinal is None or verb.lower() not in _SPEECH_VERBS:
        return None
    for p, pos, name, kind, _tier in sorted(mentions, key=lambda m: (m[0], m[1]), reverse=True):
        if (p, pos) >= at:
            continue
        if p < at[0] - 1 or p == at[0] and at[1] - pos > 400:
            break
        one = _ONE_OF_SOME_RE.fullmatch(name)
        if one is not None and kind == "group" and _group_head(name) not in _DOCUMENT_NOUNS | _STATEMENT_NOUNS:
            between = masked[p][pos:] + " " + masked[at[0]][: at[1]] if p < at[0] else masked[p][pos : at[1]]
            if re.search(r"\b(?:one|an?)\s+(?:" + "|".join(sorted(_DOCUMENT_NOUNS)) + r")\b", between, re.IGNORECASE):
                return None  # "In one post, he wrote … Another said": one more post, not one more person
            return f"{ordinal.lower()} {one.group(1)}"
    return None


def _person_asked(masked: list[str], bounds: list[list[tuple[int, int]]], p: int, pos: int, people: _People) -> str | None:
    """For "he answered" / "she replied": the person "X asked Y …" asked in the sentence before."""
    if not _ANSWER_RE.match(masked[p], pos):
        return None
    starts = [0] + [b for _, b in bounds[p] if b <= pos]
    here = starts[-1]
    window = masked[p][starts[-2] if len(starts) >= 2 else 0 : here] if here > 0 else (masked[p - 1] if p > 0 else "")
    window += masked[p][here:pos]
    found = list(_ASKED_RE.finditer(window))
    if not found:
        return None
    np = _name_np(found[-1].group(1).split(), None)
    if np is None or np.kind != "person":
        return None
    name = people.final(people.add(np))
    return name if people.is_person(name) else None


def _acting_subject(before: str) -> tuple[_NP, int] | None:
    """The person or he/she that opens the sentence (after a short adverbial) and acts in the
    words before a quote, with no other clause, passive or speech in between; with its offset."""
    skip = 0
    lead = _LEADING_ADVERB_RE.match(before)
    if lead:
        skip = lead.end()
    opening = re.match(r"\s*(?:In|On|At|During|After|Before|Since|Later|Earlier)\b[^,;:()]{0,60},\s+", before[skip:])
    if opening:
        skip += opening.end()
    np, end = _np_forward(before[skip:])
    titled = re.match(r"\s*(" + _CAPITALISED + r"+)(?=\s+[a-z])", before[skip:]) if np is None else None
    if titled is not None and _title_as_surname(titled.group(1)):
        np, end = _NP(titled.group(1), "single"), titled.end()  # "Bishop appealed …": a surname, or a title
    if np is None or not (np.kind in {"person", "single"} or np.kind == "pronoun" and np.name in {"he", "she"}):
        return None
    rest = before[skip + end :]
    verb = re.match(r"\s+(?:also\s+|then\s+|later\s+|again\s+)?([a-z]+)\b", rest)
    if verb is None or verb.group(1) in _STOP - _AUX:
        return None  # a verb must follow the subject ("Walker hit", "he laid out")
    if _verb_matches(rest) or re.search(r"[,;:()—–]", rest):
        return None  # (but "He urged politicians to “speak more from the heart”" is his)
    own = re.split(r"\b(?:that|who|which|whom|where|whose)\b", rest)[0]  # (a relative clause may be passive)
    if _PASSIVE_RE.search(own) or re.search(r"\b(?:but|while|when|because|if|as)\b", own):
        return None
    return np, skip


_OFFICES = frozenset("minister president chancellor secretary mayor governor premier senator king queen pope".split())


def _holds_office(people: _People, name: str, phrase: str, nationality: Sequence[str] = ()) -> bool:
    """True if the role or title `name` was given is the office `phrase` ("prime minister",
    "the Israeli leader" with its nationality), not a lesser one ("deputy prime minister")."""
    words = re.findall(r"[\w-]+", (people.role.get(name) or "").lower()) + ([people.title[name]] if name in people.title else [])
    if nationality and not all(w.lower() in words for w in nationality):
        return False
    if phrase == "leader" and any(w in words for w in ("prime", "president", "premier", "chancellor", "king")):
        words = words + ["leader"]  # "the Israeli leader": the head of government, whatever the title
    if phrase == "prosecutor" and ("prosecuting" in words or "district attorney" in " ".join(words)):
        words = words + ["prosecutor"]  # "Prosecuting Attorney Bob McCulloch … The prosecutor thanked …"
    if " " in phrase:  # "the prime minister" is not the deputy prime minister
        at = (" " + " ".join(words) + " ").find(" " + phrase + " ")
        return at >= 0 and (" ".join(words)[:at].split()[-1:] or [""])[0] not in _LESSER_ROLE
    # ("the mayor" is not the deputy mayor)
    return phrase in words and not (words.index(phrase) > 0 and words[words.index(phrase) - 1] in _LESSER_ROLE)


def _other_office(role: str | None, office: str) -> bool:
    """True if a role names an office (a title word) other than `office` ("Home Secretary" for "prime minister")."""
    if office.split()[-1] not in _OFFICES:
        return False
    words = re.findall(r"[\w-]+", (role or "").lower())
    at = f" {' '.join(words)} ".find(f" {office} ")
    if at >= 0:
        before = " ".join(words)[:at].split()
        return bool(before) and before[-1] in _LESSER_ROLE  # ("the mayor" is not the deputy mayor)
    return any(w in _TITLES and w not in _HONORIFICS and w not in _ROLE_MODIFIERS for w in words)


def _resolve(
    np: _NP,
    at: tuple[int, int],
    mentions: list[_Mention],
    people: _People,
    prev_speaker: tuple[int, str | None] | None,
    bounds: list[list[tuple[int, int]]] | None = None,
    quote: str = "",
    reported_clause: bool = False,
    _depth: int = 0,
) -> str | None:
    """The person a pronoun speaker stands for.

    In order: a subject or speaker of the same sentence, then of the previous sentence, then
    the latest compatible mention that is not an object, then any compatible mention. People
    the quote itself names in the third person are never its speaker; nor, when the pronoun
    follows the quote (`reported_clause`: "Mr Blair had been “hurt”, he added"), is anyone who is
    only the subject of the reported words in the same sentence.
    """
    want = np.gender
    if want == "x":
        return prev_speaker[1] if prev_speaker and prev_speaker[1] else None
    candidates = [(p, pos, people.final(name), kind, tier) for p, pos, name, kind, tier in mentions if (p, pos) < at]
    if prev_speaker is not None and prev_speaker[1]:
        candidates.append((prev_speaker[0], -1, prev_speaker[1], people.kind.get(prev_speaker[1], "person"), 2))
    candidates.sort(key=lambda t: (t[0], t[1]))
    office = np.name[4:].lower() if np.name.startswith("the ") and np.name.split()[-1].lower() in _TITLES else ""
    # "the Iranian foreign minister": the lower-case words of the job must all be in the role
    job = [w for w in (np.role or "").split()[1:] if w.islower() and w not in _STOP | _CONNECTORS] if office and (np.role or "").startswith("the ") else []

    def ok(name: str, kind: str, tier: int = 1) -> bool:
        if want in {"m", "f", "h"}:
            if kind == "group" or people.kind.get(name) == "group":
                g = _SINGULAR_GROUP_GENDER.get(_group_head(name)) or people.described.get(name)
                return g is not None and (want == "h" or g in {want, "h"})
            if kind in {"weak", "org"} or not people.is_person(name) and not (
                # "“…,” says Nour. “…,” he remembers": a one-word name that just spoke
                prev_speaker is not None and name == prev_speaker[1] and _ONE_WORD_NAME_RE.fullmatch(name)
                and people.kind.get(name) == "person" and name not in people.orgs and not _is_org(name)
                and not _is_acronym(name) and not _geo_like(name)
            ):
                return False
            if quote and _named_in(name, quote):
                return False
            if office and _other_office(people.role.get(name), office):
                return False  # "the prime minister" is not the home secretary named before
            if len(job) >= 2 and " ".join(job) not in (people.role.get(name) or "").lower():
                return False  # "the foreign minister" is not the prime minister
            g = people.gender.get(name, "")
            return not (g and want != "h" and g != want)
        if want == "p":
            if _joint(name) and kind == "person":
                return True  # "Elizabeth Kneebone and Natalie Holmes wrote … they wrote": the pair
            if kind == "org" and tier >= 2:
                return True  # "Busted … they said": a band or firm as the subject of a sentence
            # ("they" is no letter, and no statement)
            return kind == "group" and _group_head(name) not in _DOCUMENT_NOUNS | _STATEMENT_NOUNS
        if want == "n":
            if kind == "group" or people.kind.get(name) == "group":
                # "it" may stand for one named body ("the Finance Ministry", "the AFI jury")
                head = name.split()[-1].lower()
                return np.name == "it" and len(name.split()) >= 2 and name[:1].isupper() and head in _SINGULAR_BODIES
            return (
                kind == "org" or name in people.orgs or _is_org(name) or (tier == 3 and not people.is_person(name))
                or tier >= 2 and _is_acronym(name)  # "ISIS identified two men … it said"
            )
        return False

    if want == "n" and np.name.startswith("the ") and np.name.split()[-1].lower() in _MEDIA_NOUNS:
        # "the magazine" after "in Panorama magazine" / "US magazine Rolling Stone"
        for _p, _pos, name, kind, _tier in reversed(candidates):
            if people.role.get(name) == np.name.split()[-1].lower():
                return name
        for _p, _pos, name, kind, _tier in reversed(candidates[-12:]):
            if name.split()[-1] in _PUBLICATION_HEADS and (len(name.split()) >= 2 or name == "Economist"):
                return name  # "the magazine" after "The Economist …": a title a publication has

    def pick(name: str) -> str:
        if want in {"m", "f"} and people.kind.get(name) != "group":
            people.gender.setdefault(name, want)
        if want in {"m", "f"} and people.described.get(name) == "h":
            people.described[name] = want  # "One student … she joked" is no "he" later
        if want == "n" and prev_speaker and re.match(re.escape(name) + r"s?\s+of\s", prev_speaker[1] or ""):
            return prev_speaker[1]  # "the group" after "the Boy Scouts of America said": its full name
        return name

    if np.name.startswith("the ") and want in {"m", "f", "h"}:
        # "the spokeswoman" after "a BaFin spokeswoman"; "the economist" after "X, an economist …"
        head = np.name.split()[-1].lower()
        for _p, _pos, name, kind, _tier in reversed(candidates):
            if _group_head(name) == head and (kind == "group" or people.kind.get(name) == "group"):
                return name
        phrase = np.name[4:].lower()
        # (people rarely named: "the spokesman", "the officer"; "the father" no one named without that tie)
        spokes = head in _SPOKES | _PERSON_HEADS
        # "the Israeli leader": the nationality must be in the role too
        nationality = [w for w in (np.role or "").split()[1:-1] if _DEMONYM_RE.match(w) and w not in _NOT_DEMONYMS]
        for _p, _pos, name, kind, _tier in reversed(candidates):
            if _holds_office(people, name, phrase, nationality) and kind != "group" and ok(name, kind):
                return pick(name)
        if spokes:
            return None  # "the spokesman" is no one named before without that job
    if bounds is not None:
        here = _sentence_of(bounds, *at)
        before = _previous_sentence(bounds, here)
        for sent in (here, before):
            if sent is None:
                continue
            # the latest subject of this sentence; of the one before, its main (first) subject
            # when surely a person, else its latest
            # a sentence that reports someone's words ("Livni, he said, has denounced …"): its
            # subject is what was said, not who said it
            reported = reported_clause and sent == here or _PARENTHETICAL_RE.search(_sentence_text(people, bounds, sent)) is not None
            in_sent = [
                c for c in candidates
                if c[4] >= (3 if reported else 2) and c[1] >= 0 and _sentence_of(bounds, c[0], c[1]) == sent
            ]
            if sent != here:
                for _p, _pos, name, kind, tier in in_sent:
                    sure = people.gender.get(name) or name in people.personal or people.role.get(name)
                    if sure and ok(name, kind, tier):
                        return pick(name)
            for _p, _pos, name, kind, tier in reversed(in_sent):
                if ok(name, kind, tier):
                    return pick(name)
            if sent != here and not in_sent and want in {"m", "f"} and _depth < 2:
                # "DeGuerin has said … . He said he wasn't surprised. “…,” he said": the sentence
                # before opens with the same pronoun; it stands for whom that one does
                said = _sentence_text(people, bounds, sent)
                # (or "Livni, he said, has denounced …": the same pronoun speaking in parenthesis)
                opening = _PRONOUN_OPENING_RE.match(said) or _PARENTHETICAL_RE.search(said)
                if opening is not None and _PRONOUNS[_pronoun_of(opening)] == want:
                    return _resolve(np, sent, mentions, people, prev_speaker, bounds, quote, _depth=_depth + 1)
    def weak_person(name: str, kind: str) -> bool:
        # a full name with an unknown first name ("Cate Blanchett"), never seen as an organisation
        return (
            want in {"m", "f", "h"} and kind == "weak" and name not in people.orgs and not people.gender.get(name)
            and len(name.split()) == 2 and not _is_org(name) and not (quote and _named_in(name, quote))
        )

    for min_tier in (1, 0):
        for _p, _pos, name, kind, tier in reversed(candidates):
            if tier >= min_tier and ok(name, kind, tier):
                return pick(name)
        if min_tier == 1:
            for _p, _pos, name, kind, tier in reversed(candidates):
                if tier >= 1 and weak_person(name, kind):
                    return pick(name)
    return None


# --------------------------------------------------------------------------------------
# 6. Selection
# --------------------------------------------------------------------------------------


def _pull_score(q: FoundQuote) -> float:
    n = len(_WORD_RE.findall(q.text))
    score = 0.0
    score += 2.0 if 12 <= n <= 45 else 1.0 if 8 <= n <= 70 else 0.0
    if q.text[:1].isupper() or q.text[:1] in "(‘'":
        score += 1.0
    if q.text.rstrip()[-1:] in ".!?…":
        score += 1.0
    if q.speaker_role:
        score += 0.5
    if q.speaker and len(q.speaker.split()) >= 2:
        score += 0.5
    if q.text.startswith(("…", "...")) or q.text[:1].islower():
        score -= 1.0
    return score


def pull_quotes(quotes: Sequence[FoundQuote], limit: int = 4) -> list[FoundQuote]:
    """The best 2–limit pull quotes: informative, complete, from different speakers when possible."""
    pool = [
        (i, q) for i, q in enumerate(quotes)
        if q.kind == "quote" and q.speaker and len(_WORD_RE.findall(q.text)) >= 5
    ]
    ranked = sorted(pool, key=lambda t: (-_pull_score(t[1]), t[0]))
    chosen: list[tuple[int, FoundQuote]] = []
    speakers: set[str] = set()
    # first the best complete quote of each speaker, then the rest by score
    for i, q in ranked:
        if len(chosen) >= limit:
            break
        if q.speaker not in speakers and _pull_score(q) >= _GOOD_PULL:
            chosen.append((i, q))
            speakers.add(q.speaker or "")
    for i, q in ranked:
        if len(chosen) >= limit:
            break
        if (i, q) not in chosen:
            chosen.append((i, q))
    return [q for _i, q in chosen]


_GOOD_PULL = 4.0  # a complete sentence of a good length


def quoted_people(quotes: Sequence[FoundQuote]) -> list[tuple[str, str | None, str | None]]:
    """Who's quoted: (name, role, organisation), one per person, in order of first quote."""
    seen: dict[str, tuple[str, str | None, str | None]] = {}
    for q in quotes:
        if not q.speaker or _is_groupish(q.speaker) or len(q.speaker.split()) < 2:
            continue
        if q.speaker not in seen:
            seen[q.speaker] = (q.speaker, q.speaker_role, q.organisation)
        elif seen[q.speaker][1] is None and q.speaker_role:
            seen[q.speaker] = (q.speaker, q.speaker_role, q.organisation)
    return list(seen.values())


def _is_groupish(name: str) -> bool:
    words = name.split()
    last = words[-1].lower().rstrip(".")
    if last in _GROUP_NOUNS or last in _INSTITUTION_NOUNS:
        return True
    if len(words) == 1 and words[0].lower() in _STOP:
        return True
    return _is_org(name)
