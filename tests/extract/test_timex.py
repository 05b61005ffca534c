"""Time expressions: recognition in real news text, TimeML values against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.extract import timex_finder
from wirewatch.extract.timex import (
    Timex,
    find_timexes,
    normalize,
    normalize_document,
    to_interval,
)

SEED_DATES = {"02": date(2016, 1, 19), "03": date(2021, 2, 17), "05": date(2017, 6, 16)}


@pytest.mark.parametrize(
    ("seed", "span", "value", "precision"),
    [
        ("02", "Wednesday", "2016-01-20", "day"),  # "The meeting, set for Wednesday, will include"
        ("02", "this week", "2016-W03", "week"),  # "in Paris this week"
        ("02", "Jan 19, 2016", "2016-01-19", "day"),
        ("02", "last week", "2016-W02", "week"),
        ("03", "last week", "2021-W06", "week"),  # "A report published last week"
        ("03", "2018", "2018", "year"),  # "launched in 2018"
        ("03", "the fall", "2020-FA", "season"),  # "was passed to Denmark in the fall"
        ("03", "January", "2021-01", "month"),
        ("03", "Monday", "2021-02-15", "day"),  # "said during a news conference on Monday"
        ("03", "several years ago", "PAST_REF", "fuzzy"),
        ("03", "February 20, 2017", "2017-02-20", "day"),
        ("05", "Thursday", "2017-06-15", "day"),  # "The discussions were held Thursday"
        ("05", "June 16, 2017", "2017-06-16", "day"),
        ("05", "earlier this month", "2017-06", "month"),
    ],
)
def test_timex_finds_seed_expressions(seed_texts, seed, span, value, precision):
    text = seed_texts[seed]
    found = {t.text: t for t in find_timexes(text, SEED_DATES[seed])}
    assert span in found, f"{span!r} not recognised in seed {seed}"
    timex = found[span]
    assert (timex.value, timex.precision) == (value, precision)
    assert text[timex.start : timex.end] == span


@pytest.mark.parametrize(
    ("expression", "reference", "context", "value"),
    [
        ("Feb. 17, 2021", date(2021, 2, 18), "", "2021-02-17"),
        ("June 16, 2017", None, "", "2017-06-16"),
        ("17 February 2021", date(2021, 3, 1), "", "2021-02-17"),
        ("2016-01-19", None, "", "2016-01-19"),
        ("Monday", date(2016, 1, 20), "The minister said on Monday that", "2016-01-18"),
        ("Thursday", date(2016, 1, 19), "The ministers will meet Thursday in Paris.", "2016-01-21"),
        ("Friday", date(1998, 2, 6), "Clinton said Friday he would not resign.", "1998-02-06"),
        ("next Friday", date(1998, 2, 6), "", "1998-02-13"),
        ("last Wednesday", date(1989, 10, 27), "", "1989-10-25"),
        ("December", date(2021, 1, 10), "Troops left the region in December.", "2020-12"),
        ("December", date(1998, 3, 4), "She will command a mission in December.", "1998-12"),
        ("Dec. 1", date(1989, 10, 27), "declared a dividend payable Dec. 1", "1989-12-01"),
        ("last week", date(2021, 2, 17), "", "2021-W06"),
        ("this year", date(1989, 10, 26), "", "1989"),
        ("next month", date(1999, 3, 12), "", "1999-04"),
        ("last year", date(1998, 2, 13), "", "1997"),
        ("this fall", date(2021, 2, 17), "Troops will return this fall.", "2021-FA"),
        ("last fall", date(2021, 2, 17), "", "2020-FA"),
        ("the fall", date(2021, 2, 17), "Command was passed to Denmark in the fall.", "2020-FA"),
        ("this summer", date(1998, 2, 13), "", "1998-SU"),
        ("this winter", date(2021, 2, 1), "", "2020-WI"),
        ("next summer", date(2020, 7, 1), "", "2021-SU"),
        ("last fall", date(1998, 10, 5), "", "1997-FA"),
        ("two years ago", date(2016, 1, 19), "", "2014"),
        ("five months ago", date(1998, 3, 1), "", "1997-10"),
        ("10 days ago", date(1998, 3, 22), "", "1998-03-12"),
        ("two weeks ago", date(1998, 3, 22), "", "1998-03-08"),
        ("a week or so ago", date(1991, 2, 25), "", "1991-02-18"),
        ("the last half of the '80s", date(1989, 10, 26), "", "198"),
        ("several years ago", date(2021, 2, 17), "", "PAST_REF"),
        ("recently", date(2021, 2, 17), "", "PAST_REF"),
        ("in the past", date(2021, 2, 17), "", "PAST_REF"),
        ("now", date(2021, 2, 17), "", "PRESENT_REF"),
        ("currently", date(2021, 2, 17), "", "PRESENT_REF"),
        ("the near future", date(2021, 2, 17), "", "FUTURE_REF"),
        ("today", date(1998, 3, 4), "", "1998-03-04"),
        ("yesterday", date(1989, 10, 27), "", "1989-10-26"),
        ("tomorrow", date(2000, 4, 3), "", "2000-04-04"),
        ("this morning", date(1998, 2, 6), "", "1998-02-06TMO"),
        ("the third quarter", date(1989, 10, 26), "profit in the third quarter rose", "1989-Q3"),
        ("third-quarter", date(1989, 10, 26), "", "1989-Q3"),
        ("the fourth quarter", date(1998, 2, 13), "", "1997-Q4"),
        ("the third quarter of 1990", date(1989, 10, 26), "", "1990-Q3"),
        ("a year ago", date(1989, 11, 2), "net was $7.4 million, or 22 cents a share, a year ago",
         "1988-Q3"),
        ("1990s", None, "", "199X"),
        ("the mid-1990s", None, "", "199"),
        ("three years", None, "", "P3Y"),
        ("six months", None, "", "P6M"),
        ("the past two months", None, "", "P2M"),
        ("2 1/2 years", None, "", "P2Y6M"),
        ("five hours", None, "", "PT5H"),
        ("several years", None, "", "PXY"),
        ("every week", None, "", "P1W"),
        ("weekly", None, "", "P1W"),
        ("daily", None, "", "P1D"),
        ("each Thursday", None, "", "XXXX-WXX-4"),
        ("Thanksgiving Day", date(2000, 1, 7), "", "1999-11-25"),
        ("the week of March 6", date(2000, 2, 24), "", "2000-W10"),
        ("nineteen ninety-six", None, "", "1996"),
        # "Since" counts from a point, the last day of the year last ended; "around" blurs the
        # year's end into its last month; "by year end" is a deadline within the year.
        ("year-end", date(1989, 10, 30), "The percentage change is since year-end.",
         "1988-12-31"),
        ("around year end", date(1989, 10, 30),
         "The transaction is expected to close around year end.", "1989-12"),
        ("around the end of the year", date(1990, 3, 1), "The deal closed around the end of the"
         " year.", "1989-12"),
        ("year end", date(1989, 10, 26), "It will cut 6,000 jobs by year end.", "1989"),
    ],
)
def test_timex_normalize_news_expressions(expression, reference, context, value):
    timex = normalize(expression, reference, context=context)
    assert timex is not None and timex.value == value


@pytest.mark.parametrize(
    ("expression", "reference", "context", "value"),
    [
        # A capitalised "-ed" word is a name, not a past verb.
        ("Thursday", date(2000, 4, 5),
         "Craig announced that the father would be traveling to the United States Thursday.",
         "2000-04-06"),
        # The reporting verb after a closing quote does not set the tense of the quote.
        ("4 a.m. EDT Thursday", date(2000, 4, 5),
         "''This father will leave at 4 in the morning (4 a.m. EDT Thursday),'' Castro said.",
         "2000-04-06T04:00"),
        # "next to" is a place; irregular past verbs ("became") count as past.
        ("Friday morning", date(1998, 8, 8),
         "since a bomb ripped through an office building next to the embassy Friday morning.",
         "1998-08-07TMO"),
        ("the weekend", date(1991, 2, 25), "officials over the weekend became more open",
         "1991-W08-WE"),
        # An "un-...-ed" adjective is not a past verb.
        ("January", date(1989, 10, 26), "would be paid on a still unspecified date in January",
         "1990-01"),
        # A plan in the past perfect was overtaken before the telling: its day is behind us.
        ("midnight Friday", date(1989, 10, 30),
         "The offer previously had been scheduled to expire at midnight Friday.",
         "1989-10-27T24:00"),
        ("Friday", date(2000, 4, 3), "The talks had been planned for Friday.", "2000-03-31"),
        ("Friday", date(2000, 4, 3), "The talks are scheduled for Friday.", "2000-04-07"),
        # "As soon as Tuesday" is the earliest a thing can happen, even when a reporting verb
        # in the past follows it.
        ("Tuesday", date(2000, 4, 3),
         "The group would be ready to leave for the United States as soon as Tuesday, Castro"
         " said.", "2000-04-04"),
    ],
)
def test_timex_normalize_reads_tense_of_the_clause(expression, reference, context, value):
    timex = normalize(expression, reference, context=context)
    assert timex is not None and timex.value == value


@pytest.mark.parametrize(
    ("expression", "reference", "context", "value"),
    [
        ("Tuesday nights", None, "", "XXXX-WXX-2TNI"),
        ("fourth quarters", None, "conducted in the second and fourth quarters", "XXXX-Q4"),
        ("the past three summers", None, "", "XXXX-SU"),
        ("first two quarters of 1990", None, "", "1990-H1"),
        ("the latest fiscal year", date(1989, 10, 26), "", "1988"),
        ("this crucial moment", date(1990, 8, 15), "", "PRESENT_REF"),
        ("one day", date(1989, 10, 30), "He had only been in the job one day.", "P1D"),
        ("one day", date(1998, 3, 3), "Islam will one day be the second religion.",
         "FUTURE_REF"),
        ("the weeks ahead", None, "", "PXW"),
        ("weeks or months", None, "", "PXW"),
        ("each of the past three years", None, "", "P3Y"),
        ("day before last Tuesday", date(2000, 2, 24), "", "2000-02-21"),
        ("February", date(1998, 12, 3), "The process began in February this year.", "1998-02"),
        # Words next to the span complete it.
        ("five years", date(1989, 11, 2), "The stock would be redeemed in five years.", "1994"),
        ("a year", date(1989, 10, 30), "losses compared with earnings a year earlier", "1988"),
        ("10:35 a.m.", date(1998, 8, 8), "The blast occurred at 10:35 a.m. (0735 GMT) Friday.",
         "1998-08-07T10:35"),
        # A head shared by coordinated words, a range's unit.
        ("second", None, "conducted in the second and fourth quarters", "XXXX-Q2"),
        ("Monday", date(1998, 2, 13), "flights would leave on Monday and Tuesday nights",
         "XXXX-WXX-1TNI"),
        ("two", None, "It takes between two to six days for each patient.", "P2D"),
        ("two to three weeks", None, "", "P2W"),
        # "For" before a vague stretch makes it a length of time.
        ("the past few weeks", date(1998, 2, 6), "For the past few weeks we've been misled.",
         "PXW"),
        ("the past few weeks", date(1998, 2, 6), "Rates have fallen in the past few weeks.",
         "PAST_REF"),
        ("more than two thousand years", None, "", "P2L"),
        ("the eighth day", date(1990, 8, 15), "Today is the eighth day of the operation.",
         "1990-08-15"),
        ("the second day", date(1998, 3, 6), "It's the second day of an offensive.",
         "1998-03-06"),
    ],
)
def test_timex_normalize_plural_sets_periods_and_neighbours(expression, reference, context,
                                                            value):
    timex = normalize(expression, reference, context=context)
    assert timex is not None and timex.value == value


@pytest.mark.parametrize(
    ("expression", "anchor", "value"),
    [
        ("that year", date(1988, 5, 1), "1988"),
        ("later that year", date(1998, 6, 1), "1998"),
        ("the following year", date(1995, 5, 22), "1996"),
        ("earlier that day", date(1999, 10, 23), "1999-10-23"),
        ("the next morning", date(2000, 2, 22), "2000-02-23TMO"),
        ("the previous Friday", date(1989, 10, 27), "1989-10-20"),
        ("the next month", date(1999, 12, 10), "2000-01"),
        ("the day", date(1989, 10, 12), "1989-10-12"),
        ("the morning", date(1989, 10, 27), "1989-10-27TMO"),
    ],
)
def test_timex_normalize_reads_anaphora_against_anchor(expression, anchor, value):
    timex = normalize(expression, date(2000, 4, 1), anchor=anchor)
    assert timex is not None and timex.value == value


def test_timex_normalize_document_threads_the_narrative_anchor():
    text = ("Munero fled to Florida in June 1998 and returned to Cuba later that year. "
            "On May 22, 1995, he was promoted, and the following year he left. "
            "He was released today.")
    phrases = ["June 1998", "later that year", "May 22, 1995", "the following year", "today"]
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    readings = normalize_document(text, list(reversed(spans)), date(2000, 1, 28))
    values = [t.value if t else None for t in reversed(readings)]
    assert values == ["1998-06", "1998", "1995-05-22", "1996", "2000-01-28"]
    assert all(t is not None and text[t.start : t.end] == t.text for t in readings)


def test_timex_later_in_the_day_goes_on_with_the_day_the_story_stands_on():
    text = ("Moscow warned on Thursday that strikes could harm relations. "
            "``Whatever happens today, our ties will stay strong,'' the president said. "
            "He arrived in Philadelphia later in the day. "
            "Troops landed on Feb. 3, he said today. That day, the port closed.")
    phrases = ["Thursday", "today", "the day", "Feb. 3", "today.", "That day"]
    spans = []
    for phrase in phrases:
        start = text.index(phrase, spans[-1][1] if spans else 0)
        spans.append((start, start + len(phrase.rstrip("."))))
    values = [t.value if t else None for t in normalize_document(text, spans, date(1998, 2, 13))]
    assert values == ["1998-02-12", "1998-02-13", "1998-02-13", "1998-02-03", "1998-02-13",
                      "1998-02-03"]


def test_timex_a_time_zone_after_a_m_does_not_end_the_sentence():
    text = ("The father will travel Thursday. ''He will leave at 4 in the morning (4 a.m. EDT "
            "Thursday),'' Castro said.")
    start = text.index("4 in the morning")
    timex = normalize_document(text, [(start, start + 16)], date(2000, 4, 5))[0]
    assert timex is not None and timex.value == "2000-04-06T04:00"


def test_timex_normalize_document_reads_year_ago_by_the_story():
    text = ("Net income rose to $5 million, or 20 cents a share, in the third quarter. "
            "Sales were flat compared with a year ago. "
            "For the nine months, net was $12 million against $9 million a year earlier. "
            "The unit earned $3 million, compared with $2 million last year.")
    phrases = ("a year ago", "a year earlier", "last year")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    values = [t.value for t in normalize_document(text, spans, date(1989, 10, 26)) if t]
    assert values == ["1988-Q3", "1988", "1988-Q3"]


def test_timex_earnings_story_reads_its_periods_in_the_quarter_its_lead_names():
    # A fiscal year ending in September: published in November, the story reports the fourth
    # quarter, not the third calendar quarter.
    text = ("Ralston reported a 47% decline in fourth-quarter earnings. "
            "It earned $45.2 million, or 65 cents a share, compared with $84.9 million, "
            "or $1.24 a share, a year earlier. Sales in the latest period were $1.76 billion. "
            "In the 1988 period, sales were $1.55 billion. The third quarter of 1984 was worse.")
    phrases = ("fourth-quarter", "a year earlier", "the latest period", "the 1988 period",
               "The third quarter of 1984")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    values = [t.value for t in normalize_document(text, spans, date(1989, 11, 2)) if t]
    assert values == ["1989-Q4", "1988-Q4", "1989-Q4", "1988-Q4", "1984-Q3"]


def test_timex_normalize_document_reads_a_year_period_in_an_earnings_story():
    text = ("Net income rose to $5 million, or 20 cents a share, in the third quarter. "
            "In the 1989 period, interest expense was lower. "
            "In the first nine months, net was $9 million, up from $7 million in the 1988 period.")
    phrases = ("the 1989 period", "the 1988 period")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    values = [t.value for t in normalize_document(text, spans, date(1989, 11, 1)) if t]
    assert values == ["1989-Q3", "1988"]


@pytest.mark.parametrize("expression", ["last week", "Thursday", "two years ago", "this fall"])
def test_timex_relative_without_reference_has_no_dated_value(expression):
    timex = normalize(expression, None)
    assert timex is None or timex.value.startswith("XXXX")


@pytest.mark.parametrize("expression", ["the company", "Mr. Smith", "troops", "the meeting"])
def test_timex_normalize_rejects_non_time_text(expression):
    assert normalize(expression, date(2020, 1, 1)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks may resume in May, officials said on Tuesday.",
         [("May", "2016-05"), ("Tuesday", "2016-01-19")]),
        ("Czech Foreign Minister Jan Kavan said troops would march in Jan. 2017.",
         [("Jan. 2017", "2017-01")]),
        ("The report (see example.com/archive-2018-09-23) came out last week.",
         [("last week", "2016-W02")]),
        ("The deal will close in May.", [("May", "2016-05")]),
        ("The deal closed in May.", [("May", "2015-05")]),
        # A year that is part of a name is no date (Wikinews, sample corpus); years after an
        # article, a possessive or a capitalised preposition are.
        ("Hungary launched a programme dubbed \"Zrínyi 2026\" in 2017.", [("2017", "2017")]),
        ("Saudi Vision 2030 began as Euro 2020 was put off.", []),
        ("In 2014, Trump's 2016 campaign and A 1996 law were news.",
         [("2014", "2014"), ("2016", "2016"), ("1996", "1996")]),
    ],
)
def test_timex_find_skips_names_verbs_and_urls(text, expected):
    found = find_timexes(text, date(2016, 1, 20))
    assert [(t.text, t.value) for t in found] == expected
    assert all(isinstance(t, Timex) and text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please find us 30 minutes on 11/20.", [("30 minutes", "PT30M"), ("11/20", "2018-11-20")]),
        ("I'll go back on 22/04 or Oct/2.", [("22/04", "2019-04-22"), ("Oct/2", "2018-10-02")]),
        ("How about 2019/aug/01, or Dec/2018?", [("2019/aug/01", "2019-08-01"),
                                               ("Dec/2018", "2018-12")]),
        ("Set up a call Friday 7/6 with Jim.", [("Friday 7/6", "2018-07-06")]),
        ("Can you set something up on the 18th.", [("the 18th", "2018-12-18")]),
        ("The 18th century church sold 3/4 of its land.", [("The 18th century", "17")]),
        ("I bought it for $12 December 27.", [("December 27", "2018-12-27")]),
        ("Set something up for October, 1st.", [("October, 1st", "2018-10-01")]),
        ("The party is at the end of year, as early as next year's first quarter.",
         [("the end of year", "2018"), ("next year's first quarter", "2019-Q1")]),
        ("We met on Monday the 3rd and left.", [("Monday the 3rd", "2018-09-03")]),
        ("Deliver the units before the 15th day of next month.",
         [("the 15th day of next month", "2018-12-15")]),
        ("Today is the eighth day of the strike.", [("Today", "2018-11-28"),
                                                    ("the eighth day", "2018-11-28")]),
        ("The rescue came 30 minutes later.", [("30 minutes later", "PT30M")]),
        ("Sales were held all day on Juneteenth.", [("all day", "P1D"),
                                                    ("Juneteenth", "2018-06-19")]),
    ],
)
def test_timex_find_reads_written_forms_of_days(text, expected):
    found = find_timexes(text, date(2018, 11, 28))
    assert [(t.text, t.value) for t in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5% in the latest quarter from the year-earlier $4.5 million.",
         [("the latest quarter", "1989-Q3"), ("the year-earlier", "1988-Q3")]),
        ("He moved to Ohio in June 1988 and left later that year.",
         [("June 1988", "1988-06"), ("later that year", "1988")]),
        ("Rates should fall in coming weeks, as they did in recent years.",
         [("coming weeks", "PXW"), ("recent years", "PAST_REF")]),
        ("The shop opens Tuesday nights, as it did in the mid-1990s.",
         [("Tuesday nights", "XXXX-WXX-2TNI"), ("the mid-1990s", "199")]),
        ("It previously paid a quarterly dividend and will soon pay more.", []),
        ("Jobs grew in the past two months; the Times said on Monday, Oct. 23: no.",
         [("the past two months", "P2M"), ("Monday, Oct. 23", "1989-10-23")]),
        ("The offer expires at 5 p.m. EST Nov. 9; talks ended at noon Thursday.",
         [("5 p.m. EST Nov. 9", "1989-11-09T17:00"), ("noon Thursday", "1989-10-26T12:00")]),
        ("He came last Oct. 23 and left a week or so ago, the day before last Tuesday.",
         [("Oct. 23", "1989-10-23"), ("a week or so ago", "1989-10-19"),
          ("the day before last Tuesday", "1989-10-23")]),
        ("Profit fell from the quarter a year ago and from the 1988 period.",
         [("the quarter a year ago", "1988-Q3"), ("the 1988 period", "1988-Q3")]),
    ],
)
def test_timex_find_reads_news_periods_and_skips_discourse_words(text, expected):
    found = find_timexes(text, date(1989, 10, 26))
    assert [(t.text, t.value) for t in found] == expected


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2016-01-19", (date(2016, 1, 19), date(2016, 1, 19))),
        ("2016-02", (date(2016, 2, 1), date(2016, 2, 29))),
        ("2016-W03", (date(2016, 1, 18), date(2016, 1, 24))),
        ("2015-Q4", (date(2015, 10, 1), date(2015, 12, 31))),
        ("2016-SU", (date(2016, 6, 1), date(2016, 8, 31))),
        ("2020-WI", (date(2020, 12, 1), date(2021, 2, 28))),
        ("2016", (date(2016, 1, 1), date(2016, 12, 31))),
        ("201X", (date(2010, 1, 1), date(2019, 12, 31))),
        ("199", (date(1990, 1, 1), date(1999, 12, 31))),
        ("1998-02-06TMO", (date(1998, 2, 6), date(1998, 2, 6))),
        ("P3D", None),
        ("PAST_REF", None),
        ("XXXX-12", None),
    ],
)
def test_timex_to_interval_covers_calendar_span(value, interval):
    assert to_interval(value) == interval


@pytest.mark.parametrize("reference", [None, date(1, 1, 1), date(9999, 12, 31), date(2020, 2, 29)])
def test_timex_find_survives_extreme_references(seed_texts, reference):
    for text in seed_texts.values():
        for timex in find_timexes(text, reference):
            assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize("text", ["shortly before 19:00 local time (1800 UTC), a stabbing",
                                  "At 0600 GMT the shelling resumed.",
                                  "At 2030 hours the convoy left."])
def test_timex_military_clock_time_is_not_a_year(text):
    assert [t.value for t in find_timexes(text, date(2020, 6, 22))] == []


@pytest.mark.parametrize(
    "text",
    [
        "on the 5th and on the 21st.",
        "Launch at 1800 UTC, 0600 GMT or 2130 hours; 1998 was a record.",
        "growth by mid-2019, in mid-morning and late-1990s, the early '90s and 1980s",
        "Jan Kavan met Mar. Dec. officials in May, but may march in March 2020",
        "5/1/2019-5/7/2020 and 11/20 but on 11/20, Monday, 3/4 and 2019-03-04",
        "New Year's Eve, St. Patrick's Day, Hallowe'en, Labour Day and the Fourth of July",
        "nineteen eighty-four, two thousand and nine, the year twenty twenty-one",
        "MAY 1, JAN.5, 2019-q3, Q4 2019, h1-2020, THE PAST THREE SUMMERS",
        "a few days ago, an hour later, half a year, a dozen weeks from now, the 1989 period",
        "maysecond, jan5, www.example.com/2019/05/01, $12 December 27, 12\u00a0December",
        "last\u00a0week on Monday\u2019s \u201cnext week\u201d, the \u201890s",
        "\u212aelvin, \u0130n May, \u017fpring 2019, \u00bd year",
        "",
        "2019",
        "week 5 of 2020 and the week of March 3",
    ],
)
def test_timex_finder_prefilter_finds_what_the_full_pattern_finds(text):
    for variant in (text, text.upper(), text.swapcase()):
        expected = [m.span() for m in timex_finder._FINDER.finditer(variant)]
        assert [m.span() for m in timex_finder._finder_matches(variant)] == expected


def test_timex_finder_prefilter_finds_what_the_full_pattern_finds_in_seeds(seed_texts):
    for text in seed_texts.values():
        expected = [m.span() for m in timex_finder._FINDER.finditer(text)]
        assert [m.span() for m in timex_finder._finder_matches(text)] == expected


def test_timex_finder_prefilter_is_on_and_falls_back_without_re_internals(monkeypatch):
    assert timex_finder._STARTS is not None  # the fast path is built on this Python
    monkeypatch.setattr(timex_finder, "_parser", None)
    heads, starts = timex_finder._starts()
    assert (heads, starts) == ([], None)
    monkeypatch.setattr(timex_finder, "_STARTS", None)
    text = "On Monday, May 5, 2019, troops left; by the fall of 2020 they were back."
    assert [m.span() for m in timex_finder._finder_matches(text)] == [
        m.span() for m in timex_finder._FINDER.finditer(text)]
    assert timex_finder.candidate_spans(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Wikinews (sample corpus): the return was 2014, not three years after publication.
        ("U.S. troops left Iraq in 2011, then at the government's request returned three years "
         "later.", [("2011", "2011"), ("three years later", "2014")]),
        ("On March 3, 2014 they came back; two days later they left. Six months later, they "
         "were gone.", [("March 3, 2014", "2014-03-03"), ("two days later", "2014-03-05"),
                        ("Six months later", "2014-09")]),
        # No more precise than the date it counts from.
        ("In May 2015 it began; two weeks later it ended.",
         [("May 2015", "2015-05"), ("two weeks later", "2015-05")]),
        # With no date before it, the count runs from the publication, as before.
        ("Two days later, the talks resumed.", [("Two days later", "2019-11-12")]),
    ],
)
def test_timex_later_counts_from_the_date_the_text_last_named(text, expected):
    found = find_timexes(text, date(2019, 11, 10))
    assert [(t.text, t.value) for t in found] == expected
