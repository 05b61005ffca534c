"""Line-level boilerplate removal for plain-text page scrapes.

Users drop page-text dumps (a browser's "select all, copy" or a scraper's text) into wirewatch:
the article is there, between navigation, ads, newsletter prompts, photo captions, video-player
lines, share buttons, comment notices, lists of other headlines and the site footer. This module
keeps the article and records every line it drops, with a reason.

How a document is cleaned (`clean_text`):

1. Every line is checked against general rules (no outlet-specific strings): ads, newsletter
   and account prompts, weather widgets, share/follow lines, "report an error" prompts, comment
   notices, site navigation labels, "Read more:" links, video-player lines, photo captions and
   credits, category/tag lines, "this story is over N years old", copyright and contact lines,
   agency credit lines, page-title lines ("Headline | Outlet | Tagline").
2. Lines an outlet repeats across its documents (`TemplateLearner`) are dropped ("template").
3. Lists of other articles' headlines are found by their shape: short headline lines alternating
   with byline/date lines, three or more in a row ("footer-headlines").
4. The article body runs from the first to the last prose line left (a prose line has at least
   eight words, is not in title case and ends like a sentence, or has fifteen words or more).
   Before it, the headline is taken as the title and the rest is navigation or byline; after it,
   everything is footer. Inside it, only lines a rule matched are dropped.

Kept lines are returned unchanged; lines of one raw paragraph stay joined by "\\n", paragraphs are
separated by "\\n\\n". Line numbers in `removed` are 0-based indexes into the raw text split on
"\\r\\n", "\\n" or "\\r". A line holding only whitespace (including no-break spaces) is blank.

Reason codes: ad, newsletter, account, weather, share, report-error, comments, nav, related,
video, caption, categories, age-notice, copyright, contact, credit, page-title, title, byline,
footer-headlines, footer, template.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from wirewatch.ingest.outlets import canonical_wire, is_known_outlet_name

__all__ = [
    "TemplateLearner",
    "TextCleanResult",
    "clean_text",
    "is_prose",
    "normalize_line",
    "split_lines",
]


@dataclass
class TextCleanResult:
    text: str
    title: str | None
    removed: list[tuple[int, str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Line helpers
# ---------------------------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-"})
_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL = re.compile(r"""[.!?…。！？]["'”’»)\]]*\s*$|["”»]\s*$""")
_BULLETS = " \t\u00a0•·*-–—|>»›▪►●◦"
_NUMBER = re.compile(r"(?<![\w])[-+−]?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")
_CJK_FIRST = "\u3040"  # no character before it is counted by _CJK


def split_lines(raw: str) -> list[str]:
    """The raw text's lines, split on CRLF, LF or CR (the numbering `removed` uses)."""
    return _LINE_BREAK.split(raw)


def _squash(line: str) -> str:
    """The line with every run of whitespace (no-break spaces too) as one space, stripped."""
    return _SPACES.sub(" ", line).strip()


