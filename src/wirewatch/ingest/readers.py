"""Read articles from files, directories, globs, WARC and JSONL archives, and stdin.

Every input becomes either a `RawItem` (undecoded bytes plus what the container tells us) or
a `ReadFailure` saying why in words a user can act on; one bad input never stops a batch.
Sources are expanded lazily and in sorted order, so huge directories stream and runs repeat.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, Literal

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from wirewatch.types import ItemKind, RawItem, ReadFailure

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
STDIN_SOURCE = "-"
STDIN_PATH = "<stdin>"

Entry = RawItem | ReadFailure
FileKind = Literal["text", "html", "warc", "jsonl", "unsupported", "sniff"]

_KIND_BY_SUFFIX: tuple[tuple[str, FileKind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".html.gz", "html"),
    (".htm.gz", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".txt.gz", "text"),
    (".txt", "text"),
)
_UNSUPPORTED_SUFFIXES = frozenset(
    ".json .csv .tsv .xls .xlsx .doc .docx .odt .pdf .zip .tar .tgz .bz2 .xz .7z .rar "
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .mov .avi .wav "
    ".exe .dll .so .pyc .db .sqlite .parquet".split()
)
# Our own SQLite database and its side files live next to the articles; never read them.
_SKIPPED_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal")
# A folder of articles often carries its own documentation; walking a folder leaves it out
# (naming such a file explicitly still reads it).
_DOCUMENTATION = re.compile(
    r"^(readme|license|licence|notice|copying|changelog)\b|\.(md|rst)$", re.IGNORECASE
)
_GLOB_CHARS = re.compile(r"[*?\[]")

_SNIFF_BYTES = 8192
_BINARY_CONTROL_RATIO = 0.1
# Control bytes that real text never holds; tab, newlines, form feed, backspace and ESC it may.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\b\x1b")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_MARKUP = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<\?xml)|<(html|head|body|p|div|article|title)[\s>/]",
    re.IGNORECASE,
)
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_TAIL_CHUNK = 1 << 16


def iter_items(
    sources: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Entry]:
    """Every article in `sources`, in order; "-" reads `stdin`.

    `max_bytes` bounds one article (a file, a WARC record, a JSONL line), so an oversized or
    runaway input is refused before it is read into memory.
    """
    for source in sources:
        source = os.fspath(source)
        if source == STDIN_SOURCE:
            yield from _read_stdin(stdin, max_bytes)
            continue
        for path in _expand(source):
            if isinstance(path, ReadFailure):
                yield path
            else:
                yield from _read_path(path, max_bytes)


def count_sources(sources: Iterable[str]) -> int:
    """How many files `iter_items` will open (an archive counts once): a progress total."""
    return sum(
        1 if os.fspath(source) == STDIN_SOURCE else sum(1 for _ in _expand(os.fspath(source)))
        for source in sources
    )


def file_kind(path: str) -> FileKind:
    """What the file name says the file holds; "sniff" when it says nothing we know."""
    name = path.lower()
    for suffix, kind in _KIND_BY_SUFFIX:
        if name.endswith(suffix):
            return kind
    if os.path.splitext(name)[1] in _UNSUPPORTED_SUFFIXES or name.endswith(_SKIPPED_SUFFIXES):
        return "unsupported"
    return "sniff"


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no kind of text: NULs or many control bytes near the start."""
    head = head[:_SNIFF_BYTES]
    if head.startswith(_UNICODE_BOMS):
        return False
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_CONTROL_BYTES))
    return bool(head) and control / len(head) > _BINARY_CONTROL_RATIO


def _expand(source: str) -> Iterator[str | ReadFailure]:
    """The files a source names, as absolute paths, lazily and in sorted order."""
    path = os.path.abspath(source)
    if os.path.isdir(path):
        yield from _walk(path)
    elif os.path.lexists(path):
        yield path
    elif _GLOB_CHARS.search(source):
        matches = sorted(glob.iglob(source, recursive=True))
        if not matches:
            yield ReadFailure(key=source, path=source, reason="no files match this pattern")
        for match in matches:
            match = os.path.abspath(match)
            if os.path.isdir(match):
                yield from _walk(match)
            elif not _skipped_name(os.path.basename(match)):
                yield match
    else:
        yield ReadFailure(key=path, path=path, reason="no such file or directory")


