{{ config(materialized='table') }}

/*
    Every raw social interaction, typed and normalized, with the reason it
    cannot be used (reject_reason null = good row). Nothing is dropped here.
    Steps:
    1. renamed: ids cleaned, platform / topic / interaction_type lowercased,
       handle normalized (NFKC, trimmed, lowercased, leading '@' removed),
       linked email normalized, sentiment parsed, interaction_at parsed to UTC.
    2. checked: handle junk flag, linked email match key and flags, sentiment
       outside [-1, 1] or unparseable nulled and flagged, occurrence of each
       interaction id in file order.
    3. final: reject rules, first match wins: missing key, duplicate key,
       missing platform or handle, interaction_type empty or not a documented
       value, interaction_at unparseable or in the future.
*/
with

source as (
    select * from {{ source('social', 'interactions') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('interaction_id') }} as social_interaction_id,

        -- contact
        nullif(regexp_replace(lower({{ clean_text('handle') }}), '^@+', ''), '') as handle,
        {{ normalize_email('linked_email') }} as linked_email,

        -- strings
        lower({{ clean_text('platform') }}) as platform,
        nullif(lower(trim(interaction_type)), '') as interaction_type,
        lower({{ clean_text('topic') }}) as topic,

        -- numerics
        {{ safe_cast("trim(sentiment)", "decimal(5, 4)") }} as sentiment_parsed,

        -- timestamps
        {{ parse_timestamp('interaction_at') }} as interaction_at,

        -- raw values kept for the reject log
        interaction_id as raw_interaction_id,
        platform as raw_platform,
        handle as raw_handle,
        interaction_type as raw_interaction_type,
        sentiment as raw_sentiment,
        interaction_at as raw_interaction_at,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked as (
    select
        *,
        {{ is_junk_identifier('handle', 'handle') }} as is_handle_junk,
        {{ email_match_key('linked_email') }} as linked_email_match_key,
        {{ is_valid_email('linked_email') }} as is_linked_email_valid,
        {{ is_junk_identifier('email', 'linked_email') }} as is_linked_email_junk,
        case when sentiment_parsed between -1 and 1 then sentiment_parsed end as sentiment,
        coalesce(
            nullif(trim(raw_sentiment), '') is not null
            and (sentiment_parsed is null or sentiment_parsed not between -1 and 1),
            false
        ) as is_sentiment_invalid,
        row_number() over (
            partition by social_interaction_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        social_interaction_id as _record_id,
        {{ reject_columns([
            {'when': 'social_interaction_id is null', 'column': 'interaction_id', 'value': 'raw_interaction_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'interaction_id', 'value': 'raw_interaction_id', 'reason': 'duplicate_key'},
            {'when': 'platform is null', 'column': 'platform', 'value': 'raw_platform', 'reason': 'missing_required'},
            {'when': 'handle is null', 'column': 'handle', 'value': 'raw_handle', 'reason': 'missing_required'},
            {'when': 'interaction_type is null', 'column': 'interaction_type', 'value': 'raw_interaction_type', 'reason': 'missing_required'},
            {'when': 'interaction_type not in (\'follow\', \'like\', \'comment\', \'share\', \'mention\', \'message\')', 'column': 'interaction_type', 'value': 'raw_interaction_type', 'reason': 'invalid_enum'},
            {'when': 'interaction_at is null', 'column': 'interaction_at', 'value': 'raw_interaction_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('interaction_at'), 'column': 'interaction_at', 'value': 'raw_interaction_at', 'reason': 'future_timestamp'},
        ]) }}
    from checked
)

select * from final