def normalize_line(line: str) -> str:
    """The key under which a line is learned as an outlet template.

    Case, whitespace, typographic quotes and dashes, leading bullets and digits (dates,
    temperatures, counts change from page to page) do not matter. A blank line gives "".
    Applying it twice gives the same key.
    """
    text = unicodedata.normalize("NFKC", line)
    if not text.isascii():  # _QUOTES maps non-ASCII characters only
        text = text.translate(_QUOTES)
    text = text.casefold()
    if _DIGIT.search(text):
        text = _NUMBER.sub("0", text)
    text = _squash(text).strip(_BULLETS)
    return _squash(text)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _n_words(text: str, words: list[str]) -> int:
    """The words of `text` (`words` is `_words(text)`), a long run of CJK counted in too."""
    if not text or max(text) < _CJK_FIRST:
        return len(words)
    cjk = len(_CJK.findall(text))
    return len(words) + (cjk // 2 if cjk >= 20 else 0)


def _lower_ratio(words: list[str]) -> float:
    """The share of lower-case initials among the words with a cased initial (1.0 if none)."""
    lower = cased = 0
    for word in words:
        initial = word[0]
        if initial.islower():
            lower += 1
            cased += 1
        elif initial.isupper():
            cased += 1
    if not cased:
        return 1.0
    return lower / cased


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def is_prose(line: str) -> bool:
    """A line of running text: at least 8 words, not title case, ending like a sentence, or at
    least 15 words."""
    text = _squash(line)
    words = _words(text)
    return _prose_of(text, words, _n_words(text, words))


def _prose_of(text: str, words: list[str], n_words: int) -> bool:
    """`is_prose` of a squashed line whose `_words` and `_n_words` are known."""
    if n_words < 8:
        return False
    if _lower_ratio(words) < 0.35:
        return False
    return _ends_sentence(text) or n_words >= 15


def _sentence_like(text: str) -> bool:
    """A short sentence ("A group with links to al-Qaida claimed responsibility.")."""
    return _sentence_like_of(text, _words(text))


def _sentence_like_of(text: str, words: list[str]) -> bool:
    return len(words) >= 3 and _ends_sentence(text) and _lower_ratio(words) >= 0.5


# ---------------------------------------------------------------------------------------------
# Dates (shared with textmeta)
# ---------------------------------------------------------------------------------------------
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
DATE_PATTERN = (
    rf"(?:{_WEEKDAY}?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR4}"
    rf"|{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR4}"
    rf"|{_YEAR4}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/{_YEAR4}"
    rf"|{_MONTH}\s+{_YEAR4})"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
_DATE_LINE = re.compile(
    rf"^(?:(?:first |originally |last )?(?:published|posted|updated|modified|created|date)"
    rf"(?: on)?\s*:?\s*)?{DATE_PATTERN}\s*,?{_TIME}?\.?$"
    rf"|^\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago$"
    rf"|^(?:published|posted|updated|last updated)\b.{{0,40}}\d",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------------
# Rules. Each rule sees the squashed line (`t`) and returns a reason or None.
# ---------------------------------------------------------------------------------------------
_I = re.IGNORECASE


def _full(*alternatives: str) -> re.Pattern[str]:
    body = "|".join(alternatives)
    return re.compile(rf"^[\W_]*(?:{body})[\W_]*$", _I)


_AD_FULL = _full(
    r"advertisements?|advertising|advert|ads?|sponsored|sponsored (?:content|links?|stories|post)",
    r"paid (?:post|content|partner content)|partner content|promoted(?: content| stories| links)?",
    r"ad ?choices|ad feedback|report (?:this )?ad|skip (?:this )?ad|ads by google",
    r"(?:the )?(?:story|article|content|text) continues (?:below|after)(?: (?:this|the))?"
    r"(?: (?:advertisement|advert|ad))?",
    r"continue reading (?:below|the main story|after (?:the )?(?:advertisement|ad))",
    r"advertisement[ -]+(?:scroll|continue) (?:down )?(?:to|reading)(?: continue)?(?: reading)?",
    r"(?:recommended|sponsored links|promoted links|around the web) by (?:outbrain|taboola)",
)
_NEWSLETTER_FULL = _full(
    r"subscribe(?: now| today| here| for free)?", r"sign up(?: now| here| for free| today)?",
    r"newsletters?", r"(?:subscribe|sign up) (?:to|for) (?:our|the) newsletters?",
    r"get (?:the|our) newsletters?",
)
# A new pattern here needs its literal text in _NEWSLETTER_NEEDLES (below), or it never runs.
_NEWSLETTER_SEARCH = [
    re.compile(p, _I)
    for p in (
        r"\bwould you like to (?:subscribe|receive|sign up|get)\b",
        r"\b(?:sent|delivered|straight|direct(?:ly)?|right)\s+(?:\w+\s+){0,2}to your "
        r"(?:e-?mail|inbox|phone|device)",
        r"\b(?:in|into|to) your (?:inbox|e-?mail inbox)\b",
        r"\b(?:subscribe|sign up|signup|register)\b.{0,60}\b(?:newsletters?|e-?mails?|alerts|"
        r"updates|digest|briefing)\b",
        r"\b(?:our|the|daily|weekly|free)\s+(?:\w+\s+){0,2}newsletters?\b.{0,40}\b(?:sign up|"
        r"subscribe|inbox|e-?mail)",
        r"\bsubscribers? only\b|\bfor subscribers\b|\bsubscribe to (?:continue|read)\b",
        r"\bto continue reading\b|\bunlimited (?:digital )?access\b|\bfree articles? left\b",
        r"\bbecome a (?:subscriber|member)\b|\bsupport (?:our|independent) journalism\b",
    )
]
# A new pattern here needs its literal text in _ACCOUNT_NEEDLES (below), or it never runs.
_ACCOUNT = [
    re.compile(p, _I)
    for p in (
        r"^(?:sign|log) ?(?:in|on|out)(?: with| to| using| via)?\b.{0,60}$",
        r"^(?:continue|connect|register) with (?:facebook|twitter|google|apple|e-?mail)",
        r"\b(?:check|verify|confirm) your e-?mail\b|\bactivate your account\b",
        r"^(?:create|register) (?:an?|your|a free) account\b|^already (?:a subscriber|have an "
        r"account|registered)\b|^forgot (?:your )?password\b|^my account$",
    )
]
_WEATHER = [
    re.compile(r"^current (?:conditions|weather)\b", _I),
    re.compile(r"^(?:weather|forecast|local weather)\s*[:|]", _I),
    re.compile(r"^feels like\s*-?\d", _I),
]
_TEMPERATURE = re.compile(r"-?\d+(?:[.,]\d+)?\s*°\s*[CF]?\b|\b-?\d+\s*(?:deg|degrees) [CF]\b")
_SOCIAL = (r"(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|mastodon|"
           r"reddit|pinterest|whatsapp|telegram|snapchat|flipboard|messenger|email|e-mail|print|"
           r"copy link|copy url|sms|share)")
_SHARE = [
    re.compile(r"^follow (?:us|me|@\w+|[^\s@][^\n]{0,60}?) on (?:twitter|x|facebook|instagram|"
               r"linkedin|threads|bluesky|tiktok|youtube|mastodon|telegram|whatsapp)\b", _I),
    re.compile(r"^follow (?:us|@\w+)\b", _I),
    re.compile(rf"^(?:(?:share|click to share|share this(?: article| story| page)?|share on|"
               rf"share via|tweet|post)(?: (?:on|to|via))?\s*[:|]?\s*)?(?:{_SOCIAL}[\s,|/·•]*)+$",
               _I),
    re.compile(r"^(?:share|social sharing|sharing|share this(?: article| story| page| post)?|"
               r"tweet this|gift "
               r"(?:this )?article|save (?:article|story)|bookmark|copy link|print(?: this)?)$",
               _I),
]
_SHARE_HANDLE = [  # both need an "@"
    re.compile(r"\bon (?:twitter|x|instagram|threads|bluesky)\s*:\s*@\w+\s*$", _I),
    re.compile(r"^@\w{2,30}$"),
]
# A new pattern here needs its literal text in _REPORT_ERROR_NEEDLES (below), or it never runs.
_REPORT_ERROR = re.compile(
    r"\breport (?:an? )?(?:error|typo|mistake|correction|inaccuracy)\b"
    r"|\b(?:spotted|found|see|notice)d? (?:an? )?(?:error|typo|mistake)\b"
    r"|\bsubmit a correction\b|^corrections? (?:&|and) clarifications\b"
    r"|\b(?:error|typo)\?\s*click here\b",
    _I,
)
# A new pattern here needs its literal text in _COMMENTS_NEEDLES (below), or it never runs.
_COMMENTS = [
    re.compile(p, _I)
    for p in (
        r"\bcomments? (?:section )?(?:is|are|has been|have been) (?:now )?(?:closed|disabled|"
        r"turned off|unavailable)",
        r"\bcomment section\b|\bcommenting (?:is|has been) (?:closed|disabled)\b",
        r"^be the first to comment\b|^(?:there are )?no comments(?: yet)?\b",
        r"^\d+\s+comments?$|^comments?\s*\(\d+\)$|^comments?$",
        r"^(?:view|show|hide|load|read|post|add|leave|write|see|join) (?:all |more |the |a |your )?"
        r"(?:\d+ )?(?:comments?|reply|replies)\b",
        r"^join the (?:conversation|discussion|debate)\b",
        r"\bcomments are (?:moderated|welcome)\b|\bcommunity guidelines\b",
        r"\bsubmitting a comment\b|\bcomments? (?:on this (?:story|article) )?(?:are|is) "
        r"moderated\b|\bsubmission guidelines\b",
    )
]
_NAV_FULL = _full(
    r"skip to (?:main )?(?:content|navigation)|back to top|(?:main )?menu|search|close|"
    r"toggle navigation|home|homepage",
    r"view (?:site|page) in\s*:.*|(?:desktop|mobile)(?:\s*\|\s*(?:desktop|mobile))*",
    r"support us|donate(?: now| today)?|fyi|in the media|in the news|press releases?",
    r"(?:next|previous|prev) (?:article|story|post)|(?:load|see|show) more|more (?:stories|news)",
    r"latest(?: news| stories| tweets| videos)?|top stories|trending(?: now| stories)?",
    r"most (?:read|popular|viewed|shared|recent)|popular(?:\s+[\w'-]+){0,3}\s+news|"
    r"popular(?: stories| posts)?",
    r"related(?: stories| articles| content| coverage| news| posts| topics| links)?",
    r"you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| stories| reading)?",
    r"more from [\w .&'-]{1,40}|upcoming events|events|about us|contact us|privacy(?: policy)?",
    r"terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings|preferences)",
    r"site ?map|advertise(?: with us)?|careers|jobs|help|faq|rss|accessibility|"
    r"listen to this article|audio|podcasts?",
)
# Headings that announce a list of other stories: the short lines under them go too.
_LIST_HEADING = _full(
    r"(?:more )?related(?: stories| articles| content| coverage| news| posts| links| reading)?",
    r"more (?:stories|news|from [\w .&'-]{1,40})|you (?:may|might) (?:also )?(?:like|enjoy)",
    r"recommended(?: for you| stories| reading)?|most (?:read|popular|viewed|shared|recent)",
    r"popular(?:\s+[\w'-]+){0,3}\s+news|popular(?: stories| posts)?|top stories|"
    r"trending(?: now| stories)?|latest(?: news| stories)?|read (?:more|next)|also read|"
    r"editor'?s? picks|in case you missed it|what to read next|further reading",
)
_RELATED = re.compile(
    r"^[\W_]*(?:read more|read|more|related|see also|also read|read also|also see|must read|"
    r"recommended(?: reading)?|related (?:story|stories|article|articles|coverage|content|video|"
    r"links?|reading)|more (?:on|about) [\w' -]{1,40}|click here)\s*[:»›>|]\s*\S",
    _I,
)
_VIDEO = [
    re.compile(r"^click to (?:play|watch|expand) (?:video|audio|image)\b", _I),
    re.compile(r"^[\W_]*(?:watch(?: above| below| here| now| live| the video| video| more)?|"
               r"video|play video|listen(?: now| live| to this (?:article|story))?|"
               r"now playing|up next|audio)\s*[:|–—-]\s*\S", _I),
    re.compile(r"^(?:watch|play|replay|pause|mute|unmute|video|videos|duration|captions?|"
               r"transcript|now playing|up next)$", _I),
    re.compile(r"^(?:duration|length)\s*:?\s*\d{1,2}:\d{2}|^\d{1,2}:\d{2}(?::\d{2})?$", _I),
    re.compile(r"video player is loading|this video (?:is|has been) (?:no longer available|"
               r"removed)|your browser does not support|media playback is unsupported", _I),
]
_VIDEO_TITLE = re.compile(r"^click to (?:play|watch) video:\s*['\"‘“](?P<title>.+)['\"’”]\s*$",
                          _I)
_VIDEO_SEARCH = (_VIDEO[0], *_VIDEO[2:])  # _VIDEO[1] is only for short lines
_AGENCIES = (r"Reuters|REUTERS|Associated Press|AP(?: Photo)?|AFP|Getty(?: Images)?|"
             r"The Canadian Press|THE CANADIAN PRESS|CP|Bloomberg|EPA(?:-EFE)?|Shutterstock|"
             r"Handout|Submitted|Supplied|File|Pool|Xinhua|Anadolu(?: Agency)?|Sipa|Alamy|"
             r"Twitter|Facebook|Instagram|YouTube")
# A new pattern here needs its literal text in _CAPTION_NEEDLES (below), or it never runs.
_CAPTION = [
    re.compile(r"\bTHE CANADIAN PRESS\s*/|/\s*THE CANADIAN PRESS\b|\bCP PHOTO\b"),
    re.compile(r"\(AP Photo\b|\bAP Photo\s*/|\((?:REUTERS|Reuters)\s*/|\bREUTERS\s*/\s*[A-Z]"),
    re.compile(r"\bGetty Images\b|\bAFP via Getty\b|\(EPA(?:-EFE)?\)|\bEPA-EFE\s*/|"
               r"\bShutterstock\b|\bAlamy\b"),
    re.compile(r"(?:^|[(\[|])\s*(?:Photo(?:graph)?|Image|Picture)\s*(?:by|credit|courtesy|:)",
               _I),
    re.compile(r"^\(?(?:photo|photograph|image|picture|illustration|graphic|file photo|"
               r"photo illustration|pictured|main image|header image|credit)s?\s*"
               r"(?:via|by|:|courtesy|credit|/)", _I),
    re.compile(r"^(?:file[ -]+photo|file)\s*[-–—:]\s", _I),
    re.compile(r"^in this (?:\w+ ){0,3}(?:photo|picture|image|photograph)\b", _I),
    re.compile(r"\((?:file )?(?:photo|image|picture)\b[^()]{0,60}\)\s*$", _I),
    re.compile(rf"\((?:[^()]{{1,60}}/\s*)?(?:{_AGENCIES})\)\s*$"),
    re.compile(r"\([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+\s*/\s*[A-Z][\w.'’ -]{1,40}\)\s*$"),
]
_CREDIT_ONLY = re.compile(
    r"^[\W_]*(?:(?:image|photo|photograph|picture|video|illustration|graphic)s?\s+"
    r"(?:via|by|courtesy of|credit:?|source:?)\s+\S.{0,60}"
    rf"|\(?(?:{_AGENCIES})(?:\s*/\s*[\w .'-]+)?\)?)\s*$",
    _I,
)
_CATEGORIES = re.compile(
    r"^(?:categories|category|tags?|tagged(?: with| in)?|topics?|filed under|posted in|"
    r"keywords|related topics|subjects?)\s*:", _I)
# A new pattern here needs its literal text in _AGE_NEEDLES (below), or it never runs.
_AGE = re.compile(
    r"\bthis (?:story|article|post|content|page|report) is (?:over|more than|at least) "
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?) old\b"
    r"|\bthis (?:article|story) (?:is|was published) more than\b"
    r"|^(?:this is an )?archived (?:article|content|story)\b",
    _I,
)
# A new pattern here needs its literal text in _COPYRIGHT_NEEDLES (below), or it never runs.
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|^copyright\s+(?:\(c\)\s*)?(?:19|20)\d\d|\ball rights reserved\b|"
    r"\bcharitable registration\b|"
    r"\bregistered charity\b|^powered by\b", _I)
_CONTACT = [
    re.compile(r"^(?:phone|tel|telephone|fax|e-?mail|web|website|toll[- ]free|cell|office)"
               r"\s*[:.]\s*\S", _I),
    re.compile(r"\[email\s*protected\]", _I),
    re.compile(r"^\(?\+?\d[\d ().-]{7,}\d$"),
]
_ADDRESS = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|\bP\.?\s?O\.? Box\b|^Suite \d+|\bSuite \d+,")
_LETTER_DIGIT = re.compile(r"[A-Z]\d")  # what a postal code ("K1A 0B1") cannot lack
_CREDIT = [
    re.compile(r"^[\W_]*with (?:files|reporting|additional reporting|contributions?|reports?) "
               r"(?:from|by)\b", _I),
    re.compile(r"^(?:this|the) (?:report|story|article) (?:by .{1,80} )?was (?:first|originally) "
               r"(?:published|posted|produced)\b", _I),
    re.compile(r"\bcontributed (?:reporting )?(?:to|for) (?:this|the) (?:report|story|article)"
               r"\.?$", _I),
    re.compile(r"^\(?(?:reporting|additional reporting|writing|editing|compiled|edited|produced|"
               r"written|translated) by\b", _I),
    re.compile(r"^(?:this (?:story|article) (?:was|is) (?:produced|written|reported|published) "
               r"(?:by|with|in (?:partnership|collaboration) with))\b", _I),
]
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*"
    r"(?:,\s+[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*)*)?)"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s+{_YEAR4})?))?"
    r"\s*(?:\((?P<wire>[A-Za-z][A-Za-z .'-]{0,40})\))?\s*(?:—|–|--|-|:)\s+\S"
)
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Oo]ur|us)\b|^(?i:sign|subscribe|click|"
                            r"follow|read|watch|get|download|share|join|support|visit|listen|"
                            r"contact|send|email|tap|learn|find|see)\b")


