"""Readers: files, directories and standard input to Documents.

Plain text and Markdown (``.txt``, ``.md``), HTML pages (``.html``, ``.htm``, main text and
comments by trafilatura) and corpora of many documents (``.jsonl``, ``.csv``, ``.parquet``).
Problems come back as :class:`~redline.errors.InputError` items, never as exceptions:

>>> from redline.readers import read_sources
>>> [str(item) for item in read_sources(["nowhere/"], max_bytes=5_000_000)]
['nowhere/: no such file or directory']
"""

from redline.readers.html import read_html
from redline.readers.sources import READABLE_EXTENSIONS, read_sources
from redline.readers.text import read_text

__all__ = ["READABLE_EXTENSIONS", "read_html", "read_sources", "read_text"]
