"""Who said it: attribution relations (source, cue, content) turned into quotes with speakers.

The attribution model (`extract.quotes`) finds the source span as written — "Goodale", "he",
"a spokesperson for Minister Sajjan", "the minister". Here that span becomes an actor:

- a resolved mention inside the source span is the speaker (a person before anything else;
  "a spokesperson for Minister Sajjan" speaks for Sajjan, and says so in the role);
- a personal pronoun is the person the text last named as the source of an attribution, or else
  the last person named before it — never simply the nearest name in the text;
- a title or role noun ("the minister", "the spokeswoman") is the last person of the document
  seen with that title.

The speaker's role at that time comes from the document's own role observations.
"""

from __future__ import annotations

import re

from wirewatch.types import ActorRef, Evidence, ParsedDocument, QuoteMention, ResolvedMention

_PRONOUNS = frozenset("he she they him her them".split())
_NAMELESS = _PRONOUNS | frozenset("it we i you us this that which who".split())
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
            if _ON_BEHALF.search(text):
                role = _role_beside_name(text, source[0], people)
        elif inside:
            speaker = inside[0].actor
        elif text.strip().lower() in _PRONOUNS:
            before = _people_before(self.parsed, source[0])
            speaker = self.last_speaker or (before[-1].actor if before else None)
        else:
            speaker = self._by_title(text, source[0])
        if speaker is not None and speaker.kind == "person":
            self.last_speaker = speaker
            role = role or self.roles.get(speaker.actor_id)
        return speaker, role

    def _by_title(self, text: str, offset: int) -> ActorRef | None:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        for mention in reversed(_people_before(self.parsed, offset)):
            title = self.roles.get(mention.actor.actor_id if mention.actor else "", "")
            if title and words & {w.lower() for w in title.split()} - {"the", "of", "a"}:
                return mention.actor
        return None


def _role_beside_name(text: str, offset: int, people: list[ResolvedMention]) -> str:
    """The role a source span gives its speaker. "a spokesperson for Minister Sajjan" is the
    role of Sajjan, who speaks through it; in "German Chancellor Angela Merkel's spokesperson,
    Steffen Seibert," the named spokesperson speaks, and the role is the span without his name
    (before: the role repeated it)."""
    speaker = people[-1]
    if len({m.actor.actor_id for m in people if m.actor}) < 2:
        return " ".join(text.split())
    start, end = speaker.start - offset, speaker.end - offset
    rest = " ".join(f"{text[:start]} {text[end:]}".split()).strip(" ,;:")
    return rest or " ".join(text.split())


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
        start, end = attribution.content
        if attribution.content2 is not None:
            start, end = min(start, attribution.content2[0]), max(end, attribution.content2[1])
        spans = [s for s in (attribution.source, attribution.cue, (start, end)) if s]
        cite_start, cite_end = _sentence_span(parsed, min(s[0] for s in spans),
                                              max(s[1] for s in spans))
        quotes.append(QuoteMention(
            doc_id=parsed.doc_id,
            text=parsed.text[start:end],
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
