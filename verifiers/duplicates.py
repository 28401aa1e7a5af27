"""Seen-before index of page hashes and certificate numbers, and the DUPLICATE rule across applicants."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from verifiers.certificates import canonical_number
from verifiers.flags import DUPLICATE, Flag, make_flag
from verifiers.identity import compare_names

HASH_BITS = 64
# Re-scans of one page measured at 2-14 bits apart (mean 5). Pages printed on one template are just as close,
# since the low frequencies are the layout; so an image match with a different certificate number is not
# the same document (see SeenIndex.find), and the image matters when a number is missing or misread.
DEFAULT_RADIUS = 10
# Certificates with other numbers this near a page make it a template: an image match with a number unread on
# either side then says nothing (fraud seed 5656: two unread numbers matched 8 and 3 genuine documents).
TEMPLATE_NUMBERS = 2
_CHUNKS = 4
_CHUNK_BITS = HASH_BITS // _CHUNKS
_MERGE_AT = 4096  # pending entries scanned linearly before they are merged into the sorted chunk tables
_MIN_NUMBER_LENGTH = 4  # shorter numbers ("12") say nothing about identity


def perceptual_hash(gray: npt.NDArray[np.uint8]) -> int:
    """64-bit DCT pHash of a page: margins trimmed to the content, 32x32 area resize, 8x8 low frequencies."""
    if gray.ndim == 3:
        gray = np.asarray(cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    page = _trim_margins(gray)
    small = cv2.resize(page, (64, 64), interpolation=cv2.INTER_AREA)
    small = cv2.resize(cv2.GaussianBlur(small, (3, 3), 0), (32, 32), interpolation=cv2.INTER_AREA)
    low = cv2.dct(small.astype(np.float32))[:8, :8].flatten()
    bits = low > np.median(low[1:])
    return int("".join("1" if b else "0" for b in bits), 2)


def _trim_margins(gray: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Crop to the bounding box of ink so that scanner margins and slight crops move the page less."""
    ink = cv2.GaussianBlur(gray, (5, 5), 0) < 160
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size < 8 or cols.size < 8:
        return gray
    return gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


OTHER_PERSON_SCORE = 70.0  # names' words agreeing less than this on average are two people, not a misread


def _other_people(holder: str | None, other: str | None) -> bool:
    """Both holders read and far apart (not one name with a letter misread): two certificates of one template."""
    if not holder or not other:
        return False
    return compare_names(holder, other).score < OTHER_PERSON_SCORE


def _number_key(cert_number: str | None) -> str:
    key = canonical_number(cert_number) if cert_number else ""
    return key if len(key) >= _MIN_NUMBER_LENGTH else ""


