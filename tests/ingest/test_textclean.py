"""The plain-text cleaner: every line of every seed judged, prose kept, templates learned."""

from __future__ import annotations

import re

import pytest

from sample_pages import CBC_STYLE
from wirewatch.ingest.textclean import (
    TemplateLearner,
    clean_text,
    is_prose,
    normalize_line,
    split_lines,
)

# ---------------------------------------------------------------------------------------------
# (a) The verdict on every seed line: (1-based line number, how the line starts, reason).
# Every non-blank line not listed here must be kept unchanged.
# ---------------------------------------------------------------------------------------------
GONE: dict[str, list[tuple[int, str, str]]] = {
    "01": [
        (1, "An Islamic State militant waves an ISIS flag", "caption"),
        (3, "Ottawa won’t heed U.S. call to return ISIS fighters", "title"),
        (9, "A Free Syrian Army fighter stands in front of graffiti", "caption"),
        (19, "In this file picture taken on Friday, July 21, 2017", "caption"),
        (31, "With files from CBC, Global News", "credit"),
        (33, "Categories: International, Politics, Society", "categories"),
        (34, "Tags: , , , , ,", "categories"),
        (36, "Do you want to report an error or a typo? Click here!", "report-error"),
        (38, "For reasons beyond our control", "comments"),
    ],
    "02": [
        (1, "Advertisement", "ad"),
        (3, "Canada left out of international anti-ISIS coalition meeting in Paris", "title"),
        (5, "Click to play video: 'Defence Minister tight lipped", "video"),
        (6, "Defence Minister tight lipped on being left out", "video"),
        (7, "WATCH ABOVE: Defence Minister Harjit Sajjan dodged questions", "video"),
        (17, "Story continues below advertisement", "ad"),
        (19, "READ MORE: Syria says ISIS group killed 300", "related"),
        (23, "Breaking news from Canada and around the world sent to your email", "newsletter"),
        (31, "READ MORE: Mother of Burkina Faso victim", "related"),
        (35, "Story continues below advertisement", "ad"),
        (41, "READ MORE: Deaths of seven Quebecers", "related"),
        (51, "Advertisement", "ad"),
        (53, "Sponsored content", "ad"),
        (55, "AdChoices", "ad"),
    ],
    "03": [
        (1, "Canada expected to face pressure to reverse withdrawal, send troops to Iraq | "
            "iNFOnews", "page-title"),
        (2, "Subscribe", "newsletter"),
        (4, "Would you like to subscribe to our newsletter?", "newsletter"),
        (6, "Current Conditions Light Rainshower", "weather"),
        (8, "Canada expected to face pressure to reverse withdrawal, send troops to Iraq", "title"),
        (10, "A Canadian Forces Griffon helicopter comes in for a landing", "caption"),
        (56, "This report by The Canadian Press was first published Feb. 17, 2021.", "credit"),
        (58, "News from © The Canadian Press, 2021", "copyright"),
        (59, "The Canadian Press", "footer"),
        (61, "• Popular kamloops News", "nav"),
        (62, "View Site in: Desktop | Mobile", "nav"),
    ],
    "04": [
        (1, "FYI.", "nav"),
        (3, "This story is over 5 years old.", "age-notice"),
        (5, "News", "nav"),
        (7, "Canada to Washington: Thanks for the Letter", "title"),
        (9, "Canada confirmed it had received a letter from US Defense Secretary", "caption"),
        (10, "Image via Department of National Defense", "caption"),
        (16, "Advertisement", "ad"),
        (38, "Follow Tamara Khandaker on Twitter: @anima_tk", "share"),
    ],
    "05": [
        (1, "SUPPORT US", "nav"),
        (3, "In The Media", "nav"),
        (5, "Canadian, Russian officials set aside differences to talk terrorism", "title"),
        (7, "by Lee Berthiaume (feat. Ferry de Kerckhove)", "byline"),
        (9, "The Canadian Press", "byline"),
        (10, "June 16, 2017", "byline"),
        (59, "Be the first to comment", "comments"),
        (61, "Please check your e-mail for a link to activate your account.", "account"),
        (62, "SUBSCRIBE TO OUR NEWSLETTERS", "newsletter"),
        (64, "UPCOMING EVENTS", "nav"),
        (66, "CONFERENCE", "*"),
        (67, "Annual Defence Procurement Conference", "*"),
        (69, "Ottawa, Ontario", "*"),
        (71, "October 25, 2022", "*"),
        (73, "SEARCH", "nav"),
        (74, "EXPERTS IN THE MEDIA", "footer-headlines"),
        # 76-158: the list of other articles, see FOOTER_HEADLINES_05 below
        (161, "LATEST TWEETS", "nav"),
        (163, "HEAD OFFICE", "footer"),
        (164, "Canadian Global Affairs Institute", "footer"),
        (165, "Suite 1800, 150–9th Avenue SW", "contact"),
        (166, "Calgary, Alberta, Canada T2P 3H9", "contact"),
        (170, "OTTAWA OFFICE", "footer"),
        (171, "Canadian Global Affairs Institute", "footer"),
        (172, "8 York Street, 2nd Floor", "footer"),
        (173, "Ottawa, Ontario, Canada K1N 5S6", "contact"),
        (177, "Phone: (613) 288-2529", "contact"),
        (178, "Email: [email protected]", "contact"),
        (179, "Web: cgai.ca", "contact"),
        (183, "Making sense of our complex world.", "footer"),
        (184, "Déchiffrer la complexité de notre monde.", "footer"),
        (188, "© 2002-2022 Canadian Global Affairs Institute", "copyright"),
        (189, "Charitable Registration No. 87982 7913 RR0001", "copyright"),
        (194, "Sign in with Facebook | Sign in with Twitter | Sign in with Email", "account"),
    ],
}
FOOTER_HEADLINES_05 = range(76, 159)  # every non-blank line: a headline or its byline line

