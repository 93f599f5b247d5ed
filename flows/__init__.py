"""The Prefect flows: the `pipeline` flow (`pipeline.py`), its deployment on a schedule
(`serve.py`), and the two ways its prepare tasks run: a process pool beside the main process
(`workers.py`) or a Dask cluster (`cluster.py`). What the tasks do is the library's
(`corroborate`); these modules only orchestrate."""
