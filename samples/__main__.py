"""Command line: python -m samples OUT --seed N --documents N [--broken] [--demo] [--fraud [--scale X]]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samples.corpus import build_corpus, build_demo
from samples.writer import FORMATS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples", description="Generate an inbox, registry and truth.")
    parser.add_argument("out", type=Path, help="folder to write inbox/, registry/ and truth/ into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--documents", type=int, default=20, help="readable documents to generate")
    parser.add_argument("--broken", action="store_true", help="add a submission of unreadable files")
    parser.add_argument("--demo", action="store_true", help="the small demo sample (ignores --documents)")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated subset of {FORMATS}")
    parser.add_argument("--workers", type=int, default=None, help="processes drawing files (default: all cores)")
    parser.add_argument("--fraud", action="store_true", help="the fraud benchmark corpus (ignores --documents)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraud corpus size (1.0: about 160 documents)")
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if args.fraud:
        from samples.fraud_corpus import build_fraud_corpus

        info = build_fraud_corpus(args.out, seed=args.seed, scale=args.scale, workers=args.workers)
    elif args.demo:
        info = build_demo(args.out, seed=args.seed)
    else:
        info = build_corpus(
            args.out,
            seed=args.seed,
            documents=args.documents,
            broken=args.broken,
            formats=formats,
            workers=args.workers,
        )
    print(
        f"{info.submissions} submissions, {info.documents} document files ({info.broken_files} broken) in {info.root}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
