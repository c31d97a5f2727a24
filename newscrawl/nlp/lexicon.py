"""Word lists and name normalisation shared by the mention and resolution steps.

Small closed lists of English news vocabulary (titles, role words, head nouns of organisation,
event and facility names): rules over spaCy's output use them to tell a person's title from
their name and an organisation's name from a place's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newscrawl.accents import strip_accents

if TYPE_CHECKING:  # the word lists are read without spaCy too (bylines, before any parse)
    from spacy.tokens import Token


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


VALUE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
"""Numeric and time types: not entities."""

RELATIVE_TITLES: dict[str, str] = {
    "uncle": "m", "aunt": "f", "auntie": "f", "grandpa": "m", "grandma": "f", "granny": "f",
}
"""Family words that also stand as a title before a first name ("Uncle Barnaby" is the Barnaby
Thorne of a story), with the gender they imply."""

HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "mme": "f", "mlle": "f", "mx": None, "dr": None,
    "prof": None, "professor": None, "rev": None, "reverend": None, "sen": None,
    "rep": None, "gov": None, "gen": None, "col": None, "capt": None, "lt": None,
    "sgt": None, "pope": None, "sheikh": "m", "ayatollah": "m",
    "imam": "m", "rabbi": None, "brother": "m", "sister": "f", **RELATIVE_TITLES,
}
"""Titles that only ever precede a person's name, with the gender they imply (None: unknown)."""

PERSONAL_TITLES = wordset("mr mrs ms miss mx mister madam dr prof sen rep gov")
"""Honorifics stripped from any span ("Ms Davies" tagged ORG), unlike "King" or "Queen", which
also start names of places and institutions ("Queen Elizabeth Hospital")."""

ROLE_WORDS = wordset(
    """president vice prime minister secretary senator representative congressman congresswoman
    governor mayor judge justice chancellor ambassador commissioner chairman chairwoman chair
    ceo cfo coach manager chief director spokesman spokeswoman spokesperson archbishop bishop
    cardinal emir premier deputy general colonel captain lieutenant sergeant officer inspector
    detective constable superintendent admiral commander marshal attorney counsel president-elect
    foreign defence defense interior finance home health education state trade energy
    environment transport labour labor agriculture culture economy sports science
    former then acting interim incumbent leader founder head editor professor doctor dr
    striker midfielder defender goalkeeper forward winger referee player star actor actress singer
    rapper author writer novelist reporter journalist analyst economist historian scientist
    researcher student teacher activist lawyer candidate nominee member lawmaker legislator
    minister-designate secretary-general mp mep shadow creator
    boss owner official officials u.s. us uk u.k. executive insider
    correspondent columnist quarterback linebacker cornerback receiver pitcher catcher
    shortstop outfielder batsman bowler jockey speaker whip"""
)
"""Words of job titles that spaCy sometimes includes at the start of a PERSON span."""

OFFICE_QUALIFIERS = wordset("house senate majority minority parliamentary opposition")
"""Words that qualify a title inside it ("House Speaker", "Senate Majority Leader"): part of
the title when a title word follows them, never a name of their own there."""

ENCLOSING_PREPOSITIONS = wordset("in into across near throughout within inside")
"""Place prepositions that put something in or around a place ("in Tarvia"): people are
looked "at", written "to" and heard "from", but nothing happens "in" them."""
PLACE_PREPOSITIONS = ENCLOSING_PREPOSITIONS | wordset("to from at toward towards outside via")
"""A bare name right after one of these is more likely a place than a person."""

RAISED_VOICE_LEMMAS = wordset("shout yell scream chant cry holler shriek bellow")
"""Verbs of saying out loud: what a crowd chants or shouts is speech however short ("Stop
it!"), where a short phrase after an ordinary speech verb may be a scare quote."""
SPEECH_VERB_LEMMAS = wordset(
    """say tell add note explain ask write tweet post claim insist argue continue declare state
    warn reply respond answer recall remark announce acknowledge admit suggest comment observe
    assert contend maintain emphasize emphasise stress predict promise vow joke quip exclaim
    whisper mutter urge concede conclude testify confirm deny report complain boast brag lament
    muse wonder pledge counter retort interject agree disagree caution charge allege reiterate
    repeat proclaim recount describe elaborate begin offer point put tout demand plead implore
    mock chide scoff sneer thunder fume gush marvel concur recommend advise read affirm assure
    reassure question query inquire enquire opine reason reflect reveal disclose confide
    profess swear attest clarify specify speculate hint lecture preach rant riff vent crow
    gloat protest object rebut scold rebuke admonish tease taunt apologize apologise sigh laugh
    chuckle groan grumble murmur snap growl sing email text message bark blurt stammer"""
) | RAISED_VOICE_LEMMAS
"""Verbs of saying, as base forms: the project's one list of them (a quote's cue; "X said" as
evidence that X is a person). Look words up in `SPEECH_VERBS`, which has every inflection."""
IRREGULAR_SPEECH_FORMS = {
    "say": "said", "tell": "told", "write": "wrote written", "begin": "began begun",
    "put": "put", "read": "read", "plead": "pled",
    "swear": "swore sworn", "sing": "sang sung", "go": "went gone goes", "shoot": "shot",
    "hit": "hit",
}
"""Past forms of the speech verbs that the regular rules of `_inflections` do not make."""