def _cut_short(first: str, second: str) -> bool:
    """Whether one number key is the other with its end lost («KZ202» of «KZ2025008663»)."""
    return first.startswith(second) or second.startswith(first)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Where a document was seen: submission, applicant (IIN) and document ids, and its issuer if known."""

    submission_id: str
    applicant_id: str
    document_id: str
    org_id: str | None = None
    holder: str | None = None  # the holder as read: two pages naming different people are not one document


@dataclass(frozen=True)
class SeenMatch:
    ref: DocumentRef
    by: str  # "image" | "number"
    distance: int = 0


def _chunks(value: int) -> list[int]:
    return [(value >> (_CHUNK_BITS * i)) & 0xFFFF for i in range(_CHUNKS)]


def _flip_masks(max_flips: int) -> npt.NDArray[np.uint16]:
    """XOR masks for every 16-bit chunk value within `max_flips` bits (0, 1 or 2)."""
    masks = [0]
    if max_flips >= 1:
        masks += [1 << i for i in range(_CHUNK_BITS)]
    if max_flips >= 2:
        masks += [(1 << i) | (1 << j) for i in range(_CHUNK_BITS) for j in range(i + 1, _CHUNK_BITS)]
    return np.array(masks, dtype=np.uint16)


_FLIP_MASKS = tuple(_flip_masks(k) for k in range(3))


class SeenIndex:
    """In-memory index: multi-index hashing over 4 x 16-bit chunks for Hamming search, dict for numbers.

    Sealed hashes live in numpy arrays sorted per chunk (binary search per probed chunk value); newer hashes
    sit in a pending tail that is scanned with numpy and merged once it reaches 1/64 of the sealed part.
    """

    def __init__(self) -> None:
        self._refs: list[DocumentRef] = []
        self._hash_buf = np.zeros(1024, dtype=np.uint64)
        self._row_buf = np.zeros(1024, dtype=np.int64)
        self._count = 0
        self._sealed = 0
        self._order: list[npt.NDArray[np.int64]] = []
        self._offsets: list[npt.NDArray[np.int64]] = []  # per chunk: start of each 16-bit value in _order
        self._numbers: dict[str, list[int]] = {}
        self._row_numbers: list[str] = []

    def __len__(self) -> int:
        return len(self._refs)

    def add(self, ref: DocumentRef, page_hashes: Iterable[int] = (), cert_number: str | None = None) -> None:
        """Remember a document's page hashes and certificate number."""
        self.add_many([(ref, tuple(page_hashes), cert_number)])

    def add_many(self, entries: Iterable[tuple[DocumentRef, Sequence[int], str | None]]) -> None:
        """Remember many documents at once (one merge at the end)."""
        hashes: list[int] = []
        rows: list[int] = []
        for ref, page_hashes, cert_number in entries:
            row = len(self._refs)
            self._refs.append(ref)
            hashes += page_hashes
            rows += [row] * len(page_hashes)
            key = _number_key(cert_number)
            self._row_numbers.append(key)
            if key:
                self._numbers.setdefault(key, []).append(row)
        self._append_hashes(np.array(hashes, dtype=np.uint64), np.array(rows, dtype=np.int64))
        if self._count - self._sealed >= max(_MERGE_AT, self._sealed // 64):
            self.seal()

    def _append_hashes(self, hashes: npt.NDArray[np.uint64], rows: npt.NDArray[np.int64]) -> None:
        needed = self._count + hashes.size
        if needed > self._hash_buf.size:
            size = max(needed, 2 * self._hash_buf.size)
            self._hash_buf = np.resize(self._hash_buf, size)
            self._row_buf = np.resize(self._row_buf, size)
        self._hash_buf[self._count : needed] = hashes
        self._row_buf[self._count : needed] = rows
        self._count = needed

    def seal(self) -> None:
        """Merge the pending tail into the sorted tables (done automatically; call after a bulk load)."""
        sealed = self._hash_buf[: self._count]
        self._sealed = self._count
        self._order, self._offsets = [], []
        for i in range(_CHUNKS):
            chunk = ((sealed >> np.uint64(_CHUNK_BITS * i)) & np.uint64(0xFFFF)).astype(np.uint16)
            self._order.append(np.argsort(chunk, kind="stable"))
            counts = np.bincount(chunk, minlength=1 << _CHUNK_BITS)
            self._offsets.append(np.concatenate(([0], np.cumsum(counts))).astype(np.int64))

    def _sealed_candidates(self, value: int, radius: int) -> npt.NDArray[np.int64]:
        masks = _FLIP_MASKS[radius // _CHUNKS]  # pigeonhole: some chunk differs in at most that many bits
        found = []
        for i, chunk in enumerate(_chunks(value)):
            probes = (masks ^ np.uint16(chunk)).astype(np.int64)
            lo, hi = self._offsets[i][probes], self._offsets[i][probes + 1]
            sizes = hi - lo
            if sizes.sum() == 0:
                continue
            # positions lo[k] .. hi[k]-1 for every probe k, without a Python loop
            starts = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
            found.append(self._order[i][starts + np.arange(sizes.sum())])
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)  # may repeat; see near_hashes

    def near_hashes(self, value: int, radius: int = DEFAULT_RADIUS) -> list[tuple[int, int]]:
        """(entry row, distance) of every stored hash within `radius` bits of `value`."""
        if radius >= 3 * _CHUNKS:
            raise ValueError(f"radius must be below {3 * _CHUNKS}")
        positions = self._sealed_candidates(value, radius) if self._sealed else np.zeros(0, dtype=np.int64)
        positions = np.concatenate([positions, np.arange(self._sealed, self._count, dtype=np.int64)])
        xor = self._hash_buf[positions] ^ np.uint64(value)
        distances = np.bitwise_count(xor)
        close = distances <= radius
        hits = dict(zip(positions[close].tolist(), distances[close].tolist(), strict=True))  # drops repeats
        return [(int(self._row_buf[p]), d) for p, d in sorted(hits.items())]

    def rows_for_number(self, cert_number: str) -> list[int]:
        key = _number_key(cert_number)
        return list(self._numbers.get(key, ())) if key else []

    def find(
        self,
        page_hashes: Iterable[int] = (),
        cert_number: str | None = None,
        org_id: str | None = None,
        radius: int = DEFAULT_RADIUS,
        holder: str | None = None,
    ) -> tuple[SeenMatch, ...]:
        """Documents seen before that share a page image (within radius) or the certificate number."""
        best: dict[int, SeenMatch] = {}
        number = _number_key(cert_number)
        for value in page_hashes:
            near = self.near_hashes(value, radius)
            template = len({self._row_numbers[row] for row, _ in near} - {"", number}) >= TEMPLATE_NUMBERS
            for row, distance in near:
                row_number = self._row_numbers[row]
                both_read = bool(number and row_number)
                if both_read and row_number != number:
                    if not _cut_short(number, row_number):
                        continue  # same template, another certificate
                    both_read = False  # one number cut short by OCR («KZ-202»): judged as if it were unread
                if template and not both_read:
                    continue  # a number unread on one side, and the page looks like several certificates
                # one template filled in for two people; with both numbers read the numbers decide, since a copy
                # whose name was changed keeps its number
                if not both_read and _other_people(holder, self._refs[row].holder):
                    continue
                if row not in best or best[row].distance > distance:
                    best[row] = SeenMatch(self._refs[row], "image", distance)
        for row in self.rows_for_number(cert_number) if cert_number else []:
            ref = self._refs[row]
            same_issuer = org_id is None or ref.org_id is None or ref.org_id == org_id
            if same_issuer and row not in best:
                best[row] = SeenMatch(ref, "number")
        return tuple(best[row] for row in sorted(best))


@dataclass(frozen=True)
class DuplicateFindings:
    """DUPLICATE flags for the new document, flags for the earlier documents, same-applicant links."""

    flags: tuple[Flag, ...]
    counterpart_flags: tuple[tuple[DocumentRef, Flag], ...]
    linked: tuple[DocumentRef, ...] = field(default=())


def duplicate_findings(ref: DocumentRef, matches: Sequence[SeenMatch]) -> DuplicateFindings:
    """Another applicant's document → DUPLICATE on both sides; the same applicant's → a link, not a flag."""
    flags: list[Flag] = []
    counterpart: list[tuple[DocumentRef, Flag]] = []
    linked: list[DocumentRef] = []
    for match in matches:
        other = match.ref
        if other.document_id == ref.document_id and other.submission_id == ref.submission_id:
            continue
        if other.applicant_id == ref.applicant_id:
            linked.append(other)
            continue
        evidence = {"by": match.by, "distance": match.distance}
        flags.append(
            make_flag(
                DUPLICATE,
                f"the same document ({match.by}) is in submission {other.submission_id} of another applicant",
                {**evidence, "submission_id": other.submission_id, "document_id": other.document_id},
            )
        )
        counterpart.append(
            (
                other,
                make_flag(
                    DUPLICATE,
                    f"the same document ({match.by}) is in submission {ref.submission_id} "
                    "of another applicant",
                    {**evidence, "submission_id": ref.submission_id, "document_id": ref.document_id},
                ),
            )
        )
    return DuplicateFindings(tuple(flags), tuple(counterpart), tuple(linked))
