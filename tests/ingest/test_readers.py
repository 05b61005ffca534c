"""Readers: every kind of source becomes RawItems or clear ReadFailures, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.ingest.readers import count_sources, iter_items
from wirewatch.types import RawItem, ReadFailure

PAGE = b"<!DOCTYPE html><html><head><title>Strikes</title></head><body><p>Near Raqqah</p></body>"
TEXT = b"Coalition aircraft conducted 12 strikes near Raqqah, officials said.\n"


def _items(*sources: str | Path, **kwargs: object) -> list[RawItem | ReadFailure]:
    return list(iter_items([str(source) for source in sources], **kwargs))  # type: ignore[arg-type]


def _reasons(entries: list[RawItem | ReadFailure]) -> list[str]:
    return [entry.reason for entry in entries if isinstance(entry, ReadFailure)]


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def _warc(records: list[tuple[str, str, str, bytes]], *, gz: bool) -> bytes:
    """A WARC of (record type, URL, HTTP status + content type, payload), with a warcinfo first."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for record_type, url, status_and_type, payload in records:
        status, content_type = status_and_type.split(" ", 1)
        headers = StatusAndHeaders(
            f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, record_type, payload=io.BytesIO(payload), http_headers=headers
            )
        )
    return buffer.getvalue()


ARTICLES = [
    ("response", f"https://example.org/{n}", "200 text/html; charset=iso-8859-1", PAGE + b"x" * n)
    for n in range(3)
]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("story.txt", "text"),
        ("story.html", "html"),
        ("story.htm", "html"),
        ("story.HTML", "html"),
        ("story.html.gz", "html"),
        ("story.htm.gz", "html"),
    ],
)
def test_readers_kind_by_extension(tmp_path: Path, name: str, kind: str) -> None:
    data = PAGE if kind == "html" else TEXT
    path = _write(tmp_path / name, data)
    assert _items(path) == [RawItem(key=str(path), path=str(path), kind=kind, data=data)]


def test_readers_reads_real_html_page(data_path) -> None:
    path = data_path("corpus", "centcom", "nov2.html")
    [item] = _items(path)
    assert isinstance(item, RawItem)
    assert (item.kind, item.key, item.path) == ("html", str(path), str(path))
    assert item.data == path.read_bytes()


def test_readers_directory_is_recursive_sorted_and_skips_hidden_and_db(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.html",
        "sub/c.txt",
        "sub/deeper/d.txt",
        ".hidden.txt",
        ".git/config.txt",
        "wirewatch.db",
        "wirewatch.db-wal",
    ]:
        _write(tmp_path / name, TEXT)
    entries = _items(tmp_path)
    expected = ["a.html", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]
    assert [entry.key for entry in entries] == [str(tmp_path / name) for name in expected]
    assert count_sources([str(tmp_path)]) == 4


def test_readers_glob_pattern(tmp_path: Path) -> None:
    for name in ["one.html", "two.html", "three.txt"]:
        _write(tmp_path / name, PAGE)
    entries = _items(tmp_path / "*.html")
    assert [Path(entry.path).name for entry in entries] == ["one.html", "two.html"]
    assert count_sources([str(tmp_path / "*.html")]) == 2


@pytest.mark.parametrize(
    ("source", "reason"),
    [("missing.html", "no such file or directory"), ("nothing-*.html", "no files match")],
)
def test_readers_missing_source_fails_and_batch_goes_on(
    tmp_path: Path, source: str, reason: str
) -> None:
    good = _write(tmp_path / "good.txt", TEXT)
    entries = _items(tmp_path / source, good)
    assert reason in _reasons(entries)[0]
    assert isinstance(entries[-1], RawItem)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty file"),
        ("empty.txt.gz", b"", "empty file"),
        ("nul.txt", b"text\x00with\x00nuls", "binary file, not text or HTML"),
        ("control.html", bytes(range(1, 8)) * 40 + TEXT, "binary file, not text or HTML"),
        ("data.json", b'{"a": 1}', "unsupported file type"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "unsupported file type"),
        ("paper.pdf", b"%PDF-1.4", "unsupported file type"),
        ("bundle.zip", b"PK\x03\x04", "unsupported file type"),
        ("blob.bin", b"\x00\x01\x02\x03" * 100, "binary file, not text or HTML"),
    ],
)
def test_readers_bad_input_fails_clearly(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = _write(tmp_path / name, data)
    assert _items(path) == [ReadFailure(key=str(path), path=str(path), reason=reason)]


def test_readers_refuses_oversized_file_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)
    assert _reasons(_items(path)) == [
        "file is 200.0 MB, over the 64 MB limit (raise it with --max-bytes)"
    ]


