with

base as (
    select * from {{ ref('base_consent__events') }}
),

final as (
    select
        -- ids
        consent_event_id,
        shop_customer_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,
        phone_e164,
        case when not is_phone_junk then phone_e164 end as phone_match_key,
        is_phone_valid,
        is_phone_country_assumed,
        is_phone_junk,

        -- strings
        purpose,
        consent_status,
        consent_source,

        -- timestamps
        recorded_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
