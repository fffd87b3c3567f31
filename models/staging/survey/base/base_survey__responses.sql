{{ config(materialized='table') }}

/*
    Every raw survey response, typed and normalized, with the reason it cannot
    be used (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type (email with match key; nps_score outside 0..10
    nulled and flagged; the semicolon lists interests and "values" (renamed
    stated_values) as lowercase trimmed distinct items, sorted, joined by ';';
    optional codes nulled when unknown) -> checks (validity, junk, copies of
    each response_id) -> reject rules, first match wins.
    Responses are EVENTS: a future submitted_at is rejected.
*/
with

source as (
    select * from {{ source('survey', 'responses') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('response_id') }} as survey_response_id,
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('email') }} as email,

        -- strings
        {{ normalize_list('interests') }} as interests,
        {{ normalize_list(adapter.quote('values')) }} as stated_values,
        case
            when lower(trim(preferred_channel)) in ('email', 'sms', 'push', 'social', 'none')
                then lower(trim(preferred_channel))
        end as preferred_channel,
        case
            when lower(trim(lifestyle)) in ('active', 'family', 'urban_professional', 'student', 'retired', 'homebody')
                then lower(trim(lifestyle))
        end as lifestyle,
        {{ clean_text('comment') }} as comment,

        -- numerics
        case
            when {{ regex_matches('trim(nps_score)', "'^[+-]?[0-9]+$'") }}
                then {{ safe_cast('trim(nps_score)', 'integer') }}
        end as nps_score_parsed,
        case
            when {{ regex_matches('trim(household_size)', "'^[+-]?[0-9]+$'") }}
                and {{ safe_cast('trim(household_size)', 'integer') }} >= 1
                then {{ safe_cast('trim(household_size)', 'integer') }}
        end as household_size,

        -- timestamps
        {{ parse_timestamp('submitted_at') }} as submitted_at,

        -- raw values kept for the reject log
        response_id as raw_response_id,
        submitted_at as raw_submitted_at,
        nps_score as raw_nps_score,

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
        case when nps_score_parsed between 0 and 10 then nps_score_parsed end as nps_score,
        nullif(trim(raw_nps_score), '') is not null
        and coalesce(nps_score_parsed not between 0 and 10, true) as is_nps_score_invalid,
        row_number() over (
            partition by survey_response_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        survey_response_id as _record_id,
        {{ reject_columns([
            {'when': 'survey_response_id is null', 'column': 'response_id', 'value': 'raw_response_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'response_id', 'value': 'raw_response_id', 'reason': 'duplicate_key'},
            {'when': "nullif(trim(raw_submitted_at), '') is null", 'column': 'submitted_at', 'value': 'raw_submitted_at', 'reason': 'missing_required'},
            {'when': 'submitted_at is null', 'column': 'submitted_at', 'value': 'raw_submitted_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('submitted_at'), 'column': 'submitted_at', 'value': 'raw_submitted_at', 'reason': 'future_timestamp'},
        ]) }}
    from checked
)

select * from final