def test_readers_max_bytes_applies_after_gunzip(tmp_path: Path) -> None:
    path = _write(tmp_path / "bomb.html.gz", b" " * 50_000)
    assert "over the" in _reasons(_items(path, max_bytes=10_000))[0]


def test_readers_undecodable_bytes_are_not_a_read_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "latin.txt", b"caf\xe9 \x93quoted\x94 \xff\xfe")
    [item] = _items(path)
    assert isinstance(item, RawItem)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_readers_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", TEXT)
    path.chmod(0)
    assert _reasons(_items(path)) == ["permission denied"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("notes.md", b"Plain notes about the coalition.\n", "text"),
        ("page.php", b"\n  <html><body><p>hi</p></body></html>", "html"),
        ("README", b"<p>A fragment of markup</p>", "html"),
    ],
)
def test_readers_unknown_extension_is_sniffed(
    tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    [item] = _items(_write(tmp_path / name, data))
    assert isinstance(item, RawItem) and item.kind == kind


@pytest.mark.parametrize("gz", [False, True])
def test_readers_warc_yields_html_responses_only(tmp_path: Path, gz: bool) -> None:
    records = [
        ARTICLES[0],
        ("request", "https://example.org/0", "200 text/html", b"GET / HTTP/1.1"),
        ("response", "https://example.org/logo.png", "200 image/png", b"\x89PNG\r\n"),
        ("response", "https://example.org/gone", "404 text/html", b"<html>Not found</html>"),
        ARTICLES[1],
    ]
    path = _write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), b"")
    path.write_bytes(_warc(records, gz=gz))
    entries = _items(path)
    assert all(isinstance(entry, RawItem) for entry in entries)
    assert [(e.url, e.kind, e.data, e.declared_charset) for e in entries] == [
        (url, "html", payload, "iso-8859-1") for _, url, _, payload in (ARTICLES[0], ARTICLES[1])
    ]
    assert all(entry.key.startswith(f"{path}@") for entry in entries)
    assert len({entry.key for entry in entries}) == 2
    assert count_sources([str(path)]) == 1


@pytest.mark.parametrize("gz", [False, True])
def test_readers_truncated_warc_yields_complete_records_then_fails(
    tmp_path: Path, gz: bool
) -> None:
    data = _warc(ARTICLES, gz=gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: len(data) - 40])
    entries = _items(path)
    assert [type(entry) for entry in entries] == [RawItem, RawItem, ReadFailure]
    assert _reasons(entries) == ["truncated gzip/WARC after 2 records"]


def test_readers_truncated_gzip_html(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(PAGE * 50)[:-30])
    assert _reasons(_items(path)) == ["truncated gzip file"]


JSONL_LINES = [
    json.dumps(
        {
            "text": "First story.",
            "url": "https://a.example/1",
            "title": "One",
            "published": "2016-01-19",
        }
    ),
    "{not json",
    "",
    json.dumps({"html": "<p>Second story</p>", "url": 7}),
    json.dumps(["a", "list"]),
    json.dumps({"title": "no body"}),
    json.dumps({"text": "Third story \u2014 caf\u00e9."}),
]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.ndjson", "feed.jsonl.gz"])
def test_readers_jsonl_lines_fail_alone(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, "\n".join(JSONL_LINES).encode("utf-8"))
    entries = _items(path)
    assert [entry.key for entry in entries] == [f"{path}#L{n}" for n in (1, 2, 4, 5, 6, 7)]
    first, bad_json, second, not_object, no_body, third = entries
    assert first == RawItem(
        key=f"{path}#L1",
        path=str(path),
        kind="text",
        data=b"First story.",
        url="https://a.example/1",
        title="One",
        published="2016-01-19",
        declared_charset="utf-8",
    )
    assert isinstance(second, RawItem) and (second.kind, second.url) == ("html", None)
    assert isinstance(third, RawItem) and third.data == "Third story \u2014 caf\u00e9.".encode()
    assert "line 2: invalid JSON" in bad_json.reason
    assert "line 5: not a JSON object" in not_object.reason
    assert "line 6: no non-empty 'text' or 'html'" in no_body.reason


