"""clean_html keeps the article and drops the page around it; metadata never guesses a date."""

from __future__ import annotations

import socket

import pytest

from wirewatch.ingest.htmlclean import clean_html, html_metadata

ARTICLE_PARAGRAPHS = [
    "Canada will extend its military training mission in Iraq for two more years, the defence "
    "minister told reporters in Ottawa on Tuesday, citing the continuing threat from ISIS.",
    "The mission, known as Operation IMPACT, has about 850 members of the Canadian Armed Forces "
    "deployed across the region, most of them in Iraq, Kuwait and Jordan.",
    "Officials said the decision followed a request from the Iraqi government and consultations "
    "with NATO allies, who lead a separate advisory mission in Baghdad.",
]

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en-CA">
<head>
  <meta charset="utf-8">
  <title>Canada extends Iraq mission | The Daily Example</title>
  <meta property="og:site_name" content="The Daily Example">
  <meta property="og:title" content="Canada extends Iraq mission">
  <meta name="author" content="Jane Doe">
  {date_meta}
  <style>.ad {{ color: red; }} body::after {{ content: "STYLE-LEAK"; }}</style>
  <script>var trackingId = "SCRIPT-LEAK"; document.write("SCRIPT-LEAK");</script>
</head>
<body>
  <header><nav><ul>
    <li><a href="/world">World news menu</a></li><li><a href="/sports">Sports menu</a></li>
    <li><a href="/opinion">Opinion menu</a></li>
  </ul></nav></header>
  <div class="ad advertisement" id="ad-top">Buy cheap flights now! Advertisement banner.</div>
  <main>
    <article>
      <h1>Canada extends Iraq mission</h1>
      {date_html}
      <p class="byline">By Jane Doe</p>
      <p>{p0}</p>
      <div class="ad">Sponsored: the best mortgage rates in Ottawa, click to compare.</div>
      <p>{p1}</p>
      <script>console.log("SCRIPT-LEAK inside article");</script>
      <p>{p2}</p>
    </article>
    <aside class="related"><h3>Related stories</h3><ul>
      <li><a href="/a">Related link: hockey night recap</a></li>
      <li><a href="/b">Related link: weather warning for the weekend</a></li>
    </ul></aside>
    <section id="comments" class="comments">
      <div class="comment"><p>Reader comment: a terrible decision by the government.</p></div>
      <div class="comment"><p>Reader comment: great news for our troops overseas.</p></div>
    </section>
  </main>
  <footer><p>Copyright 2021 The Daily Example. All rights reserved. Contact us.</p></footer>
</body>
</html>"""


def _page(*, dated: bool) -> str:
    date_meta = (
        '<meta property="article:published_time" content="2021-03-09T14:30:00-05:00">'
        if dated
        else ""
    )
    date_html = '<time datetime="2021-03-09T14:30:00-05:00">March 9, 2021</time>' if dated else ""
    return PAGE_TEMPLATE.format(
        date_meta=date_meta,
        date_html=date_html,
        p0=ARTICLE_PARAGRAPHS[0],
        p1=ARTICLE_PARAGRAPHS[1],
        p2=ARTICLE_PARAGRAPHS[2],
    )


def test_htmlclean_body_is_only_article_paragraphs() -> None:
    body, _ = clean_html(_page(dated=True), url="https://example.com/world/canada-iraq")
    assert body.split("\n\n") == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "leak", ["menu", "Advertisement", "Sponsored", "Related", "Reader comment", "Copyright"]
)
def test_htmlclean_body_drops_boilerplate(leak: str) -> None:
    body, _ = clean_html(_page(dated=True), url="https://example.com/world/canada-iraq")
    assert leak not in body


@pytest.mark.parametrize("dated", [True, False])
def test_htmlclean_script_and_style_never_leak(dated: bool) -> None:
    body, _ = clean_html(_page(dated=dated))
    assert "SCRIPT-LEAK" not in body
    assert "STYLE-LEAK" not in body
    assert "trackingId" not in body


def test_htmlclean_metadata_from_page() -> None:
    _, meta = clean_html(_page(dated=True), url="https://example.com/world/canada-iraq")
    assert meta.title == "Canada extends Iraq mission"
    assert meta.outlet == "The Daily Example"
    assert meta.authors == ["Jane Doe"]
    assert meta.published == "2021-03-09"
    assert meta.published_precision == "day"
    assert meta.published_source == "html:meta"
    assert meta.language == "en"
    assert meta.dateline is None
    assert meta.wire is None


@pytest.mark.parametrize("url", [None, "https://example.com/world/canada-iraq"])
def test_htmlclean_page_without_date_gives_no_date(url: str | None) -> None:
    _, meta = clean_html(_page(dated=False), url=url)
    assert meta.published is None
    assert meta.published_precision is None
    assert meta.published_source is None


def test_htmlclean_date_from_url() -> None:
    meta = html_metadata(_page(dated=False), url="https://example.com/2021/03/09/canada-iraq")
    assert (meta.published, meta.published_source) == ("2021-03-09", "url")


@pytest.mark.parametrize(
    "html", ["", "   \n ", "http://example.com/looks-like-a-url", "\x00\x01\x02", "<html></html>"]
)
def test_htmlclean_empty_or_garbage_gives_empty_result(html: str) -> None:
    body, meta = clean_html(html)
    assert body == ""
    assert meta.published is None


CHUNKED_PAGE = """<html lang="en"><head><title>Chunked story</title></head><body>
<nav><a href="/">Home menu</a> <a href="/news">News menu</a></nav>
<article class="story"><h1>Chunked story</h1>
  <div class="chunks">
    <div class="grid"><div class="article__body">
      <p>{p0}</p><p>{p1}</p>
    </div></div>
    <div class="ad-slot">Advertisement: buy a new car today and save.</div>
    <div class="grid"><div class="article__body">
      <p>{p2}</p>
      <p><a href="/more">Read more: an unrelated story about hockey playoffs and more</a></p>
    </div></div>
  </div>
