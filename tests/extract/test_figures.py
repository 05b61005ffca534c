"""Figures of the seed articles: what each counts, whose it is, as of when and where."""

from __future__ import annotations

import pytest

from wirewatch.extract.figures import extract_figures
from wirewatch.ingest.textclean import clean_text
from wirewatch.nlp.document import parse_document
from wirewatch.types import FigureMention
from wirewatch.views.series import figure_series

# Publication dates as the seeds print them; seed 01 prints none (see the seeds README), so it
# is read both without a date and with the date of Goodale's Tuesday reply (19 February 2019).
PUBLISHED = {"01": None, "02": "2016-01-19", "03": "2021-02-17", "04": None, "05": "2017-06-16"}


@pytest.fixture(scope="module")
def seed_figures(seed_texts: dict[str, str]) -> dict[str, list[FigureMention]]:
    figures = {}
    for key, published in [*PUBLISHED.items(), ("01@2019", "2019-02-19")]:
        text = clean_text(seed_texts[key[:2]]).text
        figures[key] = extract_figures(parse_document(text, doc_id=key, published=published))
    return figures


def _find(figures: list[FigureMention], surface: str) -> FigureMention:
    matches = [f for f in figures if f.evidence.text and surface in _span_text(f)]
    assert matches, f"no figure spanning {surface!r}: {[_span_text(f) for f in figures]}"
    return matches[0]


def _span_text(figure: FigureMention) -> str:
    offset = figure.evidence.start
    return figure.evidence.text[figure.span[0] - offset : figure.span[1] - offset]


@pytest.mark.parametrize(
    ("seed", "surface", "measure", "unit", "subject", "value", "low", "high", "qualifier"),
    [
        ("01", "about 60 people", "fighters", None, "CAN", 60, None, None, "approximately"),
        ("01", "190", "fighters", None, "CAN", 190, None, None, "exact"),
        ("01", "four Canadian men", "detainees", "men", "CAN", 4, None, None, "exact"),
        ("01", "three women", "detainees", "women", "CAN", 3, None, None, "exact"),
        ("01", "seven children", "detainees", "children", "CAN", 7, None, None, "exact"),
        ("01", "30,000 ISIS fighters", "fighters", None, "group:isis", 30000, None, None,
         "approximately"),
        ("02", "69 trainers", "trainers", None, "CAN", 69, None, None, "exact"),
        ("03", "nearly 200", "troops", None, "CAN", 200, None, None, "approximately"),
        ("03", "around 500 troops", "troops", None, "igo:nato", 500, None, None, "approximately"),
        ("03", "200 of those initial troops", "troops", None, "CAN", 200, None, None, "exact"),
        ("03", "17 Canadian troops", "troops", None, "CAN", 17, None, None, "exact"),
        ("03", "fewer than 400 troops", "troops", None, "CAN", 400, None, None, "upper_bound"),
        ("03", "more than 850", "troops", None, "CAN", 850, None, None, "lower_bound"),
        ("03", "8,000 and 16,000 extremist fighters", "fighters", None, "group:isis", None, 8000,
         16000, "range"),
        ("04", "six CF-18s", "aircraft", None, "CAN", 6, None, None, "exact"),
        ("05", "16 people", "killed", None, "RUS", 16, None, None, "exact"),
    ],
)
def test_figures_seed_measure_subject_value(seed_figures, seed, surface, measure, unit, subject,
                                            value, low, high, qualifier):
    figure = _find(seed_figures[seed], surface)
    assert figure.measure == measure
    assert figure.unit == unit
    assert (figure.subject.actor_id if figure.subject else None) == subject
    assert (figure.value, figure.low, figure.high) == (value, low, high)
    assert figure.qualifier == qualifier


