"""macro edit_distance_within(a, b, k) is exactly levenshtein(a, b) <= k.

Its length and pieces conditions only exist to skip the edit distance, so they
must never reject a pair within k edits. The macro file is rendered as the models
render it (inline pieces, and pieces precomputed by edit_distance_pieces) and run on
DuckDB over 30,000 random pairs: small alphabets and near copies (one to four random
edits of the same string), multi-byte characters, empty strings and nulls. The
other engines run the same SQL in the cross-engine build (int_identity__probabilistic_pairs).
"""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import jinja2
import pytest

ROOT = Path(__file__).resolve().parents[2]
MACROS = (ROOT / "macros/identity/edit_distance_within.sql").read_text()


def _render(call: str) -> str:
    return jinja2.Environment().from_string(MACROS + "{{ " + call + " }}").render().strip()


def _edit(rng: random.Random, text: str, alphabet: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        op = rng.choice("sid")
        at = rng.randint(0, len(chars))
        if op == "i" or not chars:
            chars.insert(at, rng.choice(alphabet))
        elif op == "d":
            del chars[min(at, len(chars) - 1)]
        else:
            chars[min(at, len(chars) - 1)] = rng.choice(alphabet)
    return "".join(chars)


def _pairs() -> list[tuple[str | None, str | None]]:
    rng = random.Random(20261202)
    pairs: list[tuple[str | None, str | None]] = []
    for n in range(30_000):
        alphabet = rng.choice(["ab", "abcde", "abcdefghijklmnopqrstuvwxyz.0123", "aéb日", "ñnß"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        b = _edit(rng, a, alphabet, rng.randint(1, 4)) if n % 2 else "".join(
            rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        pairs.append((a, b))
    pairs += [("john.smith1987", "jonh.smith1987"), ("john.smith1987", "john.smith2001"), ("", ""), ("a", ""),
              ("ab", "ba"), ("a", None), (None, "b"), (None, None)]
    return pairs


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    con.execute("create table pairs (n integer, a varchar, b varchar)")
    con.executemany("insert into pairs values (?, ?, ?)", [(n, a, b) for n, (a, b) in enumerate(_pairs())])
    return con


@pytest.mark.parametrize("max_edits", [1, 2, 3])
def test_equals_levenshtein(con, max_edits):
    inline = _render(f"edit_distance_within('pairs.a', 'pairs.b', {max_edits})")
    pieces = _render(f"edit_distance_pieces('pairs.a', {max_edits}, 'a_piece')")
    precut = _render(f"edit_distance_within('cut.a', 'cut.b', {max_edits}, 'cut.a_piece')")
    rows = con.execute(f"""
        select pairs.n, levenshtein(pairs.a, pairs.b) <= {max_edits}, {inline}, cut_within
        from pairs
        inner join (
            select n, {precut} as cut_within from (select *, {pieces} from pairs) as cut
        ) as cut_pairs on pairs.n = cut_pairs.n
        order by pairs.n
    """).fetchall()
    assert len(rows) == len(_pairs())
    # with a null the distance is null, the macro null or false: neither holds
    wrong = [row for row in rows if bool(row[1]) != bool(row[2]) or bool(row[1]) != bool(row[3])]
    assert wrong == []
    assert [row[1:] for row in rows if row[1] is None] == [(None, False, False)] * 3
    within = sum(1 for row in rows if row[1])
    assert 0.1 < within / len(rows) < 0.9, "the pairs should mix near and far strings"


def test_pieces_rule_out_far_pairs(con):
    """The point of the macro: most pairs beyond two edits never reach the distance."""
    pieces = _render("edit_distance_pieces('pairs.a', 2, 'a_piece')")
    condition = _render("edit_distance_within('cut.a', 'cut.b', 2, 'cut.a_piece')")
    before_distance = condition.rsplit("and levenshtein", 1)[0] + ")"
    far, reached = con.execute(f"""
        select count(*), count(*) filter (where {before_distance})
        from (select *, {pieces} from pairs) as cut
        where levenshtein(a, b) > 4 and length(a) >= 12
    """).fetchone()
    assert far > 1000
    assert reached / far < 0.2
