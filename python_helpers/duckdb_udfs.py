"""dbt-duckdb plugin: SQL functions DuckDB lacks, registered on every connection.

Listed under ``plugins`` in ``profiles.yml``. Only ``c360_nfkc`` exists today:
Unicode NFKC normalization (DuckDB ships only NFC), used through the
``normalize_unicode`` macro so other engines can use their own function.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection
from duckdb.sqltypes import VARCHAR


def nfkc(values: pa.Array) -> pa.Array:
    """Vectorized NFKC normalization (nulls stay null)."""
    return pc.utf8_normalize(values, form="NFKC")


def register_udfs(conn: DuckDBPyConnection) -> None:
    conn.create_function(
        "c360_nfkc", nfkc, [VARCHAR], VARCHAR, type="arrow", null_handling="special", side_effects=False
    )


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:  # noqa: D401 - dbt hook
        self.config = plugin_config

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_udfs(conn)
