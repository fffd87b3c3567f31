with

base as (
    select * from {{ ref('base_app__events') }}
),

final as (
    select
        -- ids
        app_event_id,
        device_id,
        shop_customer_id,

        -- strings
        event_name,
        platform,
        app_version,

        -- booleans
        push_enabled,

        -- timestamps
        event_at,

        -- lineage
        _source_file,
        _source_row,
        _build_seq
    from base
    where reject_reason is null
)

select * from final
