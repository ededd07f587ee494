"""Speed of the Russian default pipeline beside spaCy-English, same machine, same run.

    python benchmarks/russian_speed.py [--data ../shared/data] [--words 20000]

Russian words: the SemEval-2023 task 3 Russian dev articles; English words: the PTC train
articles (as the English speed benchmark reads them). Each side is timed on one process, the
way ``redline analyze`` runs a document (:meth:`Pipeline.run` per document), after a warm-up
document, so loading models is not counted. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from redline.document import Document, Metadata
from redline.nlp import load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline


def _texts(folder: Path, pattern: str, words: int) -> tuple[list[str], int]:
    texts, count = [], 0
    for path in sorted(folder.glob(pattern)):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        texts.append(text)
        count += len(text.split())
        if count >= words:
            break
    return texts, count


def _rate(count: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return count / (time.perf_counter() - started)


def _documents(texts: list[str], language: str) -> list[Document]:
    # The language is told, as a reader that knows it would: the benchmark times the analysis.
    return [
        Document.from_text(t).model_copy(update={"metadata": Metadata(language=language)})
        for t in texts
    ]


def measure(data: Path, words: int) -> str:
    russian, ru_count = _texts(
        data / "propaganda" / "semeval2023_task3" / "ru" / "dev-articles-subtask-3", "*.txt", words
    )
    english, en_count = _texts(data / "propaganda" / "ptc" / "train-articles", "*.txt", words)
    pipeline = Pipeline.from_names()
    pipeline.initialize()
    nlp_en, nlp_ru = load_pipeline(None, "en"), load_pipeline(None, "ru")
    for warm in (english[0][:2000], russian[0][:2000]):
        pipeline.run(Document.from_text(warm))
    rows = [
        ("spaCy-English alone (`en_core_web_sm`, parse), English text",
         _rate(en_count, lambda: [parse(nlp_en, t) for t in english]), en_count),
        ("Redline's Russian parse alone (natasha models), Russian text",
         _rate(ru_count, lambda: [parse(nlp_ru, t) for t in russian]), ru_count),
        ("Redline default pipeline, English text",
         _rate(en_count, lambda: [pipeline.run(d) for d in _documents(english, "en")]), en_count),
        ("Redline default pipeline, Russian text",
         _rate(ru_count, lambda: [pipeline.run(d) for d in _documents(russian, "ru")]), ru_count),
    ]  # fmt: skip
    spacy_rate = rows[0][1]
    lines = ["| what (1 process) | words | words/s | of spaCy-English's |", "|---|---|---|---|"]
    lines += [f"| {name} | {count:,} | {rate:,.0f} | {rate / spacy_rate:.2f} |"
              for name, rate, count in rows]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--words", type=int, default=20_000, help="words per language")
    args = parser.parse_args()
    print(measure(args.data, args.words))


if __name__ == "__main__":
    main()
