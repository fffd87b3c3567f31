"""CSV output that is safe to open in a spreadsheet (CSV / formula injection).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is one a spreadsheet may run as a formula; ``neutralize`` prefixes it with a single
quote (``'=1+1`` shows as text). Every CSV the project writes for people or tools
goes through ``write_csv`` (the export command, ...). The only exception is the
demo generator (``python_helpers/generator``): its files stand in for the source
systems' own exports and are read back by the loader byte for byte (a phone
``+4930...`` or a refund ``-5.00`` must stay as delivered); they are never an
export of warehouse data.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

DANGEROUS_FIRST_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """The value to write: text starting with a formula character gets a leading quote;
    None, numbers and other text are returned unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST_CHARACTERS):
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write header + rows (UTF-8, comma, minimal quoting) with every cell neutralized,
    the header included; returns the number of data rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([neutralize(h) for h in header])
        for row in rows:
            writer.writerow(["" if v is None else neutralize(v if isinstance(v, str) else str(v)) for v in row])
            n += 1
    return n