_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]")


def dateline_match(line: str) -> re.Match[str] | None:
    """The dateline a paragraph opens with ("OTTAWA —", "WASHINGTON (AP) —", "OTTAWA - ")."""
    match = _DATELINE.match(_squash(line))
    if not match:
        return None
    place = match.group("place")
    letters = _NOT_ASCII_LETTER.sub("", place.split(",")[0])
    if len(letters) < 3 or not letters.isupper():
        return None
    return match


# Literal text (lower case) without which no pattern of a group can match: a cheap test that
# spares the regex search on most lines. It is exact for ASCII lines only, where IGNORECASE
# matches a letter by its lower case alone (elsewhere "ſ" matches "s", "K" matches "k").
_NEWSLETTER_NEEDLES = ("would you like", "your", "subscribe", "sign up", "signup", "register",
                       "newsletter", "continue reading", "unlimited", "free article",
                       "become a", "support")
_ACCOUNT_NEEDLES = ("sign", "log", "with", "your", "account", "already", "forgot")
_REPORT_ERROR_NEEDLES = ("report", "error", "typo", "mistake", "correction")
_COMMENTS_NEEDLES = ("comment", "repl", "join the", "guidelines")
_AGE_NEEDLES = ("old", "more than", "archived")
_COPYRIGHT_NEEDLES = ("(c)", "copyright", "all rights reserved", "charitable registration",
                      "registered charity", "powered by")
