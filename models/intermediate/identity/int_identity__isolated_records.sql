/*
    One row per record isolated by a never-merge override (seed
    identity_overrides, override_type never_merge): record b of each pair keeps
    its own customer (for an email event: its address, int_identity__overrides).
    Read by int_identity__usable_identifiers (it carries no usable identifier)
    and int_identity__anchors (it gets no probabilistic edge).
*/
with

overrides as (
    select * from {{ ref('int_identity__overrides') }}
),

final as (
    select
        record_key_b as record_key,
        min(reason) as reason
    from overrides
    where override_type = 'never_merge'
    group by record_key_b
)

select * from final
