"""Copy groups: which articles of a corpus are copies of one another.

Each article's normalized text (``Article.text``: simplified, pinyin and furniture
already gone) is folded to letters, digits and ideographs, so punctuation width and
lost-byte marks weigh nothing, cut into character shingles and summarized by a
one-permutation MinHash signature.  Signatures are cut into bands; two
articles whose band agrees are candidates, kept when their signatures agree on at
least :data:`VERIFY_THRESHOLD` of the rows.  Candidates are joined by union-find.

Only signatures are kept (``NUM_PERM`` 32-bit rows, a few hundred bytes an article),
never texts, so a corpus of any size groups in flat memory; signatures computed on
separate processes or Dask partitions merge to the same groups
(:func:`group_signatures` is the only merge there is).
"""

from __future__ import annotations

import array
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from unionnews.errors import UnionnewsError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from unionnews.models import Article

#: Characters per shingle: short enough that one lost character breaks few shingles.
SHINGLE = 4
#: MinHash rows (``2 ** ROW_BITS``), cut into ``BANDS`` bands of ``NUM_PERM // BANDS`` rows.
ROW_BITS = 7
NUM_PERM = 2**ROW_BITS
BANDS = 32
#: Share of agreeing signature rows (estimated Jaccard) for a candidate pair to count.
VERIFY_THRESHOLD = 0.5
#: Texts with fewer shingles than this are too short to call copies; they stay alone.
MIN_SHINGLES = 16
#: Lost-character marks left by normalization (counted against a copy's quality).
LOST_MARK = "\ufffd"

#: Code point ranges a copy is compared on: digits, Latin letters, CJK ideographs, full-width forms.
FOLDED_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0x20000, 0x3FFFF),
)  # fmt: skip
#: Of those, the ranges that count as content when choosing the canonical copy (not pinyin letters).
CONTENT_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF10, 0xFF19), (0x20000, 0x3FFFF),
)  # fmt: skip


class CopiesError(UnionnewsError):
    """Copy grouping cannot run (numpy is missing, or signatures do not fit together)."""


@attrs.frozen(slots=True, eq=False)
class Signature:
    """What grouping keeps of one article: its MinHash rows and how damaged it is.

    ``length`` counts the Chinese characters and digits (left-over pinyin letters
    are damage, not content), ``lost`` the lost-character marks and
    ``repairs`` the normalizer's repairs: together they pick the canonical copy.
    ``rows`` is ``None`` when the text is too short to compare.
    """

    article_id: str
    rows: NDArray[np.uint32] | None
    length: int
    lost: int = 0
    repairs: int = 0


@attrs.frozen(slots=True)
class CopyAssignment:
    """One article's place in the corpus: its group id and whether it is the group's canonical copy."""

    article_id: str
    copy_group: str
    canonical: bool
    size: int


def numpy() -> Any:
    """numpy, imported on first use (grouping is an extra: ``pip install 'unionnews[copies]'``)."""
    try:
        import numpy as np
    except ImportError as e:  # pragma: no cover - the test extra installs numpy
        raise CopiesError("copy grouping needs numpy: pip install 'unionnews[copies]'") from e
    return np


def fold(text: str) -> str:
    """Letters, digits and ideographs only: the part of a text every copy should share."""
    codes = _codes(text)
    result: str = codes[_in_ranges(codes, FOLDED_RANGES)].tobytes().decode("utf-32-le")
    return result


def _codes(text: str) -> Any:
    np = numpy()
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _in_ranges(codes: Any, ranges: tuple[tuple[int, int], ...]) -> Any:
    """Mask of the code points inside any of ``ranges``: a table lookup in the Basic Plane, compares beyond."""
    np = numpy()
    table = _TABLES.get(ranges)
    if table is None:
        table = _TABLES[ranges] = np.zeros(0x10000, dtype=bool)
        for lo, hi in ranges:
            table[lo : min(hi, 0xFFFF) + 1] = True
    mask = table[np.minimum(codes, 0xFFFF)]
    for lo, hi in ranges:
        if hi > 0xFFFF:
            mask |= (codes >= lo) & (codes <= hi)
    return mask


_TABLES: dict[tuple[tuple[int, int], ...], Any] = {}


def shingle_hashes(codes: Any, k: int = SHINGLE) -> Any:
    """64-bit hashes of the distinct ``k``-character shingles of folded code points (a polynomial hash, mixed)."""
    np = numpy()
    codes = codes.astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = codes[:n].copy()
    prime = np.uint64(0x100000001B3)
    for j in range(1, k):
        h = h * prime + codes[j : j + n]
    h ^= h >> np.uint64(31)
    h *= np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return np.unique(h)


