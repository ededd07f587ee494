"""A bounded pool of worker processes that the event loop awaits without blocking.

Why processes, not threads: analysis is CPU-bound Python (the GIL), and a job that runs past its
time limit, or whose client went away, must *stop*; only ending its process does that. Each
worker runs ``initializer`` once (the models load there) and then one job at a time, received
and answered over its own pipe. A worker that is ended is replaced in the background.

Why two lanes: a long text must not hold up short ones. Jobs marked ``large`` may occupy at most
``size - 1`` workers, so with two or more workers one is always left for short jobs, and waiting
short jobs are handed a worker before waiting large ones.

    PoolError
    ├── PoolBusy       no worker became free in time, or too many jobs were already waiting
    ├── JobTimedOut    the job ran past its time limit and its worker was ended
    ├── WorkerLost     the worker died during the job (killed by the system, crashed)
    ├── JobFailed      the task raised; ``str(error)`` is its one-line message
    └── PoolStartError a worker could not start (its initializer raised)
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

log = logging.getLogger("redline.web")


class PoolError(Exception):
    """Base class of the pool's errors."""


class PoolBusy(PoolError):
    """No worker was free in time, or the waiting line was full."""


class JobTimedOut(PoolError):
    """The job ran past its time limit; its worker was ended."""


class WorkerLost(PoolError):
    """The worker process died during the job."""


class JobFailed(PoolError):
    """The task raised an exception; the worker is still usable."""


