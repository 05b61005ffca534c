"""Fuzzing the readers and the ingest stage with damaged inputs of every supported format.

Each example starts from a small valid input generated here and damages it (truncation, flipped
bytes, NULs, a wrong encoding, a huge line, deeply nested markup), before or after compression.
Whatever the bytes, nothing may escape as an exception, every input the readers yield must end
as a stored document or a ledger row with a reason, and ingesting the same files again must
store nothing new.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.ingest.pipeline import ingest
from wirewatch.ingest.readers import iter_items
from wirewatch.store.sqlite import Store

MAX_BYTES = 256 * 1024
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TEXT = ("Leaders meet in Ottawa\n\nOTTAWA — Officials from both countries met on Thursday to "
        "talk about terrorism, the first such meeting in years, the ministry said.\n\n"
        "Subscribe to our newsletter\n\n“We agreed to share more,” the minister said.\n")
HTML = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Talks in Ottawa</title>"
        "<meta name=\"date\" content=\"2019-03-04\"></head><body><nav>Home | World</nav>"
        "<article><h1>Talks in Ottawa</h1><p>OTTAWA — Officials from both countries met on "
        "Thursday to talk about terrorism, the first such meeting in years.</p><p>“We agreed "
        "to share more,” the minister said on Café Street.</p></article>"
        "<footer>© Example News</footer></body></html>")


def _warc(html: bytes, *, compress: bool) -> bytes:
    """Two HTML response records, built by hand so the bytes never vary (no dates or UUIDs)."""
    records = []
    for n, body in enumerate((html, html.replace(b"Ottawa", b"Montreal"))):
        http = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        head = (b"WARC/1.0\r\nWARC-Type: response\r\n"
                b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000%d>\r\n"
                b"WARC-Date: 2019-03-04T00:00:00Z\r\n"
                b"WARC-Target-URI: https://news.example/%d\r\n"
                b"Content-Type: application/http; msgtype=response\r\n"
                b"Content-Length: %d\r\n\r\n" % (n, n, len(http)))
        record = head + http + b"\r\n\r\n"
        records.append(gzip.compress(record, mtime=0) if compress else record)
    return b"".join(records)


def _jsonl(text: str, html: str) -> bytes:
    lines = [{"text": text, "url": "https://news.example/a", "title": "Talks"},
             {"html": html, "published": "2019-03-04"}, {"text": text.upper()}]
    # ASCII escapes carry the lone surrogates that undecodable bytes became, as real JSON can.
    return "\n".join(json.dumps(line) for line in lines).encode() + b"\n"


def _container(fmt: str, inner: bytes) -> bytes:
    """Wrap (possibly already damaged) article bytes in the format's container."""
    if fmt == "html.gz":
        return gzip.compress(inner, mtime=0)
    if fmt in ("warc", "warc.gz"):
        return _warc(inner, compress=fmt == "warc.gz")
    if fmt == "jsonl":
        text = inner.decode("utf-8", errors="surrogateescape")
        return _jsonl(text, text)
    return inner


def _seed_body(fmt: str) -> str:
    return TEXT if fmt == "txt" else HTML


@st.composite
def damaged_body(draw: st.DrawFn, fmt: str) -> bytes:
    """An article's text, re-encoded and damaged in up to three ways."""
    text = _seed_body(fmt)
    nesting = draw(st.sampled_from([0, 0, 50, 3000]))
    if nesting and fmt != "txt":
        text = text.replace("<article>", "<div>" * nesting + "<article>")
    if draw(st.booleans()):
        huge = "x" * draw(st.sampled_from([5_000, 300_000]))
        text = text.replace("\n\n", f"\n\n{huge}\n", 1).replace("</h1>", f"</h1><p>{huge}</p>")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "latin-1", "utf-16",
                                     "utf-16-le", "shift_jis", "koi8-r"]))
    # A page may declare any label at all, true or not, even codecs no browser would use.
    declared = draw(st.sampled_from([encoding, "utf-8", "utf-7", "unicode_escape", "idna",
                                     "punycode", "rot13", "hex", "x-nonsense"]))
    text = text.replace('charset="utf-8"', f'charset="{declared}"')
    data = text.encode(encoding, errors="replace")
    return _mutate(draw, data)


