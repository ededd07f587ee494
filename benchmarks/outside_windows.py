"""Windows of Russian text outside the escalation corpus, stored as standoff: what the two
outside benchmarks (`incitement_russian_outside.py`, `stance_russian_outside.py`) share.

Each line of a set is a JSON object with the window's ``dataset``, ``doc_id``, ``start``, ``end``
and ``sha256`` (the text comes from the datasets and is checked against it), its ``uid``, its
``part`` (``dev`` or ``heldout``) and the set's own labels.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from escalation_sources import DEFAULT_DATA, passage_text


def read_windows(path: Path, data: Path) -> Iterator[tuple[dict[str, Any], str]]:
    """(the stored row, the window's text) for each line of ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}:{number}: not JSON ({error.msg})") from None
        yield (
            row,
            passage_text(
                row["dataset"], row["doc_id"], row["start"], row["end"], row["sha256"], data
            ),
        )


def analysed(texts: list[str], n_process: int) -> Iterator[Any]:
    """Redline's default pipeline over the texts, read as Russian, in order."""
    from redline.analysis import get_pipeline
    from redline.config import RedlineConfig
    from redline.document import Document, Metadata

    pipeline = get_pipeline(RedlineConfig())
    documents = [Document.from_text(text, Metadata(language="ru")) for text in texts]
    return iter(pipeline.pipe(documents, n_process=n_process))


def argument_parser(
    description: str, default_set: Path, default_out: Path
) -> argparse.ArgumentParser:
    """The options both benchmarks take: the set, the datasets, the report and the processes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--set", type=Path, default=default_set)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--n-process", type=int, default=1)
    return parser
