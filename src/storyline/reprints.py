"""Reprints: verbatim copies and lightly edited rewrites, linked to the earliest version.

Each article gets a compact signature (a 128-permutation MinHash of its word 5-shingles, plus the
number of shingles). Candidate pairs come from LSH banding; a pair is kept when the estimated
*containment* of the shorter text in the longer is high, so a copy wrapped in a content farm's
junk still matches although its Jaccard similarity is low. Kept pairs form groups (union-find);
each member points at the group's earliest dated article.

Banding is done here over the signature matrix rather than with ``datasketch.MinHashLSH``: inside
one bucket every member is compared only with its few predecessors (in date order), so ten
thousand identical copies cost linear, not quadratic, work.

A corpus that grows is linked again from signatures kept from earlier runs (``update_reprints``):
only the new articles' signatures are computed, each is compared only with the members of the
band buckets it falls in, and a group it joins is re-rooted at its earliest member. The result
is the full run's; where it might not be (a bucket larger than the full run compares whole),
all signatures are linked again, still without a MinHash recomputed.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash

from .records import Article

NUM_PERM = 128
SHINGLE = 5
BAND_ROWS = 2  # 64 bands of 2 rows: a pair with Jaccard 0.3 is a candidate 99.8% of the time
PREDECESSORS = 4  # comparisons per bucket member: bounds work on huge buckets
BAND_SHARDS = 4  # tasks the banding is cut into: enough for a few workers, each shard 1/4 of the signatures
MIN_CONTAINMENT = 0.7
MIN_SHINGLES = 8  # shorter texts carry too little to call a copy

_WORD = re.compile(r"\w+")
Mapper = Callable[..., Iterable]
_SEED = 1
_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class Signature:
    """What reprint detection keeps per article: 512 bytes of MinHash and a shingle count."""

    hashvalues: np.ndarray  # uint32[NUM_PERM]
    shingles: int


def _shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the text's word 5-shingles, stable across processes and runs."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words]
    tokens = np.asarray(ids, dtype=np.uint64)
    k = min(SHINGLE, len(tokens))
    n = len(tokens) - k + 1
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(k):
            combined = combined * np.uint64(1_000_003) + tokens[offset:offset + n]
        folded = (combined >> np.uint64(32)) ^ (combined & _MASK32)
    return np.unique(folded)


def signature(text: str) -> Signature | None:
    """The article's MinHash signature, or None when the text is too short to judge."""
    hashes = _shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=int)
    minhash.update_batch(hashes.tolist())
    lean = LeanMinHash(minhash)
    return Signature(lean.hashvalues.astype(np.uint32), int(len(hashes)))


def _rank_key(article: Article) -> tuple[int, str, str]:
    # Dated articles come first (earliest wins); undated ones can only be originals by default.
    return (0, article.published, article.id) if article.published else (1, "", article.id)


