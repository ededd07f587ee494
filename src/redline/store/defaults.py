"""The store's defaults, in one place (light: the CLI imports it before anything heavy).

>>> DEFAULT_DB.name, DEFAULT_COMMIT_EVERY
('redline.duckdb', 64)
"""

from pathlib import Path

DEFAULT_DB = Path("redline.duckdb")
# Results (documents and failures) per transaction: a crash loses at most this many analyses.
DEFAULT_COMMIT_EVERY = 64
# Documents per worker batch in Pipeline.pipe.
DEFAULT_BATCH_SIZE = 16
# Documents per Dask partition (one result file each).
DEFAULT_PARTITION_SIZE = 256
# Where a local Dask cluster's dashboard listens: this machine only, on a free port. It shows
# every task and its arguments, so opening it to the network is a choice (--dashboard-address).
DEFAULT_DASHBOARD_ADDRESS = "127.0.0.1:0"