_CAPTION_NEEDLES = ("canadian press", "reuters", "getty", "epa", "shutterstock", "alamy", "photo",
                    "image", "picture", "illustration", "graphic", "credit", "file", ")")


def _may_match(lower: str | None, needles: tuple[str, ...]) -> bool:
    """False only when `lower` (an ASCII line in lower case; None otherwise) lacks every needle."""
    return lower is None or any(n in lower for n in needles)


def _rule_reason(t: str, n_words: int, prose: bool) -> str | None:
    """The boilerplate kind of one squashed, non-blank line, or None."""
    short = n_words <= 12
    lower = t.lower() if t.isascii() else None
    # Running text trips a prompt rule only when it addresses the reader ("your inbox",
    # "our comment section"): "Voters must register to receive updates" is news.
    addressed = not prose or bool(_SECOND_PERSON.search(t))
    if _AD_FULL.match(t):
        return "ad"
    if _VIDEO_TITLE.match(t) or any(p.search(t) for p in _VIDEO_SEARCH):
        return "video"
    if _VIDEO[1].match(t) and n_words <= 60:
        return "video"
    if _NEWSLETTER_FULL.match(t):
        return "newsletter"
    if n_words <= 40 and addressed and _may_match(lower, _NEWSLETTER_NEEDLES) and any(
            p.search(t) for p in _NEWSLETTER_SEARCH):
        return "newsletter"
    if n_words <= 25 and addressed and _may_match(lower, _ACCOUNT_NEEDLES) and any(
            p.search(t) for p in _ACCOUNT):
        return "account"
    if short and not prose and (any(p.search(t) for p in _WEATHER) or (
            n_words <= 8 and ("°" in t or "deg" in t) and _TEMPERATURE.search(t)
            and not _ends_sentence(t))):
        return "weather"
    if n_words <= 25 and addressed and (any(p.search(t) for p in _SHARE) or (
            "@" in t and any(p.search(t) for p in _SHARE_HANDLE))):
        return "share"
    if n_words <= 30 and addressed and _may_match(lower, _REPORT_ERROR_NEEDLES) and \
            _REPORT_ERROR.search(t):
        return "report-error"
    if n_words <= 60 and addressed and _may_match(lower, _COMMENTS_NEEDLES) and any(
            p.search(t) for p in _COMMENTS):
        return "comments"
    if _NAV_FULL.match(t):
        return "nav"
    if n_words <= 40 and _RELATED.match(t):
        return "related"
    if n_words <= 40 and _CATEGORIES.match(t):
        return "categories"
    if n_words <= 30 and _may_match(lower, _AGE_NEEDLES) and _AGE.search(t):
        return "age-notice"
    if n_words <= 25 and _may_match(lower, _COPYRIGHT_NEEDLES) and _COPYRIGHT.search(t):
        return "copyright"
    if n_words <= 30 and any(p.search(t) for p in _CREDIT):
        return "credit"
    if n_words <= 80 and _may_match(lower, _CAPTION_NEEDLES) and any(
            p.search(t) for p in _CAPTION):
        return "caption"
    if n_words <= 12 and (any(p.search(t) for p in _CONTACT) or (
            ("Box" in t or "Suite" in t or _LETTER_DIGIT.search(t)) and _ADDRESS.search(t))):
        return "contact"
    return None