# (b) Paragraphs that must survive verbatim: first, last, quoted, short and dateline paragraphs.
KEPT: dict[str, list[str]] = {
    "01": [
        "Canada will not answer a call by Washington that U.S. allies bring ISIS volunteers home "
        "to face prosecution.",
        "Public Safety Minister Ralph Goodale says the proposition is too risky.",
        "“We have heard the request, or the suggestion, from the United States, but at this point,"
        " the fact of the matter remains that is a dangerous and dysfunctional part of the world "
        "in which we have no diplomatic presence and we are not going to put our diplomatic "
        "officers or consular officials at risk,” Goodale said Tuesday.",
        "Most of the 60 who came back to Canada returned from Turkey, Iraq or Syria.",
        "Both the U.S. Department of Defense and the United Nations estimate that approximately "
        "30,000 ISIS fighters remain in the Middle East",
    ],
    "02": [
        "Defence Minister Harjit Sajjan downplayed the news that Canada has been has been left out"
        " of meeting of U.S.-coalition defence ministers in Paris this week to review the battle "
        "against the so-called Islamic State.",
        "“Meetings happen all the time,” Sajjan said.\u00a0“We are actively participating on a "
        "meaningful basis… We’re not just looking at the current situation in Syria and Iraq, "
        "we’re actually looking at the overall threats around the world as well.”",
        "A spokesperson for Minister Sajjan confirmed to Global News that Canada had not been "
        "invited to the high-level meeting, and the minister is instead focused on a Feb. 11 NATO"
        " meeting requested by U.S. Secretary of Defence Ash Carter.",
        "Prime Minister Justin Trudeau has opposed Canada’s involvement with coalition airstrikes "
        "against targets in Iraq and Syria. As part of an election promise he said Canada will "
        "withdraw fighter jets and instead increase training operations, adding to the 69 "
        "trainers now already in Iraq. \u00a0As of Jan. 19, however, the airstrikes by Canadian "
        "fighter jets continue.",
    ],
    "03": [
        "OTTAWA - Canada is expected to face pressure this week to reverse a recent drawdown of "
        "troops from Iraq as the NATO military alliance prepares to expand its presence in the "
        "country.",
        "The alliance has persistent concerns about Islamic State extremists and Iranian-backed "
        "militias.",
        "(In addition to the NATO training mission, Canada’s war against ISIL has meant deploying "
        "special-forces troops to northern Iraq, transport aircraft and intelligence units to "
        "Kuwait and training teams to Jordan and Lebanon.)",
        "“It's a small force, in my humble view,” she said. “The ask is so low, and the potential "
        "upside of that is really high.”",
    ],
    "04": [
        "Prime Minister\u00a0Justin Trudeau is sticking to his promise of pulling "
        "Canada\u00a0out of the bombing campaign against the Islamic State, despite a request "
        "for more military help from the US government.",
        "German Chancellor Angela Merkel publicly dismissed the American\u00a0request on Sunday.",
        '"As we squeeze its heart, we\'ll make it harder for ISIL to pump its terror and '
        'propaganda to the rest of the world," he said at the Pentagon.\u00a0"ISIL leaders cannot '
        'hide and our next message to them is simple: You are next."',
    ],
    "05": [
        "OTTAWA — The Canadian government hosted talks with counter-terrorism officials from "
        "Russia this week despite persistent tensions between the two countries.",
        "A group with links to al-Qaida claimed responsibility.",
        '"Our engagement with Russia is focused on Canada\'s national interests," she added, "be '
        'they in the Arctic, counter-terrorism, or other international security issues."',
        "de Kerckhove acknowledged that there are areas of disagreement between Canada and Russia"
        " when it comes to terrorism, especially in Syria.",
        '"How many (ISIL) people will be returning to their country under a different guise?" de '
        'Kerckhove said. "How can we co-operate and ensure their identities. And I think that\'s '
        'a valid discussion."',
    ],
}
TITLES = {
    "01": "Ottawa won’t heed U.S. call to return ISIS fighters",
    "02": "Canada left out of international anti-ISIS coalition meeting in Paris",
    "03": "Canada expected to face pressure to reverse withdrawal, send troops to Iraq",
    "04": "Canada to Washington: Thanks for the Letter, But We're Still Pulling Out of Bombing "
          "Mission",
    "05": "Canadian, Russian officials set aside differences to talk terrorism",
}
# Lines some verdict drops although they read like prose: captions, credits, notices.
PROSE_LIKE_BOILERPLATE = {"caption", "credit", "comments", "newsletter", "account", "video"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def cleaned(seed_texts):
    return {name: clean_text(raw) for name, raw in seed_texts.items()}


def _expected_gone(name: str, raw: str) -> dict[int, str]:
    lines = split_lines(raw)
    expected = {}
    for number, start, reason in GONE[name]:
        assert _squash(lines[number - 1]).startswith(_squash(start)), (name, number)
        expected[number - 1] = reason
    if name == "05":
        for number in FOOTER_HEADLINES_05:
            if lines[number - 1].strip():
                expected[number - 1] = "footer-headlines"
    return expected


@pytest.mark.parametrize("name", sorted(GONE))
def test_every_line_of_each_seed_gets_its_verdict(name, seed_texts, cleaned):
    raw = seed_texts[name]
    expected = _expected_gone(name, raw)
    got = {index: reason for index, _, reason in cleaned[name].removed}
    assert sorted(got) == sorted(expected), f"removed lines differ in seed {name}"
    for index, reason in expected.items():
        if reason != "*":
            assert got[index] == reason, (name, index + 1, split_lines(raw)[index])
    for index, line, _ in cleaned[name].removed:
        assert line == split_lines(raw)[index]


@pytest.mark.parametrize("name", sorted(GONE))
def test_every_other_line_is_kept_unchanged(name, seed_texts, cleaned):
    raw = seed_texts[name]
    expected = _expected_gone(name, raw)
    paragraphs = cleaned[name].text.split("\n\n")
    kept = [line for i, line in enumerate(split_lines(raw)) if line.strip() and i not in expected]
    assert paragraphs == kept  # one paragraph per raw line here, in order, byte for byte


@pytest.mark.parametrize("name", sorted(KEPT))
def test_pinned_paragraphs_survive_verbatim(name, cleaned):
    paragraphs = cleaned[name].text.split("\n\n")
    for paragraph in KEPT[name]:
        assert paragraph in paragraphs


@pytest.mark.parametrize("name", sorted(GONE))
def test_no_prose_sentence_is_removed_unless_judged_boilerplate(name, seed_texts, cleaned):
    listed = {number - 1 for number, _, _ in GONE[name]}
    for index, line, reason in cleaned[name].removed:
        words = line.split()
        if len(words) >= 25 and line.rstrip().endswith((".", '."', ".”")):
            assert index in listed and reason in PROSE_LIKE_BOILERPLATE, (name, index + 1, line)
    text = cleaned[name].text
    for index, line in enumerate(split_lines(seed_texts[name])):
        if len(line.split()) >= 25 and line.rstrip().endswith(".") and index not in listed:
            assert line in text


@pytest.mark.parametrize("name", sorted(TITLES))
def test_title_is_the_headline_and_not_part_of_the_text(name, cleaned):
    result = cleaned[name]
    assert result.title == TITLES[name]
    assert result.title not in result.text.split("\n\n")


@pytest.mark.parametrize("name", sorted(GONE))
def test_text_shape(name, cleaned):
    text = cleaned[name].text
    assert text and "\n\n\n" not in text
    assert all(p.strip() for p in text.split("\n\n"))
    assert not text.startswith(("\n", " ")) and not text.endswith("\n")


def test_seed_05_nbsp_only_lines_are_blank(seed_texts, cleaned):
    lines = split_lines(seed_texts["05"])
    nbsp_only = [i for i, line in enumerate(lines) if line and not line.replace("\u00a0", "")]
    assert nbsp_only  # the seed has them
    removed = {index for index, _, _ in cleaned["05"].removed}
    assert not set(nbsp_only) & removed
    assert "\u00a0\n" not in cleaned["05"].text


# ---------------------------------------------------------------------------------------------
# (c) Per-outlet template learning
# ---------------------------------------------------------------------------------------------
PLACES = ["harbour", "airport", "library", "stadium", "hospital"]


def _fake_doc(n: int) -> str:
    place = PLACES[n - 1]
    return (
        "The Daily Example — Your source for local news\n\n"
        f"Council votes on {place} budget plan\n\n"
        f"City council voted {n} to 3 on Tuesday to approve a new spending plan for the {place} "
        "district, after a long debate.\n\n"
        "Get the Example Plus app\n\n"
        f"The mayor said the {place} plan would be reviewed again next year, officials told "
        "reporters at city hall.\n\n"
        f"A unique closing remark about the {place} vote, the clerk said on Tuesday evening.\n\n"
        "Tip us off: tips@example.org\n"
    )


TEMPLATE_LINES = [
    "The Daily Example — Your source for local news",
    "Get the Example Plus app",
    "Tip us off: tips@example.org",
]


def test_template_learner_removes_lines_an_outlet_repeats():
    docs = {f"doc{n}": _fake_doc(n) for n in range(1, 6)}
    learner = TemplateLearner(min_docs=3)
    for key, raw in docs.items():
        learner.observe("Daily Example", key, raw)
    templates = learner.template_lines("Daily Example")
    assert {normalize_line(line) for line in TEMPLATE_LINES} <= templates
    for n, raw in enumerate(docs.values(), start=1):
        plain = clean_text(raw)
        result = clean_text(raw, template_lines=templates)
        for line in TEMPLATE_LINES:
            assert line not in result.text
        reasons = {line: reason for _, line, reason in result.removed}
        assert reasons["Get the Example Plus app"] == "template"
        place = PLACES[n - 1]
        assert f"A unique closing remark about the {place} vote" in result.text
        assert "City council voted" in result.text and "The mayor said the" in result.text
        assert result.title == f"Council votes on {place} budget plan"
        assert "Get the Example Plus app" in plain.text  # only the learner knows it


def test_template_learner_counts_distinct_documents_idempotently():
    learner = TemplateLearner(min_docs=3)
    for _ in range(5):
        learner.observe("O", "same-doc", "Shared line\nOther line")
    assert learner.template_lines("O") == frozenset()
    learner.observe("O", "doc2", "Shared line")
    learner.observe("O", "doc3", "shared   LINE ")
    assert learner.template_lines("O") == frozenset({"shared line"})
    assert learner.template_lines("Another outlet") == frozenset()
    learner.observe("O", "doc3", "Something else")  # a new text under an old key replaces it
    assert learner.template_lines("O") == frozenset()


def test_template_learner_snapshot_round_trip():
    learner = TemplateLearner(min_docs=2)
    learner.observe("A", "1", "Header\nBody one")
    learner.observe("A", "2", "Header\nBody two")
    learner.observe_line("B", "9", "Footer 2021")
    snap = learner.snapshot()
    assert snap["A"]["header"] == {"1", "2"}
    assert snap["B"] == {"footer 0": {"9"}}
    again = TemplateLearner.from_snapshot(snap, min_docs=2)
    assert again.template_lines("A") == learner.template_lines("A") == frozenset({"header"})
    snap["A"]["header"].clear()  # a snapshot is a copy
    assert learner.template_lines("A") == frozenset({"header"})


def test_versions_of_one_story_do_not_make_its_prose_a_template():
    story = (
        "Flood forces hundreds from homes\n\n"
        "The river rose overnight and forced hundreds of residents from their homes, officials "
        "said on Monday morning.\n\n"
        "Emergency crews worked through the night to shore up the levees along the eastern bank "
        "of the river.\n\n"
    )
    learner = TemplateLearner()
    for n in range(4):
        learner.observe("Paper", f"v{n}", story + f"Update {n}: more rain is expected this week, "
                        "forecasters said on Monday.\n")
    result = clean_text(story, template_lines=learner.template_lines("Paper"))
    assert "The river rose overnight" in result.text
    assert "Emergency crews worked" in result.text


def test_short_template_sentence_inside_the_body_is_kept():
    templates = {normalize_line("He declined to comment."), normalize_line("Sign up for alerts.")}
    raw = (
        "Minister resigns after months of pressure\n\n"
        "The minister resigned on Friday after months of pressure over the contract scandal, "
        "aides said.\n\n"
        "He declined to comment.\n\n"
        "Sign up for alerts.\n\n"
        "The prime minister is expected to name a replacement next week, according to officials.\n"
    )
    result = clean_text(raw, template_lines=templates)
    assert "He declined to comment." in result.text
    assert "Sign up for alerts." not in result.text


def test_normalize_line():
    assert normalize_line("  Current Conditions Light Rainshower\u00a0 11.6°C ") == normalize_line(
        "current conditions light rainshower -3°C")
    assert normalize_line("\u00a0") == ""
    assert normalize_line("• Popular kamloops News") == "popular kamloops news"
    key = normalize_line("“Quoted” — 2021")
    assert normalize_line(key) == key


# ---------------------------------------------------------------------------------------------
# General rules on synthetic scrapes
# ---------------------------------------------------------------------------------------------
AP_STYLE = """Skip to main content
AP NEWS
Trending News
Biden says US will keep supporting Ukraine

By ZEKE MILLER and AAMER MADHANI
Published 10:15 AM EST, March 3, 2023

WASHINGTON (AP) — President Joe Biden said Friday that the United States would keep \
supporting Ukraine for as long as it takes, speaking at the White House.

He did not elaborate.

“We will not waver,” Biden said.

Officials declined to comment.

Copyright 2023 The Associated Press. All rights reserved.
"""


def test_short_paragraphs_inside_and_at_the_end_of_the_body_are_kept():
    result = clean_text(AP_STYLE)
    assert result.title == "Biden says US will keep supporting Ukraine"
    assert result.text.split("\n\n") == [
        "WASHINGTON (AP) — President Joe Biden said Friday that the United States would keep "
        "supporting Ukraine for as long as it takes, speaking at the White House.",
        "He did not elaborate.",
        "“We will not waver,” Biden said.",
        "Officials declined to comment.",
    ]
    reasons = {line: reason for _, line, reason in result.removed}
    assert reasons["By ZEKE MILLER and AAMER MADHANI"] == "byline"
    assert reasons["Copyright 2023 The Associated Press. All rights reserved."] == "copyright"


def test_headline_list_inside_the_article_is_removed_but_a_timeline_is_kept():
    raw = (
        "Flood forces hundreds from homes in the valley\n\n"
        "The river rose overnight and forced hundreds of residents from their homes, officials "
        "said on Monday morning.\n\n"
        "Related stories\n"
        "Fire crews battle blaze near town\nby Ann Lee, June 2, 2021\n"
        "Council approves new budget\nby Bob Ray, June 1, 2021\n"
        "School reopens after repairs\nby Cy Young, May 30, 2021\n\n"
        "Emergency crews worked through the night to shore up the levees along the river.\n\n"
        "June 1, 2014\nMilitants seize Mosul\nJune 10, 2014\nOffensive reaches Tikrit\n"
        "August 8, 2014\nUS airstrikes begin\n\n"
        "Since then the group has lost most of the territory it once held, officials said.\n"
    )
    result = clean_text(raw)
    reasons = {line: reason for _, line, reason in result.removed}
    assert reasons["Council approves new budget"] == "related"  # under "Related stories"
    assert reasons["by Bob Ray, June 1, 2021"] == "related"
    assert "Related stories" in reasons
    unannounced = raw.replace("Related stories\n", "")
    reasons = {line: reason for _, line, reason in clean_text(unannounced).removed}
    assert reasons["Council approves new budget"] == "footer-headlines"  # found by its shape
    assert reasons["by Bob Ray, June 1, 2021"] == "footer-headlines"
    assert "Militants seize Mosul" in result.text and "August 8, 2014" in result.text
    assert "Emergency crews worked" in result.text


def test_hard_wrapped_text_keeps_its_paragraphs():
    raw = (
        "Ottawa to boost Arctic patrols\n\nBy Jane Smith\n\n"
        "OTTAWA -- The federal government will spend more money on Arctic\n"
        "patrols over the next five years, the defence minister said on\n"
        "Tuesday, citing growing interest in the region from other states.\n\n"
        "The minister said the plan would include new ships and more\n"
        "surveillance flights, and that talks with allies were under way\n"
        "about sharing the costs of the program.\n"
    )
    result = clean_text(raw)
    assert result.title == "Ottawa to boost Arctic patrols"
    assert result.text.startswith("OTTAWA -- The federal government will spend more money on "
                                  "Arctic\npatrols over")
    assert result.text.endswith("about sharing the costs of the program.")


def test_crlf_blank_and_plain_inputs():
    assert clean_text("") == clean_text("\n\n\u00a0\n")
    assert clean_text("").text == "" and clean_text("").title is None
    plain = ("The council met on Tuesday and approved the plan after a long debate, members "
             "said.\r\n\r\nA second paragraph follows here with more words than eight in it.\r\n")
    result = clean_text(plain)
    assert result.removed == []
    assert result.text == ("The council met on Tuesday and approved the plan after a long "
                           "debate, members said.\n\nA second paragraph follows here with more "
                           "words than eight in it.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "ad"),
        ("ADVERTISEMENT - SCROLL TO CONTINUE READING", "ad"),
        ("Story continues below advertisement", "ad"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Get breaking news delivered straight to your inbox.", "newsletter"),
        ("Current Conditions Mostly Cloudy -4°C", "weather"),
        ("Follow us on Twitter", "share"),
        ("Share this article", "share"),
        ("Facebook Twitter Email", "share"),
        ("Spotted a typo? Report an error", "report-error"),
        ("Comments are closed.", "comments"),
        ("Read more: Ottawa unveils new plan", "related"),
        ("WATCH: Minister speaks to reporters", "video"),
        ("(AP Photo/Evan Vucci)", "caption"),
        ("Photo by John Doe/Getty Images", "caption"),
        ("Tags: politics, Ottawa", "categories"),
        ("This article is more than 3 years old", "age-notice"),
        ("© 2024 Example Media Inc. All rights reserved.", "copyright"),
        ("With files from The Associated Press", "credit"),
    ],
)
def test_boilerplate_rules(line, reason):
    raw = (
        "A headline for the test story here\n\n"
        "The first paragraph of the article is long enough to be running prose, officials "
        "said.\n\n"
        f"{line}\n\n"
        "The last paragraph of the article is also long enough to count as prose, they added.\n"
    )
    result = clean_text(raw)
    assert [(text, why) for _, text, why in result.removed if text == line] == [(line, reason)]


def test_is_prose():
    assert is_prose("A senior research fellow at the Institute says there are four men in "
                    "custody.")
    assert is_prose("Both the U.S. Department of Defense and the United Nations estimate that "
                    "approximately 30,000 ISIS fighters remain in the Middle East")
    assert not is_prose("Oil Incurs Second Weekly Loss As Analysts Differ On Inflation, Demand")
    assert not is_prose("Trudeau meets with Rwandan president, expands diplomatic mission")
    assert not is_prose("He declined to comment.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The company said it would not comment on the report, citing the ongoing investigation.",
        "Officials said a photo by a local resident showed the damage to the bridge clearly.",
        "The minister said comments are closed for now on the proposal, aides told reporters.",
        "Voters must register before Friday to receive updates on polling stations, officials "
        "said.",
        "The auditor found an error in the report that overstated spending by $2 million.",
        "The report was published on Monday and found that the mission had cost far more.",
        "Copyright infringement lawsuits have increased sharply in recent years, experts said.",
        "Follow the money, he said, and you will find the truth about the deal on Twitter.",
        "She urged Canadians to subscribe to the government's emergency alerts this winter.",
        "Temperatures reached -40°C in the north last week, forcing schools to close early.",
        "The US Defense Secretary asked allies to share more of the burden, the letter said.",
        "Read more than 500 pages of documents, the lawyer told the court on Tuesday afternoon.",
    ],
)
def test_prose_with_trigger_words_is_kept(sentence):
    raw = (
        "A headline for the test story here\n\n"
        "The first paragraph of the article is long enough to be running prose, officials "
        "said.\n\n"
        f"{sentence}\n\n"
        "The last paragraph of the article is also long enough to count as prose, they added.\n"
    )
    assert sentence in clean_text(raw).text.split("\n\n")