def _walk(directory: str) -> Iterator[str | ReadFailure]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadFailure(key=directory, path=directory, reason=_os_reason(exc))
        return
    for entry in entries:
        if _skipped_name(entry.name):
            continue
        # Symlinked directories are not followed (they can loop); broken links are reported.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file() or (entry.is_symlink() and not entry.is_dir()):
            yield entry.path


def _skipped_name(name: str) -> bool:
    return (
        name.startswith(".")
        or name.lower().endswith(_SKIPPED_SUFFIXES)
        or bool(_DOCUMENTATION.search(name))
    )


def _read_path(path: str, max_bytes: int) -> Iterator[Entry]:
    kind = file_kind(path)
    if kind == "unsupported":
        yield _failure(path, "unsupported file type")
        return
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        yield _failure(path, _os_reason(exc))
        return
    if size == 0:
        yield _failure(path, "empty file")
        return
    # Archives stream record by record, so the limit applies to each record instead.
    if kind not in ("warc", "jsonl") and size > max_bytes:
        yield _failure(path, _too_big("file", size, max_bytes))
        return
    try:
        if kind == "warc":
            with open(path, "rb") as stream:
                yield from _warc_items(path, stream, max_bytes)
        elif kind == "jsonl":
            with _open(path) as stream:
                yield from _jsonl_items(path, stream, max_bytes)
        else:
            yield from _plain_item(path, kind, max_bytes)
    except OSError as exc:
        yield _failure(path, _os_reason(exc))


def _open(path: str) -> BinaryIO:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _plain_item(path: str, kind: FileKind, max_bytes: int) -> Iterator[Entry]:
    try:
        with _open(path) as stream:
            data = stream.read(max_bytes + 1)
    except EOFError:
        yield _failure(path, "truncated gzip file")
        return
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield _failure(path, f"corrupt gzip file ({exc})")
        return
    if len(data) > max_bytes:
        yield _failure(path, f"decompressed file is over the {_megabytes(max_bytes)} MB limit")
        return
    yield _bytes_item(path, path, kind, data)


def _bytes_item(key: str, path: str, kind: FileKind, data: bytes) -> Entry:
    """A RawItem for a whole text or HTML payload, sniffing its kind when unknown."""
    if not data:
        return ReadFailure(key=key, path=path, reason="empty file")
    if looks_binary(data):
        return ReadFailure(key=key, path=path, reason="binary file, not text or HTML")
    item_kind: ItemKind
    if kind in ("text", "html"):
        item_kind = "html" if kind == "html" else "text"
    else:
        item_kind = "html" if _MARKUP.search(data[:_SNIFF_BYTES]) else "text"
    return RawItem(key=key, path=path, kind=item_kind, data=data)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> Iterator[Entry]:
    if stdin is None:
        yield ReadFailure(key=STDIN_PATH, path=STDIN_PATH, reason="stdin is not available")
        return
    data = stdin.read(max_bytes + 1)
    if data.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(max_bytes + 1)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield ReadFailure(key=STDIN_PATH, path=STDIN_PATH, reason=f"corrupt gzip ({exc})")
            return
    if len(data) > max_bytes:
        reason = f"stdin is over the {_megabytes(max_bytes)} MB limit (raise it with --max-bytes)"
        yield ReadFailure(key=STDIN_PATH, path=STDIN_PATH, reason=reason)
    elif data.startswith(_WARC_MAGIC):
        yield from _warc_items(STDIN_PATH, io.BytesIO(data), max_bytes)
    elif _looks_like_jsonl(data):
        yield from _jsonl_items(STDIN_PATH, io.BytesIO(data), max_bytes)
    else:
        yield _bytes_item(STDIN_PATH, STDIN_PATH, "sniff", data)


def _looks_like_jsonl(data: bytes) -> bool:
    first_line = data.lstrip().split(b"\n", 1)[0]
    if not first_line.startswith(b"{"):
        return False
    try:
        record = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(record, dict) and ("text" in record or "html" in record)