_PIPE_SEP = re.compile(r"\s+\|\s+")
_DASH_SEP = re.compile(r"\s+[-–—]\s+")


def _page_title_parts(t: str) -> list[str] | None:
    """ "Headline | Outlet | Tagline" → its parts, when the shape fits."""
    if "|" not in t:
        return None
    parts = [p.strip() for p in _PIPE_SEP.split(t) if p.strip()]
    if len(parts) < 2 or len(parts[0].split()) < 4:
        return None
    if all(len(p.split()) <= 6 for p in parts[1:]):
        return parts
    return None


def _page_title_dash(t: str) -> str | None:
    """ "Headline - Known Outlet" → the headline."""
    if "-" not in t and "–" not in t and "—" not in t:
        return None
    parts = [p.strip() for p in _DASH_SEP.split(t) if p.strip()]
    if len(parts) >= 2 and len(parts[0].split()) >= 4 and is_known_outlet_name(parts[-1]):
        return " - ".join(parts[:-1])
    return None


_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|"
                         r"de|da|van|von|der|den|del|la|le|di|du|al|el|bin|ibn|Mc[A-Z][a-z]+)$")
_NAME_STOP = {"The", "In", "On", "Of", "And", "For", "To", "At", "By", "A", "An", "With",
              "News", "Press", "Media", "Support", "Us", "More", "Home", "Menu", "Search"}


def looks_like_person_name(text: str) -> bool:
    """ "Tamara Khandaker", "Ferry de Kerckhove", "Lee Berthiaume" — two to five name tokens."""
    tokens = _squash(text).strip(" ,.;:").split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0][0].islower() or tokens[-1][0].islower():
        return False
    if any(t in _NAME_STOP for t in tokens):
        return False
    if is_known_outlet_name(" ".join(tokens)):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


BYLINE_START = re.compile(r"^(?:by|par|written by|words by|story by|posted by)\s*:?\s+(?=\S)",
                           _I)
_META_SEP = re.compile(r"\s[·•|]\s|\s[-–—]\s")


_MINUTES_READ = re.compile(r"^\d+\s*min(?:ute)?s?\s+read$", _I)
_LIST_SEP = re.compile(r"[,|·•]")
_PUBLISHED_START = re.compile(r"^(?:first |originally |last )?(?:published|posted|updated)\b", _I)
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                 "-", "/")


def _may_hold_date(t: str) -> bool:
    """False only for text DATE_RE cannot match: each date has a digit, and a month name or
    the "-" or "/" of a numeric date (exact for ASCII text; see _may_match)."""
    if not _DIGIT.search(t):
        return False
    return _may_match(t.lower() if t.isascii() else None, _MONTH_STARTS)


def _is_meta(t: str, words: list[str], n_words: int) -> bool:
    """A byline, date or source line (a headline list's second line, a byline block)."""
    if n_words > 30:
        return False
    sentence = _ends_sentence(t) and _lower_ratio(words) >= 0.5 and not t.rstrip().endswith(")")
    if _DATE_LINE.match(t):
        return True
    if BYLINE_START.match(t) and not sentence:
        rest = BYLINE_START.sub("", t)
        if rest[:1].isupper() or rest[:1].isdigit():
            return True
    if is_known_outlet_name(t) or canonical_wire(t):
        return True
    if _MINUTES_READ.match(t):
        return True
    # the cheap tests first
    if n_words <= 15 and not sentence and _LIST_SEP.search(t) and _may_hold_date(t) \
            and DATE_RE.search(t):
        return True
    if n_words <= 12 and _META_SEP.search(t):
        parts = [p.strip() for p in _META_SEP.split(t)]
        if any(is_known_outlet_name(p) or canonical_wire(p) for p in parts) and any(
                looks_like_person_name(p) for p in parts):
            return True
    return False