def minhash(hashes: Any) -> Any:
    """The MinHash rows of a sorted set of shingle hashes, by one-permutation hashing.

    The top bits of a hash pick its row and the next 32 bits are its value; since
    the set is sorted, each row's minimum is its first hash, found by bisection.
    An empty row borrows the next non-empty row's value, plus a step per row
    crossed (rotation densification), so that the rows still estimate Jaccard.
    One hash per shingle instead of one per shingle and row keeps signing a small
    fraction of a parse.
    """
    np = numpy()
    shift = np.uint64(64 - ROW_BITS)
    bins = np.arange(NUM_PERM, dtype=np.uint64)
    at = np.searchsorted(hashes, bins << shift)
    found = np.minimum(at, len(hashes) - 1)
    filled = (at < len(hashes)) & ((hashes[found] >> shift) == bins)
    values = ((hashes[found] >> np.uint64(64 - ROW_BITS - 32)) & np.uint64(0xFFFFFFFF)).astype(np.uint64)
    donors = np.flatnonzero(filled)
    if len(donors) < NUM_PERM:
        nxt = np.searchsorted(donors, np.arange(NUM_PERM)) % len(donors)
        distance = (donors[nxt] - np.arange(NUM_PERM)) % NUM_PERM
        values = (values[donors[nxt]] + distance.astype(np.uint64) * np.uint64(0x9E3779B1)) & np.uint64(
            0xFFFFFFFF
        )
    return values.astype(np.uint32)


def signature(article_id: str, text: str, *, repairs: int = 0, guessed: int = 0) -> Signature:
    """The :class:`Signature` of one article's normalized text (``Article.text``)."""
    codes = _codes(text)
    folded = codes[_in_ranges(codes, FOLDED_RANGES)]
    hashes = shingle_hashes(folded)
    rows = minhash(hashes) if len(hashes) >= MIN_SHINGLES else None
    length = int(_in_ranges(folded, CONTENT_RANGES).sum())
    return Signature(article_id, rows, length, text.count(LOST_MARK) + guessed, repairs)


def article_signature(article_id: str, article: Article) -> Signature:
    """:func:`signature` of an :class:`~unionnews.models.Article` (its repairs count against it).

    A mojibake repair that guessed bytes (confidence below 0.9) counts as a lost
    character: the copy that kept the text intact is the better one.
    """
    guessed = sum(r.kind.startswith("mojibake") and r.confidence < 0.9 for r in article.repairs)
    return signature(article_id, article.text, repairs=len(article.repairs), guessed=guessed)


def band_keys(rows: Any) -> Any:
    """One 64-bit key per band of each signature (``rows``: ``(n, NUM_PERM)``), the band number mixed in."""
    np = numpy()
    bands = rows.astype(np.uint64).reshape(len(rows), BANDS, NUM_PERM // BANDS)
    key = np.broadcast_to(np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15), bands.shape[:2])
    for j in range(bands.shape[2]):
        key = (key ^ bands[:, :, j]) * np.uint64(0x100000001B3)
    return key


def quality_key(length: int, lost: int, repairs: int, article_id: str) -> tuple[int, int, str]:
    """Sort key of the canonical copy: most characters kept, then fewest repairs, then the id.

    A lost character counts twice: the copy that kept it is both more complete and
    less damaged.
    """
    return (-(length - 2 * lost), repairs, article_id)


def group_id(member_ids: Iterable[str]) -> str:
    """A group's id: a hash of its smallest member id, so it does not depend on run order."""
    return hashlib.sha1(min(member_ids).encode("utf-8")).hexdigest()[:16]


def group_signatures(signatures: Iterable[Signature]) -> list[CopyAssignment]:
    """Copy groups of ``signatures`` (any order, from any number of processes), one assignment each."""
    index = CopyIndex()
    for sig in signatures:
        index.add_signature(sig)
    return index.assignments()


#: Candidate pairs verified at a time (bounds the work arrays).
VERIFY_CHUNK = 1 << 16


def _verified_pairs(rows: Any, keys: Any) -> Iterator[tuple[int, int]]:
    """Pairs sharing a band key whose signatures agree on enough rows.

    Band keys are sorted, not hashed into per-band dictionaries, so memory is a few
    arrays.  In each bucket every member is paired with the bucket's first member
    and with its neighbour: linear in the bucket, and one odd member cannot split a
    group.
    """
    np = numpy()
    n = len(rows)
    codes: list[Any] = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        same = sorted_keys[1:] == sorted_keys[:-1]
        if not same.any():
            continue
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        head = order[starts[np.searchsorted(starts, np.arange(n), side="right") - 1]]
        idx = np.flatnonzero(same) + 1
        for a, b in ((order[idx - 1], order[idx]), (head[idx], order[idx])):
            keep = a != b
            lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
            codes.append(lo.astype(np.int64) * n + hi)
    if not codes:
        return
    pairs = np.concatenate(codes)
    pairs.sort()
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    need = int(np.ceil(VERIFY_THRESHOLD * rows.shape[1]))
    for start in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[start : start + VERIFY_CHUNK]
        a, b = chunk // n, chunk % n
        agree = np.count_nonzero(rows[a] == rows[b], axis=1) >= need
        yield from zip(a[agree].tolist(), b[agree].tolist(), strict=True)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