def _inflections(verb: str) -> set[str]:
    """The regular -s, -ed and -ing forms of a base form (the model runs without its
    lemmatizer). A final consonant after one vowel is also doubled ("quipped", "admitted"):
    a spare form that is no word costs nothing."""
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    forms = {verb, verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"),
             verb + "ed", verb + "ing"}
    if re.search(r"(?:^|[^aeiou]|qu)[aeiou][^aeiouwxy]$", verb):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


SPEECH_VERBS: dict[str, str] = {
    form: verb
    for verb in sorted(SPEECH_VERB_LEMMAS)
    for form in _inflections(verb) | set(IRREGULAR_SPEECH_FORMS.get(verb, "").split())
}
"""Every inflected form of the speech verbs (lowercase) -> its base form."""

PHRASAL_SPEECH_VERBS = {"go": "on", "fire": "back", "shoot": "back", "hit": "back", "chime": "in"}
"""Verbs of saying only with this particle ("he went on", "she fired back", "chimed in"). A
quote's cue with it; without it they say nothing about speech ("the talks went on", "shares
hit a record"), so they stay out of SPEECH_VERB_LEMMAS."""

PHRASAL_SPEECH_FORMS: dict[str, str] = {
    form: verb
    for verb in sorted(PHRASAL_SPEECH_VERBS)
    for form in _inflections(verb) | set(IRREGULAR_SPEECH_FORMS.get(verb, "").split())
}
"""Every inflected form of the phrasal speech verbs (lowercase) -> its base form."""

ORG_SUFFIXES = wordset(
    "inc incorporated corp corporation ltd limited llc plc co company ag sa gmbh nv bv party fc"
)
"""Last words an organisation's name is often used without ("Facebook Inc", "Labour Party")."""


PERSON_ATTACHABLE = frozenset({"PERSON", "ORG", "PRODUCT", "GPE", "LOC", "FAC", "WORK_OF_ART"})
"""spaCy labels a bare surname/first name may carry by mistake and still join a person."""

LABEL_PRIORITY = (
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)


KEY_CACHE_SIZE = 1 << 14
"""Names remembered by the key functions: an article repeats its names dozens of times, and a
crawl's articles share many (about 1 MB of cache)."""


