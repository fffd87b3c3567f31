{{ config(materialized='table') }}

/*
    Every raw consent event, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). Nothing is dropped here.
    Steps:
    1. renamed: ids cleaned (customer_id is the shop account id), email and
       phone normalized (no country column: phones without a prefix use var
       default_phone_country and are flagged is_phone_country_assumed),
       purpose / status / source lowercased, recorded_at parsed to UTC.
    2. checked: email match key and flags, phone flags, occurrence of each
       consent id in file order.
    3. final: reject rules, first match wins: missing key, duplicate key,
       purpose or status empty or not a documented value, recorded_at
       unparseable or in the future.
*/
with

source as (
    select * from {{ source('consent', 'events') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('consent_id') }} as consent_event_id,
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('email') }} as email,
        {{ normalize_phone('phone') }} as phone_e164,
        {{ regexp_replace_all('phone', '[^0-9]', '') }} as phone_digits,

        -- strings
        nullif(lower(trim(purpose)), '') as purpose,
        nullif(lower(trim(status)), '') as consent_status,
        lower({{ clean_text('source') }}) as consent_source,

        -- timestamps
        {{ parse_timestamp('recorded_at') }} as recorded_at,

        -- raw values kept for the reject log
        phone as raw_phone,
        consent_id as raw_consent_id,
        purpose as raw_purpose,
        status as raw_status,
        recorded_at as raw_recorded_at,

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
        row_number() over (
            partition by consent_event_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        consent_event_id as _record_id,
        {{ reject_columns([
            {'when': 'consent_event_id is null', 'column': 'consent_id', 'value': 'raw_consent_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'consent_id', 'value': 'raw_consent_id', 'reason': 'duplicate_key'},
            {'when': 'purpose is null', 'column': 'purpose', 'value': 'raw_purpose', 'reason': 'missing_required'},
            {'when': 'purpose not in (\'email_marketing\', \'sms_marketing\', \'push\', \'personalization\', \'analytics\')', 'column': 'purpose', 'value': 'raw_purpose', 'reason': 'invalid_enum'},
            {'when': 'consent_status is null', 'column': 'status', 'value': 'raw_status', 'reason': 'missing_required'},
            {'when': 'consent_status not in (\'granted\', \'withdrawn\')', 'column': 'status', 'value': 'raw_status', 'reason': 'invalid_enum'},
            {'when': 'recorded_at is null', 'column': 'recorded_at', 'value': 'raw_recorded_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('recorded_at'), 'column': 'recorded_at', 'value': 'raw_recorded_at', 'reason': 'future_timestamp'},
        ]) }}
    from checked
)

select * from final
