"""What the web tests ask of the operating system about their worker processes."""

from __future__ import annotations

from pathlib import Path


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie awaiting its parent's wait() is not).

    The process may be reaped between any check and the read, so the read is the check.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