def test_a_series_with_one_headline_and_headings_keeps_them_with_templates():
    def release(day: int, place: str) -> str:
        return (
            "Military airstrikes continue against ISIL terrorists in Syria and Iraq\n\n"
            f"August {day}, 2016\n\nU.S. Central Command\n\nSyria\n\n"
            f"- Near {place}, one strike engaged an ISIL tactical unit and destroyed a vehicle.\n\n"
            "Iraq\n\n- Near Hit, one strike destroyed an ISIL vehicle and a fighting position.\n"
        )

    docs = [release(20 + n, place) for n, place in enumerate(["Manbij", "Raqqa", "Mara", "Dabiq"])]
    learner = TemplateLearner()
    for n, raw in enumerate(docs):
        learner.observe("CENTCOM", str(n), raw)
    templates = learner.template_lines("CENTCOM")
    assert normalize_line("Syria") in templates
    for raw in docs:
        plain, learned = clean_text(raw), clean_text(raw, template_lines=templates)
        assert (learned.text, learned.title) == (plain.text, plain.title)
        assert learned.title.startswith("Military airstrikes")
        assert "Syria\n\n- Near" in learned.text and "Iraq\n\n- Near Hit" in learned.text




def test_one_block_page_dump_with_comment_section():
    """A dump with no blank lines at all: the article, its byline, a related list, comments."""
    result = clean_text(CBC_STYLE)
    assert result.title == "Ottawa won't heed U.S. call to return ISIS fighters"
    assert result.text.split("\n") == [
        "Public Safety Minister Ralph Goodale says the proposition is too risky and will not be "
        "pursued",
        "Canada will not answer a call by Washington that U.S. allies bring ISIS volunteers home "
        "to face prosecution.",
        "Instead, Goodale says, Ottawa will continue to work with its allies in the Five Eyes "
        "network to gather evidence.",
        "Most of the 60 who came back to Canada returned from Turkey, Iraq or Syria.",
    ]
    reasons = {line: reason for _, line, reason in result.removed}
    assert reasons["Social Sharing"] == "share"
    assert reasons["Canada left out of ISIS meeting"] == "related"
    assert reasons["Comments"] == "comments"
    assert reasons["Footer Links"] == "footer"
    assert reasons["Lee Berthiaume · The Canadian Press · Posted: Feb 19, 2019 4:00 AM ET | "
                   "Last Updated: Feb 19"] == "byline"


