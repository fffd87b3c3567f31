/*
    Identity stitching reached its fixed point: no edge of the identity graph
    joins two nodes with different component labels, and both ends of every
    edge have a label. Fails (error) when the
    stitching stopped at var identity_max_iterations before converging: raise
    the var or look for a pathological chain in int_identity__edges. Each row
    returned is an edge whose ends still disagree.
*/
with

edges as (
    select * from {{ ref('int_identity__edges') }}
),

components as {{ not_materialized() }} (
    select * from {{ ref('int_identity__components') }}
),

final as (
    select
        edges.src_node_key,
        edges.dst_node_key,
        edges.edge_rule,
        src.component_id as src_component_id,
        dst.component_id as dst_component_id,
        'identity stitching did not converge within {{ var("identity_max_iterations") }} iterations' as message
    from edges
    left join components as src
        on {{ identity_node_id('edges.src_node_key') }} = src.node_id
    left join components as dst
        on {{ identity_node_id('edges.dst_node_key') }} = dst.node_id
    where
        edges.src_node_key <> edges.dst_node_key
        and (
            src.component_id is null
            or dst.component_id is null
            or src.component_id <> dst.component_id
        )
)

select * from final
