/*
    One row per (record, identifier) that may link records: the identifier is
    within its per-record limit, not shared (int_identity__identifier_guards),
    and the record is not isolated by a never-merge override (seed
    identity_overrides: record b of a never_merge pair keeps its own customer).
*/
with

record_identifiers as (
    select * from {{ ref('int_identity__record_identifiers') }}
),

guards as (
    select * from {{ ref('int_identity__identifier_guards') }}
),

isolated_records as (
    select * from {{ ref('int_identity__isolated_records') }}
),

final as (
    select
        record_identifiers.record_key,
        record_identifiers.identifier_type,
        record_identifiers.node_key,
        record_identifiers.matching_rule,
        guards.n_records as records_sharing_identifier
    from record_identifiers
    inner join guards
        on record_identifiers.node_key = guards.node_key
    left join isolated_records
        on record_identifiers.record_key = isolated_records.record_key
    where not record_identifiers.is_over_record_limit
        and not guards.is_shared
        and isolated_records.record_key is null
)

select * from final
