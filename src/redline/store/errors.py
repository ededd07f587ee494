"""The store's one exception, and the templates of its messages.

RedlineError
└── StoreError   the corpus file cannot be opened, is not a Redline corpus, is damaged, is
                 newer than this Redline, is in use by another process, or a query failed
"""

from __future__ import annotations

from redline.errors import RedlineError


class StoreError(RedlineError):
    """A corpus store problem; ``str(error)`` is one line naming the file and what to do."""


NO_CORPUS = (
    "{path}: no corpus here; create one with `redline corpus init {path}` or add documents "
    "with `redline corpus add FILES --db {path}`"
)
NOT_A_CORPUS = (
    "{path}: not a Redline corpus ({problem}); name another file with --db, or move this one away"
)
NEWER_SCHEMA = (
    "{path}: the corpus is at schema version {found}, newer than this Redline's {known}; "
    "upgrade Redline (pip install -U redline) to read it"
)
IN_USE = (
    "{path}: in use by another process (a DuckDB file has one writer at a time); wait for it "
    "to finish, or copy the file and read the copy"
)
DAMAGED = (
    "{path}: the corpus file is damaged ({problem}), so it was not used and nothing was "
    "written to it; restore it from a backup, or move it away and add the documents again "
    "into a new corpus (--db NEW.duckdb)"
)
