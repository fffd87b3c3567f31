with

base as (
    select * from {{ ref('base_web__events') }}
),

final as (
    select
        -- ids
        web_event_id,
        anonymous_id,
        shop_customer_id,
        shop_product_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,

        -- strings
        event_type,
        event_name,
        page_url,
        utm_source,
        utm_medium,
        utm_campaign,
        device_type,

        -- timestamps
        event_at,
        received_at,

        -- lineage
        _source_file,
        _source_row,
        _build_seq
    from base
    where reject_reason is null
)

select * from final
