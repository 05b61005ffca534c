"""Who said it: attribution relations (source, cue, content) turned into quotes with speakers.

The attribution model (`extract.quotes`) finds the source span as written — "Goodale", "he",
"a spokesperson for Minister Sajjan", "the minister". Here that span becomes an actor:

- a resolved mention inside the source span is the speaker (a person before anything else;
  "a spokesperson for Minister Sajjan" speaks for Sajjan, and says so in the role, while a
  named spokesperson speaks: "Renee Filiatrault, spokesperson for … Harjit Sajjan");
- a country's office holder named by title alone ("the Russian leader", "the U.S. president")
  is the one person of the document with that title and country, else the country;
- a personal pronoun is the person the text last named as the source of an attribution, or else
  the last person named before it — never simply the nearest name in the text;
- a title or role noun ("the minister", "the spokeswoman") is the last person of the document
  seen with that title.

The speaker's role at that time comes from the document's own role observations. A quote's
text is its content as written, the pieces of a content split by its cue joined by an ellipsis.
"""

from __future__ import annotations

import re

from wirewatch.types import ActorRef, Evidence, ParsedDocument, QuoteMention, ResolvedMention

# Joins the pieces of a content split by its cue.
ELLIPSIS = " … "
_PRONOUNS = frozenset("he she they him her them".split())
_NAMELESS = _PRONOUNS | frozenset("it we i you us this that which who".split())
# The titles of the people "the Russian leader" may mean.
_LEADER_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king",
                            "queen", "emir", "sultan", "leader", "supreme leader"})
_SPELLINGS = {"defence": "defense"}
# A title between a country and a name: " President ", " Defense Minister ".
_TITLE_WORDS = re.compile(r"\s+(?:[A-Za-z][\w.-]*\s+){1,4}")
_POSSESSIVE = re.compile(r"['’]s\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the)\s+$", re.IGNORECASE)
# Between a spokesperson and the person spoken for: "spokesperson | for Defense Minister | Sajjan".
_FOR_WHOM = re.compile(r"\s+(?:for|of|to)\s[^,;()]*")
_ON_BEHALF = re.compile(r"\b(spokes(?:person|man|woman)|representative|aide|office|press secretary"
                        r"|director of communications|director of communication)\b", re.I)


def _inside(mention: ResolvedMention, span: tuple[int, int]) -> bool:
    return span[0] <= mention.start and mention.end <= span[1]


def _people_before(parsed: ParsedDocument, offset: int) -> list[ResolvedMention]:
    return [m for m in parsed.mentions
            if m.end <= offset and m.actor is not None and m.actor.kind == "person"]


def written_speaker(text: str) -> str | None:
    """A source span as a reader would name the speaker: whitespace collapsed, None for a bare
    pronoun (it names no one by itself)."""
    written = " ".join(text.split())
    return written if written and written.lower() not in _NAMELESS else None