@lru_cache(maxsize=KEY_CACHE_SIZE)
def norm_key(text: str) -> str:
    """Comparison key: accents, case, dots, hyphens, possessive and a leading "the" ignored."""
    s = strip_accents(text).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("&", " and ")
    s = re.sub(r"'s?\b", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[^\w]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def title_word(token: Token) -> str:
    """A token as a title word: lowercased, no dot, plural folded ("Senators" -> "senator")."""
    word = token.lower_.rstrip(".")
    if len(word) > 4 and word.endswith("s") and word[:-1] in ROLE_WORDS:
        return word[:-1]
    return word


ORG_HEADS = wordset(
    """council committee ministry department university institute association society bank board
    commission agency office organisation organization union league federation foundation fund
    centre center school college academy court party church museum bureau authority service
    corporation alliance coalition front movement army force forces trust network"""
)
"""Head nouns of organisation names that often continue with "of/for/on the ..."."""

EVENT_HEADS = wordset(
    """fair olympics olympiad games cup championship championships festival conference summit
    expo marathon tournament war election elections questions awards ceremony grand prix
    open series league-cup jubilee carnival revolution parade gala exhibition fiesta regatta"""
)
NEWS_HEADS = wordset(
    """herald times post news journal gazette tribune telegraph chronicle observer mail express
    magazine guardian independent daily weekly press inquirer examiner courier"""
)
FAC_HEADS = wordset(
    """stadium arena airport bridge tower hall palace square street avenue road cathedral mosque
    temple prison station harbour harbor port dam canal highway motorway place lane boulevard
    terrace expressway freeway turnpike parkway theater theatre theaters theatres building
    lighthouse tunnel tube cemetery zoo monument memorial castle chapel abbey hotel mall plaza
    pier wharf"""
)
ROAD_WORDS = wordset(
    """motorway highway freeway interstate turnpike expressway road roads route junction exit
    northbound southbound eastbound westbound bypass"""
)
"""Words of a paragraph about driving: a letter-and-number code there names a road ("the
B4071")."""
STREET_ABBREVIATIONS = {
    "st": "street", "ave": "avenue", "av": "avenue", "rd": "road", "blvd": "boulevard",
    "ln": "lane", "sq": "square", "hwy": "highway", "pkwy": "parkway", "ter": "terrace",
    "pl": "place",
}
"""Abbreviated last words of street names ("Elm St.") -> the word in `FAC_HEADS`."""
PLACE_PREFIX_ABBREVIATIONS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point",
}
"""Abbreviated first words of place and saint's names ("St. Albury", "Mt. Kessler") -> the
word written out."""
NON_NAME_POS = frozenset({"ADV", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "VERB", "INTJ", "PART"})
"""Parts of speech of a sentence-initial word spaCy sometimes pulls into a name."""
MODIFIER_PREFIXES = wordset("pro anti non")
"""Prefixes that turn a name into a modifier ("pro-Moscow", "anti-Kremlin", "non-EU")."""
NAME_PARTICLES = wordset("al el de del della di da dos das du la le van von der den bin ibn abu")
"""Lowercase words that belong to a name ("al Qaeda", "de Gaulle")."""
POSTNOMINALS = wordset(
    "qc kc sc mp mep obe mbe cbe kbe phd md jr sr esq frs fba frse freng fras frsa"
)
"""Letters after a name ("Mark Tedeschi, QC") that spaCy takes for organisations, or keeps in
the name ("Ann Roe FRS"); the fellowships of learned societies are among them."""
COMPASS_WORDS = wordset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west"""
)
"""Words that make a place name a part of that place ("Kano North", "North Kano")."""
PLACE_PART_WORDS = COMPASS_WORDS | wordset("upper lower old greater inner outer downtown uptown")
"""Words before a place's name that name a part of it ("Upper Leith", "Old Brisdale")."""

UNLINKED_NOT_PERSON_PREPS = wordset("on at via from into onto through across")
"""A lone capitalised word after these ("on Twitter", "at Google") is rarely a person. Not
"in": a text cites a case, a book or a study by a person's name ("the holding in Brandt")."""

PERSON_AGENT_VERBS = wordset(
    """founded created invented written directed led coached chaired headed saved scored painted
    composed discovered signed appointed nominated interviewed"""
)
"""Passive verbs whose "by ..." agent is nearly always a person ("founded by Lena Marsk")."""

MALE_ROLE_NOUNS = wordset(
    """spokesman chairman congressman councilman assemblyman businessman sportsman statesman
    husband father son brother grandfather grandson uncle nephew boyfriend widower actor
    king prince duke emperor sultan monk dad boy man gentleman"""
)
FEMALE_ROLE_NOUNS = wordset(
    """spokeswoman chairwoman congresswoman councilwoman assemblywoman businesswoman sportswoman
    stateswoman wife mother daughter sister grandmother granddaughter aunt niece girlfriend widow
    actress queen princess duchess empress nun first-lady mom girl woman"""
)
"""Nouns that give a person's gender when they stand right before the name or in apposition
("spokeswoman Jane Roe", "John Doe, her husband,"). The one list of gendered role nouns: with
the genders of `HONORIFICS` it is all a role word or title says about a person's gender."""

COMPANY_HEADS = wordset(
    """group holdings partners industries technologies technology systems solutions energy
    renewables resources airlines airways motors pharmaceuticals pharma capital ventures media
    communications entertainment enterprises logistics labs laboratories studios brands foods
    networks telecom telecoms insurance investments securities properties developments
    construction consulting associates utilities petroleum mining shipping software electronics
    therapeutics biotech"""
)
"""Last words of company names ("Northsea Renewables", "Acme Holdings"): never a surname."""

