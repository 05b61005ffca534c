"""Outlet names from URLs (curated map + readable fallback) and from what a text shows."""

from __future__ import annotations

import pytest

from wirewatch.ingest.outlets import _DOMAINS as DOMAINS
from wirewatch.ingest.outlets import (
    KNOWN_OUTLETS,
    canonical_wire,
    outlet_from_text,
    outlet_from_url,
    outlet_is_curated,
)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://globalnews.ca/news/2463813/canada-left-out/", "Global News"),
        ("https://www.cbc.ca/news/politics/x-1.5023456", "CBC News"),
        ("https://www.infonews.ca/monitor_news/x", "iNFOnews"),
        ("https://www.vice.com/en/article/x", "VICE"),
        ("news.vice.com/article/x", "VICE News"),
        ("https://edition.cnn.com/2020/01/01/world/x", "CNN"),
        ("https://www.bbc.co.uk/news/world-123", "BBC News"),
        ("https://apnews.com/article/x", "AP"),
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://m.thestar.com/news/x", "Toronto Star"),
        ("https://www.thestar.com.my/news/x", "The Star (Malaysia)"),
        ("HTTPS://WWW.THEGUARDIAN.COM/world", "The Guardian"),
        ("https://www.nytimes.com:443/2020/x.html", "The New York Times"),
        ("https://www.centcom.mil/MEDIA/PRESS-RELEASES/Press-Release-View/Article/1/x/",
         "U.S. Central Command"),
    ],
)
def test_curated_domains(url, name):
    assert outlet_from_url(url) == name
    assert outlet_is_curated(url)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.kamloopsnow.com/x", "Kamloops Now"),
        ("https://prairiestandard.news/x", "Prairie Standard"),
        ("https://thezimbabwemail.com/x", "The Zimbabwe Mail"),
        ("https://www.cgai.ca/x", "CGAI"),
        ("https://www.ship-and-bunker.com/news", "Ship and Bunker"),
        ("https://new-express-news.com/x", "New Express News"),
        ("https://news.example.co.uk/x", "Example"),
    ],
)
def test_unknown_domains_get_a_readable_name(url, name):
    assert outlet_from_url(url) == name
    assert not outlet_is_curated(url)


@pytest.mark.parametrize("url", ["", "not a url", "http://192.168.0.1/x", "http://localhost/x",
                                 "file:///tmp/a.txt"])
def test_no_outlet_from_non_news_urls(url):
    assert outlet_from_url(url) is None


def test_the_map_is_large_and_clean():
    assert len(DOMAINS) >= 300
    for host, name in DOMAINS.items():
        assert host == host.lower().strip() and "." in host and "/" not in host
        assert name and name == name.strip()


# What each seed shows (see /work/shared/data/seeds/README.md).
SEED_OUTLETS = {
    "01": None,  # captions credit Reuters/AP, "With files from CBC, Global News": no publisher
    "02": "Global News",
    "03": "iNFOnews",
    "04": "VICE News",
    "05": "Canadian Global Affairs Institute",
}


@pytest.mark.parametrize("name", sorted(SEED_OUTLETS))
def test_seed_outlets_from_text(name, seed_texts):
    assert outlet_from_text(seed_texts[name]) == SEED_OUTLETS[name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # page-title lines
        ("Ottawa unveils a new defence plan today | Ottawa Citizen\n\nBody.", "Ottawa Citizen"),
        ("Some long headline about the talks | Kamloops This Week | Local news\n\nx",
         "Kamloops This Week"),
        ("Some headline goes here for the page - Reuters\n\nText.", "Reuters"),
        # copyright lines, year first or name first
        ("Body text.\n\n© 2002-2022 Example Policy Institute", "Example Policy Institute"),
        ("Body text.\n\nNews from © The Canadian Press, 2021", "The Canadian Press"),
        ("Body.\nCopyright 2021 The Associated Press. All rights reserved.", "AP"),
        # masthead line
        ("The Globe and Mail\n\nA headline here\n\nBody text here.", "The Globe and Mail"),
        ("Strikes continue in Syria\n\nAugust 26, 2016\n\nU.S. Central Command\n\nSyria",
         "U.S. Central Command"),
        # self-reference in reporting
        ("A source confirmed to CTV News that the deal was off.", "CTV News"),
        ("Global News has learned that the minister will resign.", "Global News"),
        ("The spokesperson said in an email to HuffPost that she disagreed.", "HuffPost"),
    ],
)
def test_outlet_text_signals(text, name):
    assert outlet_from_text(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A militant waves a flag in Raqqa, Syria. (Reuters)",
        "With files from CBC, Global News",
        "She told broadcaster ZDF that Germany was doing its part.",
        "Officials spoke at a news conference on Monday in Ottawa.",
    ],
)
def test_no_outlet_when_the_text_names_none(text):
    assert outlet_from_text(text) is None


def test_wire_names():
    assert canonical_wire("The Canadian Press") == "The Canadian Press"
    assert canonical_wire("Associated Press") == "AP"
    assert canonical_wire("(AFP)") == "AFP"
    assert canonical_wire("Global News") is None
    assert KNOWN_OUTLETS["VICE News"] == "VICE News"
