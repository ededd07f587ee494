"""The worker pool: short jobs are not held up by long ones; time limits and cancellation end the
worker; a crashed or failing task is answered. The stand-in task (``stand_in.py``) sleeps on
demand, so each test asserts what finished first, never how fast anything ran."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import pytest
import stand_in
from processes import alive
from stand_in_app import stand_in_pool

from redline.web.pool import (
    JobFailed,
    JobTimedOut,
    PoolBusy,
    PoolStartError,
    WorkerLost,
    WorkerPool,
)
from redline.web.worker import Job, Outcome

LONG = "sleep:30 " + "x" * 200  # large: more than the pool's threshold in these tests


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(scenario())


@asynccontextmanager
async def started(pool: WorkerPool) -> AsyncIterator[WorkerPool]:
    await pool.start()
    try:
        yield pool
    finally:
        await pool.close()


async def eventually(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition did not come true")


def test_pool_runs_a_job_in_a_worker_process() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1)) as pool:
            outcome = await pool.run(Job("hello", None), large=False, timeout=10)
            assert isinstance(outcome, Outcome) and outcome.status == 200
            assert f'"pid": {pool.stats().pids[0]}' in outcome.body

    run(scenario)


def test_pool_keeps_a_worker_for_short_jobs_while_long_ones_run() -> None:
    # Two long jobs on two workers: the second must wait, so the short one still finds a
    # worker. Were the second long job to take it, the short one would wait 30 s and time out.
    async def scenario() -> None:
        async with started(stand_in_pool(2)) as pool:
            long_jobs = [
                asyncio.create_task(pool.run(Job(LONG, None), large=True, timeout=60))
                for _ in range(2)
            ]
            await eventually(lambda: pool.stats().idle == 1 and pool.stats().waiting == 1)
            short = await pool.run(Job("short", None), large=False, timeout=10)
            assert short.status == 200
            assert not any(job.done() for job in long_jobs)
            for job in long_jobs:
                job.cancel()
            await asyncio.gather(*long_jobs, return_exceptions=True)

    run(scenario)


def test_pool_hands_waiting_short_jobs_a_worker_before_long_ones() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1)) as pool:
            first = asyncio.create_task(pool.run(Job("sleep:2", None), large=False, timeout=30))
            await eventually(lambda: pool.stats().idle == 0)
            finished: list[str] = []

            async def job(name: str, text: str, large: bool) -> None:
                await pool.run(Job(text, None), large=large, timeout=30)
                finished.append(name)

            waiting = [asyncio.create_task(job("long", "sleep:0.1 " + "x" * 200, True))]
            await eventually(lambda: pool.stats().waiting == 1)
            waiting.append(asyncio.create_task(job("short", "short", False)))
            await asyncio.gather(first, *waiting)
            assert finished == ["short", "long"]

    run(scenario)


def test_pool_time_limit_ends_the_worker() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1)) as pool:
            before = pool.stats().pids
            with pytest.raises(JobTimedOut, match=r"time limit of 0\.5 s"):
                await pool.run(Job("sleep:30", None), large=False, timeout=0.5)
            assert pool.stats().restarts == 1
            await eventually(lambda: not alive(before[0]))
            # The replacement answers the next job.
            outcome = await pool.run(Job("next", None), large=False, timeout=15)
            assert outcome.status == 200 and str(before[0]) not in outcome.body

    run(scenario)


def test_pool_cancelling_a_job_ends_its_worker() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1)) as pool:
            before = pool.stats().pids
            job = asyncio.create_task(pool.run(Job("sleep:30", None), large=False, timeout=60))
            await eventually(lambda: pool.stats().idle == 0)
            job.cancel()
            with pytest.raises(asyncio.CancelledError):
                await job
            assert pool.stats().restarts == 1
            await eventually(lambda: not alive(before[0]))

    run(scenario)


def test_pool_busy_when_no_worker_frees_in_time_or_too_many_wait() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1, max_waiting=1)) as pool:
            running = asyncio.create_task(pool.run(Job("sleep:30", None), large=False, timeout=60))
            await eventually(lambda: pool.stats().idle == 0)
            with pytest.raises(PoolBusy, match=r"busy for 0\.3 s"):
                await pool.run(Job("short", None), large=False, timeout=0.3)
            waiting = asyncio.create_task(pool.run(Job("short", None), large=False, timeout=60))
            await eventually(lambda: pool.stats().waiting == 1)
            with pytest.raises(PoolBusy, match="1 requests are already waiting"):
                await pool.run(Job("short", None), large=False, timeout=60)
            for task in (running, waiting):
                task.cancel()
            await asyncio.gather(running, waiting, return_exceptions=True)

    run(scenario)


def test_pool_reports_a_task_error_and_a_lost_worker() -> None:
    async def scenario() -> None:
        async with started(stand_in_pool(1)) as pool:
            with pytest.raises(JobFailed, match=r"^ValueError: the stand-in was told to fail$"):
                await pool.run(Job("raise", None), large=False, timeout=10)
            assert pool.stats().restarts == 0  # a task's exception leaves the worker usable
            with pytest.raises(WorkerLost, match="exit code 3"):
                await pool.run(Job("exit", None), large=False, timeout=10)
            assert (await pool.run(Job("again", None), large=False, timeout=15)).status == 200

    run(scenario)


def test_pool_start_reports_a_worker_that_cannot_initialise() -> None:
    async def scenario() -> None:
        pool = WorkerPool(
            1, initializer=stand_in.initialize_or_fail, initargs=(True,), task=stand_in.answer
        )
        with pytest.raises(PoolStartError, match=r"could not start: OSError: no model here$"):
            await pool.start()

    run(scenario)
