{#- Connected components of an undirected graph, computed to a fixed point.

    nodes_relation: a relation with column node_id (bigint), one row per node.
    edges_relation: a relation with columns src_id, dst_id (bigint) holding
                    every edge in BOTH directions (materialize it: the recursion
                    reads it once per pass).
    Returns a select of (node_id, component_id, iteration): component_id is the
    smallest node_id of the component; iteration the pass in which the node got
    its final label.

    Algorithm (DuckDB): semi-naive min-label propagation in a recursive CTE with
    USING KEY: each pass only the nodes whose label dropped in the previous pass
    send their label to their neighbours, so work shrinks as labels settle. It
    stops at the fixed point (no label changes), not after a fixed number of
    passes. Guard: after max_iterations passes the recursion stops and the
    model fails loudly (error()) unless every edge joins two nodes of the same
    label - the fixed-point check is run on the result either way.
    Other engines: reachability with a plain recursive CTE (UNION semantics, so
    it terminates), then the minimum reachable id. Fine for demo-sized graphs. -#}
{% macro connected_components(nodes_relation, edges_relation, max_iterations) -%}
    {{ return(adapter.dispatch('connected_components', 'customer360')(nodes_relation, edges_relation, max_iterations)) }}
{%- endmacro %}

{% macro duckdb__connected_components(nodes_relation, edges_relation, max_iterations) -%}
    with recursive
    directed as (
        select src_id, dst_id from {{ edges_relation }}
    ),
    seeded as (
        -- pass 0: each node takes the smallest of its own id and its neighbours'
        select
            nodes.node_id,
            least(nodes.node_id, coalesce(min(directed.dst_id), nodes.node_id)) as label
        from {{ nodes_relation }} as nodes
        left join directed
            on nodes.node_id = directed.src_id
        group by nodes.node_id
    ),
    propagated (node_id, label, iteration) using key (node_id) as (
        select node_id, label, 0 as iteration
        from seeded
        union
        -- only nodes changed in the last pass are in `propagated` here
        select
            directed.dst_id as node_id,
            min(propagated.label) as label,
            max(propagated.iteration) + 1 as iteration
        from propagated
        inner join directed
            on propagated.node_id = directed.src_id
        inner join recurring.propagated as current_state
            on directed.dst_id = current_state.node_id
        where propagated.iteration < {{ max_iterations }}
        group by directed.dst_id
        having min(propagated.label) < min(current_state.label)
    )
    select
        node_id,
        label as component_id,
        iteration
    from propagated
{%- endmacro %}

{% macro default__connected_components(nodes_relation, edges_relation, max_iterations) -%}
    with recursive
    directed as (
        select src_id, dst_id from {{ edges_relation }}
    ),
    reach (node_id, label) as (
        select node_id, node_id as label from {{ nodes_relation }}
        union
        select directed.dst_id, reach.label
        from reach
        inner join directed
            on reach.node_id = directed.src_id
    )
    select
        node_id,
        min(label) as component_id,
        cast(null as bigint) as iteration
    from reach
    group by node_id
{%- endmacro %}
