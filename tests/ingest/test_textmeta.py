"""Metadata read from plain-text scrapes: what the seeds state, and None where they do not."""

from __future__ import annotations

import datetime as dt

import pytest

from sample_pages import CBC_STYLE
from wirewatch.ingest.textclean import clean_text
from wirewatch.ingest.textmeta import detect_language, parse_date, text_metadata
from wirewatch.types import Metadata

# What /work/shared/data/seeds/README.md and the texts themselves justify.
EXPECTED: dict[str, dict] = {
    "01": dict(
        title="Ottawa won’t heed U.S. call to return ISIS fighters",
        outlet=None,  # the text never names its publisher; "(Reuters)" is a photo credit
        authors=[],
        published=None,  # not printed: "December 2018" is in a caption, "Monday" has no date
        published_precision=None,
        published_source=None,
        dateline=None,
        wire="CBC, Global News",  # "With files from CBC, Global News"
        language="en",
    ),
    "02": dict(
        title="Canada left out of international anti-ISIS coalition meeting in Paris",
        outlet="Global News",  # "confirmed to Global News"
        authors=[],
        published="2016-01-19",  # "WATCH ABOVE: … – Jan 19, 2016"
        published_precision="day",
        published_source="text:video-caption",
        dateline=None,
        wire=None,
        language="en",
    ),
    "03": dict(
        title="Canada expected to face pressure to reverse withdrawal, send troops to Iraq",
        outlet="iNFOnews",  # "… | iNFOnews | Thompson-Okanagan's News Source"
        authors=[],
        published="2021-02-17",  # "first published Feb. 17, 2021", not the caption's 2017
        published_precision="day",
        published_source="text:first-published",
        dateline="OTTAWA",  # "OTTAWA - Canada is expected …"
        wire="The Canadian Press",
        language="en",
    ),
    "04": dict(
        title="Canada to Washington: Thanks for the Letter, But We're Still Pulling Out of "
              "Bombing Mission",
        outlet="VICE News",  # "confirmed to VICE News on Monday"
        authors=["Tamara Khandaker"],  # "Follow Tamara Khandaker on Twitter"
        published=None,  # "This story is over 5 years old" is not a date
        published_precision=None,
        published_source=None,
        dateline=None,
        wire=None,
        language="en",
    ),
    "05": dict(
        title="Canadian, Russian officials set aside differences to talk terrorism",
        outlet="Canadian Global Affairs Institute",  # "© 2002-2022 Canadian Global Affairs …"
        authors=["Lee Berthiaume"],  # "by Lee Berthiaume (feat. Ferry de Kerckhove)"
        published="2017-06-16",  # the byline block's date, not the 2022 dates of the lists
        published_precision="day",
        published_source="text:byline",
        dateline="OTTAWA",
        wire="The Canadian Press",
        language="en",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata(name, seed_texts):
    raw = seed_texts[name]
    meta = text_metadata(raw, clean_text(raw))
    assert isinstance(meta, Metadata)
    for field, value in EXPECTED[name].items():
        assert getattr(meta, field) == value, (name, field)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_dates_are_never_today(name, seed_texts):
    raw = seed_texts[name]
    meta = text_metadata(raw, clean_text(raw))
    assert meta.published != dt.date.today().isoformat()


def test_curated_url_names_the_outlet_and_gives_a_date(seed_texts):
    raw = seed_texts["01"]
    meta = text_metadata(raw, clean_text(raw),
                         url="https://www.rcinet.ca/en/2019/02/19/ottawa-isis-fighters/")
    assert meta.outlet == "Radio Canada International"
    assert (meta.published, meta.published_precision, meta.published_source) == (
        "2019-02-19", "day", "url")


def test_text_outlet_wins_over_a_guessed_domain_name(seed_texts):
    raw = seed_texts["03"]
    meta = text_metadata(raw, clean_text(raw), url="https://some-mirror.example.org/a/b")
    assert meta.outlet == "iNFOnews"
    meta = text_metadata(seed_texts["01"], clean_text(seed_texts["01"]),
                         url="https://www.kelownanow.com/watercooler/news/x")
    assert meta.outlet == "Kelowna Now"


def _meta(raw: str, url: str | None = None) -> Metadata:
    return text_metadata(raw, clean_text(raw), url=url)


BODY = (
    "The government said on Tuesday that it would send more trainers to the region this spring, "
    "officials told reporters in the capital.\n\n"
    "The decision follows months of talks among the allies about the size of the mission and "
    "how long it should last, they said.\n"
)


def test_ap_dateline_byline_and_published_line():
    raw = (
        "Skip to main content\nTrending News\nBiden says US will keep supporting Ukraine\n\n"
        "By ZEKE MILLER and AAMER MADHANI\nPublished 10:15 AM EST, March 3, 2023\n\n"
        "WASHINGTON (AP) — " + BODY
    )
    meta = _meta(raw)
    assert meta.title == "Biden says US will keep supporting Ukraine"
    assert meta.authors == ["Zeke Miller", "Aamer Madhani"]
    assert (meta.published, meta.published_precision, meta.published_source) == (
        "2023-03-03", "day", "text:published-line")
    assert meta.dateline == "WASHINGTON"
    assert meta.wire == "AP"
    assert meta.language == "en"


def test_name_dot_wire_byline():
    raw = ("Canada to send more troops to Latvia\n\n"
           "Lee Berthiaume · The Canadian Press · Posted: Jun 16, 2017 4:00 AM ET | "
           "Last Updated: June 16\n\nOTTAWA — " + BODY)
    meta = _meta(raw)
    assert meta.authors == ["Lee Berthiaume"]
    assert meta.wire == "The Canadian Press"
    assert meta.published == "2017-06-16"
    assert meta.dateline == "OTTAWA"


def test_staff_byline_and_reuters_credits():
    meta = _meta("Headline of a wire story here\n\nBy Staff The Canadian Press\n"
                 "Posted January 19, 2016 5:42 pm\n\n" + BODY)
    assert meta.authors == [] and meta.wire == "The Canadian Press"
    assert meta.published == "2016-01-19"
    meta = _meta("LONDON, March 3, 2021 (Reuters) - " + BODY
                 + "\nReporting by William Schomberg; Editing by Kate Holton\n")
    assert meta.dateline == "LONDON" and meta.wire == "Reuters"
    assert meta.authors == ["William Schomberg"]
    assert (meta.published, meta.published_source) == ("2021-03-03", "text:dateline")


def test_with_files_credit_maps_agencies():
    meta = _meta("Some headline for the story here\n\n" + BODY
                 + "\nWith files from The Associated Press and Reuters\n")
    assert meta.wire == "AP, Reuters"


def test_no_date_when_the_text_gives_none():
    meta = _meta("FYI.\n\nThis story is over 5 years old.\n\nA headline about the talks\n\n"
                 + BODY)
    assert meta.published is None and meta.published_precision is None
    assert meta.published_source is None


def test_url_date_forms():
    assert _meta(BODY, url="https://example.com/2017/06/x").published == "2017-06"
    assert _meta(BODY, url="https://example.com/news/20170616/x").published == "2017-06-16"
    assert _meta(BODY, url="https://example.com/2099/01/01/x").published is None  # future


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb. 17, 2021", ("2021-02-17", "day")),
        ("June 16, 2017", ("2017-06-16", "day")),
        ("Jan 19, 2016", ("2016-01-19", "day")),
        ("Tuesday, Sept. 5, 2017", ("2017-09-05", "day")),
        ("17 June 2017", ("2017-06-17", "day")),
        ("2019-01-04", ("2019-01-04", "day")),
        ("25/12/2020", ("2020-12-25", "day")),
        ("June 2017", ("2017-06", "month")),
        ("03/04/2020", None),  # day/month order unknown
        ("Feb. 30, 2021", None),
        ("5 years old", None),
        ("on Monday", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_detect_language():
    assert detect_language(BODY) == "en"
    assert detect_language("Déchiffrer la complexité de notre monde. " * 10) is None
    assert detect_language("Too short to tell.") is None


def test_a_third_party_reference_does_not_beat_the_url():
    raw = "A headline about the strike\n\n" + BODY + "\nThe official told NPR that talks went on.\n"
    assert _meta(raw).outlet == "NPR"  # nothing better: the weakest signal
    assert _meta(raw, url="https://en.wikinews.org/wiki/X").outlet == "Wikinews"
    assert _meta(raw, url="https://www.kamloopsnow.com/x").outlet == "Kamloops Now"


def test_section_heading_between_headline_and_list_is_kept():
    raw = (
        "Military airstrikes continue against ISIL terrorists in Syria and Iraq\n\n"
        "August 26, 2016\n\nU.S. Central Command\n\nSyria\n\n"
        "- Near Manbij, four strikes engaged four separate ISIL tactical units and destroyed "
        "three fighting positions.\n\nIraq\n\n"
        "- Near Kisik, one strike suppressed an ISIL mortar position.\n"
    )
    result = clean_text(raw)
    assert result.text.split("\n\n") == [
        "Syria",
        "- Near Manbij, four strikes engaged four separate ISIL tactical units and destroyed "
        "three fighting positions.",
        "Iraq", "- Near Kisik, one strike suppressed an ISIL mortar position."]
    meta = text_metadata(raw, result)
    assert (meta.published, meta.published_source) == ("2016-08-26", "text:byline")
    assert meta.outlet == "U.S. Central Command"  # the issuer's masthead line, not body text




def test_byline_under_a_standfirst():
    meta = _meta(CBC_STYLE)
    assert meta.authors == ["Lee Berthiaume"]
    assert meta.wire == "The Canadian Press"
    assert (meta.published, meta.published_source) == ("2019-02-19", "text:byline")
    assert meta.outlet == "CBC/Radio-Canada"
