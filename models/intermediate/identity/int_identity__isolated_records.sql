/*
    One row per record isolated by a never-merge override (seed
    identity_overrides, override_type never_merge): record b of each pair keeps
    its own customer. Read by int_identity__usable_identifiers (it carries no
    usable identifier) and int_identity__anchors (it gets no probabilistic edge).
*/
with

overrides as (
    select * from {{ ref('identity_overrides') }}
),

final as (
    select distinct
        source_b || ':' || source_record_id_b as record_key,
        reason
    from overrides
    where override_type = 'never_merge'
)

select * from final
