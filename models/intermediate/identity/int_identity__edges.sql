/*
    One row per edge of the identity graph, with the rule that made it. Nodes are
    usable identifiers ('email:ann@x.com') and, for records that carry none,
    the record itself ('record:<record_key>').

    Edges:
    1. exact      - a record that carries several usable identifiers joins them
                    (star from its anchor, the smallest of its nodes);
    2. probabilistic - an accepted pair of int_identity__probabilistic_pairs joins
                    the two records' anchors (weight kept);
    3. force_merge - a pair in seed identity_overrides (override_type force_merge).
    Never-merge pairs (override_type never_merge) isolate record b: it carries no
    usable identifier (int_identity__usable_identifiers) and gets no
    probabilistic edge, so it keeps its own customer.
*/
with

usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

anchors as {{ not_materialized() }} (
    select * from {{ ref('int_identity__anchors') }}
),

probabilistic_pairs as (
    select * from {{ ref('int_identity__probabilistic_pairs') }}
),

overrides as (
    select * from {{ ref('int_identity__overrides') }}
),

exact_edges as (
    select
        anchors.anchor_node_key as src_node_key,
        usable.node_key as dst_node_key,
        usable.matching_rule as edge_rule,
        usable.record_key,
        cast(null as double) as match_weight
    from usable_identifiers as usable
    inner join anchors
        on usable.record_key = anchors.record_key
    where usable.node_key <> anchors.anchor_node_key
),

probabilistic_edges as (
    select
        anchor_a.anchor_node_key as src_node_key,
        anchor_b.anchor_node_key as dst_node_key,
        'probabilistic' as edge_rule,
        probabilistic_pairs.record_key_a || ' ~ ' || probabilistic_pairs.record_key_b as record_key,
        probabilistic_pairs.match_weight
    from probabilistic_pairs
    inner join anchors as anchor_a
        on probabilistic_pairs.record_key_a = anchor_a.record_key
    inner join anchors as anchor_b
        on probabilistic_pairs.record_key_b = anchor_b.record_key
    where probabilistic_pairs.is_accepted

),

force_merge_edges as (
    select
        anchor_a.anchor_node_key as src_node_key,
        anchor_b.anchor_node_key as dst_node_key,
        'force_merge' as edge_rule,
        overrides.record_key_a || ' ~ ' || overrides.record_key_b as record_key,
        cast(null as double) as match_weight
    from overrides
    inner join anchors as anchor_a
        on overrides.record_key_a = anchor_a.record_key
    inner join anchors as anchor_b
        on overrides.record_key_b = anchor_b.record_key
    where overrides.override_type = 'force_merge'
),

final as (
    select * from exact_edges
    union all
    select * from probabilistic_edges
    union all
    select * from force_merge_edges
)

select * from final
