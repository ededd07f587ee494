"""The groups analyzer's version follows the code of its whole package, not only the module
that wires it: a change to a Russian cue's reading makes ``corpus add`` re-analyse."""

import shutil
from importlib import resources
from pathlib import Path

from redline.analyzers.groups import SOURCES, GroupAnalyzer
from redline.analyzers.versions import content_version

PACKAGE = Path(str(resources.files("redline")))


def test_groups_version_covers_the_package(tmp_path: Path) -> None:
    assert GroupAnalyzer.version == content_version("1.0.0", *SOURCES)
    root = tmp_path / "redline"
    ignored = shutil.ignore_patterns("__pycache__", "samples", "models")
    shutil.copytree(PACKAGE, root, ignore=ignored)
    before = content_version("1.0.0", *SOURCES, root=root)
    helper = root / "groups" / "russian.py"
    helper.write_text(helper.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert content_version("1.0.0", *SOURCES, root=root) != before
