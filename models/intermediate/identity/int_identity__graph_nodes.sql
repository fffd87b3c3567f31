/*
    One row per identity-graph node (usable identifier or record anchor) with a
    dense integer id in a deterministic order: the stitching works on integers.
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
    select dst_node_key as node_key from edges
    union
    select anchor_node_key as node_key from anchors
),

final as (
    select
        node_key,
        row_number() over (order by node_key) as node_id
    from node_keys
)

select * from final