def _is_byline(t: str) -> bool:
    """A byline or "Published ..." line, never article text: "By A and B", "A · The Canadian
    Press · Posted: Jun 16, 2017" (a bare date is not enough: timelines have those)."""
    if _sentence_like(t) and not t.rstrip().endswith(")"):
        return False
    if BYLINE_START.match(t):
        rest = BYLINE_START.sub("", t)
        return rest[:1].isupper() and len(rest.split()) <= 20
    if _PUBLISHED_START.match(t):
        return bool(_DIGIT.search(t)) and len(t.split()) <= 20  # every date has a digit
    if len(t.split()) <= 25 and _META_SEP.search(t):
        parts = [p.strip() for p in _META_SEP.split(t)]
        return any(is_known_outlet_name(p) or canonical_wire(p) for p in parts) and any(
            looks_like_person_name(p) for p in parts)
    return False


# ---------------------------------------------------------------------------------------------
# The cleaner
# ---------------------------------------------------------------------------------------------
@dataclass
class _Line:
    index: int
    raw: str
    text: str  # squashed
    block: int
    words: list[str] = field(default_factory=list)  # _words(text)
    n_words: int = 0
    prose: bool = False
    sentence: bool = False
    meta: bool = False
    template: bool = False
    reason: str | None = None


def _template_content(line: _Line) -> bool:
    """A repeated line that still reads as reporting: a sentence not addressed to the reader."""
    return line.sentence and not _SECOND_PERSON.search(line.text)


_HEADING_BREAKER = re.compile(r"\d|[:|@©]")


def _heading_like(text: str) -> bool:
    """A short heading inside an article ("Syria", "Iraq", "U.S. Central Command")."""
    words = text.split()
    return (1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and not _HEADING_BREAKER.search(text))


def _wrapped_blocks(lines: list[_Line]) -> set[int]:
    """Blocks whose lines are hard-wrapped prose (fixed-width text): judged as one paragraph."""
    blocks: dict[int, list[_Line]] = {}
    for line in lines:
        if line.text:
            blocks.setdefault(line.block, []).append(line)
    # Only a document that is hard-wrapped as a whole: most lines in multi-line paragraphs,
    # and (nearly) no line longer than a terminal's width.
    nonblank = [ln for members in blocks.values() for ln in members]
    in_multi = sum(len(m) for m in blocks.values() if len(m) >= 3)
    long_lines = sum(1 for ln in nonblank if len(ln.text) > 100)
    if not nonblank or in_multi < 0.6 * len(nonblank) or long_lines > 0.05 * len(nonblank):
        return set()
    wrapped = set()
    for block, members in blocks.items():
        if len(members) < 2:
            continue
        body = members[:-1]
        lengths = [len(m.text) for m in body]
        if min(lengths) < 40 or max(lengths) > 120 or max(lengths) - min(lengths) > 35:
            continue
        open_ends = sum(1 for m in body if not _ends_sentence(m.text))
        if open_ends < 0.6 * len(body):
            continue
        if is_prose(" ".join(m.text for m in members)):
            wrapped.add(block)
    return wrapped


def _mark_context_rules(lines: list[_Line]) -> None:
    """Captions judged by their neighbours; the repeated title under a "Click to play video"."""
    nonblank = [ln for ln in lines if ln.text]
    for pos, line in enumerate(nonblank):
        nxt = nonblank[pos + 1] if pos + 1 < len(nonblank) else None
        same_block = nxt is not None and nxt.block == line.block
        if same_block and _CREDIT_ONLY.match(nxt.text) and line.reason is None:
            line.reason = "caption"
            if nxt.reason is None or nxt.reason == "caption":
                nxt.reason = "caption"
        video = _VIDEO_TITLE.match(line.text)
        if video and nxt is not None and normalize_line(nxt.text) == normalize_line(
                video.group("title")):
            nxt.reason = "video"


def _mark_listed_stories(content: list[_Line]) -> None:
    """Under "Related stories", "Most read", ...: the short lines that follow are other stories."""
    for pos, line in enumerate(content):
        if line.reason not in ("nav", "related") or not _LIST_HEADING.match(line.text):
            continue
        for nxt in content[pos + 1: pos + 21]:
            if nxt.reason is not None or nxt.prose or nxt.n_words > 20:
                break
            nxt.reason = "related"


_RUN_PATTERNS = (re.compile(r"(?:H{1,2}M{1,3}){3,}"), re.compile(r"(?:M{1,3}H{1,2}){3,}"))


def _mark_headline_runs(lines: list[_Line]) -> list[list[_Line]]:
    """Lists of other articles: short headline lines alternating with bylines/dates."""
    seq = [ln for ln in lines if ln.text and ln.reason is None and not ln.template]
    labels = []
    for pos, line in enumerate(seq):
        nxt = seq[pos + 1] if pos + 1 < len(seq) else None
        if line.meta:
            labels.append("M")
        elif line.prose and not (nxt is not None and nxt.meta and line.n_words <= 30
                                 and not line.text.endswith(".")):
            labels.append("P")
        elif line.n_words <= 30:
            labels.append("H")
        else:
            labels.append("X")
    runs: list[list[_Line]] = []
    text = "".join(labels)
    taken = [False] * len(seq)
    for pattern in _RUN_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(taken[start:end]):
                continue
            # a heading right above the list ("EXPERTS IN THE MEDIA", "Related stories:")
            if start > 0 and labels[start - 1] == "H" and not taken[start - 1]:
                head = seq[start - 1].text
                if head.isupper() or head.endswith(":") or seq[start - 1].n_words <= 5:
                    start -= 1
            for k in range(start, end):
                taken[k] = True
            runs.append(seq[start:end])
    return runs