@pytest.mark.parametrize(
    ("seed", "surface", "as_of", "precision"),
    [
        ("01", "190", "XXXX-12", "month"),  # "The federal government said in December ..."
        ("01@2019", "190", "2018-12", "month"),
        ("01@2019", "about 60 people", "2018-12", "month"),
        ("01", "four Canadian men", None, None),  # "currently", but no publication date
        ("01@2019", "four Canadian men", "2019-02-19", "publication"),
        ("01@2019", "30,000 ISIS fighters", "2019-02-19", "publication"),  # "remain"
        ("02", "69 trainers", "2016-01-19", "publication"),  # "now already in Iraq"
        ("03", "around 500 troops", "2018", "year"),
        ("03", "200 of those initial troops", "2018", "year"),  # the sentence before
        ("03", "17 Canadian troops", "2021-02-17", "publication"),
        ("03", "fewer than 400 troops", "2021-01", "month"),
        ("03", "more than 850", None, None),  # "several years ago": no calendar date
        ("03", "8,000 and 16,000 extremist fighters", "2021-W06", "week"),  # report of last week
        ("04", "six CF-18s", None, None),
        ("05", "16 people", "2017-04", "month"),
    ],
)
def test_figures_seed_as_of(seed_figures, seed, surface, as_of, precision):
    figure = _find(seed_figures[seed], surface)
    assert (figure.as_of, figure.as_of_precision) == (as_of, precision)


@pytest.mark.parametrize(
    ("seed", "surface", "place", "country"),
    [
        ("01", "four Canadian men", "Syria", "SYR"),
        ("01", "seven children", "Syria", "SYR"),
        ("02", "69 trainers", "Iraq", "IRQ"),
        ("03", "8,000 and 16,000 extremist fighters", "Iraq", "IRQ"),
        ("03", "17 Canadian troops", None, None),
    ],
)
def test_figures_seed_place(seed_figures, seed, surface, place, country):
    figure = _find(seed_figures[seed], surface)
    assert (figure.place.name if figure.place else None) == place
    assert (figure.place.country if figure.place else None) == country


@pytest.mark.parametrize("seed", ["01", "02", "03", "04", "05"])
def test_figures_evidence_is_the_sentence_holding_the_span(seed_figures, seed_texts, seed):
    text = clean_text(seed_texts[seed]).text
    for figure in seed_figures[seed]:
        evidence = figure.evidence
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.start <= figure.span[0] < figure.span[1] <= evidence.end
        assert evidence.doc_id == seed


@pytest.mark.parametrize(
    ("seed", "surface"),
    [
        ("03", "two-day"),  # a duration
        ("03", "One of the many Iranian-backed militias"),  # a partitive
        ("05", "One Russian official"),  # one thing the story names
        ("05", "two countries"),  # "the two countries": things already named
    ],
)
def test_figures_seed_non_figures_left_out(seed_figures, seed, surface):
    assert not [f for f in seed_figures[seed] if surface in _span_text(f)]


def test_figures_the_60_repeats_the_earlier_figure(seed_figures):
    first, repeated = [f for f in seed_figures["01"] if f.value == 60]
    assert repeated.span[0] > first.span[0]
    assert (repeated.measure, repeated.subject, repeated.as_of) == (
        first.measure, first.subject, first.as_of)
    assert repeated.evidence.text.startswith("Most of the 60")


