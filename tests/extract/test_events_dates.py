"""An event's date: the time expression nearest its trigger, read against the text's dates."""

from __future__ import annotations

from wirewatch.extract.events import extract_events
from wirewatch.nlp.document import parse_document


def test_events_dated_by_later_counted_from_the_text_not_the_publication():
    """Wikinews (sample corpus): leaving was 2011, and the return "three years later" (counted
    from 2011, not from the publication) 2014; before, both read 2022."""
    text = ("U.S. troops left Iraq in 2011, then at the Iraqi government's request returned "
            "three years later.")
    events = extract_events(parse_document(text, published="2019-11-10"))
    dates = {text[e.trigger[0]:e.trigger[1]]: (e.date, e.date_precision) for e in events}
    assert dates["left"] == ("2011", "year")
    assert dates["returned"] == ("2014", "year")
