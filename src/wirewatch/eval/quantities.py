"""`eval quantities`: score `find_quantities` on NewsQuant (main) or quantulum3's test cases.

NewsQuant scoring follows the CQE paper's "value+unit" F1, re-stated here:

- Every gold quantity may be matched by at most one predicted quantity of the same sentence and
  vice versa; gold quantities are taken in order and each takes the first free prediction that
  matches. Precision = matches / predictions, recall = matches / gold quantities.
- Values match within a relative tolerance of 1e-5. A gold "low-high" is a range and matches
  only a prediction with the same low and high (our ranges and vague plurals, which carry low and
  high with value None); a single gold value never matches a range and vice versa.
- Units match on NewsQuant's `normalized_unit`, lower-cased. Our unit codes are mapped to
  NewsQuant's names (`_NEWSQUANT_UNITS`). Bare "$" is annotated as plain "dollar" whatever the
  country, so "dollar" is also accepted for our USD and CAD.
- A count (unit None) is compared through its counted noun: it matches when the noun lemma is one
  of the words of the gold unit phrase ("european country" ~ "country"), because our `noun` is a
  head lemma while NewsQuant keeps modifiers. A count with no noun matches gold "-" (no unit).
- `value_f1` scores values alone, with the same one-to-one matching.

quantulum3 (`quantities.json`) is a secondary check: a prediction matches a gold quantity when
the values agree (quantulum3 gives a range as its midpoint) and the spans overlap; its units use
quantulum3's own vocabulary and are not compared.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wirewatch.extract.quantities import Quantity, find_quantities

log = logging.getLogger(__name__)

_NEWSQUANT_UNITS = {
    "USD": {"dollar", "united states dollar"}, "CAD": {"canadian dollar", "dollar"},
    "AUD": {"australian dollar"}, "NZD": {"new zealand dollar"}, "HKD": {"hong kong dollar"},
    "SGD": {"singapore dollar"}, "BRL": {"brazilian real"}, "GBP": {"pound sterling"},
    "EUR": {"euro"}, "JPY": {"japanese yen"}, "INR": {"indian rupee"},
    "MYR": {"malaysian ringgit"}, "ILS": {"shekel"}, "CNY": {"chinese yuan", "renminbi"},
    "DKK": {"danish krone"}, "CHF": {"swiss franc"}, "RUB": {"russian ruble"},
    "cent": {"cent"}, "sen": {"sen"}, "percent": {"percentage"},
    "percentage point": {"percentage point", "percentage"}, "basis point": {"basis point"},
    "km": {"kilometre"}, "mi": {"mile"}, "m": {"metre"}, "cm": {"centimetre"},
    "mm": {"millimetre"}, "nm": {"nanometre"}, "µm": {"micrometre"}, "ft": {"foot"},
    "in": {"inch"}, "yd": {"yard"}, "sq mi": {"square mile"}, "m2": {"square metre"},
    "sq ft": {"square foot"}, "km2": {"square kilometre"}, "ha": {"hectare"}, "acre": {"acre"},
    "kg": {"kilogram"}, "g": {"gram"}, "mg": {"milligram"}, "lb": {"pound-mass"},
    "oz": {"ounce"}, "t": {"tonne"}, "km/h": {"kilometre per hour"}, "mph": {"mile per hour"},
    "mpg": {"mile per gallon"}, "rpm": {"revolutions per minute"}, "degC": {"celsius"},
    "degF": {"fahrenheit"}, "degree": {"degree"}, "W": {"watt"}, "kW": {"kilowatt"},
    "MW": {"megawatt"}, "GW": {"gigawatt"}, "kWh": {"kilowatt hour"}, "MWh": {"megawatt hour"},
    "hp": {"horsepower", "brake horsepower"}, "lb-ft": {"pound-foot", "foot pound-force"},
    "Nm": {"newton metre"},
    "mAh": {"milliampere-hour"}, "GPa": {"gigapascal"}, "Hz": {"hertz"}, "GHz": {"gigahertz"},
    "MHz": {"megahertz"}, "GB": {"gigabyte"}, "TB": {"terabyte"}, "MB": {"megabyte"},
    "Wh": {"watt hour"}, "dB": {"decibel"}, "l": {"litre"}, "ml": {"millilitre"}, "gal": {"gallon"},
    "bbl": {"barrel"}, "ppb": {"parts-per-billion"}, "ppm": {"parts-per-million"},
    "year": {"year"}, "month": {"month"}, "week": {"week"}, "day": {"day"}, "hour": {"hour"},
    "minute": {"minute"}, "second": {"second"}, "years old": {"year of age"},
    "months old": {"month of age"}, "times": {"count"}, "GWh": {"gigawatt hour"},
}
_PER_NAMES = {"mmbtu": "mega british thermal unit", "sq m": "square metre"}
# Codes that `find_quantities` composes with "/thing" ("USD/barrel"); "km/h" is one unit.
_COMPOSABLE = {code for code, names in _NEWSQUANT_UNITS.items() if "dollar" in " ".join(names)}
_COMPOSABLE |= {"GBP", "EUR", "JPY", "INR", "MYR", "ILS", "CNY", "DKK", "CHF", "RUB", "BRL", "cent"}
_NO_UNIT = {"-", "dimensionless", "count"}

Value = float | tuple[float, float] | None


def _gold_value(raw: str) -> Value:
    parts = re.split(r"(?<=[\d.])\s*-\s*(?=\d)", raw.strip())
    try:
        if len(parts) == 2:
            return float(parts[0]), float(parts[1])
        return float(raw)
    except ValueError:
        log.warning("unreadable NewsQuant value %r", raw)
        return None


def _predicted_value(quantity: Quantity) -> Value:
    if quantity.value is not None:
        return quantity.value
    if quantity.low is not None and quantity.high is not None:
        return quantity.low, quantity.high
    return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def values_match(gold: Value, predicted: Value) -> bool:
    """Same number, or the same low and high for ranges (see the module docstring)."""
    if gold is None or predicted is None:
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return _close(gold[0], predicted[0]) and _close(gold[1], predicted[1])
    if isinstance(gold, tuple) or isinstance(predicted, tuple):
        return False
    return _close(gold, predicted)


def unit_names(quantity: Quantity) -> set[str]:
    """The NewsQuant unit names a predicted quantity stands for."""
    if quantity.unit is None:
        return set(_NO_UNIT) if quantity.noun is None else {quantity.noun.lower()}
    base, _, per = quantity.unit.partition("/")
    if base not in _COMPOSABLE:
        base, per = quantity.unit, ""
    names = _NEWSQUANT_UNITS.get(base, {base.lower()})
    if per:
        per_name = _PER_NAMES.get(per, per)
        return {f"{name} per {per_name}" for name in names}
    return names


def units_match(gold_unit: str, quantity: Quantity) -> bool:
    gold = gold_unit.strip().lower()
    names = unit_names(quantity)
    if quantity.unit is None and quantity.noun is not None:
        return gold in names or bool(names & set(gold.split()))
    return gold in names


def _match(gold: Sequence[Any], predicted: Sequence[Any],
           same: Callable[[Any, Any], bool]) -> int:
    """One-to-one greedy matches: each gold item takes the first free prediction it fits."""
    free = list(predicted)
    matched = 0
    for item in gold:
        for candidate in free:
            if same(item, candidate):
                free.remove(candidate)
                matched += 1
                break
    return matched


def _scores(matched: int, n_gold: int, n_predicted: int) -> tuple[float, float, float]:
    precision = matched / n_predicted if n_predicted else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _resolve(data: Path) -> Path:
    if data.is_file():
        return data
    for name in ("NewsQuant.json", "quantities.json"):
        if (data / name).exists():
            return data / name
    found = sorted(data.glob("*.json"))
    if not found:
        raise FileNotFoundError(f"no NewsQuant or quantulum3 JSON file under {data}")
    return found[0]


def _evaluate_newsquant(items: list[dict[str, Any]]) -> dict[str, Any]:
    n_gold = n_predicted = value_matches = unit_matches = 0
    for item in items:
        gold = [(_gold_value(q["value"]), q["normalized_unit"]) for q in item["quantities"]]
        predicted = find_quantities(item["text"])
        n_gold += len(gold)
        n_predicted += len(predicted)
        value_matches += _match(
            gold, predicted, lambda g, p: values_match(g[0], _predicted_value(p))
        )
        unit_matches += _match(
            gold,
            predicted,
            lambda g, p: values_match(g[0], _predicted_value(p)) and units_match(g[1], p),
        )
    precision, recall, f1 = _scores(unit_matches, n_gold, n_predicted)
    value_f1 = _scores(value_matches, n_gold, n_predicted)[2]
    return {"n": len(items), "f1": round(f1, 4), "precision": round(precision, 4),
            "recall": round(recall, 4), "value_f1": round(value_f1, 4),
            "gold": n_gold, "predicted": n_predicted}


def _quantulum_value(quantity: Quantity) -> float | None:
    if quantity.value is not None:
        return quantity.value
    if quantity.low is not None and quantity.high is not None:
        return (quantity.low + quantity.high) / 2
    return None


def _evaluate_quantulum(items: list[dict[str, Any]]) -> dict[str, Any]:
    n_gold = n_predicted = matches = 0
    for item in items:
        text = item["req"]
        gold = []
        for expected in item["res"]:
            start = text.find(expected["surface"])
            gold.append((float(expected["value"]), start, start + len(expected["surface"])))
        predicted = find_quantities(text)
        n_gold += len(gold)
        n_predicted += len(predicted)

        def same(g: tuple[float, int, int], p: Quantity) -> bool:
            value = _quantulum_value(p)
            return value is not None and _close(g[0], value) and p.start < g[2] and g[1] < p.end

        matches += _match(gold, predicted, same)
    precision, recall, f1 = _scores(matches, n_gold, n_predicted)
    return {"n": len(items), "f1": round(f1, 4), "precision": round(precision, 4),
            "recall": round(recall, 4), "gold": n_gold, "predicted": n_predicted}


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Score quantities on a NewsQuant JSON (or quantulum3 `quantities.json`) file or folder."""
    path = _resolve(Path(data))
    items = json.loads(path.read_text(encoding="utf-8"))
    if items and "req" in items[0]:
        result = _evaluate_quantulum(items)
        return {**result, "dataset": "quantulum3"}
    return {**_evaluate_newsquant(items), "dataset": "newsquant"}
