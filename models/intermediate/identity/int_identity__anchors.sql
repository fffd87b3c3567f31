/*
    One row per identity-bearing record with its anchor node in the identity
    graph: the smallest usable identifier it carries, or the record itself
    ('record:<record_key>') when it carries none (or is isolated by a never-merge
    override). A record belongs to the component of its anchor.
    Also: how widely its identifiers are shared, whether it is isolated, and how
    many of its identifiers were cut as shared (inputs of the probabilistic tier).
*/
with

records as (
    select * from {{ ref('int_identity__records') }}
),

usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

isolated_records as (
    select * from {{ ref('int_identity__isolated_records') }}
),

record_identifiers as (
    select * from {{ ref('int_identity__record_identifiers') }}
),

guards as (
    select * from {{ ref('int_identity__identifier_guards') }}
),

-- records that carry an identifier cut as shared (a household address, ...)
records_with_shared as (
    select
        record_identifiers.record_key,
        count(*) as n_shared_identifiers
    from record_identifiers
    inner join guards
        on record_identifiers.node_key = guards.node_key
    where guards.is_shared
    group by record_identifiers.record_key
),

final as (
    select
        records.record_key,
        records.source,
        records.source_record_id,
        records.records_represented,
        coalesce(min(usable_identifiers.node_key), 'record:' || records.record_key) as anchor_node_key,
        count(usable_identifiers.node_key) as n_usable_identifiers,
        coalesce(max(usable_identifiers.records_sharing_identifier), 1) as max_records_sharing_identifier,
        isolated_records.record_key is not null as is_isolated,
        coalesce(records_with_shared.n_shared_identifiers, 0) as n_shared_identifiers
    from records
    left join usable_identifiers
        on records.record_key = usable_identifiers.record_key
    left join isolated_records
        on records.record_key = isolated_records.record_key
    left join records_with_shared
        on records.record_key = records_with_shared.record_key
    group by
        records.record_key,
        records.source,
        records.source_record_id,
        records.records_represented,
        isolated_records.record_key,
        records_with_shared.n_shared_identifiers
)

select * from final
