{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_key_replace_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='anonymous_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('web_event_id') }}",
) }}

/*
    One row per good web event with its web session: the sessionization of
    int_customer_web_events, which depends on one browser's events only, kept
    apart from identity so that an incremental run re-sessionizes only the
    browsers whose events changed (at 1M customers the two window sorts over 32M
    events were the slowest step of an incremental build).
    Sessionization: events of one anonymous_id (browser) in (event_at,
    web_event_id) order; a session starts at the first event and whenever the gap
    to the previous event exceeds var web_session_gap_minutes (default 30; a gap
    of exactly 30 minutes stays in the session).
    Every event of stg_web__events is sessionized, also those after the as-of
    date (the one-day tolerance staging keeps): they sort after every event
    before it, so cutting them afterwards (int_customer_web_events) gives the
    earlier events the same sessions as cutting them first.

    Incremental run (unique_key anonymous_id, the browser's rows replaced):
    1. changed: every stg row whose lineage (_source_file, _source_row) the
       model lacks (a new or late event, a row valid again now that the as-of
       date moved, the copy that wins after the first copy was erased) and every
       model row whose lineage left stg_web__events (erased, rejected);
    2. the browsers of those rows, all their events re-sessionized;
    3. a browser with no event left gets one row with a null web_event_id, which
       the post-hook deletes after the replace (a tombstone: replacing by key
       cannot delete a key that is not in the batch).
    Changing var web_session_gap_minutes needs --full-refresh.
*/
with

{% if is_incremental() %}

    -- stg_web__events is read twice below, each time only the columns needed
    -- (a shared CTE of all its columns was materialized: 8 of 17 s at 1M)
    staged as (
        select
            anonymous_id,
            _source_file,
            _source_row
        from {{ ref('stg_web__events') }}
    ),

    kept as (
        select
            anonymous_id,
            _source_file,
            _source_row
        from {{ this }}
    ),

    changed_browsers as (
        select distinct coalesce(staged.anonymous_id, kept.anonymous_id) as anonymous_id
        from staged
        full outer join kept
            on
                staged._source_file = kept._source_file
                and staged._source_row = kept._source_row
        where staged._source_row is null or kept._source_row is null
    ),

    events as (
        select stg_web__events.*
        from {{ ref('stg_web__events') }} as stg_web__events
        inner join changed_browsers
            on stg_web__events.anonymous_id = changed_browsers.anonymous_id
    ),

    -- changed browsers with no event left: their tombstones
    emptied_browsers as (
        select changed_browsers.anonymous_id
        from changed_browsers
        left join (select distinct events.anonymous_id from events) as remaining
            on changed_browsers.anonymous_id = remaining.anonymous_id
        where remaining.anonymous_id is null
    ),

{% else %}

events as (
    select * from {{ ref('stg_web__events') }}
),

{% endif %}

with_gaps as (
    select
        web_event_id,
        anonymous_id,
        event_type,
        event_name,
        -- the page's category (/c/<category>), taken here so the windows sort a
        -- short value instead of the whole URL
        nullif(regexp_extract(page_url, '/c/([^/?#]+)', 1), '') as page_category,
        shop_product_id,
        device_type,
        event_at,
        _source_file,
        _source_row,
        lag(event_at) over (
            partition by anonymous_id order by event_at, web_event_id
        ) as previous_event_at
    from events
),

session_starts as (
    select
        *,
        coalesce(
            previous_event_at is null
            or event_at > previous_event_at + to_minutes(cast({{ var('web_session_gap_minutes', 30) }} as integer)),
            true
        ) as is_session_start
    from with_gaps
),

numbered as (
    select
        *,
        cast(sum(cast(is_session_start as integer)) over (
            partition by anonymous_id order by event_at, web_event_id
            rows between unbounded preceding and current row
        ) as bigint) as session_number
    from session_starts
),

final as (
    select
        web_event_id,
        anonymous_id,
        session_number,
        is_session_start,
        event_type,
        event_name,
        page_category,
        shop_product_id,
        device_type,
        event_at,
        _source_file,
        _source_row
    from numbered

    {% if is_incremental() %}
        union all
        -- tombstones, deleted by the post-hook
        select
            cast(null as {{ dbt.type_string() }}) as web_event_id,
            emptied_browsers.anonymous_id,
            cast(null as bigint) as session_number,
            cast(null as boolean) as is_session_start,
            cast(null as {{ dbt.type_string() }}) as event_type,
            cast(null as {{ dbt.type_string() }}) as event_name,
            cast(null as {{ dbt.type_string() }}) as page_category,
            cast(null as {{ dbt.type_string() }}) as shop_product_id,
            cast(null as {{ dbt.type_string() }}) as device_type,
            cast(null as timestamp) as event_at,
            cast(null as {{ dbt.type_string() }}) as _source_file,
            cast(null as bigint) as _source_row
        from emptied_browsers
    {% endif %}
)

select * from final