def _candidate_pairs(sigs: np.ndarray, mapper: Mapper = map) -> np.ndarray:
    """Pairs (i, j), i < j in rank order, that share at least one LSH band.

    Bands are independent, so they are cut into shards that ``mapper`` may run on workers;
    each shard carries only its own columns of the signatures.
    """
    bands = NUM_PERM // BAND_ROWS
    width = -(-bands // BAND_SHARDS) * BAND_ROWS
    shards = [np.ascontiguousarray(sigs[:, start:start + width]) for start in range(0, NUM_PERM, width)]
    found = [pairs for pairs in mapper(_band_pairs, shards) if len(pairs)]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    pairs.sort(axis=1)
    return np.unique(pairs, axis=0)


def _band_pairs(columns: np.ndarray) -> np.ndarray:
    """Candidate pairs from the bands held in ``columns`` (a slice of whole bands)."""
    n = len(columns)
    found = [np.empty((0, 2), dtype=np.int64)]
    for band in range(columns.shape[1] // BAND_ROWS):
        cols = columns[:, band * BAND_ROWS:(band + 1) * BAND_ROWS].astype(np.uint64)
        keys = cols[:, 0] << np.uint64(32) | cols[:, 1]
        order = np.lexsort((np.arange(n), keys))
        sorted_keys = keys[order]
        for back in range(1, PREDECESSORS + 1):
            same = sorted_keys[back:] == sorted_keys[:-back]
            if not same.any():
                break
            found.append(np.stack([order[:-back][same], order[back:][same]], axis=1))
    return np.concatenate(found)


def containment(sig_a: Signature, sig_b: Signature) -> float:
    """Estimated share of the smaller text's shingles found in the larger one."""
    jaccard = float(np.mean(sig_a.hashvalues == sig_b.hashvalues))
    return _containment(jaccard, sig_a.shingles, sig_b.shingles)


def _containment(jaccard: float | np.ndarray, size_a, size_b):
    # |A ∩ B| = J (|A| + |B|) / (1 + J), divided by the smaller set's size.
    overlap = jaccard * (np.asarray(size_a) + np.asarray(size_b)) / (1.0 + jaccard)
    return np.minimum(1.0, overlap / np.minimum(size_a, size_b))


def find_reprints(articles: Iterable[Article], mapper: Mapper = map) -> dict[str, tuple[str, float]]:
    """Map each reprint's id to (id of the earliest version, estimated containment).

    Signatures (per text) and candidate pairs (per shard of bands) go through ``mapper``, a
    ``map`` that may run on workers; scoring the candidates and grouping them runs here.
    """
    return update_reprints(articles, {}, None, mapper)[0]


def update_reprints(articles: Iterable[Article], stored: Mapping[str, Signature | None],
                    previous: Mapping[str, tuple[str, float]] | None,
                    mapper: Mapper = map) -> tuple[dict[str, tuple[str, float]], dict[str, Signature | None]]:
    """``find_reprints`` for a corpus part of which was linked before.

    ``stored`` holds the signatures kept from earlier runs (only the other articles' are
    computed); ``previous`` the links found then among exactly the articles of ``stored``
    (None when unknown: everything is linked again). With both, only the new signatures are
    looked up in the LSH buckets (``link_new``). Returns the links, the same as
    ``find_reprints`` gives for the whole corpus, and the signatures computed, to keep.
    """
    ranked = sorted(articles, key=_rank_key)
    missing = [a for a in ranked if a.id not in stored]
    # Identical texts share one signature: a flood of copies costs one MinHash, not thousands.
    texts = list(dict.fromkeys(a.text for a in missing))
    cache = dict(zip(texts, mapper(signature, texts)))
    computed = {a.id: cache[a.text] for a in missing}
    ids = [a.id for a in ranked]
    signatures = [computed[a.id] if a.id in computed else stored[a.id] for a in ranked]
    links = None
    if previous is not None:
        links = link_new(ids, signatures, {k for k, a in enumerate(ranked) if a.id in computed}, previous)
    if links is None:
        links = link_signatures(ids, signatures, mapper)
    return links, computed


def link_signatures(ids: Sequence[str], signatures: Sequence[Signature | None],
                    mapper: Mapper = map) -> dict[str, tuple[str, float]]:
    """Reprint links from signatures already in rank order (earliest first).

    Split from ``find_reprints`` so stored signatures can be linked without the texts.
    """
    keep, sigs, sizes = _stacked(signatures)
    if len(keep) < 2:
        return {}
    pairs = _candidate_pairs(sigs, mapper)
    if len(pairs):
        scores = _pair_scores(sigs, sizes, pairs)
        pairs = pairs[scores >= MIN_CONTAINMENT]
    return _links(ids, keep, sigs, sizes, pairs)


def link_new(ids: Sequence[str], signatures: Sequence[Signature | None], new: set[int],
             previous: Mapping[str, tuple[str, float]]) -> dict[str, tuple[str, float]] | None:
    """``link_signatures`` of the whole corpus, from the links ``previous`` among its old part.

    ``new`` holds the positions (in rank order) of the articles the old part lacked. The old
    links stand for the old groups; a new signature is compared only with the members of the
    LSH buckets it falls in, and groups it joins take their earliest member as root (an older
    article arriving late becomes the original). Returns None when the result might differ
    from a full run, which then has to be done: a bucket of more than ``PREDECESSORS + 1``
    members, where the full run compares each member with its nearest predecessors only, so a
    newcomer shifts which old pairs are compared; or old links naming articles not here.
    """
    keep, sigs, sizes = _stacked(signatures)
    at = {ids[i]: k for k, i in enumerate(keep)}
    old = []
    for member, (original, _similarity) in previous.items():
        if member not in at or original not in at:
            return None
        old.append((at[original], at[member]))
    fresh = np.array([k for k, i in enumerate(keep) if i in new], dtype=np.int64)
    found = _bucket_pairs(sigs, fresh) if len(fresh) else np.empty((0, 2), dtype=np.int64)
    if found is None:
        return None
    if len(found):
        found = found[_pair_scores(sigs, sizes, found) >= MIN_CONTAINMENT]
    pairs = np.concatenate([np.array(old, dtype=np.int64).reshape(-1, 2), found])
    return _links(ids, keep, sigs, sizes, pairs)


def _stacked(signatures: Sequence[Signature | None]) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Positions of the articles with a signature, their MinHashes as rows, their sizes."""
    keep = [i for i, s in enumerate(signatures) if s is not None]
    sigs = np.stack([signatures[i].hashvalues for i in keep]) if keep else np.empty((0, NUM_PERM), np.uint32)
    return keep, sigs, np.array([signatures[i].shingles for i in keep], dtype=np.float64)


def _bucket_pairs(sigs: np.ndarray, fresh: np.ndarray) -> np.ndarray | None:
    """Every pair sharing a band with a ``fresh`` row, at least one of them fresh; None when
    such a band's bucket is too big for a full run to compare all of its pairs."""
    is_fresh = np.zeros(len(sigs), dtype=bool)
    is_fresh[fresh] = True
    found: set[tuple[int, int]] = set()
    for band in range(NUM_PERM // BAND_ROWS):
        cols = sigs[:, band * BAND_ROWS:(band + 1) * BAND_ROWS].astype(np.uint64)
        keys = cols[:, 0] << np.uint64(32) | cols[:, 1]
        members = np.flatnonzero(np.isin(keys, keys[fresh]))
        members = members[np.argsort(keys[members], kind="stable")]
        cuts = np.flatnonzero(keys[members][1:] != keys[members][:-1]) + 1
        for bucket in np.split(members, cuts):
            if len(bucket) > PREDECESSORS + 1:
                return None
            found.update((a, b) for a, b in combinations(bucket.tolist(), 2) if is_fresh[a] or is_fresh[b])
    return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


def _links(ids: Sequence[str], keep: Sequence[int], sigs: np.ndarray, sizes: np.ndarray,
           pairs: np.ndarray) -> dict[str, tuple[str, float]]:
    """Each group's members linked to its root (its earliest article), with their containment."""
    roots = _components(len(keep), pairs)
    links: dict[str, tuple[str, float]] = {}
    members = np.flatnonzero(roots != np.arange(len(keep)))
    if len(members):
        scores = _pair_scores(sigs, sizes, np.stack([roots[members], members], axis=1))
        for member, score in zip(members.tolist(), scores.tolist()):
            links[ids[keep[member]]] = (ids[keep[int(roots[member])]], round(float(score), 3))
    return links


def encode(sig: Signature | None) -> dict[str, Any]:
    """A signature as the store keeps it: the MinHash as base64 of little-endian uint32s."""
    if sig is None:
        return {"minhash": None, "shingles": 0}
    return {"minhash": base64.b64encode(sig.hashvalues.astype("<u4").tobytes()).decode("ascii"),
            "shingles": sig.shingles}


def decode(data: Mapping[str, Any]) -> Signature | None:
    if data.get("minhash") is None:
        return None
    values = np.frombuffer(base64.b64decode(data["minhash"]), dtype="<u4").astype(np.uint32)
    return Signature(values, int(data["shingles"]))


def _pair_scores(sigs: np.ndarray, sizes: np.ndarray, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    out = np.empty(len(pairs))
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        jaccard = (sigs[part[:, 0]] == sigs[part[:, 1]]).mean(axis=1)
        out[start:start + chunk] = _containment(jaccard, sizes[part[:, 0]], sizes[part[:, 1]])
    return out


def _components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Union-find; every group's root is its lowest index, i.e. its earliest article."""
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs.tolist():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([find(i) for i in range(n)])