class PoolStartError(PoolError):
    """A worker could not start."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection


@dataclass(eq=False)
class _Waiter:
    future: asyncio.Future[_Worker]
    large: bool


@dataclass
class PoolStats:
    """What the pool is doing now, and how many workers it has ended and replaced so far."""

    size: int
    idle: int
    waiting: int
    restarts: int
    pids: list[int] = field(default_factory=list)


class WorkerPool:
    """``size`` processes running ``task(job)``, each after ``initializer(*initargs)``.

    ``initializer`` and ``task`` must be importable module-level functions (workers are
    started with ``spawn``: a fork of a threaded server is not safe).

    >>> pool = WorkerPool(2, initializer=print, initargs=("ready",), task=str)   # doctest: +SKIP
    >>> await pool.run("job", large=False, timeout=5.0)                          # doctest: +SKIP
    'job'
    """

    def __init__(
        self,
        size: int,
        *,
        initializer: Callable[..., None],
        initargs: Sequence[Any] = (),
        task: Callable[[Any], Any],
        max_waiting: int = 64,
    ) -> None:
        self.size = size
        self.max_waiting = max_waiting
        self._initializer = initializer
        self._initargs = tuple(initargs)
        self._task = task
        self._context = multiprocessing.get_context("spawn")
        self._workers: set[_Worker] = set()
        self._idle: list[_Worker] = []
        self._small: deque[_Waiter] = deque()
        self._large: deque[_Waiter] = deque()
        self._large_running = 0
        self._restarts = 0
        self._background: set[asyncio.Task[None]] = set()
        self._executor: ThreadPoolExecutor | None = None
        self._start_lock = asyncio.Lock()
        self._closed = False

    # -- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start every worker and wait until each has run its initializer (idempotent)."""
        async with self._start_lock:
            if self._executor is not None:
                return
            # One thread per blocking pipe exchange: at most one per worker, plus one per worker
            # being replaced while its predecessor's exchange drains.
            self._executor = ThreadPoolExecutor(
                2 * self.size + 2, thread_name_prefix="redline-pool"
            )
            started = await asyncio.gather(
                *(self._spawn() for _ in range(self.size)), return_exceptions=True
            )
            failures = [result for result in started if isinstance(result, BaseException)]
            self._idle.extend(result for result in started if isinstance(result, _Worker))
            if failures:
                await self.close()
                raise failures[0]

    async def close(self) -> None:
        """End every worker now; waiting and running jobs fail with :class:`PoolBusy`."""
        self._closed = True
        for task in list(self._background):
            task.cancel()
        for waiter in (*self._small, *self._large):
            if not waiter.future.done():
                waiter.future.set_exception(PoolBusy("the service is shutting down"))
        self._small.clear()
        self._large.clear()
        workers = list(self._workers)
        for worker in workers:
            self._end(worker)
        if self._executor is not None:
            loop = asyncio.get_running_loop()
            await asyncio.gather(
                *(loop.run_in_executor(self._executor, w.process.join, 2.0) for w in workers)
            )
            self._executor.shutdown(wait=False, cancel_futures=True)

    def stats(self) -> PoolStats:
        """A snapshot for /health and for tests."""
        return PoolStats(
            size=self.size,
            idle=len(self._idle),
            waiting=self._waiting(),
            restarts=self._restarts,
            pids=sorted(w.process.pid for w in self._workers if w.process.pid is not None),
        )

    # -- running a job ------------------------------------------------------------------------

    async def run(self, job: Any, *, large: bool, timeout: float) -> Any:
        """``task(job)`` in a worker, within ``timeout`` seconds, waiting for a worker included.

        Cancelling the caller (a client that went away, a server shutting down) ends the job's
        worker at once, as running past ``timeout`` does.
        """
        await self.start()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        worker = await self._acquire(large, deadline, timeout)
        try:
            async with asyncio.timeout_at(deadline):
                reply = await loop.run_in_executor(self._executor, _exchange, worker.conn, job)
        except TimeoutError:
            self._discard(worker, large)
            raise JobTimedOut(
                f"the job ran past the time limit of {timeout:g} s and was stopped"
            ) from None
        except (EOFError, OSError) as error:
            await loop.run_in_executor(self._executor, worker.process.join, 1.0)
            self._discard(worker, large)
            raise WorkerLost(
                f"the worker process stopped during the job ({_exit(worker.process)})"
            ) from error
        except BaseException:  # cancelled: the answer is no longer wanted, so the work stops
            self._discard(worker, large)
            raise
        self._release(worker, large)
        status, value = reply
        if status == "error":
            raise JobFailed(value)
        return value

    async def _acquire(self, large: bool, deadline: float, timeout: float) -> _Worker:
        if self._closed:
            raise PoolBusy("the service is shutting down")
        if self._waiting() >= self.max_waiting:
            raise PoolBusy(f"{self.max_waiting} requests are already waiting for a worker")
        waiter = _Waiter(asyncio.get_running_loop().create_future(), large)
        (self._large if large else self._small).append(waiter)
        self._dispatch()
        try:
            async with asyncio.timeout_at(deadline):
                return await waiter.future
        except BaseException as error:
            if (
                waiter.future.done()
                and not waiter.future.cancelled()
                and waiter.future.exception() is None
            ):
                # A worker arrived just as we gave up: hand it on.
                self._release(waiter.future.result(), large)
            waiter.future.cancel()
            if isinstance(error, TimeoutError):
                raise PoolBusy(f"all {self.size} workers stayed busy for {timeout:g} s") from None
            raise

    def _waiting(self) -> int:
        # Jobs that gave up stay in the queues until dispatch reaches them; they do not count.
        return sum(not waiter.future.done() for waiter in (*self._small, *self._large))

    def _dispatch(self) -> None:
        """Hand idle workers to waiting jobs: short ones first; large ones never take the last."""
        while self._idle:
            waiter = self._next_waiter()
            if waiter is None:
                return
            if waiter.large:
                self._large_running += 1
            waiter.future.set_result(self._idle.pop())

    def _next_waiter(self) -> _Waiter | None:
        for queue in (self._small, self._large):
            while queue and queue[0].future.done():  # gave up waiting
                queue.popleft()
        if self._small:
            return self._small.popleft()
        if self._large and self._large_running < max(1, self.size - 1):
            return self._large.popleft()
        return None

    def _release(self, worker: _Worker, large: bool) -> None:
        if large:
            self._large_running -= 1
        if self._closed:
            return
        self._idle.append(worker)
        self._dispatch()

    def _discard(self, worker: _Worker, large: bool) -> None:
        """End ``worker`` (its job is abandoned) and start a replacement in the background."""
        if large:
            self._large_running -= 1
        self._end(worker)
        self._restarts += 1
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._replace())
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        self._dispatch()

    # -- processes ----------------------------------------------------------------------------

    async def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self._initializer, self._initargs, self._task),
            name="redline-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        try:
            status, detail = await asyncio.get_running_loop().run_in_executor(
                self._executor, parent.recv
            )
        except (EOFError, OSError):
            await asyncio.get_running_loop().run_in_executor(self._executor, process.join, 5.0)
            status, detail = "failed", f"it stopped ({_exit(process)})"
        except BaseException:
            self._end(worker)
            raise
        if status != "ready":
            self._end(worker)
            raise PoolStartError(f"an analysis worker could not start: {detail}")
        return worker

    async def _replace(self) -> None:
        for attempt in range(3):
            try:
                worker = await self._spawn()
            except PoolStartError as error:
                log.error("%s (attempt %d of 3)", error, attempt + 1)
                await asyncio.sleep(1.0)
                continue
            if self._closed:
                self._end(worker)
                return
            self._idle.append(worker)
            self._dispatch()
            return

    def _end(self, worker: _Worker) -> None:
        # SIGKILL: a worker holds nothing to flush, and a job stuck in C code ignores SIGTERM.
        if worker.process.is_alive():
            worker.process.kill()
            if self._executor is not None and not self._closed:
                # Reap it, or it lingers as a zombie until the next process start.
                self._executor.submit(worker.process.join, 5.0)
        worker.conn.close()
        self._workers.discard(worker)
        if worker in self._idle:
            self._idle.remove(worker)


def _exchange(conn: Connection, job: Any) -> tuple[str, Any]:
    conn.send(job)
    reply: tuple[str, Any] = conn.recv()
    return reply


def _serve(
    conn: Connection,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    task: Callable[[Any], Any],
) -> None:
    """A worker's life: initialise once, then answer jobs until the server closes the pipe."""
    # The server decides when workers end: Ctrl-C reaches the whole process group, and a
    # worker dying on it mid-job would look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        initializer(*initargs)
    except BaseException as error:
        conn.send(("failed", _one_line(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server went away
            return
        try:
            reply: tuple[str, Any] = ("ok", task(job))
        except Exception as error:
            traceback.print_exc()
            reply = ("error", _one_line(error))
        conn.send(reply)


def _exit(process: BaseProcess) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:  # -9 is usually the kernel's out-of-memory killer
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")
