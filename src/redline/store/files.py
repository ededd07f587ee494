"""Writing output files: whole or not at all, with ordinary permissions, under safe names.

Every file Redline writes (reports, exports, charts, graphs, the Dask runner's result files)
goes through :func:`atomic_path` or :func:`write_atomic`: the bytes go to a hidden temporary
file beside the target, which is renamed over it only when complete, so a crash, a full disk
or a bad document never leaves half a file, and a reader never sees one.

The temporary file is created with mode 0666 less the umask, as ``open()`` would create the
target itself (``tempfile.mkstemp`` makes 0600, which left every report unreadable to the
user's group whatever their umask); a file that is replaced keeps its own mode.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_atomic(folder / "report.txt", "done\\n")
>>> (folder / "report.txt").read_text()
'done\\n'
>>> safe_file_name("https://example.com:8080/a\\x00b?c=1")
'https_example.com_8080_a_b_c_1'
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the umask off
_UNSAFE = re.compile(r"[^\w.-]+")  # \w: letters and digits of any script, and "_"
_NAME_BUDGET = 120  # of the target's name kept in the temporary's, well under NAME_MAX (255)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A new, empty temporary file beside ``path``, renamed over ``path`` when the block succeeds.

    Write to the yielded path by any means (``open``, DuckDB, pyarrow, Plotly, networkx). The
    temporary ends in ``path``'s suffix, so libraries that choose a format by the file's
    extension choose the same one. On an exception it is removed and ``path`` is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _create_beside(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(path: Path, body: str | bytes) -> None:
    """Replace ``path`` with ``body`` (text is written as UTF-8), all at once."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def _create_beside(path: Path) -> Path:
    mode = _kept_mode(path)
    while True:
        temporary = path.with_name(
            f".{path.name[:_NAME_BUDGET]}.{secrets.token_hex(6)}.tmp{path.suffix}"
        )
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
        except FileExistsError:  # a name taken by another writer: draw another
            continue
        try:
            if mode is not None:
                os.fchmod(handle, mode)
        finally:
            os.close(handle)
        return temporary


def _kept_mode(path: Path) -> int | None:
    """The permissions of the file being replaced, or None for a new file (umask applies)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else None


def safe_file_name(text: str, *, fallback: str = "document", max_length: int = 80) -> str:
    """``text`` as a file name part: only letters, digits, ``.``, ``-`` and ``_``.

    Separators, ``:``, NUL and other control characters (which a URL or a record's metadata
    may carry) become ``_``; leading dots go, so the name is never hidden, ``.`` or ``..``.

    >>> safe_file_name("../../etc/passwd"), safe_file_name("..."), safe_file_name("Kyiv:Київ")
    ('etc_passwd', 'document', 'Kyiv_Київ')
    """
    name = _UNSAFE.sub("_", text).lstrip("._")[:max_length].rstrip("._")
    return name or fallback
