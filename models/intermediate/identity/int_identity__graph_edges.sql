/*
    One row per directed edge of the identity graph in integer form: every edge
    of int_identity__edges in both directions, once. Materialized so the
    stitching's recursion reads a table instead of re-deriving it every pass.
*/
with

edges as (
    select * from {{ ref('int_identity__edges') }}
),

nodes as (
    select * from {{ ref('int_identity__graph_nodes') }}
),

encoded as (
    select
        src.node_id as src_id,
        dst.node_id as dst_id
    from edges
    inner join nodes as src
        on edges.src_node_key = src.node_key
    inner join nodes as dst
        on edges.dst_node_key = dst.node_key
),

final as (
    select
        src_id,
        dst_id
    from encoded
    union
    select
        dst_id as src_id,
        src_id as dst_id
    from encoded
)

select * from final
