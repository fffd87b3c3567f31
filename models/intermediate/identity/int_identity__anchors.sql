/*
    One row per identity-bearing record with its anchor node in the identity
    graph: the smallest usable identifier it carries, or the record itself
    ('record:<record_key>') when it carries none (or is isolated by a never-merge
    override). A record belongs to the component of its anchor.
*/
with

records as (
    select * from {{ ref('int_identity__records') }}
),

usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

overrides as (
    select * from {{ ref('identity_overrides') }}
),

isolated_records as (
    select distinct source_b || ':' || source_record_id_b as record_key
    from overrides
    where override_type = 'never_merge'
),

final as (
    select
        records.record_key,
        records.source,
        records.source_record_id,
        coalesce(min(usable_identifiers.node_key), 'record:' || records.record_key) as anchor_node_key,
        count(usable_identifiers.node_key) as n_usable_identifiers,
        coalesce(max(usable_identifiers.records_sharing_identifier), 1) as max_records_sharing_identifier,
        isolated_records.record_key is not null as is_isolated
    from records
    left join usable_identifiers
        on records.record_key = usable_identifiers.record_key
    left join isolated_records
        on records.record_key = isolated_records.record_key
    group by records.record_key, records.source, records.source_record_id, isolated_records.record_key
)

select * from final