def test_readers_truncated_jsonl_gz(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"text": f"story {n} " * 50}) for n in range(20)).encode()
    path = tmp_path / "cut.jsonl.gz"
    compressed = gzip.compress(lines)
    path.write_bytes(compressed[: len(compressed) * 2 // 3])
    entries = _items(path)
    failures = _reasons(entries)
    assert len(failures) == 1 and failures[0].startswith("truncated gzip/WARC after ")
    assert isinstance(entries[-1], ReadFailure)
    produced = int(failures[0].split()[3])
    assert produced == len(entries) - 1


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        (PAGE, ["html"]),
        (TEXT, ["text"]),
        (gzip.compress(PAGE), ["html"]),
        (b'{"text": "a"}\n{"html": "<p>b</p>"}\n', ["text", "html"]),
        (_warc(ARTICLES[:2], gz=False), ["html", "html"]),
    ],
)
def test_readers_stdin_is_sniffed(data: bytes, kinds: list[str]) -> None:
    entries = _items("-", stdin=io.BytesIO(data))
    assert [entry.kind for entry in entries] == kinds  # type: ignore[union-attr]
    assert all(entry.path == "<stdin>" for entry in entries)


def test_readers_stdin_binary_and_missing() -> None:
    assert _reasons(_items("-", stdin=io.BytesIO(b"\x00\x01\x02"))) == [
        "binary file, not text or HTML"
    ]
    assert _reasons(_items("-")) == ["stdin is not available"]


def test_readers_streams_a_directory_of_10000_files(tmp_path: Path) -> None:
    # Hard links make 10,000 directory entries far faster than writing 10,000 files.
    original = _write(tmp_path / "00000.txt", b"x")
    for n in range(1, 10_000):
        os.link(original, tmp_path / f"{n:05d}.txt")
    items = iter_items([str(tmp_path)])
    first = next(items)
    assert first.key == str(tmp_path / "00000.txt")
    assert 1 + sum(isinstance(item, RawItem) for item in items) == 10_000
    assert count_sources([str(tmp_path)]) == 10_000


def test_readers_does_not_follow_symlinked_directory_loops(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "story.txt", TEXT)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert [Path(entry.key).name for entry in _items(tmp_path)] == ["story.txt"]


def test_readers_max_bytes_bounds_each_jsonl_line_and_warc_record(tmp_path: Path) -> None:
    feed = _write(
        tmp_path / "feed.jsonl",
        b'{"text": "' + b"long " * 100 + b'"}\n{"text": "short"}\n',
    )
    long_line, short_line = _items(feed, max_bytes=200)
    assert isinstance(long_line, ReadFailure) and "line 1 is over the" in long_line.reason
    assert isinstance(short_line, RawItem) and short_line.key == f"{feed}#L2"

    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(_warc([ARTICLES[0], (*ARTICLES[1][:3], b"<p>" + b"x" * 500)], gz=False))
    small, large = _items(crawl, max_bytes=300)
    assert isinstance(small, RawItem)
    assert isinstance(large, ReadFailure) and "WARC record is over the" in large.reason


@pytest.mark.parametrize("name", ["README.md", "NOTICE", "LICENSE.txt", "notes.md", "CHANGELOG"])
def test_readers_folder_walk_leaves_out_documentation_files(tmp_path, name):
    (tmp_path / name).write_text("About this folder of articles.", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Troops arrived on Monday.", encoding="utf-8")
    keys = [Path(entry.key).name for entry in iter_items([str(tmp_path)])]
    assert keys == ["article.txt"]
