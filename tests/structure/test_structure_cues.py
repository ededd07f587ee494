"""The structure cue file: errors say what is wrong."""

from pathlib import Path

import pytest

from redline.errors import ConfigError
from redline.structure.cues import load_cues


def test_structure_cues_errors_say_what_is_wrong(tmp_path: Path) -> None:
    broken = tmp_path / "structure.yaml"
    broken.write_text("version: '9'\nrole_speakers: {}\n", encoding="utf-8")
    with pytest.raises(
        ConfigError,
        match=r"answer_roles: Field required",
    ):
        load_cues(broken)
    broken.write_text("[unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_cues(broken)


def test_structure_cues_words_read_as_booleans_are_named(tmp_path: Path) -> None:
    packaged = Path(__file__).resolve().parents[2] / "src" / "redline" / "data" / "structure.yaml"
    broken = tmp_path / "structure.yaml"
    broken.write_text(
        packaged.read_text(encoding="utf-8").replace(
            "answer_roles: [a,", "answer_roles: [no, a,", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"answer_roles\.0: .*quote words"):
        load_cues(broken)
