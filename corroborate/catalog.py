"""The documented tables: what the `*.yml` files beside the SQL models say about each table
and column. The public table list is derived from them (every documented table except the
`raw_*` loaded tables that views read and the intermediate models, steps the marts are built
from), so a new mart is public once it is documented."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from corroborate.model_runner import SQL_DIR

_INTERNAL_PREFIX = "raw_"
_INTERNAL_LAYERS = frozenset({"intermediate"})


@dataclass(frozen=True)
class TableDoc:
    name: str
    description: str
    columns: dict[str, str]
    layer: str  # the folder of the yml: marts, intermediate or sources


@cache
def documented_tables() -> dict[str, TableDoc]:
    """Every table the yml documents, marts first (in the files' own order)."""
    tables: dict[str, TableDoc] = {}
    for path in sorted(SQL_DIR.rglob("*.yml"), key=lambda p: (p.parent.name != "marts", p)):
        for table in yaml.safe_load(path.read_text(encoding="utf-8")).get("tables", []):
            columns = {name: " ".join(str(text).split())
                       for name, text in (table.get("columns") or {}).items()}
            tables[table["name"]] = TableDoc(
                table["name"], " ".join(str(table.get("description", "")).split()), columns,
                path.parent.name,
            )
    return tables


def public_tables() -> tuple[str, ...]:
    """The tables and views analysts read."""
    return tuple(
        name for name, table in documented_tables().items()
        if not name.startswith(_INTERNAL_PREFIX) and table.layer not in _INTERNAL_LAYERS
    )


def mart_tables() -> tuple[str, ...]:
    """The marts: the claim tables, incidents, agreement, timeline and the views over them."""
    return tuple(name for name, table in documented_tables().items() if table.layer == "marts")
