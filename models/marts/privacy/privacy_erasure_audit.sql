/*
    One row per erasure request, kind, processing as-of date and source: the
    audit trail of erasure (read from privacy.erasure_log, which survives every
    rebuild). No personal data: the request id, regulation, dates and counts.
    erasure_kind: request = the request was carried out; suppressed = data of an
    already erased person reappeared in raw data and was erased again.
*/
with

stg_privacy__erasure_log as (
    select * from {{ ref('stg_privacy__erasure_log') }}
),

final as (
    select
        erasure_request_id,
        erasure_kind,
        regulation,
        requested_at,
        processed_as_of,
        source,
        records_removed
    from stg_privacy__erasure_log
)

select * from final
