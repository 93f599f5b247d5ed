"""Corroborate's library: what the Prefect flows (`corroborate.flows`) orchestrate.

Ingest (`ingest/`), validation, loading into a private build, the SQL model runner, publishing,
the incident clustering the models call, the command line (`cli/`), the report (`report/`) and
the exports. Plain functions and classes, no Prefect: tests call them directly. The extraction
engine (`corroborate.extract`) and the table schemas (`corroborate.schemas`) are packages of
their own, and so are the evaluation (`corroborate.evaluation`) and the benchmarks
(`corroborate.bench`); `pyproject.toml` installs each folder under this one namespace.
"""
