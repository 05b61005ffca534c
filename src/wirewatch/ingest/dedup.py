"""Exact and near-duplicate detection for syndicated wire copy.

The same agency story reaches us through many outlets with different headlines, bylines,
boilerplate and a few edited words. Exact duplicates share `content_hash`; near duplicates
share most word 5-shingles, estimated with MinHash and found quickly with LSH banding.
Everything here is deterministic across processes and machines (no Python `hash()`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5

_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_SIGNATURE_DTYPE = np.dtype("<u4")
_SIGNATURE_BYTES = NUM_PERM * _SIGNATURE_DTYPE.itemsize
_EMPTY_SLOT = 0xFFFFFFFF
# Bounds the (shingles x permutations) matrix for very long documents.
_CHUNK = 4096

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_WHITESPACE = re.compile(r"\s+")


def _permutation_params() -> tuple[np.ndarray, np.ndarray]:
    """Universal-hash coefficients a, b < 2**32, derived from fixed labels.

    Derived with blake2b rather than a seeded RNG so they never change with numpy's version.
    """
    raw = b"".join(
        hashlib.blake2b(f"wirewatch-minhash-{i}".encode(), digest_size=8).digest()
        for i in range(NUM_PERM)
    )
    pairs = np.frombuffer(raw, dtype="<u4").astype(np.uint64).reshape(NUM_PERM, 2)
    return pairs[:, 0] | np.uint64(1), pairs[:, 1]


_PERM_A, _PERM_B = _permutation_params()


def normalize_for_hash(text: str) -> str:
    """Text reduced to what makes two copies "the same": case, spacing, quote and dash style."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WHITESPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text: equal for exact duplicates."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def minhash_signature(text: str) -> bytes:
    """MinHash of the text's word 5-shingles: 128 little-endian uint32 values.

    A text shorter than five words is one shingle; an empty text has an all-0xFF signature.
    """
    # UTF-8 of words joined by " " is their UTF-8 joined by b" ": encode the text once.
    words = [word for word in normalize_for_hash(text).encode("utf-8").split(b" ") if word]
    shingle_count = max(len(words) - SHINGLE_WORDS + 1, 1 if words else 0)
    digests = b"".join(
        hashlib.blake2b(b" ".join(words[i : i + SHINGLE_WORDS]), digest_size=4).digest()
        for i in range(shingle_count)
    )
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    signature = np.full(NUM_PERM, _EMPTY_SLOT, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        # a, x < 2**32 and b < 2**32, so a*x + b < 2**64: exact in uint64, no wrap-around.
        permuted = hashes[start : start + _CHUNK, None] * _PERM_A
        permuted += _PERM_B
        _mod_mersenne(permuted)
        permuted &= np.uint64(_EMPTY_SLOT)
        signature = np.minimum(signature, permuted.min(axis=0))
    return signature.astype(_SIGNATURE_DTYPE).tobytes()


def _mod_mersenne(values: np.ndarray) -> None:
    """values % (2**61 - 1), in place, without a division: 2**61 is 1 modulo the prime, so
    y = hi * 2**61 + lo is congruent to hi + lo, which is below twice the prime."""
    high = values >> np.uint64(61)
    values &= _MERSENNE_PRIME
    values += high
    np.subtract(values, _MERSENNE_PRIME, out=values, where=values >= _MERSENNE_PRIME)


def _signature_array(signature: bytes) -> np.ndarray:
    if len(signature) != _SIGNATURE_BYTES:
        raise ValueError(
            f"MinHash signature must be {_SIGNATURE_BYTES} bytes, got {len(signature)}"
        )
    return np.frombuffer(signature, dtype=_SIGNATURE_DTYPE)


def _lsh_bands(threshold: float) -> tuple[int, int]:
    """(bands, rows) minimising the summed false-positive and false-negative probability.

    A pair with Jaccard s shares at least one band with probability 1 - (1 - s**r)**b;
    we integrate that S-curve below and above the threshold (equal weights).
    """
    below = np.linspace(0.0, threshold, 200)
    above = np.linspace(threshold, 1.0, 200)
    best: tuple[float, int, int] | None = None
    for rows in range(1, NUM_PERM + 1):
        bands = NUM_PERM // rows
        false_pos = np.trapezoid(1 - (1 - below**rows) ** bands, below)
        false_neg = np.trapezoid((1 - above**rows) ** bands, above)
        error = float(false_pos + false_neg)
        if best is None or error < best[0]:
            best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


class NearDuplicateIndex:
    """Finds, for a new document, the first-added document it nearly duplicates.

    LSH banding narrows the search to documents sharing a band of their signature; each
    candidate is then checked against the threshold with the full signature.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._bands, self._rows = _lsh_bands(threshold)
        # One random 64-bit multiplier per signature slot turns a band into one integer key.
        self._band_mix = _band_multipliers(self._bands * self._rows)
        self._tables: list[dict[int, list[int]]] = [{} for _ in range(self._bands)]
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        self._signatures: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index a document; adding an id again is a no-op, so the first copy stays."""
        values = _signature_array(signature)
        if doc_id in self._positions:
            return
        position = len(self._ids)
        self._ids.append(doc_id)
        self._positions[doc_id] = position
        self._signatures.append(values)
        for table, key in zip(self._tables, self._band_keys(values), strict=True):
            table.setdefault(key, []).append(position)

    def find(self, signature: bytes) -> str | None:
        """The first-added document whose estimated Jaccard is >= threshold, else None."""
        values = _signature_array(signature)
        candidates: set[int] = set()
        for table, key in zip(self._tables, self._band_keys(values), strict=True):
            candidates.update(table.get(key, ()))
        for position in sorted(candidates):
            similarity = float(np.mean(self._signatures[position] == values))
            if similarity >= self.threshold:
                return self._ids[position]
        return None

    def _band_keys(self, values: np.ndarray) -> list[int]:
        used = values[: self._bands * self._rows].astype(np.uint64) * self._band_mix
        return [int(key) for key in used.reshape(self._bands, self._rows).sum(axis=1)]


def _band_multipliers(count: int) -> np.ndarray:
    raw = b"".join(
        hashlib.blake2b(f"wirewatch-lsh-{i}".encode(), digest_size=8).digest() for i in range(count)
    )
    return np.frombuffer(raw, dtype="<u8") | np.uint64(1)