def _choose_title(pre: list[_Line], all_lines: list[_Line]) -> _Line | str | None:
    """The headline among the lines before the body (a page-title line confirms it)."""
    page_titles = []
    for line in all_lines:
        if line.reason == "page-title":
            parts = _page_title_parts(line.text)
            page_titles.append(parts[0] if parts else _page_title_dash(line.text))
    candidates = []
    repeated = []  # a headline the outlet repeats ("Military airstrikes continue ...")
    for line in pre:
        if line.reason is not None or line.meta:
            continue
        words = line.words
        if len(words) < 3:
            continue
        if len(words) == 3 and _lower_ratio(words) == 0 and not line.text.endswith(("?", "!")):
            continue
        if line.text.endswith(":") or looks_like_person_name(line.text):
            continue
        if not (line.text[:1].isalnum() or line.text[:1] in "\"'‘“«¿¡"):
            continue
        (repeated if line.template else candidates).append(line)
    if not candidates and not page_titles:
        candidates = [c for c in repeated if len(c.words) >= 4]
    for heading in page_titles:
        if heading:
            key = normalize_line(heading)
            for line in candidates:
                if normalize_line(line.text) == key:
                    return line
    if candidates:
        # the headline stands right above the byline, picture or body: the last candidate,
        # unless that is a standfirst under the headline (longer, in sentence case)
        mixed = [c for c in candidates if not c.text.isupper() and len(c.words) >= 4]
        pool = mixed or candidates
        last = pool[-1]
        if len(pool) >= 2:
            before = pool[-2]
            between = [ln for ln in pre if before.index < ln.index < last.index]
            words = last.words
            if not between and len(words) >= 10 and len(words) > len(before.words) \
                    and _lower_ratio(words) >= 0.6:
                return before
        return last
    for heading in page_titles:
        if heading:
            return heading
    return None


def clean_text(raw: str, *, template_lines: Collection[str] = ()) -> TextCleanResult:
    """Keep the article of a plain-text scrape; see the module docstring for the rules."""
    raw_lines = split_lines(raw)
    lines: list[_Line] = []
    block = 0
    prev_blank = True
    for index, raw_line in enumerate(raw_lines):
        text = _squash(raw_line)
        if text and prev_blank:
            block += 1
        prev_blank = not text
        lines.append(_Line(index, raw_line, text, block if text else 0))
    content = [ln for ln in lines if ln.text]
    if not content:
        return TextCleanResult(text="", title=None, removed=[])

    templates = frozenset(template_lines)
    wrapped = _wrapped_blocks(lines)
    first_nonblank = {ln.index for ln in content[:6]}
    for line in content:
        t = line.text
        line.words = words = _words(t)
        line.n_words = _n_words(t, words)
        line.prose = _prose_of(t, words, line.n_words) or line.block in wrapped
        line.sentence = line.prose or _sentence_like_of(t, words)
        line.meta = _is_meta(t, words, line.n_words)
        if line.block in wrapped:
            continue
        line.reason = _rule_reason(t, line.n_words, line.prose)
        if line.reason is None and not line.meta and line.index in first_nonblank and (
                _page_title_parts(t) or _page_title_dash(t)):
            line.reason = "page-title"
        if templates and normalize_line(t) in templates:
            line.template = True
    _mark_context_rules(lines)
    _mark_listed_stories(content)

    # A story an outlet printed in several versions is not its template: keep its prose.
    prose_lines = [ln for ln in content if ln.prose and ln.reason is None]
    prose_templates = [ln for ln in prose_lines if ln.template]
    if prose_lines and len(prose_templates) > 0.5 * len(prose_lines):
        for line in prose_templates:
            line.template = False

    runs = _mark_headline_runs(content)
    run_lines = {id(ln) for run in runs for ln in run}

    def is_anchor(ln: _Line) -> bool:
        return ln.prose and ln.reason is None and not ln.template and id(ln) not in run_lines

    anchors = [ln for ln in content if is_anchor(ln)]
    if not anchors:
        anchors = [ln for ln in content if ln.sentence and ln.reason is None and not ln.template
                   and id(ln) not in run_lines]
    # the comment section: what follows a "Comments" heading after the article is not article
    for ln in content:
        if ln.reason == "comments" and ln.n_words <= 5 and not _ends_sentence(ln.text):
            before = [a for a in anchors if a.index < ln.index]
            if len(before) >= 3 or sum(a.n_words for a in before) >= 80:
                anchors = before
                break
    if anchors:
        start, end = anchors[0].index, anchors[-1].index
    else:  # no running text at all: keep what no rule removed
        start, end = content[0].index, content[-1].index

    # runs of bare dates between prose lines are a timeline, not a list of other stories
    for run in runs:
        inside = start < run[0].index and run[-1].index < end
        has_byline = any(BYLINE_START.match(ln.text) or _META_SEP.search(ln.text)
                         for ln in run if ln.meta)
        if inside and not has_byline:
            for ln in run:
                run_lines.discard(id(ln))
    for run in runs:
        for ln in run:
            if id(ln) in run_lines and ln.reason is None:
                ln.reason = "footer-headlines"

    by_index = {ln.index: ln for ln in content}
    # the body may open with a short dateline sentence or other short sentences, and with
    # sentences the outlet happens to repeat ("- Near Hit, one strike destroyed a vehicle.")
    for ln in reversed([c for c in content if c.index < start]):
        if ln.reason is not None or (ln.template and not _template_content(ln)):
            break
        if ln.template and ln.prose:
            start = ln.index
            continue
        if dateline_match(ln.text) or (ln.sentence and len(ln.words) >= 4
                                       and _lower_ratio(ln.words) >= 0.6
                                       and not ln.meta):
            start = ln.index
            continue
        break
    # ... and close with short sentences ("He declined to comment.")
    short_added = 0
    for ln in [c for c in content if c.index > end]:
        if ln.reason is not None or ln.meta:
            break
        if ln.template and not ln.sentence and _heading_like(ln.text):
            continue  # a heading the outlet repeats, kept only if sentences follow it
        if not ln.sentence or (ln.template and not _template_content(ln)):
            break
        if not (ln.template and ln.prose):
            short_added += 1
            if short_added > 3:
                break
        end = ln.index

    pre = [ln for ln in content if ln.index < start]
    title_pick = _choose_title(pre, content)
    title: str | None
    if isinstance(title_pick, _Line):
        title = title_pick.text
        title_pick.reason = "title"
        # Between the headline and the first prose line, what is neither a byline, a date nor
        # boilerplate belongs to the article (a section heading such as "Syria" above a list).
        between = [ln for ln in pre if ln.index > title_pick.index and ln.reason is None
                   and (not ln.template or _heading_like(ln.text))]
        bylines = [ln for ln in between if ln.meta or looks_like_person_name(ln.text)
                   or BYLINE_START.match(ln.text)]
        body_like = [ln for ln in between if ln not in bylines]
        if body_like:
            start = body_like[0].index
            for ln in bylines:
                ln.reason = "byline"
    else:
        title = title_pick
    if title is None and anchors:
        # a long headline can read like prose: the first line, if it does not end a sentence
        first = by_index[start]
        following = [c for c in content if c.index > start and c.reason is None]
        if (first is content[0] or all(c.reason for c in content if c.index < start)) and \
                not _ends_sentence(first.text) and first.n_words <= 25 and following and \
                following[0].prose and not dateline_match(first.text):
            title = first.text
            first.reason = "title"
            nxt = [c for c in content if c.index > start and c.reason is None and c.prose]
            start = nxt[0].index if nxt else end + 1
    title_key = normalize_line(title) if title else None

    seen_title = False
    for ln in content:
        if ln.reason is not None:
            if ln.reason == "title":
                seen_title = True
            continue
        outside = ln.index < start or ln.index > end
        if title_key and (outside or not ln.prose) and normalize_line(ln.text) == title_key:
            ln.reason = "title"
            continue
        if ln.template:
            if ln.index < start and ln.meta:
                ln.reason = "byline"
            elif outside or not (_template_content(ln) or _heading_like(ln.text)):
                ln.reason = "template"
            continue
        if ln.index < start:
            if ln.meta or looks_like_person_name(ln.text) and seen_title or BYLINE_START.match(
                    ln.text):
                ln.reason = "byline"
            else:
                ln.reason = "nav"
        elif ln.index > end:
            ln.reason = "footer"
        elif _is_byline(ln.text):
            ln.reason = "byline"

    kept_blocks: list[list[str]] = []
    current_block = -1
    for ln in content:
        if ln.reason is not None:
            continue
        if ln.block != current_block:
            kept_blocks.append([])
            current_block = ln.block
        kept_blocks[-1].append(ln.raw.rstrip("\r"))
    body = "\n\n".join("\n".join(b) for b in kept_blocks)
    removed = [(ln.index, ln.raw, ln.reason) for ln in content if ln.reason is not None]
    return TextCleanResult(text=body, title=title, removed=removed)


