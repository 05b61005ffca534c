"""How a sentence holds an event: negated, asserted, reported, intended or hypothetical.

Four readings matter for event data and are easy to get wrong:

- Control verbs carry the event in their complement: "promised to remove six CF-18s" is a
  removal that is *intended*; "is expected to face pressure" is *hypothetical*.
- A reporting verb is not the event: in "Goodale says Canada will not repatriate ..." the event
  is Canada's, inside the complement, and it is *reported*.
- Saying no is an event of its own: "Canada will not answer a call by Washington" is a REJECT
  (not a negated REQUEST), and so is announcing that one will not do something cooperative.
- What is asked for, promised or aimed at has not happened: the complement of a request ("a
  call that allies bring fighters home") is no event at all; that of a noun of intent ("his
  promise of pulling Canada out") or an infinitive of purpose ("sent troops to fight ISIS") is
  *intended*; what is refused is negated.
"""

from __future__ import annotations

from spacy.tokens import Token

REPORTING_VERBS = frozenset(
    "say tell add note report state confirm claim believe predict write explain argue "
    "acknowledge emphasize emphasise stress insist suggest indicate think reiterate "
    "describe announce".split()
)
INTENT_VERBS = frozenset(
    "promise pledge vow plan intend prepare decide want aim commit resolve seek try "
    "attempt".split()
)
HYPOTHETICAL_VERBS = frozenset("expect hope consider likely may might could would should "
                               "propose".split())
# Verbs that only carry their complement ("continue to work", "begin to withdraw").
ASPECT_VERBS = frozenset("continue begin start keep go".split())
CONTROL_VERBS = INTENT_VERBS | HYPOTHETICAL_VERBS | ASPECT_VERBS
_FUTURE_AUX = frozenset({"will", "shall", "wo", "'ll"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "may", "might", "should", "can", "must"})
_REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly"})
# Saying no to these is a refusal: "will not answer / heed / accept a call".
ACCEPTANCE_VERBS = frozenset(
    "answer heed accept agree comply honour honor meet join grant obey follow endorse approve "
    "respond entertain consider take back repatriate".split()
)
REFUSAL_VERBS = frozenset("reject refuse decline dismiss rebuff spurn veto deny turn snub "
                          "ignore".split())
REQUEST_NOUNS = frozenset("call request demand appeal plea ask proposal proposition "
                          "suggestion invitation offer letter".split())
# Requests whose complement is the act asked for: "urged Canada to send troops", "a call ...
# that allies bring their fighters home", "called for talks".
_REQUESTING_VERBS = frozenset("ask urge request demand press pressure implore beg invite "
                              "encourage".split())
# (An offer's complement is offered, not asked for; a letter's is whatever it says.)
_REQUESTING_NOUNS = (REQUEST_NOUNS - {"offer", "letter", "ask"}) | {"ultimatum"}
# Nouns of intent whose complement is an intended act: "his promise of pulling Canada out",
# "the decision to withdraw Canada's CF-18s".
INTENT_NOUNS = frozenset("promise pledge vow plan commitment intention decision bid "
                         "resolve aim goal purpose objective effort attempt".split())
COOPERATIVE_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                               "CONSULT"})


def is_negated(tok: Token) -> bool:
    """A 'not'/'never' on the predicate or on the control verb above it, or a refusal above it
    ("Iran refused to release the tanker": no release; the refusal is its own REJECT)."""
    chain = _control_chain(tok)
    for node in chain:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in node.children):
            return True
    return any(node.lemma_.lower() in REFUSAL_VERBS for node in chain[1:])


def content_verb(verb: Token) -> Token:
    """The verb that carries the event: down through control verbs ("promised to remove")."""
    tok = verb
    for _ in range(3):
        if tok.lemma_.lower() not in CONTROL_VERBS and not _is_be_expected(tok):
            break
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")),
                    None)
        if comp is None:
            break
        tok = comp
    return tok


def _is_be_expected(tok: Token) -> bool:
    return tok.lemma_.lower() in ("expect", "set", "due", "likely", "poised")


