"""Exact and near-duplicate detection over real articles from ../shared/data/seeds."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from wirewatch.ingest.dedup import (
    NearDuplicateIndex,
    content_hash,
    minhash_signature,
    normalize_for_hash,
)


def _syndicated(text: str, outlet: str) -> str:
    """The same wire story as another outlet prints it: own header, footer and a few edits."""
    body = text.replace(" said ", " told reporters ", 2).replace("Canada", "Canada's government", 1)
    return (
        f"{outlet} | Top stories | Subscribe\n\nBy Staff and wire services\n\n{body}\n\n"
        f"Copyright 2026 {outlet}. All rights reserved. Share this story on social media."
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("He said \u201cno\u201d \u2014 it\u2019s over.", 'he said "no" - it\'s over.'),
        ("Canada  and\nthe\u00a0coalition\t", "CANADA AND THE COALITION"),
        ("\uff21\uff22\uff23 news", "abc news"),
    ],
)
def test_dedup_normalisation_ignores_style(left: str, right: str) -> None:
    assert normalize_for_hash(left) == normalize_for_hash(right)
    assert content_hash(left) == content_hash(right)


def test_dedup_content_hash_differs_for_different_stories(seed_texts: dict[str, str]) -> None:
    hashes = {content_hash(text) for text in seed_texts.values()}
    assert len(hashes) == len(seed_texts)
    assert all(len(h) == 64 for h in hashes)


@pytest.mark.parametrize("seed", ["02", "03", "05"])
def test_dedup_finds_syndicated_copy(seed_texts: dict[str, str], seed: str) -> None:
    index = NearDuplicateIndex()
    index.add("original", minhash_signature(seed_texts[seed]))
    copy = _syndicated(seed_texts[seed], "The Example Herald")
    assert index.find(minhash_signature(copy)) == "original"


def test_dedup_same_topic_different_stories_are_not_duplicates(seed_texts: dict[str, str]) -> None:
    index = NearDuplicateIndex()
    index.add("02", minhash_signature(seed_texts["02"]))
    assert index.find(minhash_signature(seed_texts["04"])) is None


def test_dedup_every_seed_is_distinct(seed_texts: dict[str, str]) -> None:
    index = NearDuplicateIndex()
    for name, text in seed_texts.items():
        signature = minhash_signature(text)
        assert index.find(signature) is None, name
        index.add(name, signature)
    assert len(index) == len(seed_texts)


def test_dedup_first_seen_wins(seed_texts: dict[str, str]) -> None:
    text = seed_texts["03"]
    index = NearDuplicateIndex()
    index.add("first", minhash_signature(_syndicated(text, "Outlet One")))
    index.add("second", minhash_signature(text))
    index.add("first", minhash_signature(seed_texts["05"]))
    assert index.find(minhash_signature(_syndicated(text, "Outlet Two"))) == "first"


def test_dedup_signature_is_deterministic_across_processes(seed_texts: dict[str, str]) -> None:
    script = (
        "import sys; from wirewatch.ingest.dedup import minhash_signature; "
        "sys.stdout.write(minhash_signature(sys.stdin.read()).hex())"
    )
    text = seed_texts["01"]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {minhash_signature(text).hex()}


@pytest.mark.parametrize("text", ["", "   ", "two words", "exactly five words right here"])
def test_dedup_signature_of_short_text(text: str) -> None:
    signature = minhash_signature(text)
    assert len(signature) == 512
    assert minhash_signature(text) == signature


def test_dedup_rejects_malformed_signature() -> None:
    with pytest.raises(ValueError, match="512 bytes"):
        NearDuplicateIndex().add("x", b"short")


def test_dedup_index_handles_100k_documents() -> None:
    rng = np.random.default_rng(20260101)
    signatures = rng.integers(0, 2**32, size=(100_000, 128), dtype=np.uint32).astype("<u4")
    index = NearDuplicateIndex()
    for position, row in enumerate(signatures):
        index.add(f"doc{position}", row.tobytes())
    assert len(index) == 100_000

    near = signatures[77_777].copy()
    near[:12] = rng.integers(0, 2**32, size=12, dtype=np.uint32)
    assert index.find(near.tobytes()) == "doc77777"
    fresh = rng.integers(0, 2**32, size=128, dtype=np.uint32).astype("<u4")
    assert index.find(fresh.tobytes()) is None
