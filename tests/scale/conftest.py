"""One LocalCluster of two single-threaded worker processes, shared by the scale tests.

Starting workers and loading the models in each costs seconds, so every test that needs the
cluster uses this one; tests tell their runs apart by the workers' counters, read before and
after (``worker_stats`` on each worker).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from distributed import Client, LocalCluster


@pytest.fixture(scope="session")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="session")
def dask_client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


@pytest.fixture(scope="session")
def scheduler(cluster: LocalCluster) -> str:
    """The address of the shared cluster's scheduler, as a user would pass --scheduler."""
    return str(cluster.scheduler_address)
