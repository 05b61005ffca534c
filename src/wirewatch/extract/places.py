"""Toponym resolution: for each place-name span, the place the article means.

Each candidate from the gazetteer gets a prior (feature kind, population, national capital,
matched by its own name rather than an alias) plus evidence from the document:

- "City, State" / "City, Country": the qualifier names the candidate's admin1 or country;
- the countries and first-level regions the article names (spans, demonyms such as "Iraqi",
  country names anywhere in the text, the caller's hint, the dateline);
- nearness to the other places the article names (a second pass, over the first pass's picks);
- news usage: a state's or country's name means it, not a small town named after it; "New York"
  means the city unless the state is meant; a village far from everything else the article
  names is more likely a street or park of that name (left to the fallback below).

One name gets one place per article ("Paris" twice is one Paris). Metonymy ("Ottawa said") is
the caller's business: a span given here is taken to name a place, so a name the gazetteer lacks
("Royal Street", "Barclays Center") gets the place it most likely lies in, as a Place of kind
"approximate" (see places_fallback); `approximate=False` leaves such names None.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from wirewatch.extract.places_fallback import approximate_place
from wirewatch.extract.places_gazetteer import Gazetteer, Place, normalise

__all__ = ["Gazetteer", "Place", "distance_km", "resolve_toponyms"]

log = logging.getLogger(__name__)

Candidate = tuple[Place, bool, bool]

# A name that can denote a country almost always does ("China", "Mexico", "US"); regions and
# seas come next; a first-level region beats all but the largest towns of the same name.
KIND_PRIOR = {"country": 15.0, "region": 11.0, "feature": 10.0, "admin1": 5.0, "admin2": 3.0,
              "city": 0.0}
POPULATION_WEIGHT = 1.0
PRIMARY_NAME = 1.5
CAPITAL = 2.0
QUALIFIER = 8.0
COUNTRY_NAMED = 2.5
COUNTRY_REPEATED_CAP = 1.0
ADMIN1_NAMED = 3.0
CONTAINS = 2.0  # a region the article's towns lie in outweighs the towns' nearness to each other
NEARBY = ((50.0, 3.0), (150.0, 2.0), (400.0, 1.0))
# A town known by the name only as an alternate spelling ("Washington" for Watervliet) is rarely
# what news means by it; a big city's alternate names are its exonyms and stay unpenalised.
ALIAS_PENALTY = 2.0
ALIAS_TRUSTED_POPULATION = 100000
# A town named after a state or country ("California, Maryland"; "Wales, England") is what news
# means by the name only when context leaves no doubt.
NAMESAKE_TOWN_PENALTY = 4.0
NAMESAKE_TOWN_POPULATION = 100000
HAMLET_POPULATION = 10000  # below this, a town no context supports is doubted (_stray_hamlet)
# "New York" is the city unless the article is about states ("New York Gov.", other states
# named): a region's namesake metropolis (the largest city of the name, >= 1M people) is what
# news means by the bare name.
METROPOLIS = 8.0
METROPOLIS_POPULATION = 1000000
LOCAL_KINDS = frozenset({"city", "admin2"})

_DIRECTION = re.compile(r"(?:(?:North|South|East|West)(?:ern)?|Central|Middle|Upper|Lower|Coast)"
                        r"(?: (?:Region|Province|District|Coast))?")
_REGION_CUE = re.compile(r"\s+(?:State|state|Gov\b|Governor|governor|Legislature|legislature"
                         r"|Attorney General|attorney general|lawmakers|voters|Assembly)")
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w'.]*\.?)(?:[ -][A-Z][\w'.]*){0,2})")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z'’.-]*(?:\s+[A-Z][a-zA-Z'’.-]*){0,2}")


@dataclass
class _Context:
    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    contained: Counter = field(default_factory=Counter)
    anchors: list[Place] = field(default_factory=list)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def resolve_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    *,
    countries_hint: Collection[str] = (),
    dateline: str | None = None,
    approximate: bool = True,
) -> list[Place | None]:
    """The place each span of `text` names, in span order.

    `countries_hint` are ISO alpha-3 codes the caller already knows the article is about;
    `dateline` is the article's dateline place ("MOSUL, Iraq"), if any. A name the gazetteer
    lacks gets an approximate place, or None when `approximate` is False or the article names
    no place to put it in.
    """
    gazetteer = Gazetteer.load()
    names = [text[start:end] for start, end in spans]
    keys = [normalise(name) for name in names]
    candidates = {key: gazetteer.lookup(name) for key, name in zip(keys, names, strict=True)}
    qualifiers = _qualifiers(gazetteer, text, spans, keys)

    context = _text_context(gazetteer, text)
    context.countries.update({code: 2 for code in countries_hint})
    dateline_place = _dateline_place(gazetteer, dateline)
    if dateline_place is not None:
        context.countries[dateline_place.country] += 2
        context.anchors.append(dateline_place)
    for key in set(keys):
        top = candidates[key]
        if top and top[0][0].kind == "country":
            context.countries[top[0][0].country] += keys.count(key)

    ends = {end for _, end in spans}
    regions_meant = {key for (start, end), key in zip(spans, keys, strict=True)
                     if _REGION_CUE.match(text, end) or _qualifies_previous(text, start, ends)}
    first = {key: _best(cands, qualifiers.get(key, set()), context, key in regions_meant)
             for key, cands in candidates.items()}
    chosen = {}
    for key, cands in candidates.items():
        local = _local_context(context, first, key)
        place = _best(cands, qualifiers.get(key, set()), local, key in regions_meant)
        chosen[key] = None if _stray_hamlet(place, key in qualifiers, local) else place
    places = [chosen[key] for key in keys]
    if approximate:
        _approximate_unknown(gazetteer, text, spans, places, context, first)
    return places


def _local_context(context: _Context, first: dict[str, Place | None], key: str) -> _Context:
    """The article's context as seen from one name: every other name's first-pass place."""
    local = _Context(Counter(context.countries), Counter(context.admin1s), Counter(),
                     list(context.anchors))
    for other, place in first.items():
        if other == key or place is None:
            continue
        if place.kind != "country" and place.country:
            local.countries[place.country] += 1
        if place.kind == "admin1":
            local.admin1s[(place.country, place.admin1)] += 1
        elif place.kind in LOCAL_KINDS and place.admin1:
            local.contained[(place.country, place.admin1)] += 1
        if place.kind in LOCAL_KINDS:
            local.anchors.append(place)
    return local


def _approximate_unknown(gazetteer: Gazetteer, text: str, spans: list[tuple[int, int]],
                         places: list[Place | None], context: _Context,
                         first: dict[str, Place | None]) -> None:
    """Fill in, in place, the spans the gazetteer has no entry for (see places_fallback)."""
    resolved = [(start, place) for (start, _), place in zip(spans, places, strict=True)
                if place is not None]
    countries = {place.country for _, place in resolved} | set(context.countries)
    by_key: dict[str, Place | None] = {}

    def resolve_inner(name: str) -> Place | None:
        key = normalise(name)
        if key in first:
            return first[key]
        cands = gazetteer.lookup(name)
        return _best(cands, set(), _local_context(context, first, key)) if cands else None

    for i, (span, place) in enumerate(zip(spans, places, strict=True)):
        if place is not None:
            continue
        key = normalise(text[span[0]:span[1]])
        if key not in by_key:
            by_key[key] = approximate_place(gazetteer, text, span, resolved, resolve_inner,
                                             countries)
        places[i] = by_key[key]


def _best(cands: list[Candidate], qualifiers: set[tuple[str | None, str | None]],
          context: _Context, region_meant: bool = False) -> Place | None:
    if not cands:
        return None
    meant = _namesake_meant(cands, context, region_meant)
    region_named = any(p.kind in ("country", "admin1") and primary for p, primary, _ in cands)
    scored = [(_score(c, qualifiers, context) + METROPOLIS * (c[0] is meant)
               - NAMESAKE_TOWN_PENALTY * (region_named and _small_town(c[0])), -i, c[0])
              for i, c in enumerate(cands)]
    return max(scored)[2]


def _stray_hamlet(place: Place | None, qualified: bool, context: _Context) -> bool:
    """A village far from every other town the article names, in no region it names, is more
    likely a street, park or venue of the same name ("Washington Square" in a New Orleans story)
    than a trip across the country: better placed by the fallback than taken at its word. So is
    a region named by a bare direction in a country the article does not name."""
    if place is None:
        return False
    if _DIRECTION.fullmatch(place.name):
        return place.country not in context.countries  # "West" is not Cameroon's West Region
    if place.kind != "city" or place.population >= HAMLET_POPULATION:
        return False
    if qualified or not context.anchors or (place.country, place.admin1) in context.admin1s:
        return False
    return _nearness(place, context.anchors) == 0.0


def _small_town(place: Place) -> bool:
    return place.kind == "city" and place.population < NAMESAKE_TOWN_POPULATION


def _namesake_meant(cands: list[Candidate], context: _Context, region_meant: bool
                    ) -> Place | None:
    """Of a first-level region and its namesake metropolis (the largest city of the name, of
    >= 1M people, inside it), the one the article means: the region when the text says so or
    names more other regions of that country than towns of this one, else the city."""
    place = max((p for p, _, _ in cands if p.kind == "city"), key=lambda p: p.population,
                default=None)
    if place is None or place.population < METROPOLIS_POPULATION:
        return None
    region = (place.country, place.admin1)
    admin1 = next((p for p, _, _ in cands
                   if p.kind == "admin1" and (p.country, p.admin1) == region), None)
    if admin1 is None:
        return None
    other_regions = sum(n for (country, name), n in context.admin1s.items()
                        if country == place.country and (country, name) != region)
    if region_meant or other_regions > context.contained.get(region, 0):
        return admin1
    return place


def _score(cand: Candidate, qualifiers: set[tuple[str | None, str | None]],
           context: _Context) -> float:
    place, primary, capital = cand
    score = KIND_PRIOR.get(place.kind, 0.0)
    if place.kind == "city":
        score += POPULATION_WEIGHT * math.log10(place.population + 10)
    score += PRIMARY_NAME * primary + CAPITAL * capital
    if place.kind == "city" and not primary and place.population < ALIAS_TRUSTED_POPULATION:
        score -= ALIAS_PENALTY
    if place.kind != "country":
        if any(_qualifies(place, q) for q in qualifiers):
            score += QUALIFIER
        mentions = context.countries.get(place.country, 0)
        if mentions:
            # The article's main country outweighs one it names in passing.
            score += COUNTRY_NAMED + min(COUNTRY_REPEATED_CAP, math.log2(mentions))
        region = (place.country, place.admin1)
        if place.kind != "admin1" and place.admin1 and region in context.admin1s:
            score += ADMIN1_NAMED  # "Fort Campbell ... Kentucky"
        if place.kind == "admin1" and region in context.contained:
            score += ADMIN1_NAMED + CONTAINS  # "Quebec" in an article about Montreal
        if place.kind in LOCAL_KINDS:
            score += _nearness(place, context.anchors)
    return score


def _qualifies_previous(text: str, start: int, ends: set[int]) -> bool:
    """Whether the span at `start` qualifies the toponym just before it ("Buffalo, New York")."""
    comma = text.rfind(",", max(0, start - 3), start)
    return comma >= 0 and not text[comma + 1:start].strip() and comma in ends


def _qualifies(place: Place, qualifier: tuple[str | None, str | None]) -> bool:
    country, admin1 = qualifier
    if admin1 is not None:
        return place.country == country and place.admin1 == admin1
    return place.country == country


def _nearness(place: Place, anchors: Iterable[Place]) -> float:
    nearest = min((distance_km((place.lat, place.lon), (a.lat, a.lon)) for a in anchors
                   if a is not place), default=math.inf)
    return next((bonus for limit, bonus in NEARBY if nearest <= limit), 0.0)


def _qualifiers(gazetteer: Gazetteer, text: str, spans: list[tuple[int, int]],
                keys: list[str]) -> dict[str, set[tuple[str | None, str | None]]]:
    """For "X, Y" where Y is a country or first-level region: X's key -> {(country, admin1)}."""
    out: dict[str, set[tuple[str | None, str | None]]] = {}
    for (_, end), key in zip(spans, keys, strict=True):
        match = _QUALIFIER.match(text, end)
        if not match:
            continue
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            found = [p for p, _, _ in gazetteer.lookup(" ".join(words[:size]))
                     if p.kind in ("country", "admin1")]
            if found:
                out.setdefault(key, set()).update(
                    (p.country, p.admin1 if p.kind == "admin1" else None) for p in found)
                break
    return out


def _text_context(gazetteer: Gazetteer, text: str) -> _Context:
    """Countries named anywhere in the text (names, demonyms), whether spans cover them or not."""
    context = _Context()
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        for size in range(len(words), 0, -1):
            found = gazetteer.lookup(" ".join(words[:size]))
            if found:
                if found[0][0].kind == "country":
                    context.countries[found[0][0].country] += 1
                break
    return context


def _dateline_place(gazetteer: Gazetteer, dateline: str | None) -> Place | None:
    """The dateline's place: its first segment, qualified by the next when that is a country."""
    if not dateline:
        return None
    head, _, rest = dateline.partition(",")
    found = gazetteer.lookup(head.strip())
    if not found:
        return None
    qualifier = gazetteer.lookup(rest.strip()) if rest.strip() else []
    countries = {p.country for p, _, _ in qualifier if p.kind in ("country", "admin1")}
    matching = [c for c in found if c[0].country in countries] or found
    return max(matching, key=lambda c: _score(c, set(), _Context()))[0]