def _sentence_span(parsed: ParsedDocument, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering [start, end) — the citation for the quote."""
    first, last = start, end
    for sentence in parsed.doc.sents:
        if sentence.start_char <= start < sentence.end_char:
            first = sentence.start_char
        if sentence.start_char < end <= sentence.end_char:
            last = sentence.end_char
    return first, last


class SpeakerResolver:
    """Resolves source spans in document order, remembering the last speaker."""

    def __init__(self, parsed: ParsedDocument, roles: dict[str, str] | None = None) -> None:
        self.parsed = parsed
        self.roles = roles or {}
        self.last_speaker: ActorRef | None = None

    def resolve(self, source: tuple[int, int] | None) -> tuple[ActorRef | None, str | None]:
        if source is None:
            return None, None
        text = self.parsed.text[source[0]:source[1]]
        inside = [m for m in self.parsed.mentions if m.actor is not None and _inside(m, source)]
        people = [m for m in inside if m.actor and m.actor.kind == "person"]
        speaker: ActorRef | None = None
        role: str | None = None
        if people:
            speaker = people[-1].actor
            if keyword := _ON_BEHALF.search(text):
                voice, role = _voice(text, keyword, source[0], people)
                speaker = voice.actor
        elif inside:
            speaker = self._by_title_of_country(text, source, inside) or inside[0].actor
        elif text.strip().lower() in _PRONOUNS:
            before = _people_before(self.parsed, source[0])
            speaker = self.last_speaker or (before[-1].actor if before else None)
        else:
            speaker = self._by_title(text, source[0])
        if speaker is not None and speaker.kind == "person":
            self.last_speaker = speaker
            role = role or self.roles.get(speaker.actor_id)
        return speaker, role

    def _by_title_of_country(
        self, text: str, source: tuple[int, int], inside: list[ResolvedMention]
    ) -> ActorRef | None:
        """The one person of the document whose title and country fit a source that names a
        country's office holder by title alone ("the Russian leader", "the German chancellor",
        "the U.S. president"); None when no one or several fit, and the country speaks."""
        if any(m.actor is None or m.actor.kind != "country" for m in inside):
            return None
        countries = {m.actor.country for m in inside if m.actor}
        words = _without_mentions(text, source[0], inside).lower().split()
        if len(countries) != 1 or len(words) < 2 or words[0] != "the":
            return None
        if not all(w.isalpha() for w in words[1:]):
            return None
        fitting = {
            person.actor_id: person
            for person, country in self._people_with_countries()
            if country in countries and _title_fits(words[1:], self.roles.get(person.actor_id))
        }
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def _people_with_countries(self) -> list[tuple[ActorRef, str | None]]:
        """Each person mention's actor with its country: the registry's, else the country
        named in the title before the name ("Russian President Vladimir Putin")."""
        found = []
        previous: ResolvedMention | None = None
        for mention in self.parsed.mentions:
            actor = mention.actor
            if actor is not None and actor.kind == "person":
                country = actor.country
                if country is None and previous is not None and previous.actor is not None:
                    between = self.parsed.text[previous.end:mention.start]
                    if previous.actor.kind == "country" and _TITLE_WORDS.fullmatch(between):
                        country = previous.actor.country
                found.append((actor, country))
            previous = mention
        return found

    def _by_title(self, text: str, offset: int) -> ActorRef | None:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        for mention in reversed(_people_before(self.parsed, offset)):
            title = self.roles.get(mention.actor.actor_id if mention.actor else "", "")
            if title and words & {w.lower() for w in title.split()} - {"the", "of", "a"}:
                return mention.actor
        return None


def _without_mentions(text: str, offset: int, mentions: list[ResolvedMention]) -> str:
    for mention in sorted(mentions, key=lambda m: -m.start):
        text = f"{text[:mention.start - offset]} {text[mention.end - offset:]}"
    return text


def _title_fits(words: list[str], title: str | None) -> bool:
    """Whether the words of a title name a person's title: its last words ("chancellor",
    "foreign minister"), or "leader" for a head of state or government."""
    if not title:
        return False
    held = _spelled_alike(title.lower().split())
    return held[-len(words):] == _spelled_alike(words) or (
        words == ["leader"] and " ".join(held) in _LEADER_TITLES)


def _spelled_alike(words: list[str]) -> list[str]:
    return [_SPELLINGS.get(w, w) for w in words]


def _voice(
    text: str, keyword: re.Match[str], offset: int, people: list[ResolvedMention]
) -> tuple[ResolvedMention, str]:
    """Who speaks in a source span naming a spokesperson, and the role the span gives them.

    The person the spokesperson speaks for is named after "for"/"of"/"to" ("a spokesperson for
    Minister Sajjan") or in the possessive ("Sajjan's director of communications"); anyone else
    the span names is the spokesperson, who speaks ("Renee Filiatrault, spokesperson for
    Canadian Defense Minister Harjit Sajjan"; "German Chancellor Angela Merkel's spokesperson,
    Steffen Seibert"), with the span without their name as the role. An unnamed spokesperson
    speaks for the person named, and the role is the span from the spokesperson or the person
    spoken for, whichever comes first ("a statement released by Erdogan's office": "Erdogan's
    office").
    """
    keyword_end = keyword.end()
    principals = {m.actor.actor_id for m in people if m.actor and (
        _POSSESSIVE.match(text, m.end - offset) or m.text.endswith(("'s", "’s"))
        or (m.start - offset >= keyword_end
            and _FOR_WHOM.fullmatch(text, keyword_end, m.start - offset)))}
    named = [m for m in people if m.actor and m.actor.actor_id not in principals]
    if not named:
        start = min([keyword.start()] + [m.start - offset for m in people
                                         if m.actor and m.actor.actor_id in principals])
        article = _ARTICLE_BEFORE.search(text, 0, start)
        return people[-1], " ".join(text[article.start() if article else start:].split())
    voice = named[-1]
    start, end = voice.start - offset, voice.end - offset
    rest = " ".join(f"{text[:start]} {text[end:]}".split()).strip(" ,;:")
    return voice, rest or " ".join(text.split())


def quoted_text(text: str, pieces: list[tuple[int, int]]) -> str:
    """What the speaker said, as written: the content's pieces joined by an ellipsis.

    A content split by its cue ("…," he said at the Pentagon. "…"; "Instead, Goodale says,
    Ottawa will …") is said without the words between its pieces, which name the speaker.
    """
    return ELLIPSIS.join(text[start:end] for start, end in sorted(pieces))


def extract_quotes(
    parsed: ParsedDocument, roles: dict[str, str] | None = None
) -> list[QuoteMention]:
    """Every attribution of the document as a quote with its speaker, cue and citation."""
    from wirewatch.extract.quotes import find_attributions

    if roles is None:
        from wirewatch.actors.roles import extract_roles

        roles = {r.person_id: r.title for r in extract_roles(parsed) if r.person_id and r.title}
    resolver = SpeakerResolver(parsed, roles)
    quotes = []
    attributions = sorted(find_attributions(parsed.doc),
                          key=lambda a: (a.source or a.content)[0])
    for attribution in attributions:
        speaker, role = resolver.resolve(attribution.source)
        pieces = [attribution.content] + ([attribution.content2] if attribution.content2 else [])
        start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
        spans = [s for s in (attribution.source, attribution.cue, (start, end)) if s]
        cite_start, cite_end = _sentence_span(parsed, min(s[0] for s in spans),
                                              max(s[1] for s in spans))
        quotes.append(QuoteMention(
            doc_id=parsed.doc_id,
            text=quoted_text(parsed.text, pieces),
            kind=attribution.kind,
            content=(start, end),
            evidence=Evidence(parsed.doc_id, cite_start, cite_end,
                              parsed.text[cite_start:cite_end]),
            speaker=speaker,
            speaker_span=attribution.source,
            speaker_role=role,
            cue=parsed.text[attribution.cue[0]:attribution.cue[1]] if attribution.cue else None,
            cue_span=attribution.cue,
            speaker_text=(written_speaker(parsed.text[slice(*attribution.source)])
                          if speaker is None and attribution.source else None),
        ))
    return quotes
