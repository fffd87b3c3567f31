/*
    The per-browser web aggregates account for the number of good web events up to
    the as-of date: the sessions' event counts sum to the events, the device counts
    to the events with a device, the category rows' views (null category included)
    to the category and product views. A check of totals: a lost or doubled event
    shows, a stale row with the right count does not (test_incremental.py compares
    the incremental tables with a full refresh for that). Each row returned is a
    count that disagrees.
*/
with

stg_web__events as (
    select * from {{ ref('stg_web__events') }}
    where event_at < {{ dateadd_days(as_of_date(), 1) }}
),

int_web__sessions as (
    select * from {{ ref('int_web__sessions') }}
),

int_web__browser_devices as (
    select * from {{ ref('int_web__browser_devices') }}
),

int_web__browser_categories as (
    select * from {{ ref('int_web__browser_categories') }}
),

events as (
    select
        count(*) as n_events,
        count(device_type) as n_events_with_device,
        count(*) filter (where event_name in ('Category Viewed', 'Product Viewed')) as n_views
    from stg_web__events
),

counts as (
    select
        'events vs int_web__sessions.web_events' as check_name,
        (select n_events from events) as expected_rows,
        (select cast(coalesce(sum(web_events), 0) as bigint) from int_web__sessions) as actual_rows
    union all
    select
        'events with a device vs int_web__browser_devices.web_events' as check_name,
        (select n_events_with_device from events) as expected_rows,
        (select cast(coalesce(sum(web_events), 0) as bigint) from int_web__browser_devices) as actual_rows
    union all
    select
        'category and product views vs int_web__browser_categories.category_views' as check_name,
        (select n_views from events) as expected_rows,
        (select cast(coalesce(sum(category_views), 0) as bigint) from int_web__browser_categories) as actual_rows
),

final as (
    select *
    from counts
    where expected_rows <> actual_rows
)

select * from final
