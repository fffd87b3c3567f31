with

base as (
    select * from {{ ref('base_support__tickets') }}
),

final as (
    select
        -- ids
        support_ticket_id,
        shop_customer_id,

        -- contact
        requester_email,
        case when not is_requester_email_junk then requester_email_match_key end as requester_email_match_key,
        is_requester_email_valid,
        is_requester_email_junk,
        requester_phone_e164,
        case when not is_requester_phone_junk then requester_phone_e164 end as requester_phone_match_key,
        is_requester_phone_valid,
        is_requester_phone_junk,
        is_requester_phone_international,

        -- names
        requester_name,
        case when not is_requester_name_junk then requester_name_key end as requester_name_key,

        -- strings
        channel,
        category,
        priority,
        status,

        -- numerics
        csat_score,

        -- booleans
        is_csat_score_invalid,

        -- timestamps
        created_at,
        solved_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
