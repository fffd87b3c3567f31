"""The raw-data contract, read from the dbt source YAML files.

The YAML under ``models/staging/<system>/_<system>__sources.yml`` is the single
place the contract is written down: each raw file is a source table whose
``identifier`` is the file name, and each column carries ``meta.required`` and
``meta.type``. The loader, the docs and the tests all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
STAGING_DIR = REPO_ROOT / "models" / "staging"
# dbt sources that are not raw files: the loader's bookkeeping and the privacy state (schema privacy)
BOOKKEEPING_SOURCES = {"loader", "privacy"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    description: str = ""


@dataclass(frozen=True)
class SourceTable:
    system: str  # dbt source name, e.g. "shop"
    table: str  # dbt table name, e.g. "customers"
    file_name: str  # raw file / table name, e.g. "shop_customers"
    description: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


@lru_cache(maxsize=1)
def load_contract(staging_dir: Path = STAGING_DIR) -> tuple[SourceTable, ...]:
    """Every raw source table of the contract, in a stable order."""
    tables: list[SourceTable] = []
    for path in sorted(staging_dir.glob("*/_*__sources.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in doc.get("sources", []):
            if source["name"] in BOOKKEEPING_SOURCES:
                continue
            for table in source.get("tables", []):
                columns = tuple(
                    Column(
                        name=col["name"],
                        type=(col.get("meta") or {}).get("type", "string"),
                        required=bool((col.get("meta") or {}).get("required", False)),
                        description=col.get("description", ""),
                    )
                    for col in table.get("columns", [])
                )
                tables.append(
                    SourceTable(
                        system=source["name"],
                        table=table["name"],
                        file_name=table.get("identifier", table["name"]),
                        description=table.get("description", ""),
                        columns=columns,
                    )
                )
    return tuple(sorted(tables, key=lambda t: t.file_name))


def contract_by_file() -> dict[str, SourceTable]:
    return {t.file_name: t for t in load_contract()}


def render_markdown() -> str:
    """The raw-data contract as README markdown (a test keeps the README in sync)."""
    lines: list[str] = []
    for table in load_contract():
        key = table.columns[0].name if table.columns else ""
        lines.append(f"#### `{table.file_name}` — {table.description}")
        lines.append("")
        lines.append("| column | type | meaning |")
        lines.append("|---|---|---|")
        for col in table.columns:
            star = "*" if col.required else ""
            marker = " (key)" if col.name == key else ""
            lines.append(f"| `{col.name}`{star} | {col.type} | {col.description.strip()}{marker} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def register(sub) -> None:
    p = sub.add_parser("contract", help="print the raw-data contract as markdown (the README's copy)")
    p.set_defaults(func=lambda args: print(render_markdown(), end="") or 0)
