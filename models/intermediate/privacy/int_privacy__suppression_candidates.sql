/*
    One row per salted hash the erasure step adds to privacy.suppression_list:
    every erased record key (hash_kind record) and every usable identifier of an
    erased record (hash_kind = identifier type; cut / shared identifiers such as
    a household mailbox are left out, so they never suppress another person).
    Hashes already on the list are not repeated.
*/
with

int_privacy__erased_records as (
    select * from {{ ref('int_privacy__erased_records') }}
),

int_privacy__erased_identifiers as (
    select * from {{ ref('int_privacy__erased_identifiers') }}
),

stg_privacy__suppression_list as (
    select * from {{ ref('stg_privacy__suppression_list') }}
),

candidate_hashes as (
    select
        record_key_hash as suppression_hash,
        'record' as hash_kind,
        erasure_request_id
    from int_privacy__erased_records
    union all
    select
        identifier_hash as suppression_hash,
        identifier_type as hash_kind,
        erasure_request_id
    from int_privacy__erased_identifiers
),

distinct_hashes as (
    select
        suppression_hash,
        min(hash_kind) as hash_kind,
        min(erasure_request_id) as erasure_request_id
    from candidate_hashes
    group by suppression_hash
),

final as (
    select
        distinct_hashes.suppression_hash,
        distinct_hashes.hash_kind,
        distinct_hashes.erasure_request_id,
        {{ as_of_date() }} as added_as_of
    from distinct_hashes
    left join stg_privacy__suppression_list
        on distinct_hashes.suppression_hash = stg_privacy__suppression_list.suppression_hash
    where stg_privacy__suppression_list.suppression_hash is null
)

select * from final
