"""Seen-before index at 1,000,000 documents: insert time, near-duplicate hash and number lookups, memory.

Usage: python -m benchmarks.duplicate_index [--entries 1000000] [--queries 2000] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

from verifiers.duplicates import DEFAULT_RADIUS, DocumentRef, SeenIndex

_BATCH = 50_000


def _flip_bits(value: int, count: int, rng: random.Random) -> int:
    for bit in rng.sample(range(64), count):
        value ^= 1 << bit
    return value


def _median_ms(timings: list[float]) -> str:
    timings.sort()
    return f"median {statistics.median(timings):.3f} ms, p95 {timings[int(0.95 * len(timings))]:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    hashes = [rng.getrandbits(64) for _ in range(args.entries)]
    numbers = [f"KZ-{rng.randrange(10**9):09d}" for _ in range(args.entries)]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = SeenIndex()
    started = time.perf_counter()
    for first in range(0, args.entries, _BATCH):
        index.add_many(
            (DocumentRef(f"S-{i // 4}", f"{i // 4:012d}", f"D-{i}", None, f"Holder{i // 4} Applicant Name"),
             (hashes[i],), numbers[i])
            for i in range(first, min(first + _BATCH, args.entries))
        )
    index.seal()
    insert_seconds = time.perf_counter() - started
    memory = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
    picks = [rng.randrange(args.entries) for _ in range(args.queries)]
    hash_timings, number_timings, found = [], [], 0
    for i in picks:
        query = _flip_bits(hashes[i], rng.randint(0, DEFAULT_RADIUS), rng)
        t0 = time.perf_counter()
        hits = index.near_hashes(query)
        hash_timings.append((time.perf_counter() - t0) * 1000)
        found += any(row == i for row, _ in hits)
        misread = numbers[i].replace("0", "O", 1)
        t0 = time.perf_counter()
        index.rows_for_number(misread)
        number_timings.append((time.perf_counter() - t0) * 1000)
    print(
        f"entries: {len(index)}, insert {insert_seconds:.1f} s, "
        f"peak RSS growth (incl. ids) {memory / 2**20:.0f} MiB"
    )
    print(
        f"near-duplicate hash lookup (radius {DEFAULT_RADIUS}): {_median_ms(hash_timings)}; "
        f"found {found}/{len(picks)} (target median < 5 ms)"
    )
    print(f"number lookup (one O/0 misread): {_median_ms(number_timings)}")


if __name__ == "__main__":
    main()
