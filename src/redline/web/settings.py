"""How the HTTP service runs: workers, limits and guards; defaults live here and nowhere else.

The analysis itself is set by :class:`redline.config.RedlineConfig` (analyzers, spaCy pipeline,
``max_bytes`` for the text); these settings are about serving it.

>>> ServiceSettings().workers
2
>>> ServiceSettings.for_address("127.0.0.1").rate_limit      # loopback: no guards by default
0
>>> ServiceSettings.for_address("0.0.0.0", token="a-long-enough-secret").rate_limit
60
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from redline.errors import ConfigError

TOKEN_VARIABLE = "REDLINE_TOKEN"
# Off loopback each client may send this many requests a minute unless told otherwise.
PUBLIC_RATE_LIMIT = 60


@dataclass(frozen=True)
class ServiceSettings:
    """How ``redline serve`` answers.

    ``workers``: analysis processes (each loads the models once); ``time_limit``: seconds a
    request may take, waiting for a worker included, before it is ended with 503;
    ``max_body_bytes``: the largest request body (None: three times the text limit plus
    ``max_metadata_bytes``, room for a text sent with every character escaped);
    ``max_metadata_bytes``: the largest metadata object, as compact UTF-8 JSON; ``max_depth``:
    how deeply the JSON body may nest; ``large_bytes``: texts longer than this may not take the
    last free worker, which stays for shorter ones; ``max_waiting``: requests that may wait for a
    worker before more are turned away with 503; ``token``: the bearer token every analysis
    request must carry (None: none needed); ``rate_limit``: requests a minute per client
    address (0: no limit); ``corpus``: the corpus store the web page may browse, read-only
    (None: none; the page never chooses a path on the server).
    """

    workers: int = 2
    time_limit: float = 60.0
    max_body_bytes: int | None = None
    max_metadata_bytes: int = 65_536
    max_depth: int = 32
    large_bytes: int = 32_768
    max_waiting: int = 64
    token: str | None = None
    rate_limit: int = 0
    corpus: Path | None = None

    def __post_init__(self) -> None:
        for name in ("workers", "max_metadata_bytes", "max_depth", "large_bytes", "max_waiting"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)!r}")
        if self.time_limit <= 0:
            raise ConfigError(
                f"time_limit must be a positive number of seconds, got {self.time_limit!r}"
            )
        if self.max_body_bytes is not None and self.max_body_bytes < 1:
            raise ConfigError(f"max_body_bytes must be at least 1, got {self.max_body_bytes!r}")
        if self.rate_limit < 0:
            raise ConfigError(
                f"rate_limit must be 0 (off) or more requests a minute, got {self.rate_limit!r}"
            )
        if self.corpus is not None and not self.corpus.is_file():
            raise ConfigError(
                f"the corpus {str(self.corpus)!r} is not a file: create it with "
                "`redline corpus add`, or name an existing one"
            )
        if self.token is not None and len(self.token) < 16:
            raise ConfigError(
                f"the bearer token is {len(self.token)} characters; use at least 16 "
                "(python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )

    def body_limit(self, max_text_bytes: int) -> int:
        """The largest request body, given the text limit of the analysis configuration."""
        if self.max_body_bytes is not None:
            return self.max_body_bytes
        return 3 * max_text_bytes + self.max_metadata_bytes

    def updated(self, **changes: Any) -> ServiceSettings:
        """A copy with ``changes`` applied; ``None`` values are ignored (unset CLI options)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(
                f"unknown service setting(s) {sorted(unknown)}; known: {sorted(known)}"
            )
        return replace(self, **{key: value for key, value in changes.items() if value is not None})

    @classmethod
    def for_address(
        cls, host: str, *, token: str | None = None, insecure: bool = False, **changes: Any
    ) -> ServiceSettings:
        """Settings for serving on ``host``: off loopback a token is required (unless
        ``insecure``) and each client is rate-limited, unless ``changes`` say otherwise."""
        public = not is_loopback(host)
        if public and token is None and not insecure:
            raise ConfigError(
                f"--host {host!r} is reachable from other machines and no bearer token is set: "
                f"set {TOKEN_VARIABLE} (for example to the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'), or pass --insecure "
                "to serve without one"
            )
        defaults = cls(token=token, rate_limit=PUBLIC_RATE_LIMIT if public else 0)
        return defaults.updated(**changes)


def is_loopback(host: str) -> bool:
    """Whether ``host`` can only be reached from this machine (``localhost``, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything, so it is treated as public
        return False
