"""Personal names: how a written name splits into given names and a surname, and when two agree.

Newswire names a person in full once ("Bashar al-Assad", "Ferry de Kerckhove", "Ash Carter")
and by surname after that ("Assad", "de Kerckhove", "Carter"), sometimes with an honorific or a
title that spaCy keeps inside the entity ("Mr. Goodale", "President Obama"). Matching works on a
surname key with particles ("al-", "de", "van") folded away and on given names compared through
a table of common English short forms (Ash = Ashton, Bill = William).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Honorifics and titles that spaCy sometimes includes in a PERSON span; never part of a name.
TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr sir dame lord lady rev reverend fr father sister brother sheikh
gen general lt lieut lieutenant col colonel maj major capt captain cmdr commander adm admiral
brig brigadier sgt sergeant cpl corporal pte private pvt prof professor
president vice prime minister premier chancellor secretary senator sen rep representative
governor gov mayor king queen prince princess emperor ambassador envoy judge justice chief
spokesperson spokesman spokeswoman pope cardinal bishop imam ayatollah
superintendent inspector detective constable commissioner sheriff broadcaster
""".split())

# Lower-case particles that belong to the surname ("de Kerckhove", "van der Berg", "bin Laden").
_PARTICLES = frozenset("de del della der den di da du des dos das la le van von ter ten bin ibn "
                       "ben abu al el st".split())
# Arabic article prefixes written with a hyphen ("al-Assad"): "Assad" names the same person.
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an)[-‐‑’']", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")

# Common English short forms -> the full given names they stand for. Both sides compare equal.
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "ash": ("ashton",), "bill": ("william",), "billy": ("william",), "will": ("william",),
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "bert": ("robert", "albert"),
    "jim": ("james",), "jimmy": ("james",), "jamie": ("james",), "mike": ("michael",),
    "mick": ("michael",), "tom": ("thomas",), "tommy": ("thomas",), "dave": ("david",),
    "dan": ("daniel",), "danny": ("daniel",), "joe": ("joseph",), "joey": ("joseph",),
    "steve": ("stephen", "steven"), "chris": ("christopher", "christine", "christina"),
    "nick": ("nicholas",), "tony": ("anthony",), "andy": ("andrew",), "drew": ("andrew",),
    "matt": ("matthew",), "pat": ("patrick", "patricia"), "sam": ("samuel", "samantha"),
    "ben": ("benjamin",), "ed": ("edward", "edwin"), "ted": ("edward", "theodore"),
    "ned": ("edward",), "frank": ("francis",), "fred": ("frederick",), "greg": ("gregory",),
    "jack": ("john",), "johnny": ("john",), "jon": ("jonathan",), "ken": ("kenneth",),
    "larry": ("lawrence",), "len": ("leonard",), "liz": ("elizabeth",), "beth": ("elizabeth",),
    "betty": ("elizabeth",), "kate": ("katherine", "catherine"), "kathy": ("katherine",),
    "cathy": ("catherine",), "peggy": ("margaret",), "maggie": ("margaret",),
    "meg": ("margaret",), "sue": ("susan",), "jen": ("jennifer",), "jenny": ("jennifer",),
    "alex": ("alexander", "alexandra"), "al": ("albert", "alan", "alfred"),
    "charlie": ("charles",), "chuck": ("charles",), "dick": ("richard",), "rick": ("richard",),
    "rich": ("richard",), "ron": ("ronald",), "don": ("donald",), "doug": ("douglas",),
    "gerry": ("gerald",), "jerry": ("gerald", "jerome"), "harry": ("henry", "harold"),
    "hank": ("henry",), "jeff": ("jeffrey",), "phil": ("philip", "phillip"),
    "tim": ("timothy",), "vince": ("vincent",), "walt": ("walter",), "abe": ("abraham",),
    "pete": ("peter",), "russ": ("russell",), "stan": ("stanley",), "vic": ("victor",),
    "zach": ("zachary",), "josh": ("joshua",), "nate": ("nathan", "nathaniel"),
}


@dataclass(frozen=True)
class PersonName:
    """A name split for matching: given names (as written), surname as written, surname key."""

    given: tuple[str, ...]
    surname: str
    key: str

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname))

    @property
    def has_given(self) -> bool:
        return bool(self.given)


def fold(text: str) -> str:
    """Lower case without accents or curly quotes: "Renée" and "Renee" compare equal."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def clean_name(surface: str) -> str:
    """A person mention without honorifics, titles, a possessive or stray punctuation."""
    words = surface.split()
    while words and fold(words[0]).rstrip(".") in TITLE_WORDS and len(words) > 1:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]).rstrip(",;:")
    return " ".join(w for w in words if w)


def parse_name(surface: str) -> PersonName:
    """Split a cleaned person name: the surname starts at its first lower-case particle."""
    words = clean_name(surface).split()
    if not words:
        return PersonName((), surface, fold(surface))
    cut = len(words) - 1
    while cut > 0 and fold(words[cut - 1]) in _PARTICLES and words[cut - 1].islower():
        cut -= 1
    given, surname = tuple(words[:cut]), " ".join(words[cut:])
    return PersonName(given, surname, surname_key(surname))


def surname_key(surname: str) -> str:
    """What surnames are compared on: the last word, folded, without an "al-" style article."""
    last = surname.split()[-1] if surname.split() else surname
    return fold(_ARTICLE_PREFIX.sub("", last))


def given_forms(given: str) -> frozenset[str]:
    """A given name and the full names it may abbreviate ("Ash" -> {"ash", "ashton"})."""
    folded = fold(given).rstrip(".")
    return frozenset((folded, *_NICKNAMES.get(folded, ())))


def given_agrees(a: str, b: str) -> bool:
    """Same first name, a nickname of it, or an initial ("J." agrees with "John")."""
    fa, fb = fold(a).rstrip("."), fold(b).rstrip(".")
    if not fa or not fb:
        return False
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return bool(given_forms(fa) & given_forms(fb))


def same_person_name(a: PersonName, b: PersonName) -> bool:
    """Two full names that name the same person: same surname key, agreeing first names."""
    if a.key != b.key or not a.has_given or not b.has_given:
        return False
    return given_agrees(a.given[0], b.given[0])
