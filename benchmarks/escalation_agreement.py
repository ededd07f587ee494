"""Agreement between the two independent annotation passes of the escalation corpus.

    python benchmarks/escalation_corpus.py agreement [--work WORKDIR]

Reads the first pass (``WORKDIR/drafts``) and the second (``WORKDIR/second``) for every
passage annotated twice, matches their claims by overlap (as the benchmark does), and writes
``benchmarks/data/escalation/AGREEMENT.md``: claim-span F1 between the passes, Cohen's kappa
for stance and for level on the matched claims, red-line and call-to-violence agreement, and
agreement on "we" for voices both passes name.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from escalation_corpus import CORPUS, STANCES, _drafts, load_passages, resolve
from escalation_metrics import PRF, cohen_kappa, match_spans


def _voice_key(voice: dict[str, Any]) -> tuple[str, str]:
    name = (
        "author"
        if voice["type"] == "author"
        else voice["name"].lower().split()[-1]
        if voice["name"]
        else ""
    )
    return voice["type"], name


def compare(first: dict[str, Any], second: dict[str, Any], stats: dict[str, Any]) -> None:
    gold = [(c["start"], c["end"]) for c in first["claims"]]
    other = [(c["start"], c["end"]) for c in second["claims"]]
    pairs = match_spans(gold, other)
    stats["claims"].add(PRF(len(pairs), len(other), len(gold)))
    for gi, pi in pairs:
        a, b = first["claims"][gi], second["claims"][pi]
        stats["stance"].append((a["stance"], b["stance"]))
        stats["level"].append((a["level"], b["level"]))
    reds = [tuple(r["condition"]) for r in first["redlines"]]
    reds2 = [tuple(r["condition"]) for r in second["redlines"]]
    stats["redlines"].add(PRF(len(match_spans(reds, reds2)), len(reds2), len(reds)))
    calls = [
        (s["start"], s["end"]) for s in first["incitement"] if s["label"] == "call_to_violence"
    ]
    calls2 = [
        (s["start"], s["end"]) for s in second["incitement"] if s["label"] == "call_to_violence"
    ]
    stats["calls"].add(PRF(len(match_spans(calls, calls2)), len(calls2), len(calls)))
    voices2 = {_voice_key(v): v for v in second["voices"]}
    for voice in first["voices"]:
        twin = voices2.get(_voice_key(voice))
        if twin is not None and (voice["we"] or twin["we"]):
            stats["we"].append((voice["we"], twin["we"]))
    top = {
        s: max([c["level"] for c in first["claims"] if c["stance"] == s], default=None)
        for s in STANCES
    }
    top2 = {
        s: max([c["level"] for c in second["claims"] if c["stance"] == s], default=None)
        for s in STANCES
    }
    for stance in ("advocate", "threaten"):
        if top[stance] is not None or top2[stance] is not None:
            stats["top"].append((top[stance], top2[stance]))


def main(work: Path) -> int:
    passages = load_passages(work)
    first, second = _drafts(work / "drafts"), _drafts(work / "second")
    stats: dict[str, Any] = {
        "claims": PRF(),
        "redlines": PRF(),
        "calls": PRF(),
        "stance": [],
        "level": [],
        "we": [],
        "top": [],
    }
    compared = 0
    for pid in sorted(set(first) & set(second)):
        a = resolve(first[pid][0], passages[pid])
        b = resolve(second[pid][0], passages[pid])
        if "drop" in a or "drop" in b:
            continue
        compare(a, b, stats)
        compared += 1
    stance_agree = sum(a == b for a, b in stats["stance"]) / max(1, len(stats["stance"]))
    level_agree = sum(a == b for a, b in stats["level"]) / max(1, len(stats["level"]))
    level_near = sum(abs(a - b) <= 1 for a, b in stats["level"]) / max(1, len(stats["level"]))
    we_agree = sum(a == b for a, b in stats["we"]) / max(1, len(stats["we"]))
    confusion = Counter(stats["stance"])
    lines = [
        "# Agreement between the two annotation passes",
        "",
        "`python benchmarks/escalation_corpus.py agreement` (the two passes before adjudication).",
        "",
        "Who annotated: every pass was made by a separate annotation session of the same AI model, "
        "working from ANNOTATION.md alone; the second pass never saw the first, and an adjudicating "
        "session then settled each disagreement against the guidelines. Sessions of one model share "
        "its habits, so this agreement is likely higher than two independent human annotators would "
        "reach: read the kappas as an upper bound on how well-defined the task is, not as proof that "
        "the labels are right.",
        "",
        f"Passages annotated twice and compared: **{compared}** of {len(passages)} chosen "
        f"({compared / len(passages):.1%}). Claims: {int(stats['claims'].gold)} in the first pass, "
        f"{int(stats['claims'].predicted)} in the second, {int(stats['claims'].tp)} matched by overlap.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| claim-span F1 between passes (overlap, one-to-one) | {stats['claims'].f1:.3f} |",
        f"| stance: Cohen's kappa on matched claims | **{cohen_kappa(stats['stance']):.3f}** (raw agreement {stance_agree:.3f}) |",
        f"| level: Cohen's kappa on matched claims | **{cohen_kappa(stats['level']):.3f}** (exact {level_agree:.3f}, within one {level_near:.3f}) |",
        f"| passage's highest advocated / threatened level: kappa | {cohen_kappa(stats['top']):.3f} (n={len(stats['top'])}) |",
        f"| red lines (condition span) F1 | {stats['redlines'].f1:.3f} (first {int(stats['redlines'].gold)}, second {int(stats['redlines'].predicted)}) |",
        f"| call to violence F1 | {stats['calls'].f1:.3f} (first {int(stats['calls'].gold)}, second {int(stats['calls'].predicted)}) |",
        f'| "we" per voice, same id | {we_agree:.3f} (n={len(stats["we"])}) |',
        "",
        "Stance confusion on matched claims (first pass → second pass), most frequent disagreements:",
        "",
        "| first | second | claims |",
        "|---|---|---|",
    ]
    for (a, b), n in confusion.most_common():
        if a != b:
            lines.append(f"| {a} | {b} | {n} |")
    (CORPUS / "AGREEMENT.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[4:16]))
    return 0
