with

base as (
    select * from {{ ref('base_shop__orders') }}
),

final as (
    select
        -- ids
        shop_order_id,
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

        -- address
        shipping_city,
        shipping_postal_code,
        shipping_country_code,

        -- strings
        status,
        currency,
        channel,

        -- numerics
        subtotal,
        discount,
        tax,
        shipping,
        total,
        refunded_amount,

        -- booleans
        is_guest_checkout,

        -- timestamps
        ordered_at,

        -- lineage
        _source_file,
        _source_row,
        _build_seq
    from base
    where reject_reason is null
)

select * from final
