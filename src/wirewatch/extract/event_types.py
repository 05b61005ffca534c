"""The PLOVER event ontology: categories, quad classes, modes, and the CAMEO→PLOVER table.

Category and mode lists follow the current PLOVER manual (openeventdata/PLOVER, CC BY-SA 4.0,
© Open Event Data Alliance). The CAMEO→PLOVER table is read from the copy shipped in
`wirewatch/data/plover/` (see the NOTICE there) rather than retyped, so it stays auditable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATEGORIES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4

QUAD: dict[str, int] = {
    "AGREE": VERBAL_COOPERATION,
    "CONSULT": VERBAL_COOPERATION,
    "SUPPORT": VERBAL_COOPERATION,
    "CONCEDE": VERBAL_COOPERATION,
    "COOPERATE": MATERIAL_COOPERATION,
    "AID": MATERIAL_COOPERATION,
    "RETREAT": MATERIAL_COOPERATION,
    "REQUEST": VERBAL_CONFLICT,
    "ACCUSE": VERBAL_CONFLICT,
    "REJECT": VERBAL_CONFLICT,
    "THREATEN": VERBAL_CONFLICT,
    "PROTEST": MATERIAL_CONFLICT,
    "SANCTION": MATERIAL_CONFLICT,
    "MOBILIZE": MATERIAL_CONFLICT,
    "COERCE": MATERIAL_CONFLICT,
    "ASSAULT": MATERIAL_CONFLICT,
}

_REQUEST_REJECT_MODES = ("assist", "change", "yield", "meet")

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": _REQUEST_REJECT_MODES,
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": _REQUEST_REJECT_MODES,
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}

# PLV (Hu et al. 2024) keeps CAMEO's YIELD root, which PLOVER split into CONCEDE and RETREAT.
PLV_YIELD = "YIELD"
PLV_ROOTS: tuple[str, ...] = tuple(
    c for c in CATEGORIES if c not in ("CONCEDE", "RETREAT")
) + (PLV_YIELD,)


def to_plv_root(category: str) -> str:
    """The PLV root a PLOVER category is scored as (CONCEDE and RETREAT both become YIELD)."""
    return PLV_YIELD if category in ("CONCEDE", "RETREAT") else category


@dataclass(frozen=True)
class CameoMapping:
    """One line of the CAMEO→PLOVER table."""

    code: str
    category: str
    mode: str | None
    contexts: tuple[str, ...]
    description: str


_LINE = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<desc>.*))?$")


def parse_cameo2plover(text: str) -> list[CameoMapping]:
    """Parse the CAMEO2PLOVER-2021 table; two-digit lines are root headers, kept as rows too."""
    rows = []
    for raw in text.splitlines():
        match = _LINE.match(raw.strip())
        if not match:
            continue
        fields = [f.strip() for f in match["body"].split(",")]
        fields += [""] * (3 - len(fields))
        category = fields[0].upper()
        if category not in QUAD:
            continue
        contexts = tuple(c.strip() for c in fields[2].split(";") if c.strip())
        rows.append(
            CameoMapping(
                code=match["code"],
                category=category,
                mode=fields[1] or None,
                contexts=contexts,
                description=(match["desc"] or "").strip(),
            )
        )
    return rows


@cache
def cameo_table() -> tuple[CameoMapping, ...]:
    """The shipped CAMEO→PLOVER table (3- and 4-digit codes, plus root headers)."""
    path = Path(__file__).resolve().parents[1] / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
    return tuple(parse_cameo2plover(path.read_text(encoding="utf-8")))


@cache
def _code_index() -> dict[str, CameoMapping]:
    index: dict[str, CameoMapping] = {}
    for row in cameo_table():
        # The table lists code 175 twice (same mapping) and root 08 twice (CONCEDE, RETREAT):
        # the first wins, and two-digit headers are only a last resort in cameo_to_plover.
        index.setdefault(row.code, row)
    return index


def cameo_to_plover(code: str) -> CameoMapping | None:
    """Map a CAMEO event code to PLOVER; None for roots PLOVER dropped (01, 02) or unknown codes.

    An unlisted 4-digit code falls back to its 3-digit parent, then to its root header, except
    for root 08, whose header is ambiguous between CONCEDE and RETREAT.
    """
    code = code.strip()
    index = _code_index()
    for prefix in (code, code[:3]):
        if len(prefix) >= 3 and prefix in index:
            return index[prefix]
    root = code[:2]
    if root == "08":
        return None
    return index.get(root)