def _jsonl_items(path: str, stream: BinaryIO, max_bytes: int) -> Iterator[Entry]:
    """One RawItem per JSON line; a bad line fails alone, the rest go on."""
    line_number = 0
    produced = 0
    try:
        while line := stream.readline(max_bytes + 1):
            line_number += 1
            key = f"{path}#L{line_number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = stream.readline(_TAIL_CHUNK)
                reason = f"line {line_number} is over the {_megabytes(max_bytes)} MB limit"
                yield ReadFailure(key=key, path=path, reason=reason)
            elif line.strip():
                produced += 1
                yield _jsonl_item(key, path, line_number, line)
    except EOFError:
        yield _failure(path, f"truncated gzip/WARC after {produced} records")
        return
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield _failure(path, f"corrupt gzip file after {produced} records ({exc})")
        return
    if produced == 0:
        yield _failure(path, "empty file")


def _jsonl_item(key: str, path: str, line_number: int, line: bytes) -> Entry:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return ReadFailure(key=key, path=path, reason=f"line {line_number}: invalid JSON ({exc})")
    if not isinstance(record, dict):
        return ReadFailure(key=key, path=path, reason=f"line {line_number}: not a JSON object")
    html, text = record.get("html"), record.get("text")
    kind: ItemKind
    if isinstance(html, str) and html.strip():
        kind, body = "html", html
    elif isinstance(text, str) and text.strip():
        kind, body = "text", text
    else:
        reason = f"line {line_number}: no non-empty 'text' or 'html' field"
        return ReadFailure(key=key, path=path, reason=reason)
    return RawItem(
        key=key,
        path=path,
        kind=kind,
        # JSON strings may hold lone surrogates, which UTF-8 cannot carry.
        data=body.encode("utf-8", errors="replace"),
        url=_string_field(record, "url"),
        title=_string_field(record, "title"),
        published=_string_field(record, "published"),
        declared_charset="utf-8",
    )


def _string_field(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _warc_items(path: str, stream: BinaryIO, max_bytes: int) -> Iterator[Entry]:
    """One RawItem per successful HTML response record; other records are skipped quietly.

    warcio stops silently at a truncated file, so completeness is checked here: each record
    must deliver its declared Content-Length, and nothing but blank lines may follow the last.
    """
    produced = 0
    end = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            payload = _wanted_payload(record, max_bytes)
            if not _drain(record):
                break
            offset = records.get_record_offset()
            end = offset + records.get_record_length()
            key = f"{path}@{offset}"
            if isinstance(payload, int):
                reason = f"WARC record is over the {_megabytes(max_bytes)} MB limit"
                yield ReadFailure(key=key, path=path, reason=reason)
            elif payload is not None:
                produced += 1
                yield RawItem(
                    key=key,
                    path=path,
                    kind="html",
                    data=payload,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    declared_charset=_charset(record.http_headers.get_header("Content-Type")),
                )
        else:
            if _nothing_after(stream, end):
                return
    except Exception as exc:  # warcio raises many types on damaged input; we report them all
        logger.debug("WARC read of %s stopped: %r", path, exc)
    yield _failure(path, f"truncated gzip/WARC after {produced} records")


def _wanted_payload(record: ArcWarcRecord, max_bytes: int) -> bytes | int | None:
    """The HTML body of a 2xx response record; its size if over the limit; else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode() or ""
    if not content_type.startswith(_HTML_CONTENT_TYPES) or not status.startswith("2"):
        return None
    payload = record.content_stream().read(max_bytes + 1)
    return len(payload) if len(payload) > max_bytes else payload


def _drain(record: ArcWarcRecord) -> bool:
    """Read the record to its end; True if it held all the bytes its header promised."""
    raw = record.raw_stream
    if not isinstance(raw, LimitReader):
        return False
    while raw.read(_TAIL_CHUNK):
        pass
    return raw.limit == 0


def _nothing_after(stream: BinaryIO, end: int) -> bool:
    """True if only blank lines follow `end`: anything else is a record warcio gave up on."""
    stream.seek(end)
    while chunk := stream.read(_TAIL_CHUNK):
        if chunk.strip():
            return False
    return True


def _charset(content_type: str | None) -> str | None:
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def _failure(path: str, reason: str) -> ReadFailure:
    return ReadFailure(key=path, path=path, reason=reason)


def _too_big(what: str, size: int, max_bytes: int) -> str:
    return (
        f"{what} is {size / 2**20:.1f} MB, over the {_megabytes(max_bytes)} MB limit "
        "(raise it with --max-bytes)"
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g}"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"
