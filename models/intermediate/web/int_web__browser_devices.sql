{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_key_replace_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='anonymous_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('events_fingerprint') }}",
) }}

/*
    One row per browser (anonymous_id) and device type: its events with a
    device type up to the as-of date. The feature models sum these per customer
    for the primary device.
    events_fingerprint: bit_xor of row_hash(web_event_id, anonymous_id,
    device_type, event_at) over the row's events. Incremental run, as
    int_web__sessions: the browsers whose fold over stg_web__events (events
    with a device type, cut at the as-of date) differs from the fold of their
    rows here are counted again (macro incremental_changed_browsers); a browser
    left with none gets a tombstone (null events_fingerprint) that the replace
    uses and the post-hook deletes.
*/
with

{% if is_incremental() %}

    staged_fingerprints as (
        select
            anonymous_id,
            bit_xor({{ row_hash(['web_event_id', 'anonymous_id', 'device_type', 'event_at']) }}) as events_fingerprint
        from {{ ref('stg_web__events') }}
        where device_type is not null and event_at < {{ dateadd_days(as_of_date(), 1) }}
        group by anonymous_id
    ),

    changed_browsers as (
        {{ incremental_changed_browsers('staged_fingerprints') }}
    ),

    events as (
        select
            stg_web__events.web_event_id,
            stg_web__events.anonymous_id,
            stg_web__events.device_type,
            stg_web__events.event_at
        from {{ ref('stg_web__events') }} as stg_web__events
        inner join changed_browsers
            on stg_web__events.anonymous_id = changed_browsers.anonymous_id
        where stg_web__events.device_type is not null and stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
    ),

{% else %}

    events as (
        select
            web_event_id,
            anonymous_id,
            device_type,
            event_at
        from {{ ref('stg_web__events') }}
        where device_type is not null and event_at < {{ dateadd_days(as_of_date(), 1) }}
    ),

{% endif %}

devices as (
    select
        anonymous_id,
        device_type,
        count(*) as web_events,
        bit_xor({{ row_hash(['web_event_id', 'anonymous_id', 'device_type', 'event_at']) }}) as events_fingerprint
    from events
    group by anonymous_id, device_type
),

final as (
    select * from devices

    {% if is_incremental() %}
        union all
        -- tombstones, deleted by the post-hook
        select
            anonymous_id,
            cast(null as {{ dbt.type_string() }}) as device_type,
            0 as web_events,
            null as events_fingerprint
        from changed_browsers
        where is_emptied
    {% endif %}
)

select * from final