@pytest.mark.parametrize(
    ("text", "surface", "measure", "subject"),
    [
        ("Canada will send 69 trainers to Iraq next month.", "69 trainers", "trainers", "CAN"),
        ("Canada's 850 troops left Kuwait last year.", "850 troops", "troops", "CAN"),
        ("Gunmen killed 16 people in Kabul on Monday.", "16 people", "killed", None),
        ("At least 12 soldiers were wounded in the attack.", "12 soldiers", "injured", None),
        ("NATO troops numbered about 500 in 2018, and 300 NATO troops remain.", "300 NATO troops",
         "troops", "igo:nato"),
        ("Ottawa will spend $350 million on the mission.", "$350 million", "money", None),
        ("There are about 190 Canadians who travelled to fight with ISIS.", "190 Canadians",
         "fighters", "CAN"),
        ("Canada has 850 members of the Canadian Armed Forces in Iraq.", "850 members", "troops",
         "CAN"),
        ("Four Canadian men are held in Syrian camps.", "Four Canadian men", "detainees", "CAN"),
        ("Sixteen were killed when the bomb exploded.", "Sixteen", "killed", None),
        ("The bomber struck the market, killing 16.", "16", "killed", None),
        ("About 40 percent of refugees are children.", "40 percent", "percent of refugee", None),
        ("Coalition jets carried out 1,200 air strikes in Iraq.", "1,200 air strikes", "strikes",
         None),
    ],
)
def test_figures_measure_and_subject_on_plain_sentences(text, surface, measure, subject):
    figures = extract_figures(parse_document(text, doc_id="t", published="2020-05-01"))
    figure = _find(figures, surface)
    assert figure.measure == measure
    if subject is not None:
        assert figure.subject is not None and figure.subject.actor_id == subject
    if measure in ("killed", "injured"):
        assert figure.subject is None


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # Sample-corpus sentences (Wikinews) whose one named actor killed, counted, reported or
        # located the dead: none of them owns the figure.
        ("Last week a Kabul car bombing killed five and wounded 110.", "five", None),
        ("Dozens died in the attack, reportedly conducted by the Taliban.", "Dozens", None),
        ("The news agency AFP has placed the protester death count in the hundreds.",
         "hundreds", None),
        ("Reportedly he injured a man and two women on Streatham High Road, London.",
         "two women", None),
        ("According to police of the Autonomous Region in Muslim Mindanao, the confirmed deaths "
         "are fourteen civilians.", "fourteen civilians", None),
        # The subject of "suffer" owns the dead it counts.
        ("The SDF suffered thousands of casualties in the Raqqa battle.", "thousands",
         "group:sdf"),
    ],
)
def test_figures_dead_and_injured_belong_to_no_killer_reporter_or_place(text, surface, subject):
    figures = extract_figures(parse_document(text, doc_id="t", published="2020-05-01"))
    figure = _find(figures, surface)
    assert (figure.subject.actor_id if figure.subject else None) == subject


def test_figures_change_from_to_gives_two_figures():
    text = "NATO will expand its mission from 500 to 4,000 troops."
    figures = extract_figures(parse_document(text, doc_id="t", published="2021-02-17"))
    assert [(f.value, f.qualifier, f.measure) for f in figures] == [
        (500, "exact", "troops"), (4000, "exact", "troops")]
    assert {f.subject.actor_id for f in figures if f.subject} == {"igo:nato"}


@pytest.mark.parametrize(
    ("text", "surface", "place", "country"),
    [
        ("Four Canadian men are held in Syrian camps.", "Four Canadian men", "Syria", "SYR"),
        ("Canada will send 69 trainers to Iraq.", "69 trainers", "Iraq", "IRQ"),
    ],
)
def test_figures_place_on_plain_sentences(text, surface, place, country):
    figure = _find(extract_figures(parse_document(text, doc_id="t")), surface)
    assert figure.place is not None
    assert (figure.place.name, figure.place.country) == (place, country)


def test_figures_seed_troop_counts_line_up_as_a_series(seed_figures):
    figures = [(f, None) for f in seed_figures["03"]]
    [canada] = figure_series(figures, subject="CAN", measure="troops")
    assert [(p.as_of, p.value, p.qualifier) for p in canada.points] == [
        ("2018", 200, "exact"), ("2020", 200, "approximately"), ("2021-01", 400, "upper_bound"),
        ("2021-02-17", 17, "exact")]
    assert not any(p.conflict for p in canada.points)
    [nato] = figure_series(figures, subject="igo:nato", measure="troops")
    assert [(p.as_of, p.value) for p in nato.points] == [("2018", 500)]


@pytest.mark.parametrize("text", [
    "The oil field is about 160 km (100 miles) east of the capital, Riyadh.",
    "A Polish chef harried him with a five-foot narwhal tusk.",
    "State media reported a war-damaged five-storey block of flats collapsed in Aleppo, Syria.",
])
def test_figures_sizes_and_distances_are_not_figures(text):
    assert extract_figures(parse_document(text, published="2019-10-08")) == []


def test_figures_team_size_in_a_compound_is_still_counted():
    figures = extract_figures(parse_document("Canada sent a 69-member training team to Iraq.",
                                             published="2019-10-08"))
    assert [(f.value, f.subject.actor_id) for f in figures] == [(69.0, "CAN")]
