"""Issuer lookup speed on 10,000 generated organizations: median and p95 per lookup, index memory, accuracy.

Usage: python -m benchmarks.issuer_match [--organizations 10000] [--queries 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc

from verifiers.issuer import IssuerIndex
from verifiers.registry import Organization

CITIES = (
    "Алматы",
    "Астана",
    "Шымкент",
    "Караганды",
    "Актобе",
    "Тараз",
    "Павлодар",
    "Костанай",
    "Кызылорда",
    "Атырау",
    "Уральск",
    "Семей",
    "Петропавловск",
    "Туркестан",
    "Кокшетау",
    "Талдыкорган",
    "Экибастуз",
)
KINDS = (
    "Городская поликлиника",
    "Областная больница",
    "Медицинский колледж",
    "Центр повышения квалификации",
    "Научный центр педиатрии",
    "Перинатальный центр",
    "Медицинский университет",
    "Учебный центр",
    "Кардиологический центр",
    "Онкологический диспансер",
    "Институт последипломного образования",
    "Высшая медицинская школа",
    "Академия сестринского дела",
    "Центр симуляционного обучения",
)
SURNAMES = (
    "Асфендиярова",
    "Оспанова",
    "Сызганова",
    "Джандосова",
    "Алиева",
    "Байтурсынова",
    "Сатпаева",
    "Ауэзова",
    "Абая",
    "Назарбаева",
    "Жубанова",
    "Есенова",
    "Утемисова",
    "Кунаева",
)
FORMS = ("ТОО", "НАО", "АО", "РГП на ПХВ", "ГКП на ПХВ", "КЕАҚ", "ЖШС", "LLP", "JSC", "NJSC")
OCR_SWAPS = {"о": "o", "а": "a", "е": "e", "р": "p", "с": "c", "и": "н", "л": "п"}


def generate_organizations(count: int, rng: random.Random) -> list[Organization]:
    orgs = []
    for i in range(count):
        kind, city = rng.choice(KINDS), rng.choice(CITIES)
        name = (
            f"{kind} №{i} г. {city}"
            if rng.random() < 0.5
            else f"{kind} имени {rng.choice(SURNAMES)} {city} {i}"
        )
        aliases = (f"{rng.choice(FORMS)} «{name}»", f"{kind.split()[0][:3].upper()}{i}")
        orgs.append(
            Organization(
                f"ORG-{i:05d}",
                name,
                aliases,
                f"{rng.randrange(10**11, 10**12)}",
                "KZ",
                city,
                None,
                None,
                rng.random() < 0.5,
            )
        )
    return orgs


def damage(name: str, rng: random.Random) -> str:
    """A name as a document might print it and OCR read it: legal form, quotes, one or two look-alikes."""
    text = f"{rng.choice(FORMS)} «{name}»" if rng.random() < 0.6 else name.upper()
    chars = list(text)
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(chars))
        chars[at] = OCR_SWAPS.get(chars[at].lower(), chars[at])
    return "".join(chars)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    orgs = generate_organizations(args.organizations, rng)
    started = time.perf_counter()
    index = IssuerIndex(orgs)
    build_seconds = time.perf_counter() - started
    tracemalloc.start()
    measured = IssuerIndex(orgs)
    memory, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del measured
    targets = [rng.choice(orgs) for _ in range(args.queries)]
    queries = [damage(o.name, rng) for o in targets]
    unknown = [
        f"Клиника доктора {rng.choice(SURNAMES)} и партнёры {rng.randrange(10**6)}" for _ in range(200)
    ]
    timings, fuzzy_timings, correct = [], [], 0
    for org, query in zip(targets, queries, strict=True):
        t0 = time.perf_counter()
        found = index.match(query)
        timings.append((time.perf_counter() - t0) * 1000)
        correct += found is not None and found.org_id == org.org_id
        if found is None or found.score < 100:
            fuzzy_timings.append(timings[-1])
    forced = sum(index.match(q) is not None for q in unknown)
    timings.sort()
    print(
        f"organizations: {len(orgs)}, index build: {build_seconds:.2f} s, "
        f"index memory: {memory / 2**20:.1f} MiB"
    )
    print(
        f"lookups: {len(timings)}, median {statistics.median(timings):.3f} ms, "
        f"p95 {timings[int(0.95 * len(timings))]:.3f} ms (target median < 2 ms)"
    )
    if fuzzy_timings:
        print(
            f"of which not an exact normalised hit: {len(fuzzy_timings)}, "
            f"median {statistics.median(fuzzy_timings):.3f} ms, max {max(fuzzy_timings):.3f} ms"
        )
    print(
        f"damaged names matched to the right organization: {correct}/{len(targets)}; "
        f"unknown names forced onto an organization: {forced}/{len(unknown)}"
    )


if __name__ == "__main__":
    main()
