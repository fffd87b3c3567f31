{{ config(materialized='table') }}

/*
    Every raw shop account, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). stg_shop__customers keeps the good
    rows; stg_rejects keeps the others. Nothing is dropped here.
*/
with

source as (
    select * from {{ source('shop', 'customers') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('email') }} as email,
        {{ clean_text('phone') }} as phone_raw,
        {{ normalize_phone('phone', 'country') }} as phone_e164,
        {{ regexp_replace_all('phone', '[^0-9]', '') }} as phone_digits,

        -- names
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ name_match_key('first_name') }} as first_name_key,
        {{ name_match_key('last_name') }} as last_name_key,

        -- address
        {{ clean_text('city') }} as city,
        {{ clean_text('postal_code') }} as postal_code,
        upper({{ clean_text('country') }}) as country_code,

        -- booleans
        {{ parse_boolean('accepts_marketing') }} as accepts_marketing,

        -- timestamps
        {{ parse_timestamp('created_at') }} as created_at,
        {{ parse_timestamp('updated_at') }} as updated_at,

        -- raw values kept for the reject log
        customer_id as raw_customer_id,
        created_at as raw_created_at,

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
        row_number() over (
            partition by shop_customer_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        shop_customer_id as _record_id,
        {{ reject_columns([
            {'when': 'shop_customer_id is null', 'column': 'customer_id', 'value': 'raw_customer_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'customer_id', 'value': 'raw_customer_id', 'reason': 'duplicate_key'},
            {'when': 'created_at is null', 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'unparseable_timestamp'},
        ]) }}
    from checked
)

select * from final