def test_textclean_needles_never_hide_a_line_their_patterns_match(seed_texts, data_path):
    """The literal-text prefilters in front of the boilerplate patterns only skip lines no
    pattern of their group matches: checked on every line of the seeds, the sample corpus and
    the text of the 181 AEB pages (boilerplate included), as the cleaner squashes them."""
    import gzip
    from pathlib import Path

    from wirewatch.ingest import textclean as tc

    groups = [
        (tc._NEWSLETTER_NEEDLES, tc._NEWSLETTER_SEARCH), (tc._ACCOUNT_NEEDLES, tc._ACCOUNT),
        (tc._REPORT_ERROR_NEEDLES, [tc._REPORT_ERROR]), (tc._COMMENTS_NEEDLES, tc._COMMENTS),
        (tc._AGE_NEEDLES, [tc._AGE]), (tc._COPYRIGHT_NEEDLES, [tc._COPYRIGHT]),
        (tc._CAPTION_NEEDLES, tc._CAPTION),
    ]
    texts = list(seed_texts.values())
    sample = Path(tc.__file__).parents[1] / "sample" / "articles"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sample.rglob("*.txt")]
    for page in sorted(data_path("extraction", "aeb", "html").glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        texts.append(re.sub(r"<[^>]+>", "\n", html))
    checked = matched = 0
    for text in texts:
        for raw in split_lines(text):
            line = tc._squash(raw)
            if not line or not line.isascii():
                continue
            checked += 1
            for needles, patterns in groups:
                if any(p.search(line) for p in patterns):
                    matched += 1
                    assert tc._may_match(line.lower(), needles), (needles[0], line)
    assert checked > 50_000 and matched > 100
