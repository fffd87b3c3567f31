/*
    One row per usable identifier (shop account id, email match key, E.164
    phone, social handle) of an erased record, with its salted hash. Cut /
    shared identifiers (a household mailbox) are not here, so they never
    suppress another person. Holds clear values only while an erasure is being
    carried out: after the erasure step the next build finds nothing to erase
    and this table is empty.
*/
with

int_privacy__erased_records as (
    select * from {{ ref('int_privacy__erased_records') }}
),

int_identity__usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

identifiers as (
    select
        int_identity__usable_identifiers.node_key,
        min(int_identity__usable_identifiers.identifier_type) as identifier_type,
        min(int_privacy__erased_records.erasure_request_id) as erasure_request_id
    from int_privacy__erased_records
    inner join int_identity__usable_identifiers
        on int_privacy__erased_records.record_key = int_identity__usable_identifiers.record_key
    group by int_identity__usable_identifiers.node_key
),

final as (
    select
        erasure_request_id,
        identifier_type,
        node_key,
        lower(substr(node_key, length(identifier_type) + 2)) as identifier_value,
        {{ pseudonymize('node_key') }} as identifier_hash
    from identifiers
)

select * from final