# ---------------------------------------------------------------------------------------------
# Per-outlet template learning
# ---------------------------------------------------------------------------------------------
_MAX_TEMPLATE_CHARS = 400


class TemplateLearner:
    """Learns the lines an outlet repeats across its documents (its page template).

    A line (by its `normalize_line` key) that occurs in at least `min_docs` distinct documents
    of one outlet is a template line of that outlet. Observing a document again under the same
    key changes nothing (a new text under an old key replaces the old one's lines).
    """

    def __init__(self, min_docs: int = 3) -> None:
        self.min_docs = max(1, int(min_docs))
        self._lines: dict[str, dict[str, set[str]]] = {}
        self._docs: dict[str, dict[str, frozenset[str]]] = {}

    @staticmethod
    def _keys(raw: str) -> frozenset[str]:
        keys = set()
        for line in split_lines(raw):
            key = normalize_line(line)
            if key and len(key) <= _MAX_TEMPLATE_CHARS:
                keys.add(key)
        return frozenset(keys)

    def observe(self, outlet: str, doc_key: str, raw: str) -> None:
        """Count each distinct line of one document of `outlet` once."""
        if not outlet:
            return
        keys = self._keys(raw)
        docs = self._docs.setdefault(outlet, {})
        old = docs.get(doc_key)
        if old == keys:
            return
        table = self._lines.setdefault(outlet, {})
        if old:
            for key in old - keys:
                holders = table.get(key)
                if holders is not None:
                    holders.discard(doc_key)
                    if not holders:
                        del table[key]
        for key in keys:
            table.setdefault(key, set()).add(doc_key)
        docs[doc_key] = keys

    def observe_line(self, outlet: str, doc_key: str, line: str) -> None:
        """Count one line (raw or already normalised) as seen in document `doc_key`."""
        key = normalize_line(line)
        if not outlet or not key or len(key) > _MAX_TEMPLATE_CHARS:
            return
        self._lines.setdefault(outlet, {}).setdefault(key, set()).add(doc_key)
        docs = self._docs.setdefault(outlet, {})
        docs[doc_key] = docs.get(doc_key, frozenset()) | {key}

    def template_lines(self, outlet: str) -> frozenset[str]:
        """The normalised lines seen in at least `min_docs` distinct documents of `outlet`."""
        table = self._lines.get(outlet, {})
        return frozenset(key for key, docs in table.items() if len(docs) >= self.min_docs)

    def outlets(self) -> list[str]:
        return sorted(self._lines)

    def snapshot(self) -> dict[str, dict[str, set[str]]]:
        """outlet -> normalised line -> keys of the documents it was seen in (a deep copy)."""
        return {outlet: {key: set(docs) for key, docs in table.items()}
                for outlet, table in self._lines.items()}

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, dict[str, Iterable[str]]],
                      min_docs: int = 3) -> TemplateLearner:
        learner = cls(min_docs=min_docs)
        for outlet, table in snapshot.items():
            for key, docs in table.items():
                for doc_key in docs:
                    learner.observe_line(outlet, doc_key, key)
        return learner
