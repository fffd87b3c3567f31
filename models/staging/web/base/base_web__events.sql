{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key=['_source_file', '_source_row'],
    on_schema_change='fail',
    pre_hook="{{ delete_rows_gone_from_raw(source('web', 'events')) }}",
) }}

/*
    Every raw web event, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). Nothing is dropped here.
    Steps:
    1. renamed: ids cleaned (user_id is the shop account id), email normalized,
       enums and device type lowercased, timestamps parsed to UTC.
    2. checked: email match key and flags; the occurrence of each event id in
       file order and whether a later copy's raw columns equal its first copy's.
    3. rejected: reject rules, first match wins: missing key, duplicate delivery
       (identical later copy), duplicate key (conflicting later copy), missing
       anonymous_id, event_type empty or not page|track|identify, event_at
       unparseable or in the future.
    4. final: the stored columns; the raw values only feed reject_value.
*/
with

source as (
    {{ incremental_raw_batch(source('web', 'events'), 'event_id') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('event_id') }} as web_event_id,
        {{ clean_text('anonymous_id') }} as anonymous_id,
        {{ clean_text('user_id') }} as shop_customer_id,
        {{ clean_text('product_id') }} as shop_product_id,

        -- contact
        {{ normalize_email('email') }} as email,

        -- strings
        nullif(lower(trim(event_type)), '') as event_type,
        {{ clean_text('event_name') }} as event_name,
        {{ clean_text('page_url') }} as page_url,
        {{ clean_text('utm_source') }} as utm_source,
        {{ clean_text('utm_medium') }} as utm_medium,
        {{ clean_text('utm_campaign') }} as utm_campaign,
        lower({{ clean_text('device_type') }}) as device_type,

        -- timestamps
        {{ parse_timestamp('event_at') }} as event_at,
        {{ parse_timestamp('received_at') }} as received_at,

        -- raw values for reject_value (not stored)
        event_id as raw_event_id,
        anonymous_id as raw_anonymous_id,
        event_type as raw_event_type,
        event_at as raw_event_at,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked_base as (
    select
        *,
        {{ email_match_key('email') }} as email_match_key,
        {{ is_valid_email('email') }} as is_email_valid,
        {{ is_junk_identifier('email', 'email') }} as is_email_junk
    from renamed
),

-- occurrence of each event id in file order and whether a later copy is
-- identical to the first (macro key_occurrences: repeated keys only)
repeated_key_occurrences as (
    {{ key_occurrences(
        source('web', 'events'),
        clean_text('event_id'),
        ['event_id', 'anonymous_id', 'user_id', 'event_type', 'event_name', 'page_url', 'product_id',
         'email', 'utm_source', 'utm_medium', 'utm_campaign', 'device_type', 'event_at', 'received_at']
    ) }}
),

checked as (
    select
        checked_base.*,
        coalesce(repeated_key_occurrences.key_occurrence, 1) as key_occurrence,
        coalesce(repeated_key_occurrences.is_identical_to_first_copy, false) as is_identical_to_first_copy
    from checked_base
    left join repeated_key_occurrences
        on
            checked_base._source_file = repeated_key_occurrences._source_file
            and checked_base._source_row = repeated_key_occurrences._source_row
),

rejected as (
    select
        *,
        web_event_id as _record_id,
        {{ reject_columns([
            {'when': 'web_event_id is null', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1 and is_identical_to_first_copy', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'duplicate_delivery'},
            {'when': 'key_occurrence > 1', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'duplicate_key'},
            {'when': 'anonymous_id is null', 'column': 'anonymous_id', 'value': 'raw_anonymous_id', 'reason': 'missing_required'},
            {'when': 'event_type is null', 'column': 'event_type', 'value': 'raw_event_type', 'reason': 'missing_required'},
            {'when': 'event_type not in (\'page\', \'track\', \'identify\')', 'column': 'event_type', 'value': 'raw_event_type', 'reason': 'invalid_enum'},
            {'when': 'event_at is null', 'column': 'event_at', 'value': 'raw_event_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('event_at'), 'column': 'event_at', 'value': 'raw_event_at', 'reason': 'future_timestamp'},
        ]) }}
    from checked
),

-- every column but the raw_* values of renamed, which only feed reject_value:
-- high-cardinality strings on every event row are what DuckDB spends most on
-- when it writes this table
final as (
    select
        web_event_id,
        anonymous_id,
        shop_customer_id,
        shop_product_id,
        email,
        event_type,
        event_name,
        page_url,
        utm_source,
        utm_medium,
        utm_campaign,
        device_type,
        event_at,
        received_at,
        _source_file,
        _source_row,
        email_match_key,
        is_email_valid,
        is_email_junk,
        key_occurrence,
        is_identical_to_first_copy,
        _record_id,
        reject_reason,
        reject_column,
        reject_value,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from rejected
)

select * from final
