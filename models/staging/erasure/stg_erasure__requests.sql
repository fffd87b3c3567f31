with

base as (
    select * from {{ ref('base_erasure__requests') }}
),

final as (
    select
        -- ids
        erasure_request_id,
        shop_customer_id,
        is_shop_customer_id_junk,

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
        has_usable_identifier,

        -- strings
        regulation,
        is_regulation_invalid,

        -- timestamps
        case when not {{ is_future_timestamp('requested_at') }} then requested_at end as requested_at,
        {{ is_future_timestamp('requested_at') }} as is_requested_at_future,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
