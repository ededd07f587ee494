"""The real app with the stand-in analysis in its worker pool."""

from __future__ import annotations

import stand_in
from fastapi import FastAPI

from redline.config import RedlineConfig
from redline.web import ServiceSettings, create_app
from redline.web.pool import WorkerPool


def stand_in_pool(workers: int = 2, max_waiting: int = 64) -> WorkerPool:
    return WorkerPool(
        workers, initializer=stand_in.initialize, task=stand_in.answer, max_waiting=max_waiting
    )


def stand_in_app(
    settings: ServiceSettings | None = None, config: RedlineConfig | None = None
) -> FastAPI:
    settings = settings or ServiceSettings()
    pool = stand_in_pool(settings.workers, settings.max_waiting)
    return create_app(config or RedlineConfig(), settings, pool=pool)
