{{ config(materialized='table') }}

/*
    Every raw erasure request, typed and normalized, with the reason it cannot
    be used (reject_reason null = good row). Nothing is dropped here.
    An erasure request is a legal obligation, so it is rejected only when it
    cannot be identified or dated: missing key, a later copy of the same key
    (the first copy is kept), or an unparseable requested_at. Junk identifiers
    and an unknown regulation are flagged, never rejected; a future
    requested_at is nulled and flagged in stg.
    Steps:
    1. renamed: ids cleaned (customer_id is the shop account id), email and
       phone normalized (no country column: phones without a prefix use var
       default_phone_country and are flagged is_phone_country_assumed),
       regulation lowercased, requested_at parsed.
    2. checked: identifier match keys and junk flags, regulation outside
       gdpr|ccpa nulled and flagged, has_usable_identifier, occurrence of each
       request id in file order.
    3. final: reject rules (see above).
*/
with

source as (
    select * from {{ source('erasure', 'requests') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('request_id') }} as erasure_request_id,
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('email') }} as email,
        {{ normalize_phone('phone') }} as phone_e164,
        {{ regexp_replace_all('phone', '[^0-9]', '') }} as phone_digits,

        -- strings
        nullif(lower(trim(regulation)), '') as regulation_parsed,

        -- timestamps
        {{ parse_timestamp('requested_at') }} as requested_at,

        -- raw values kept for the reject log
        phone as raw_phone,
        request_id as raw_request_id,
        regulation as raw_regulation,
        requested_at as raw_requested_at,

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
        coalesce(phone_e164 is not null and not {{ regex_matches('trim(raw_phone)', "'^([+]|00)'") }}, false)
            as is_phone_country_assumed,
        {{ is_junk_identifier('phone', 'phone_digits') }} as is_phone_junk,
        {{ is_junk_identifier('customer_id', 'lower(shop_customer_id)') }} as is_shop_customer_id_junk,
        case when regulation_parsed in ('gdpr', 'ccpa') then regulation_parsed end as regulation,
        coalesce(regulation_parsed not in ('gdpr', 'ccpa'), false) as is_regulation_invalid,
        row_number() over (
            partition by erasure_request_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

identified as (
    select
        *,
        (email_match_key is not null and not is_email_junk)
        or (phone_e164 is not null and not is_phone_junk)
        or (shop_customer_id is not null and not is_shop_customer_id_junk) as has_usable_identifier
    from checked
),

final as (
    select
        *,
        erasure_request_id as _record_id,
        {{ reject_columns([
            {'when': 'erasure_request_id is null', 'column': 'request_id', 'value': 'raw_request_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'request_id', 'value': 'raw_request_id', 'reason': 'duplicate_key'},
            {'when': 'requested_at is null', 'column': 'requested_at', 'value': 'raw_requested_at', 'reason': 'unparseable_timestamp'},
        ]) }}
    from identified
)

select * from final
