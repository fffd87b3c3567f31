/*
    The stitching identifies graph nodes by a 64-bit hash of their key (macro
    identity_node_id). Two different keys with one id would be merged into one
    customer, so any such collision fails the build. Each row returned is an id
    shared by several node keys (expected: never; about 3 in a million at 10M
    nodes). Every node is checked: edge ends and record anchors.
*/
with

edges as {{ not_materialized() }} (
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
        {{ identity_node_id('node_key') }} as node_id,
        count(*) as n_node_keys,
        'node id shared by several identity-graph node keys' as message
    from node_keys
    group by {{ identity_node_id('node_key') }}
    having count(*) > 1
)

select * from final
