with

base as (
    select * from {{ ref('base_email__events') }}
),

final as (
    select
        -- ids
        email_event_id,
        campaign_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,

        -- strings
        campaign_name,
        event_type,
        link_url,

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