STRONG_ORG_HEADS = wordset(
    """council committee ministry department university institute association society
    commission agency organisation organization federation foundation bureau authority alliance
    coalition academy college institution"""
)
"""Head nouns that make a name an organisation even when the model calls it a place
("North East Fishermen's Association"), unlike "Bank" or "Union" ("West Bank", "Soviet Union")."""

GEO_HEADS = wordset(
    """atoll island islands isle isles mountain mountains river lake bay sea ocean valley desert
    peninsula strait straits canal forest coast beach gulf cape glacier reef falls archipelago
    creek springs lagoon plateau"""
)
"""Head nouns of natural features (OntoNotes LOC)."""
POLITY_HEADS = wordset("empire kingdom republic emirate sultanate caliphate principality duchy")
"""Head nouns of the names of states, past or present ("Ottoman Empire", "Kingdom of Fife")."""
PLACE_FIRST_WORDS = wordset("fort mount mt port lake cape isle point saint-")
"""First words of place names ("Fort Lee", "Mount Kenya", "Lake Como"): no person's name
starts with one."""

WORK_HEADS = wordset("show podcast programme hour")
"""Head nouns of broadcast titles ("The Steve Harvey Morning Show")."""

LAW_HEADS = wordset("act bill amendment treaty accord accords convention")
"""Head nouns of named laws and treaties."""

NON_ENTITY_HEADS = wordset(
    "grant grants loan loans scholarship scholarships scheme initiative program"
)
"""Head nouns of named programmes: not a person, and no OntoNotes type fits well."""

PEOPLE_NOUNS = wordset(
    """people peoples tribe tribes tribal clan clans community communities ethnic diaspora
    language languages elders ancestors descent heritage culture kingdom empire king queen
    monarch capital"""
)
"""Nouns a one-word name modifies when it names a people ("Ashanti elders", "the Zulu capital");
a person's name modifies none of them."""


PLACE_KIND_NOUNS = wordset(
    """city town village hamlet island islands isle county province region district state
    municipality borough suburb neighbourhood neighborhood diocese parish port capital country
    republic kingdom emirate oblast prefecture canton commune outskirts suburbs streets heart
    centre center edge border borders coast coasts shore shores banks hills area areas
    residents inhabitants citizens mayor governor"""
)
"""Nouns that say the name after "of" is a place ("the island of Skarn", "the town of
Kidal", "the outskirts of Caldmere", "the residents of Brisdale"); compass words and natural
features do the same ("east of Caldmere", "the valley of ...")."""


ORG_KIND_NOUNS = wordset(
    """company firm startup start-up corporation band charity website newspaper magazine
    publisher brand chain retailer label club team airline bank broadcaster network"""
)
"""Nouns for a kind of organisation that a name stands beside ("the company Lumora", "the band
Ferric"): the name is that organisation's."""


MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
"""Pronouns that point to one person of known gender (shared by gender evidence and quotes)."""

KINSHIP_NOUNS = frozenset(RELATIVE_TITLES) | wordset(
    """mom mum mommy mummy mama mamma ma dad daddy papa pa mother father grandmother
    grandfather nana sister brother son daughter wife husband cousin nephew niece grandson
    granddaughter"""
)
"""Family words: used like names when someone is addressed ("Mom, look"), they are not named
entities; before a name they bring in a relative ("his son, Arthur Roe")."""

GENERIC_NAME_NOUNS = (
    ORG_HEADS | FAC_HEADS | GEO_HEADS | wordset("government state nation republic administration")
)
"""Common nouns that are written with a capital when they stand for one institution or place
("the Court", "the State", "the Government"): a name only as part of a longer name."""

VEHICLE_NOUNS = wordset(
    """ship vessel boat yacht ferry liner steamer steamship frigate destroyer carrier submarine
    spacecraft probe rover lander orbiter shuttle capsule satellite rocket telescope airship"""
)
"""Nouns a named vehicle's name modifies ("the Voyager probe"): the name is a thing (PRODUCT)."""
SHIP_PREFIXES = wordset("uss hms hmas hmcs rms ss mv ms hmnzs ins")
"""Prefixes of ships' names ("USS Enterprise", "HMS Victory")."""
VEHICLE_VERBS = wordset(
    """sail sails sailed sink sinks sank sunk dock docks docked launch launches launched land
    lands landed orbit orbits orbited moor moored capsize capsized"""
)
"""What a named vehicle does ("the Mary Rose sank"); inflected forms, as the parse has no
lemmas."""