</article>
<footer>Contact us. Terms of use.</footer>
</body></html>"""


def test_htmlclean_body_joins_chunks_split_by_ads() -> None:
    page = CHUNKED_PAGE.format(
        p0=ARTICLE_PARAGRAPHS[0],
        p1=ARTICLE_PARAGRAPHS[1],
        p2=ARTICLE_PARAGRAPHS[2] + " " + ARTICLE_PARAGRAPHS[2],
    )
    body, _ = clean_html(page)
    paragraphs = body.split("\n\n")
    assert paragraphs[:2] == ARTICLE_PARAGRAPHS[:2]
    assert paragraphs[-1].startswith(ARTICLE_PARAGRAPHS[2])
    assert "Read more" not in body
    assert "Advertisement" not in body


def _dated_head_page(head: str, text: str = "") -> str:
    return (
        f"<html><head><title>Dated page</title>{head}</head><body><article>"
        f"<p>{text}</p><p>{ARTICLE_PARAGRAPHS[0]}</p><p>{ARTICLE_PARAGRAPHS[1]}</p>"
        "</article></body></html>"
    )


def _jsonld(date: str) -> str:
    return (
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "datePublished": "{date}"}}</script>'
    )


@pytest.mark.parametrize(
    ("head", "text", "expected"),
    [
        # a stated stamp in a format htmldate does not read beats a date in the text
        (
            _jsonld("Tue, Sep 15 2020 10:01:41 EDT"),
            "Closed on May 20, 2020.",
            ("2020-09-15", "html:jsonld"),
        ),
        # the local-offset stamp gives the publisher's day, not the UTC one
        (
            '<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
            + _jsonld("2020-12-25T01:59:50+02:00"),
            "",
            ("2020-12-25", "html:jsonld"),
        ),
        # first publication, not the later update
        (
            '<meta property="article:published_time" content="2019-03-02T08:00:00-05:00">'
            '<meta property="article:modified_time" content="2019-03-05T08:00:00-05:00">',
            "",
            ("2019-03-02", "html:meta"),
        ),
        # a date in the future is no publication date
        (
            '<meta property="article:published_time" content="2999-01-01T08:00:00Z">',
            "",
            (None, None),
        ),
        # a bare year is not a day
        ("", "Copyright 2016 Example Media.", (None, None)),
    ],
)
def test_htmlclean_published_date_choice(head: str, text: str, expected: tuple) -> None:
    meta = html_metadata(_dated_head_page(head, text))
    assert (meta.published, meta.published_source) == expected


@pytest.mark.parametrize(
    ("byline", "authors", "wire"),
    [
        ("Jane Doe", ["Jane Doe"], None),
        ("Associated Press", [], "AP"),
        ("Jane Doe; Reuters", ["Jane Doe"], "Reuters"),
    ],
)
def test_htmlclean_agency_byline_fills_wire(byline: str, authors: list, wire: str | None) -> None:
    meta = html_metadata(_dated_head_page(f'<meta name="author" content="{byline}">'))
    assert (meta.authors, meta.wire) == (authors, wire)


def test_htmlclean_never_touches_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("clean_html tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for html in ("https://example.com/2021/03/09/story", _page(dated=True)):
        clean_html(html, url="https://example.com/2021/03/09/story")


TABLE_LAYOUT_PAGE = """<html lang="en">
<head><title>Command | Strikes continue in Iraq</title></head><body><table class="layout"><tr>
<td class="menu"><nav><ul><li><a href="/">Home</a></li><li><a href="/a">Us</a></li></ul></nav></td>
<td class="content">
  <h2>Strikes continue in Iraq</h2>
  <p>November 02, 2015<br>Release # 20151102-01</p>
  <p>{p0}</p>
  <p>{p1}<br>{p2}</p>
  <table class="data"><tr><td>Near Mosul</td><td>3 strikes</td></tr>
  <tr><td>Near Ramadi</td><td>4 strikes</td></tr></table>
</td></tr></table></body></html>"""


def test_htmlclean_table_layout_keeps_paragraphs() -> None:
    page = TABLE_LAYOUT_PAGE.format(
        p0=ARTICLE_PARAGRAPHS[0], p1=ARTICLE_PARAGRAPHS[1], p2=ARTICLE_PARAGRAPHS[2]
    )
    body, _ = clean_html(page)
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "November 02, 2015"  # the headline echo of the title is dropped
    assert ARTICLE_PARAGRAPHS == [p for p in paragraphs if p in ARTICLE_PARAGRAPHS]
    assert "Near Mosul | 3 strikes" in paragraphs
    assert " | " not in "".join(p for p in paragraphs if "Near" not in p)
