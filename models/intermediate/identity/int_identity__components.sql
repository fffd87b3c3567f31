/*
    One row per identity-graph node that has an edge, with its connected
    component: the stitching. The model selects the edge list; the
    materialization connected_components (macros/identity) encodes node keys
    as 64-bit ids (macro identity_node_id), contracts the graph to its fixed
    point and fails loudly after var identity_max_iterations rounds without
    one. Nodes without an edge (a record carrying a single identifier) are
    their own component: int_identity__record_customers gives them the id of
    their anchor. `iteration` is the contraction round after which the node's
    component was one node; the graph health model reports the maximum.
*/
{{ config(
    materialized='connected_components',
    max_iterations=var('identity_max_iterations'),
) }}

with

edges as (
    select * from {{ ref('int_identity__edges') }}
),

final as (
    select
        src_node_key,
        dst_node_key
    from edges
)

select * from final
