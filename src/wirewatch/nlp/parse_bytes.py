"""Stored parses as bytes: our own compact format; spaCy's DocBin read for parses stored before.

A DocBin gathers its strings by building a Token object per token and packs through srsly,
which looks its encoders up in package metadata on every call; together most of the cost of
storing a parse. Here the attribute array is taken once, the strings are the distinct values
of the string-valued columns (looked up once each), and the columns are stored as indices
into that string table, which compress far better than 64-bit hashes.

Layout: MAGIC, then one zlib stream holding
    header  "<IIIBBB": tokens, strings, bytes of the joined strings, flags, and the widths
            (bytes) of a string index and of an integer value
    names   the stored attribute names, space-separated ASCII, prefixed by its length ("<I")
    table   uint32 length (in code points) of each string, then the strings joined (UTF-8)
    columns a string index per token for each string-valued attribute, in `names` order
    ints    a signed integer per token for each integer-valued attribute, in `names` order
    spaces  uint8 per token
Indices and integers are 2 bytes wide when every value fits, else 4: less for zlib to read,
so it runs faster at the low level 1 and the result is still about 2/3 the size of a DocBin.
MAGIC cannot begin a zlib stream (its first byte does not name the deflate method, 8), so a
stored DocBin, which is a zlib stream, is told apart by its first bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

import numpy
from spacy.attrs import IDS
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

MAGIC = b"WWP\x01"
_HEADER = struct.Struct("<IIIBBB")
_LENGTH = struct.Struct("<I")
_UNKNOWN_SPACES = 1
# Attributes whose values are string hashes, and those that are plain integers (POS is a
# symbol id; HEAD is relative; ENT_IOB and SENT_START are small codes).
STRING_ATTRS = frozenset(
    {"ORTH", "NORM", "TAG", "MORPH", "LEMMA", "DEP", "ENT_TYPE", "ENT_KB_ID"}
)
INT_ATTRS = frozenset({"POS", "HEAD", "ENT_IOB", "SENT_START"})


def parse_to_bytes(doc: Doc, attrs: Sequence[str]) -> bytes:
    """`doc`'s values of `attrs` (names; ORTH and SPACY always kept) in our format.

    A doc carrying categories or span groups, which the format does not hold, is stored as a
    DocBin instead, so nothing it had is lost.
    """
    if doc.cats or doc.spans:
        return _docbin_bytes(doc, attrs)
    string_names, int_names = _columns(attrs)
    strings = doc.vocab.strings
    n_tokens = len(doc)
    hashes = doc.to_array(string_names).reshape(n_tokens, len(string_names)).T
    distinct, indices = numpy.unique(hashes, return_inverse=True)
    table = [strings[key] for key in distinct.tolist()]
    joined = "".join(table).encode("utf-8", "surrogatepass")
    ints = doc.to_array(int_names).reshape(n_tokens, len(int_names)).T.view(numpy.int64)
    index_type = "<u2" if len(table) <= 1 << 16 else "<u4"
    fits_short = ints.size == 0 or (ints.min() >= -(1 << 15) and ints.max() < 1 << 15)
    int_type = "<i2" if fits_short else "<i4"
    spaces = doc.to_array("SPACY").astype(numpy.uint8)
    names = " ".join(string_names + int_names).encode("ascii")
    payload = b"".join(
        (
            _HEADER.pack(
                n_tokens,
                len(table),
                len(joined),
                _UNKNOWN_SPACES if doc.has_unknown_spaces else 0,
                int(index_type[-1]),
                int(int_type[-1]),
            ),
            _LENGTH.pack(len(names)),
            names,
            numpy.fromiter(map(len, table), dtype="<u4", count=len(table)).tobytes(),
            joined,
            indices.reshape(-1).astype(index_type).tobytes(),
            ints.astype(int_type).tobytes(),
            spaces.tobytes(),
        )
    )
    return MAGIC + zlib.compress(payload, 1)


def parse_from_bytes(vocab: Vocab, data: bytes) -> Doc:
    """The Doc stored by `parse_to_bytes` (or as a one-Doc DocBin), built against `vocab`."""
    if not data.startswith(MAGIC):
        (doc,) = DocBin().from_bytes(data).get_docs(vocab)
        return doc
    payload = zlib.decompress(memoryview(data)[len(MAGIC):])
    n_tokens, n_strings, n_bytes, flags, index_width, int_width = _HEADER.unpack_from(payload)
    offset = _HEADER.size
    (names_size,) = _LENGTH.unpack_from(payload, offset)
    offset += _LENGTH.size
    names = payload[offset : offset + names_size].decode("ascii").split()
    offset += names_size
    lengths = numpy.frombuffer(payload, dtype="<u4", count=n_strings, offset=offset)
    offset += 4 * n_strings
    joined = payload[offset : offset + n_bytes].decode("utf-8", "surrogatepass")
    offset += n_bytes
    ends = numpy.cumsum(lengths).tolist()
    table = [joined[start:end] for start, end in zip([0, *ends][:-1], ends, strict=True)]
    string_names = [name for name in names if name in STRING_ATTRS]
    int_names = [name for name in names if name in INT_ATTRS]
    indices = numpy.frombuffer(
        payload, dtype=f"<u{index_width}", count=len(string_names) * n_tokens, offset=offset
    ).reshape(len(string_names), n_tokens)
    offset += indices.nbytes
    ints = numpy.frombuffer(
        payload, dtype=f"<i{int_width}", count=len(int_names) * n_tokens, offset=offset
    ).reshape(len(int_names), n_tokens)
    offset += ints.nbytes
    spaces = numpy.frombuffer(payload, dtype=numpy.uint8, count=n_tokens, offset=offset)

    add = vocab.strings.add
    keys = numpy.fromiter((add(text) for text in table), dtype=numpy.uint64, count=n_strings)
    columns = dict(zip(string_names, keys[indices], strict=True))
    columns.update(zip(int_names, ints.astype(numpy.int64).view(numpy.uint64), strict=True))
    # The attribute order DocBin uses (ORTH first, then by attribute id), so the Doc is set
    # exactly as `DocBin.get_docs` would set it.
    order = ["ORTH", *sorted((name for name in columns if name != "ORTH"), key=IDS.__getitem__)]
    array = numpy.stack([columns[name] for name in order], axis=1)
    known_spaces = None if flags & _UNKNOWN_SPACES else spaces.astype(bool).tolist()
    doc = Doc(vocab, words=columns["ORTH"].tolist(), spaces=known_spaces)
    return doc.from_array([IDS[name] for name in order], array)


def _columns(attrs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The string-valued and integer-valued attributes to store, ORTH first, SPACY apart."""
    unknown = set(attrs) - STRING_ATTRS - INT_ATTRS - {"SPACY"}
    if unknown:
        raise ValueError(f"no stored form for token attributes {sorted(unknown)}")
    string_names = ["ORTH", *(name for name in attrs if name in STRING_ATTRS and name != "ORTH")]
    return string_names, [name for name in attrs if name in INT_ATTRS]


def _docbin_bytes(doc: Doc, attrs: Sequence[str]) -> bytes:
    bin_ = DocBin(attrs=list(attrs), store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()
