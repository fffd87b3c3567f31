{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key=['_source_file', '_source_row'],
    on_schema_change='fail',
    pre_hook="{{ delete_rows_gone_from_raw(source('app', 'events')) }}",
) }}

/*
    Every raw app event, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). Nothing is dropped here.
    Steps:
    1. renamed: ids cleaned (user_id is the shop account id), platform
       lowercased, push_enabled parsed, event_at parsed to UTC.
    2. checked: the occurrence of each event id in file order and whether a
       later copy's raw columns equal its first copy's.
    3. rejected: reject rules, first match wins: missing key, duplicate delivery
       (identical later copy), duplicate key (conflicting later copy), missing
       device_id or event_name, event_at unparseable or in the future.
    4. final: the stored columns; the raw values only feed reject_value.
*/
with

source as (
    {{ incremental_raw_batch(source('app', 'events'), 'event_id') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('event_id') }} as app_event_id,
        {{ clean_text('device_id') }} as device_id,
        {{ clean_text('user_id') }} as shop_customer_id,

        -- strings
        {{ clean_text('event_name') }} as event_name,
        lower({{ clean_text('platform') }}) as platform,
        {{ clean_text('app_version') }} as app_version,

        -- booleans
        {{ parse_boolean('push_enabled') }} as push_enabled,

        -- timestamps
        {{ parse_timestamp('event_at') }} as event_at,

        -- raw values for reject_value (not stored)
        event_id as raw_event_id,
        device_id as raw_device_id,
        event_name as raw_event_name,
        event_at as raw_event_at,

        -- lineage
        _source_file,
        _source_row
    from source
),

-- occurrence of each event id in file order and whether a later copy is
-- identical to the first (macro key_occurrences: repeated keys only)
repeated_key_occurrences as (
    {{ key_occurrences(
        source('app', 'events'),
        clean_text('event_id'),
        ['event_id', 'device_id', 'user_id', 'event_name', 'platform', 'app_version', 'push_enabled', 'event_at']
    ) }}
),

checked as (
    select
        renamed.*,
        coalesce(repeated_key_occurrences.key_occurrence, 1) as key_occurrence,
        coalesce(repeated_key_occurrences.is_identical_to_first_copy, false) as is_identical_to_first_copy
    from renamed
    left join repeated_key_occurrences
        on
            renamed._source_file = repeated_key_occurrences._source_file
            and renamed._source_row = repeated_key_occurrences._source_row
),

rejected as (
    select
        *,
        app_event_id as _record_id,
        {{ reject_columns([
            {'when': 'app_event_id is null', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1 and is_identical_to_first_copy', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'duplicate_delivery'},
            {'when': 'key_occurrence > 1', 'column': 'event_id', 'value': 'raw_event_id', 'reason': 'duplicate_key'},
            {'when': 'device_id is null', 'column': 'device_id', 'value': 'raw_device_id', 'reason': 'missing_required'},
            {'when': 'event_name is null', 'column': 'event_name', 'value': 'raw_event_name', 'reason': 'missing_required'},
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
        app_event_id,
        device_id,
        shop_customer_id,
        event_name,
        platform,
        app_version,
        push_enabled,
        event_at,
        _source_file,
        _source_row,
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