@attrs.define
class CopyIndex:
    """Streaming grouping: :meth:`add` articles one at a time, then :meth:`groups`.

    Texts are not kept, nor signature objects: each signature's rows go into one
    byte buffer and its quality into integer arrays, about 600 bytes an article.
    """

    ids: list[str] = attrs.Factory(list)
    _rows: bytearray = attrs.Factory(bytearray)
    _comparable: bytearray = attrs.Factory(bytearray)
    _quality: array.array[int] = attrs.Factory(lambda: array.array("q"))

    def add(self, article_id: str, text: str, *, repairs: int = 0) -> Signature:
        """Sign one article's normalized text and keep the signature."""
        sig = signature(article_id, text, repairs=repairs)
        self.add_signature(sig)
        return sig

    def add_signature(self, sig: Signature) -> None:
        """Keep a signature computed elsewhere (another process, a Dask partition)."""
        self.ids.append(sig.article_id)
        self._comparable.append(sig.rows is not None)
        self._rows += sig.rows.tobytes() if sig.rows is not None else bytes(4 * NUM_PERM)
        self._quality.extend((sig.length, sig.lost, sig.repairs))

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        """Bytes kept for the signatures (the ids aside): what grows with the corpus."""
        return len(self._rows) + len(self._comparable) + self._quality.itemsize * len(self._quality)

    def assignments(self) -> list[CopyAssignment]:
        """One :class:`CopyAssignment` per article, in the order they were added."""
        np = numpy()
        ids = self.ids
        if len(set(ids)) != len(ids):
            raise CopiesError("article ids must be unique within a corpus")
        parent = list(range(len(ids)))
        comparable = np.flatnonzero(np.frombuffer(self._comparable, dtype=np.uint8))
        if len(comparable) > 1:
            rows = np.frombuffer(self._rows, dtype=np.uint32).reshape(len(ids), NUM_PERM)[comparable]
            for a, b in _verified_pairs(rows, band_keys(rows)):
                _union(parent, int(comparable[a]), int(comparable[b]))
        members: dict[int, list[int]] = {}
        for i in range(len(ids)):
            members.setdefault(_find(parent, i), []).append(i)
        q = self._quality
        best_of = {
            root: min(group, key=lambda i: quality_key(q[3 * i], q[3 * i + 1], q[3 * i + 2], ids[i]))
            for root, group in members.items()
        }
        gids = {root: group_id(ids[i] for i in group) for root, group in members.items()}
        out = []
        for i in range(len(ids)):
            root = _find(parent, i)
            out.append(CopyAssignment(ids[i], gids[root], best_of[root] == i, len(members[root])))
        return out

    def groups(self) -> dict[str, CopyAssignment]:
        """Each article id's :class:`CopyAssignment`."""
        return {a.article_id: a for a in self.assignments()}


def group_copies(items: Iterable[tuple[str, str]]) -> dict[str, CopyAssignment]:
    """Copy groups of ``(article_id, normalized_text)`` pairs, streamed (texts are dropped once signed)."""
    index = CopyIndex()
    for article_id, text in items:
        index.add(article_id, text)
    return index.groups()


def group_articles(items: Iterable[tuple[str, Article]]) -> dict[str, CopyAssignment]:
    """Copy groups of ``(article_id, Article)`` pairs: as :func:`group_copies`, and repairs count against a copy."""
    index = CopyIndex()
    for article_id, article in items:
        index.add_signature(article_signature(article_id, article))
    return index.groups()


def partition_signatures(items: Iterable[tuple[str, str]]) -> list[Signature]:
    """Signatures of one partition's ``(article_id, text)`` pairs (what a Dask worker ships back)."""
    return [signature(article_id, text) for article_id, text in items]


def outcome_signatures(outcomes: Iterable[Any]) -> list[Signature]:
    """Signatures of one partition's parsed :class:`~unionnews.corpus.Outcome` s (failed parses are left out)."""
    return [article_signature(o.origin, o.article) for o in outcomes if o.article is not None]


def group_parsed_dask(paths: Sequence[str]) -> dict[str, CopyAssignment]:
    """Parse files on Dask (:func:`unionnews.corpus.cluster.parse_files`) and group the articles by origin."""
    from unionnews.corpus.cluster import parse_files

    signatures = parse_files(paths).map_partitions(outcome_signatures).compute()
    return {a.article_id: a for a in group_signatures(list(signatures))}


def group_copies_dask(bag: Any) -> dict[str, CopyAssignment]:
    """Copy groups of a Dask bag of ``(article_id, text)`` pairs.

    Each partition is signed where it lives; only signatures travel, and their bands
    are merged by :func:`group_signatures`, so the groups are those of one process.
    """
    signatures = bag.map_partitions(partition_signatures).compute()
    return {a.article_id: a for a in group_signatures(list(signatures))}
