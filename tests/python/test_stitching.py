"""The connected_components materialization (identity stitching) on graphs built
to be hard: long chains, a huge star, a dense clique, random sparse graphs,
duplicate edges and self-loops. Its partition must equal an independent
union-find's, it must reach the fixed point, and it must fail loudly when the
iteration guard is too small."""

from __future__ import annotations

import random

import duckdb
import pandas as pd
import pytest

from python_helpers import pipeline


def _hard_graph() -> list[tuple[str, str]]:
    rng = random.Random(20261201)
    edges: list[tuple[str, str]] = []
    # a chain of 3,000 nodes whose keys sort along the chain (worst case for min-label propagation)
    edges += [(f"chain:{i:05d}", f"chain:{i + 1:05d}") for i in range(2999)]
    # the same length with keys in random order
    order = list(range(3000))
    rng.shuffle(order)
    edges += [(f"shuffled:{order[i]}", f"shuffled:{order[i + 1]}") for i in range(2999)]
    # a star: one junk-like identifier shared by 20,000 records
    edges += [("email:orders@shop.example", f"record:web:{i}") for i in range(20000)]
    # a clique of 60
    edges += [(f"clique:{a}", f"clique:{b}") for a in range(60) for b in range(a + 1, 60)]
    # a binary tree of depth 12
    edges += [(f"tree:{i}", f"tree:{2 * i + k}") for i in range(1, 2**12) for k in (0, 1)]
    # a random sparse graph: many small and a few larger components
    edges += [(f"rnd:{rng.randrange(30000)}", f"rnd:{rng.randrange(30000)}") for _ in range(24000)]
    # duplicates (both directions) and self-loops change nothing
    edges += [(b, a) for a, b in rng.sample(edges, 5000)]
    edges += [(f"self:{i}", f"self:{i}") for i in range(50)]
    edges += [("unicode:名字", "unicode:José"), ("long:" + "x" * 5000, "unicode:José")]
    return edges


def _union_find(edges: list[tuple[str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _partition(labels: dict[str, object]) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for key, label in labels.items():
        groups.setdefault(label, set()).add(key)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def graph_warehouse(tmp_path_factory) -> tuple[pipeline.Warehouse, list[tuple[str, str]]]:
    root = tmp_path_factory.mktemp("stitching")
    warehouse = pipeline.Warehouse(root / "graph.duckdb", root / "target")
    edges = _hard_graph()
    con = duckdb.connect(str(warehouse.db_path))
    try:
        con.execute("create schema intermediate")
        frame = pd.DataFrame(edges, columns=["src_node_key", "dst_node_key"])  # noqa: F841 (read by DuckDB)
        con.execute("create table intermediate.int_identity__edges as select * from frame")
    finally:
        con.close()
    return warehouse, edges


def _components(warehouse: pipeline.Warehouse, edges: list[tuple[str, str]]) -> tuple[dict[str, int], int]:
    con = duckdb.connect(str(warehouse.db_path), read_only=True)
    try:
        keys = pd.DataFrame({"node_key": sorted({k for e in edges for k in e})})  # noqa: F841
        rows = con.execute(
            "select keys.node_key, c.component_id from keys"
            " left join intermediate.int_identity__components as c on hash(keys.node_key) = c.node_id"
        ).fetchall()
        rounds = con.execute("select max(iteration) from intermediate.int_identity__components").fetchone()[0]
    finally:
        con.close()
    return dict(rows), rounds


def test_partition_equals_union_find_on_hard_graphs(graph_warehouse):
    warehouse, edges = graph_warehouse
    run = warehouse.dbt("run", "--select", "int_identity__components")
    assert run.returncode == 0, run.stdout[-4000:]
    labels, rounds = _components(warehouse, edges)
    expected = _union_find(edges)
    # every node with a real edge is labelled; a node that only has a self-loop is its own component
    unlabelled = {k for k, v in labels.items() if v is None}
    assert unlabelled == {f"self:{i}" for i in range(50)}
    labels.update({k: f"self-only:{k}" for k in unlabelled})
    assert _partition(labels) == _partition(expected)
    print(f"\n{len(expected):,} nodes, {len(set(expected.values())):,} components, {rounds} rounds")
    # random contraction: a 3,000-node chain needs about log(3000) rounds, not 3,000
    assert rounds <= 40


def test_iteration_guard_fails_loudly(graph_warehouse):
    warehouse, edges = graph_warehouse
    run = warehouse.dbt("run", "--select", "int_identity__components", "--vars", "{identity_max_iterations: 2}")
    assert run.returncode != 0
    assert "did not converge within 2 iterations" in run.stdout
    assert "edges still join different labels" in run.stdout
