"""The analyst's desk commands: `export` (tables to take away), `report` (a site to look
at) and `docs` (what the columns mean). They read the published warehouse read-only."""

from __future__ import annotations

import argparse
from pathlib import Path

from corroborate import catalog, defaults
from corroborate.cli.options import UsageError, present_tables, reader, warehouse_option
from corroborate.cli.options import command as add_command


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = add_command(commands, "export", export_command)
    export.add_argument("tables", nargs="*", metavar="TABLE", help="public tables to export")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="parquet (default) or csv")
    export.add_argument("--out", type=Path, default=Path("export"),
                        help="the folder to write (default export/)")
    warehouse_option(export)

    report = add_command(commands, "report", report_command)
    report.add_argument("--out", type=Path, default=None,
                        help="the folder to write (default: report/ beside the warehouse)")
    report.add_argument("--incident", default=None, metavar="ID",
                        help="only this incident (an incident_id)")
    warehouse_option(report)

    docs = add_command(commands, "docs", docs_command)
    docs.add_argument("table", nargs="?", help="a public table, e.g. source_agreement")


def export_command(args: argparse.Namespace) -> int:
    """Write the marts and claim tables as Parquet or CSV files.

    Write tables of the published warehouse to a folder: Parquet (types kept; tables with an
    incident_id hive-partitioned by incident month) or CSV (one file per table). Without TABLE,
    every mart: the documents, claim tables, incidents, source_agreement, timeline,
    contradictions and accounts.
    """
    from corroborate import export

    with reader(args.warehouse) as conn:
        present = present_tables(conn)
        tables = args.tables or [name for name in export.default_tables() if name in present]
        unknown = [name for name in tables
                   if name not in catalog.public_tables() or name not in present]
        if unknown:
            raise UsageError(f"no public table {', '.join(unknown)} in {args.warehouse}")
        for done in export.export(conn, args.out, tables, args.format):
            shape = "by incident_month" if done.partitioned else "one file"
            print(f"{done.table}: {done.rows} rows -> {done.path} ({shape})")
    return 0


def report_command(args: argparse.Namespace) -> int:
    """Write a static HTML report of the warehouse: incidents, timelines, agreement.

    Write a static HTML site from the published warehouse, to open from file:// (no network, no
    script): an index of incidents, and per incident a timeline chart in UTC, the agreement of
    its facts by independent source, its contradictions and the evidence for every fact.
    """
    from corroborate.report import write_report

    reader(args.warehouse).close()  # the same clear message as other readers without one
    out = args.out or defaults.report_dir(args.warehouse)
    try:
        written = write_report(args.warehouse, out, incident=args.incident)
    except (LookupError, FileExistsError) as error:
        raise UsageError(str(error.args[0])) from None
    print(f"report: {written.index} ({written.incidents} incidents, {written.pages} pages, "
          f"in {written.seconds:.1f} s); open it in a browser")
    return 0


def docs_command(args: argparse.Namespace) -> int:
    """List the public tables, or one table's documented columns.

    Print the documentation of the public tables (from the yml beside the SQL models): every
    table with its description, or, given a table, each of its columns.
    """
    tables = catalog.documented_tables()
    public = catalog.public_tables()
    if args.table is None:
        width = max(len(name) for name in public)
        for name in public:
            print(f"{name:<{width}}  {tables[name].description.split('. ')[0]}")
        return 0
    if args.table not in public:
        raise UsageError(f"no public table {args.table!r}; one of: {', '.join(public)}")
    table = tables[args.table]
    print(f"{table.name}: {table.description}\n")
    width = max((len(column) for column in table.columns), default=0)
    for column, description in table.columns.items():
        print(f"  {column:<{width}}  {description}")
    return 0