def _control_chain(tok: Token) -> list[Token]:
    """The predicate and the control verbs above it, lowest first."""
    chain = [tok]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def reporting_head(tok: Token) -> Token | None:
    """The reporting verb whose complement holds this predicate, if any."""
    top = _control_chain(tok)[-1]
    node = top
    for _ in range(3):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in REPORTING_VERBS:
            return node.head
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            continue
        break
    head = top.head
    if top.dep_ == "ROOT" or head.i == top.i:
        reporter = next((c for c in top.children if c.dep_ in ("parataxis", "ccomp")
                         and c.lemma_.lower() in REPORTING_VERBS), None)
        return reporter
    return None


def modality(tok: Token) -> str:
    """asserted | reported | intended | hypothetical, for a predicate token."""
    chain = _control_chain(tok)
    lemmas = {t.lemma_.lower() for t in chain[1:]}
    aux = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    marks = {c.lower_ for t in chain for c in t.children if c.dep_ == "mark"}
    if "if" in marks or "unless" in marks or aux & _HYPOTHETICAL_AUX or lemmas & HYPOTHETICAL_VERBS:
        return "hypothetical"
    if any(_is_be_expected(t) for t in chain[1:]):
        return "hypothetical"
    if (lemmas & INTENT_VERBS or aux & _FUTURE_AUX or _going_to(chain) or intent_noun(tok)
            or _in_purpose(chain[-1])):
        return "intended"
    adverbs = {c.lower_ for t in chain for c in t.children if c.dep_ == "advmod"}
    if adverbs & _REPORTED_ADVERBS or reporting_head(tok) is not None or _according_to(chain):
        return "reported"
    return "asserted"


def _in_purpose(tok: Token) -> bool:
    """Inside an infinitive of purpose: "sent troops to fight ISIS", "trainers to help Iraqi
    forces fight the Islamic State" — the fight is what they are for, not what happened."""
    node = tok
    for _ in range(3):
        if node.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO"
                                                 for c in node.children):
            return True
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _going_to(chain: list[Token]) -> bool:
    return any(t.lemma_.lower() == "go" and t.tag_ == "VBG" for t in chain[1:])


def _according_to(chain: list[Token]) -> bool:
    return any(c.lower_ == "according" for t in chain for c in t.children)


def is_refusal(verb: Token, negated: bool) -> bool:
    """A refusal: 'dismissed the request', 'will not answer a call', 'would not join'."""
    lemma = verb.lemma_.lower()
    if lemma in REFUSAL_VERBS and not negated:
        return True
    if not negated:
        return False
    return lemma in ACCEPTANCE_VERBS or refused_request(verb) is not None


def refused_request(verb: Token) -> Token | None:
    """The request noun a verb answers or turns down ("answer a call", "dismissed the request")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in REQUEST_NOUNS:
            return child
        if child.dep_ == "prep" and child.lower_ in ("to", "for"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in REQUEST_NOUNS:
                    return obj
    return None


def is_requested(tok: Token) -> bool:
    """Whether a predicate is what a request asks for, which is the request's content and not
    an event of its own: the ASSAULT in "a call that allies bring fighters home to face
    prosecution", the MOBILIZE in "urged Canada to send troops", the CONSULT in "called for
    talks"."""
    if _is_request_word(tok):
        return False  # "calls by officials asking the US to waive immunity": still a request
    node = tok
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in ("xcomp", "ccomp", "acl") and _is_request_word(head):
            return True
        if node.dep_ == "pobj" and head.lower_ == "for" and _is_request_word(head.head):
            return True
        # Not up through "conj": "urged the embassy to reconsider and spoke with Pompeo" is
        # often parsed with "spoke" under "reconsider", and the talk did happen.
        if node.dep_ not in ("xcomp", "ccomp", "acl", "pobj", "prep", "advcl"):
            return False
        node = head
    return False


def _is_request_word(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        return lemma in _REQUESTING_NOUNS
    if lemma == "call":  # "called on Canada to …", "called for talks"; not "called it a crime"
        return any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon") for c in tok.children)
    return tok.pos_ == "VERB" and lemma in _REQUESTING_VERBS


def intent_noun(tok: Token) -> Token | None:
    """The noun of intent whose complement holds this predicate ("the decision to withdraw",
    "his promise of pulling … out"), if any."""
    top = _control_chain(tok)[-1]
    if top.dep_ == "acl" and top.head.lemma_.lower() in INTENT_NOUNS:
        return top.head
    if top.dep_ == "pcomp" and top.head.dep_ == "prep" and \
            top.head.head.lemma_.lower() in INTENT_NOUNS:
        return top.head.head
    return None
