{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key=['_source_file', '_source_row'],
    on_schema_change='fail',
    pre_hook="{{ delete_rows_gone_from_raw(source('shop', 'orders')) }}",
) }}

/*
    Every raw shop order, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type (guest checkout = no customer_id; emails and phones
    normalized like shop customers, the phone read in the shipping country;
    amounts as decimals; optional channel nulled when unknown) -> checks (email
    and phone validity and junk, currency known in seed fx_rates, copies of each
    order_id) -> reject rules, first match wins.
    Orders are EVENTS: a future ordered_at is rejected.
*/
with

source as (
    {{ incremental_raw_batch(source('shop', 'orders'), 'order_id') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('order_id') }} as shop_order_id,
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('email') }} as email,
        {{ normalize_phone('phone', 'shipping_country') }} as phone_e164,
        {{ regexp_replace_all('phone', '[^0-9]', '') }} as phone_digits,

        -- address
        {{ clean_text('shipping_city') }} as shipping_city,
        {{ clean_text('shipping_postal_code') }} as shipping_postal_code,
        upper({{ clean_text('shipping_country') }}) as shipping_country_code,

        -- strings
        lower(trim(status)) as status,
        upper(trim(currency)) as currency,
        case
            when lower(trim(channel)) in ('web', 'app', 'store') then lower(trim(channel))
        end as channel,

        -- numerics
        {{ parse_money('subtotal') }} as subtotal,
        {{ parse_money('discount') }} as discount,
        {{ parse_money('tax') }} as tax,
        {{ parse_money('shipping') }} as shipping,
        {{ parse_money('total') }} as total,
        {{ parse_money('refunded_amount') }} as refunded_amount,

        -- booleans
        {{ clean_text('customer_id') }} is null as is_guest_checkout,

        -- timestamps
        {{ parse_timestamp('ordered_at') }} as ordered_at,

        -- raw values kept for the reject log
        order_id as raw_order_id,
        ordered_at as raw_ordered_at,
        status as raw_status,
        currency as raw_currency,
        total as raw_total,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked as (
    select
        *,
        {{ email_match_key('email') }} as email_match_key,
        {{ is_valid_email('email') }} as is_email_valid,
        {{ is_junk_identifier('email', 'email') }} as is_email_junk,
        phone_e164 is not null as is_phone_valid,
        {{ is_junk_identifier('phone', 'phone_digits') }} as is_phone_junk,
        {{ is_known_currency('currency') }} as is_currency_known,
        row_number() over (
            partition by shop_order_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        shop_order_id as _record_id,
        {{ reject_columns([
            {'when': 'shop_order_id is null', 'column': 'order_id', 'value': 'raw_order_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'order_id', 'value': 'raw_order_id', 'reason': 'duplicate_key'},
            {'when': "nullif(trim(raw_ordered_at), '') is null", 'column': 'ordered_at', 'value': 'raw_ordered_at', 'reason': 'missing_required'},
            {'when': 'ordered_at is null', 'column': 'ordered_at', 'value': 'raw_ordered_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('ordered_at'), 'column': 'ordered_at', 'value': 'raw_ordered_at', 'reason': 'future_timestamp'},
            {'when': "status is null or status = ''", 'column': 'status', 'value': 'raw_status', 'reason': 'missing_required'},
            {'when': "status not in ('paid', 'refunded', 'partially_refunded', 'cancelled')", 'column': 'status', 'value': 'raw_status', 'reason': 'invalid_enum'},
            {'when': "currency is null or currency = ''", 'column': 'currency', 'value': 'raw_currency', 'reason': 'missing_required'},
            {'when': 'not is_currency_known', 'column': 'currency', 'value': 'raw_currency', 'reason': 'unknown_currency'},
            {'when': "nullif(trim(raw_total), '') is null", 'column': 'total', 'value': 'raw_total', 'reason': 'missing_required'},
            {'when': 'total is null', 'column': 'total', 'value': 'raw_total', 'reason': 'unparseable_number'},
            {'when': "total < 0 and status not in ('refunded', 'partially_refunded')", 'column': 'total', 'value': 'raw_total', 'reason': 'negative_amount'},
        ]) }},
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from checked
)

select * from final
