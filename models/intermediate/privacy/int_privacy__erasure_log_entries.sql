/*
    One row per erasure request, kind and source that the erasure step appends to
    privacy.erasure_log: records removed (web_events and app_events count raw
    events of the erased browsers / devices, every other source its rows),
    regulation and requested_at of the request (for a suppressed reappearance:
    those of the original request, from the log), processed as of the as-of date.
    Entries already logged for the same as-of date are not repeated.
*/
with

int_privacy__erased_records as {{ not_materialized() }} (
    select * from {{ ref('int_privacy__erased_records') }}
),

stg_erasure__requests as (
    select * from {{ ref('stg_erasure__requests') }}
),

stg_privacy__erasure_log as {{ not_materialized() }} (
    select * from {{ ref('stg_privacy__erasure_log') }}
),

stg_web__events as (
    select * from {{ ref('stg_web__events') }}
),

stg_app__events as (
    select * from {{ ref('stg_app__events') }}
),

-- web and app records are browsers / devices: their removed events, counted only
-- for the erased ones (no per-browser aggregation of every event)
erased_events as (
    select
        int_privacy__erased_records.erasure_request_id,
        int_privacy__erased_records.erasure_kind,
        int_privacy__erased_records.source,
        count(*) as records_removed
    from int_privacy__erased_records
    inner join stg_web__events
        on int_privacy__erased_records.source_record_id = stg_web__events.anonymous_id
    where int_privacy__erased_records.source = 'web_events'
    group by
        int_privacy__erased_records.erasure_request_id,
        int_privacy__erased_records.erasure_kind,
        int_privacy__erased_records.source
    union all
    select
        int_privacy__erased_records.erasure_request_id,
        int_privacy__erased_records.erasure_kind,
        int_privacy__erased_records.source,
        count(*) as records_removed
    from int_privacy__erased_records
    inner join stg_app__events
        on int_privacy__erased_records.source_record_id = stg_app__events.device_id
    where int_privacy__erased_records.source = 'app_events'
    group by
        int_privacy__erased_records.erasure_request_id,
        int_privacy__erased_records.erasure_kind,
        int_privacy__erased_records.source
),

-- every other source: one record per row
erased_rows as (
    select
        erasure_request_id,
        erasure_kind,
        source,
        count(*) as records_removed
    from int_privacy__erased_records
    where source not in ('web_events', 'app_events')
    group by
        erasure_request_id,
        erasure_kind,
        source
),

removed as (
    select
        erasure_request_id,
        erasure_kind,
        source,
        cast(records_removed as {{ dbt.type_bigint() }}) as records_removed
    from erased_events
    union all
    select
        erasure_request_id,
        erasure_kind,
        source,
        cast(records_removed as {{ dbt.type_bigint() }}) as records_removed
    from erased_rows
),

logged_requests as (
    select
        erasure_request_id,
        min(regulation) as regulation,
        min(requested_at) as requested_at
    from stg_privacy__erasure_log
    where erasure_kind = 'request'
    group by erasure_request_id
),

final as (
    select
        removed.erasure_request_id,
        removed.erasure_kind,
        coalesce(stg_erasure__requests.regulation, logged_requests.regulation) as regulation,
        coalesce(stg_erasure__requests.requested_at, logged_requests.requested_at) as requested_at,
        {{ as_of_date() }} as processed_as_of,
        removed.source,
        removed.records_removed
    from removed
    left join stg_erasure__requests
        on removed.erasure_request_id = stg_erasure__requests.erasure_request_id
    left join logged_requests
        on removed.erasure_request_id = logged_requests.erasure_request_id
    left join stg_privacy__erasure_log
        on removed.erasure_request_id = stg_privacy__erasure_log.erasure_request_id
            and removed.erasure_kind = stg_privacy__erasure_log.erasure_kind
            and removed.source = stg_privacy__erasure_log.source
            and stg_privacy__erasure_log.processed_as_of = {{ as_of_date() }}
    where stg_privacy__erasure_log.erasure_request_id is null
)

select * from final
