/*
    One row per identity-graph node with its connected component: the stitching.
    Steps: encode node keys as integers (dense, deterministic order) -> connected
    components to a fixed point (macro connected_components; fails loudly when
    var identity_max_iterations passes do not reach it) -> decode.
    `iteration` is the pass in which the node got its final label; the graph
    health model reports the maximum as the iteration count.
*/
with

edges as (
    select * from {{ ref('int_identity__edges') }}
),

anchors as (
    select * from {{ ref('int_identity__anchors') }}
),

node_keys as (
    select src_node_key as node_key from edges
    union
    select dst_node_key from edges
    union
    select anchor_node_key from anchors
),

nodes as (
    select
        node_key,
        row_number() over (order by node_key) as node_id
    from node_keys
),

-- used inside the connected_components macro, which sqlfluff cannot parse (USING KEY)
encoded_edges as (  -- noqa: ST03
    select distinct
        src.node_id as src_id,
        dst.node_id as dst_id
    from edges
    inner join nodes as src
        on edges.src_node_key = src.node_key
    inner join nodes as dst
        on edges.dst_node_key = dst.node_key
),

components as (
    {{ connected_components('nodes', 'encoded_edges', var('identity_max_iterations')) }}  -- noqa: PRS
),

final as (
    select
        nodes.node_key,
        nodes.node_id,
        components.component_id,
        components.iteration
    from nodes
    inner join components
        on nodes.node_id = components.node_id
)

select * from final
