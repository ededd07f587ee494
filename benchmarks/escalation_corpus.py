"""Build and check the escalation corpus (``benchmarks/data/escalation/``).

    python benchmarks/escalation_corpus.py check DRAFT.jsonl [--work WORKDIR]
    python benchmarks/escalation_corpus.py build [--work WORKDIR]
    python benchmarks/escalation_corpus.py agreement [--work WORKDIR]
    python benchmarks/escalation_corpus.py digest

Annotators write drafts (``WORKDIR/drafts/*.jsonl`` for the first pass,
``WORKDIR/second/*.jsonl`` for the independent second pass, ``WORKDIR/adjudicated/*.jsonl``
for adjudicated passages), one passage a line, every span given by its exact text and, when
that text occurs more than once in the passage, its occurrence (1-based ``occ``). ``build``
turns them into the standoff corpus: offsets instead of text, the split of each passage, and
the digest of the test split. See ``benchmarks/data/escalation/ANNOTATION.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "data" / "escalation"
DEFAULT_WORK = Path(__file__).resolve().parents[2] / "escal"

STANCES = ("report", "advocate", "threaten", "predict", "question", "hypothetical", "reject")
VOICE_TYPES = ("author", "turn", "quoted")
VOICE_KINDS = ("official", "media", "public")
INCITEMENT = ("call_to_violence", "threat", "dehumanisation", "identity_attack")
SPLIT_SHARES = (("train", 0.50), ("dev", 0.65), ("test", 1.0))


class DraftError(ValueError):
    pass


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as error:
                    raise DraftError(f"{path}:{number}: not JSON ({error.msg})") from None


def load_passages(work: Path) -> dict[str, dict[str, Any]]:
    return {row["pid"]: row for _, row in read_jsonl(work / "passages.jsonl")}


def locate(text: str, quote: str, occ: int | None, what: str) -> tuple[int, int]:
    """Offsets of the ``occ``-th occurrence of ``quote`` in ``text``."""
    if not isinstance(quote, str) or not quote.strip():
        raise DraftError(f"{what}: empty span text")
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        raise DraftError(f"{what}: {quote!r} is not in the passage (copy it exactly)")
    if len(starts) > 1 and occ is None:
        raise DraftError(f"{what}: {quote!r} occurs {len(starts)} times: give occ (1-based)")
    index = (occ or 1) - 1
    if not 0 <= index < len(starts):
        raise DraftError(f"{what}: occ {occ} but {quote!r} occurs {len(starts)} times")
    return starts[index], starts[index] + len(quote)


def _level(value: Any, what: str, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 5:
        raise DraftError(f"{what}: level must be an integer 0-5, got {value!r}")
    return value


def _choice(value: Any, allowed: Iterable[str], what: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise DraftError(f"{what}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _ident(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value or value != value.strip().lower() or " " in value:
        raise DraftError(f"{what}: ids are lowercase snake_case or null, got {value!r}")
    return value


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise DraftError(f"{what}: must be true or false, got {value!r}")
    return value


def resolve(draft: dict[str, Any], passage: dict[str, Any]) -> dict[str, Any]:
    """A draft with every span located: the annotation part of a corpus record."""
    pid = draft["pid"]
    text = passage["text"]
    if draft.get("drop"):
        return {"pid": pid, "drop": str(draft["drop"])}
    voices = []
    for index, voice in enumerate(draft.get("voices") or []):
        what = f"{pid} voice {index}"
        voices.append(
            {
                "id": str(voice.get("id")),
                "type": _choice(voice.get("type"), VOICE_TYPES, what),
                "name": str(voice.get("name") or ""),
                "kind": _choice(voice.get("kind"), VOICE_KINDS, what),
                "we": _ident(voice.get("we"), what + " we"),
            }
        )
    ids = {voice["id"] for voice in voices}
    if len(ids) != len(voices) or not voices:
        raise DraftError(f"{pid}: voices need unique ids, and at least the author")
    claims = []
    for index, claim in enumerate(draft.get("claims") or []):
        what = f"{pid} claim {index} ({claim.get('text')!r})"
        start, end = locate(text, claim.get("text"), claim.get("occ"), what)
        claims.append(
            {
                "start": start,
                "end": end,
                "voice": _choice(claim.get("voice"), ids, what + " voice"),
                "actor": _ident(claim.get("actor"), what + " actor"),
                "target": _ident(claim.get("target"), what + " target"),
                "stance": _choice(claim.get("stance"), STANCES, what + " stance"),
                "level": _level(claim.get("level"), what),
                "negated": _flag(claim.get("negated", False), what + " negated"),
                "conditional": _flag(claim.get("conditional", False), what + " conditional"),
            }
        )
    redlines = []
    for index, line in enumerate(draft.get("redlines") or []):
        what = f"{pid} redline {index}"
        condition = list(
            locate(text, line.get("condition"), line.get("condition_occ"), what + " condition")
        )
        consequence = None
        if line.get("consequence"):
            consequence = list(
                locate(
                    text, line["consequence"], line.get("consequence_occ"), what + " consequence"
                )
            )
        against = line.get("against") or []
        if not isinstance(against, list):
            raise DraftError(f"{what}: against must be a list of ids")
        redlines.append(
            {
                "voice": _choice(line.get("voice"), ids, what + " voice"),
                "setter": _ident(line.get("setter"), what + " setter"),
                "against": [_ident(a, what + " against") for a in against],
                "condition": condition,
                "consequence": consequence,
                "level": _level(line.get("level"), what, nullable=consequence is None),
            }
        )
    incitement = []
    for index, span in enumerate(draft.get("incitement") or []):
        what = f"{pid} incitement {index}"
        start, end = locate(text, span.get("text"), span.get("occ"), what)
        incitement.append(
            {
                "start": start,
                "end": end,
                "label": _choice(span.get("label"), INCITEMENT, what),
                "target": _ident(span.get("target"), what + " target"),
            }
        )
    return {
        "pid": pid,
        "main_voice": _choice(draft.get("main_voice"), VOICE_KINDS, f"{pid} main_voice"),
        "voices": voices,
        "claims": sorted(claims, key=lambda c: (c["start"], c["end"])),
        "redlines": redlines,
        "incitement": incitement,
    }


def check(paths: list[Path], work: Path) -> int:
    passages = load_passages(work)
    errors, counts = 0, Counter()
    for path in paths:
        try:
            for number, draft in read_jsonl(path):
                pid = draft.get("pid")
                if pid not in passages:
                    print(f"{path}:{number}: unknown pid {pid!r}")
                    errors += 1
                    continue
                try:
                    record = resolve(draft, passages[pid])
                except DraftError as error:
                    print(f"{path}:{number}: {error}")
                    errors += 1
                    continue
                counts["passages"] += 1
                counts["claims"] += len(record.get("claims", []))
                counts["redlines"] += len(record.get("redlines", []))
                counts["dropped"] += "drop" in record
        except DraftError as error:
            print(error)
            errors += 1
    print(f"{errors} errors; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if errors else 0


def max_levels(claims: list[dict[str, Any]]) -> dict[str, int | None]:
    levels: dict[str, int | None] = dict.fromkeys(STANCES)
    for claim in claims:
        if claim["negated"] and claim["stance"] != "reject":
            continue
        current = levels[claim["stance"]]
        levels[claim["stance"]] = max(claim["level"], current if current is not None else -1)
    return levels


def split_of(group: str) -> str:
    """The split of a split unit, from a hash of its name (stable across runs and machines)."""
    share = int(hashlib.sha256(group.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return next(name for name, upper in SPLIT_SHARES if share <= upper)


def canonical_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def split_digest(records: Iterable[dict[str, Any]], split: str) -> str:
    lines = sorted(canonical_line(r) for r in records if r["split"] == split)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _drafts(folder: Path) -> dict[str, tuple[dict[str, Any], str]]:
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for _, draft in read_jsonl(path):
            found[draft["pid"]] = (draft, path.stem)
    return found


def build(work: Path) -> int:
    passages = load_passages(work)
    first, second, adjudicated = (
        _drafts(work / name) for name in ("drafts", "second", "adjudicated")
    )
    records, dropped = [], []
    for pid, passage in passages.items():
        chosen = adjudicated.get(pid) or first.get(pid)
        if chosen is None:
            continue
        draft, _batch = chosen
        annotation = resolve(draft, passage)
        if "drop" in annotation:
            dropped.append({"pid": pid, "reason": annotation["drop"]})
            continue
        annotators = [first[pid][1]] if pid in first else []
        if pid in second:
            annotators.append(second[pid][1])
        record = {
            key: passage[key]
            for key in (
                "pid",
                "dataset",
                "doc_id",
                "group",
                "start",
                "end",
                "sha256",
                "lang",
                "genre",
                "chosen",
            )
        }
        record["split"] = split_of(passage["group"])
        record["annotators"] = annotators
        record["adjudicated"] = pid in adjudicated
        record.update({k: v for k, v in annotation.items() if k != "pid"})
        record["max_level"] = max_levels(record["claims"])
        records.append(record)
    records.sort(key=lambda r: r["pid"])
    CORPUS.mkdir(parents=True, exist_ok=True)
    with (CORPUS / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(canonical_line(record) + "\n")
    with (CORPUS / "dropped.jsonl").open("w", encoding="utf-8") as handle:
        for row in sorted(dropped, key=lambda r: r["pid"]):
            handle.write(canonical_line(row) + "\n")
    (CORPUS / "test.sha256").write_text(split_digest(records, "test") + "\n", encoding="utf-8")
    print(
        f"{len(records)} passages, {len(dropped)} dropped; "
        f"{sum(len(r['claims']) for r in records)} claims; "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["split"] for r in records).items()))
    )
    return 0


def stats() -> int:
    """Counts of the built corpus, written to STATS.md beside it."""
    records = [json.loads(line) for line in (CORPUS / "passages.jsonl").open(encoding="utf-8")]
    claims = [c for r in records for c in r["claims"]]

    def count(values: Iterable[Any]) -> str:
        return ", ".join(
            f"{k} {v}" for k, v in sorted(Counter(values).items(), key=lambda kv: str(kv[0]))
        )

    top = [
        max(
            [c["level"] for c in r["claims"] if not c["negated"] and c["stance"] != "reject"],
            default=-1,
        )
        for r in records
    ]
    rows = [
        ("passages", str(len(records))),
        ("documents", str(len({(r["dataset"], r["doc_id"]) for r in records}))),
        ("split units (outlet, speaker or document)", str(len({r["group"] for r in records}))),
        ("passages by dataset", count(r["dataset"] for r in records)),
        ("passages by language", count(r["lang"] for r in records)),
        ("passages by genre", count(r["genre"] for r in records)),
        ("passages by main voice", count(r["main_voice"] for r in records)),
        ("passages by split", count(r["split"] for r in records)),
        ("passages chosen by rhetoric / at random", count(r["chosen"] for r in records)),
        (
            "passages presenting level >= 2 (not rejected, not negated)",
            str(sum(t >= 2 for t in top)),
        ),
        (
            "passages annotated twice (then adjudicated)",
            str(sum(len(r["annotators"]) > 1 for r in records)),
        ),
        ("claims", str(len(claims))),
        ("claims by stance", count(c["stance"] for c in claims)),
        ("claims by level", count(c["level"] for c in claims)),
        (
            "claims by voice type",
            count(
                next(v["type"] for v in r["voices"] if v["id"] == c["voice"])
                for r in records
                for c in r["claims"]
            ),
        ),
        (
            "negated / conditional claims",
            f"{sum(c['negated'] for c in claims)} / {sum(c['conditional'] for c in claims)}",
        ),
        ("red lines", str(sum(len(r["redlines"]) for r in records))),
        ("incitement spans", count(s["label"] for r in records for s in r["incitement"])),
        (
            'voices with a resolved "we"',
            str(sum(1 for r in records for v in r["voices"] if v["we"])),
        ),
    ]
    lines = [
        "# The escalation corpus in numbers",
        "",
        "`python benchmarks/escalation_corpus.py stats`",
        "",
        "| what | count |",
        "|---|---|",
    ] + [f"| {k} | {v} |" for k, v in rows]
    (CORPUS / "STATS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "build", "agreement", "digest", "stats"))
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.paths, args.work)
    if args.command == "build":
        return build(args.work)
    if args.command == "stats":
        return stats()
    if args.command == "agreement":
        from escalation_agreement import main as agreement

        return agreement(args.work)
    records = [json.loads(line) for line in (CORPUS / "passages.jsonl").open(encoding="utf-8")]
    print(split_digest(records, "test"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
