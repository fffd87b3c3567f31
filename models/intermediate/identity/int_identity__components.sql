/*
    One row per identity-graph node with its connected component: the stitching.
    Steps: integer nodes and directed edges (int_identity__graph_nodes / _edges)
    -> connected components to a fixed point (macro connected_components; the
    test assert_identity_stitching_converged fails the build when var
    identity_max_iterations passes did not reach it) -> decode.
    `iteration` is the pass in which the node got its final label; the graph
    health model reports the maximum as the iteration count.
*/
with

nodes as (
    select * from {{ ref('int_identity__graph_nodes') }}
),

-- int_identity__graph_edges is read inside the macro (sqlfluff cannot parse its USING KEY)
components as (
    {{ connected_components(ref('int_identity__graph_nodes'), ref('int_identity__graph_edges'), var('identity_max_iterations')) }}  -- noqa: PRS
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