def _mutate(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        action = draw(st.sampled_from(["truncate", "flip", "nul", "splice"]))
        at = draw(st.integers(0, len(data) - 1))
        if action == "truncate":
            data = data[:at]
        elif action == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif action == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 8)) + data[at:]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    return data


@st.composite
def damaged_file(draw: st.DrawFn, fmt: str) -> bytes:
    """Damage the article inside its container, the container itself, or both."""
    data = _container(fmt, draw(damaged_body(fmt)))
    if draw(st.booleans()):
        data = _mutate(draw, data)
    return data


def _ledger(store: Store, run_id: int) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for row in store.query("SELECT item_key, stage, status, doc_id, reason FROM ledger"
                           " WHERE run_id = ?", (run_id,)):
        rows.setdefault(row["item_key"], []).append(dict(row))
    return rows


def assert_every_input_accounted_for(paths: list[str]) -> None:
    entries = list(iter_items(paths, max_bytes=MAX_BYTES))
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "w.db") as store:
            first = ingest(paths, store, max_bytes=MAX_BYTES)
            ledger = _ledger(store, first.run_id)
            stored = {r["id"] for r in store.query("SELECT id FROM documents")}
            for entry in entries:
                rows = ledger.get(entry.key)
                assert rows, f"{entry.key} left no ledger row"
                for row in rows:
                    if row["status"] == "failed":
                        assert row["reason"], f"{entry.key} failed without a reason"
                    else:
                        assert row["doc_id"] in stored, f"{entry.key}: {row}"
            assert first.n_ok == len(stored)

            second = ingest(paths, store, max_bytes=MAX_BYTES)
            assert second.n_ok == 0
            assert {r["id"] for r in store.query("SELECT id FROM documents")} == stored
            again = _ledger(store, second.run_id)
            for key, rows in ledger.items():
                for row in rows:
                    if row["status"] == "ok":
                        assert {"status": "skipped", "doc_id": row["doc_id"]}.items() <= (
                            again[key][0].items()), f"{key} was not recognised as stored"


def _fuzz_one(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input.{fmt}"
        path.write_bytes(data)
        assert_every_input_accounted_for([str(path)])


@FUZZ
@given(damaged_file("txt"))
def test_fuzz_readers_damaged_txt(data):
    _fuzz_one("txt", data)


@FUZZ
@given(damaged_file("html"))
def test_fuzz_readers_damaged_html(data):
    _fuzz_one("html", data)


@FUZZ
@given(damaged_file("html.gz"))
def test_fuzz_readers_damaged_html_gz(data):
    _fuzz_one("html.gz", data)


@FUZZ
@given(damaged_file("warc"))
def test_fuzz_readers_damaged_warc(data):
    _fuzz_one("warc", data)


@FUZZ
@given(damaged_file("warc.gz"))
def test_fuzz_readers_damaged_warc_gz(data):
    _fuzz_one("warc.gz", data)


@FUZZ
@given(damaged_file("jsonl"))
def test_fuzz_readers_damaged_jsonl(data):
    _fuzz_one("jsonl", data)


@settings(FUZZ, max_examples=15)
@given(st.lists(st.tuples(st.sampled_from(["txt", "html", "html.gz", "warc", "warc.gz",
                                           "jsonl", "bin"]), st.binary(max_size=2048)),
                min_size=1, max_size=6))
def test_fuzz_readers_random_bytes_in_a_folder(files):
    with tempfile.TemporaryDirectory() as folder:
        for n, (fmt, data) in enumerate(files):
            (Path(folder) / f"{n}.{fmt}").write_bytes(data)
        assert_every_input_accounted_for([folder])
