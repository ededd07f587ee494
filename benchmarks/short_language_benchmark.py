"""How often Redline tells a short Russian text from a short Ukrainian one.

    python benchmarks/short_language_benchmark.py [--data ../shared/data] [--per-language 1000]
        [--out benchmarks/results/short_language.md]

A comment of a few words is where language identification fails: py3langid names Ukrainian,
Bulgarian or Macedonian for many a short Russian sentence, and a Russian comment read as
Ukrainian is left unanalysed. The texts are sentences of 15-120 characters from the UNLP-2025
Telegram posts (train split of the span-detection task), which are labelled Russian or
Ukrainian per post; sentences are cut with razdel and drawn with a fixed seed. Each is told
three ways: alone (a whole short post), as a comment in a Russian thread and as a comment in a
Ukrainian thread (:func:`redline.languages.detect_within`). py3langid alone is the simple
alternative. Prints (and writes) a markdown table.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
from razdel import sentenize

from redline.languages import detect, detect_within

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
POSTS = Path("propaganda/unlp2025_manipulation/data/span_detection/train.parquet")
SEED = 13


def sentences(data: Path, per_language: int) -> dict[str, list[str]]:
    """``per_language`` sentences of 15-120 characters of each language's posts."""
    table = pq.read_table(data / POSTS, columns=["content", "lang"])
    pools: dict[str, list[str]] = {"ru": [], "uk": []}
    for text, language in zip(
        table.column("content").to_pylist(), table.column("lang").to_pylist(), strict=True
    ):
        if language in pools:
            pools[language] += [s.text for s in sentenize(text) if 15 <= len(s.text) <= 120]
    rng = random.Random(SEED)
    return {language: rng.sample(pool, per_language) for language, pool in pools.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-language", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    drawn = sentences(args.data, args.per_language)
    ways = {
        "py3langid alone": lambda s: detect(s),
        "Redline, alone": lambda s: detect_within(s, None),
        "Redline, in a Russian thread": lambda s: detect_within(s, "ru"),
        "Redline, in a Ukrainian thread": lambda s: detect_within(s, "uk"),
    }
    lines = [
        f"Command: `python benchmarks/short_language_benchmark.py --per-language "
        f"{args.per_language}` ({args.per_language} Russian and {args.per_language} Ukrainian "
        "sentences of 15-120 characters, UNLP-2025 Telegram posts, seed "
        f"{SEED}).",
        "",
        "| how told | Russian read as Russian | Ukrainian read as Ukrainian | Ukrainian read as "
        "Russian (then analysed as Russian) | Russian left unanalysed |",
        "|---|---|---|---|---|",
    ]
    for name, tell in ways.items():
        ru = Counter(tell(s) for s in drawn["ru"])
        uk = Counter(tell(s) for s in drawn["uk"])
        n = args.per_language
        lines.append(
            f"| {name} | {ru['ru']} ({ru['ru'] / n:.1%}) | {uk['uk']} ({uk['uk'] / n:.1%}) | "
            f"{uk['ru']} ({uk['ru'] / n:.1%}) | {n - ru['ru'] - ru['en']} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.write_text("# Short Russian and Ukrainian texts\n\n" + table, encoding="utf-8")


if __name__ == "__main__":
    main()
