with

base as (
    select * from {{ ref('base_shop__customers') }}
),

final as (
    select
        -- ids
        shop_customer_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,
        phone_e164,
        case when not is_phone_junk then phone_e164 end as phone_match_key,
        is_phone_valid,
        is_phone_junk,

        -- names
        first_name,
        last_name,
        first_name_key,
        last_name_key,

        -- address
        city,
        postal_code,
        country_code,

        -- booleans
        accepts_marketing,

        -- timestamps
        case when not {{ is_future_timestamp('created_at') }} then created_at end as created_at,
        {{ is_future_timestamp('created_at') }} as is_created_at_future,
        updated_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
