"""Where `process` runs: in this process, in a local process pool, on Dask or on Spark."""
