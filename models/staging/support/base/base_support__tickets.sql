{{ config(materialized='table') }}

/*
    Every raw help-desk ticket, typed and normalized, with the reason it cannot
    be used (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type (requester email, phone and name with match keys;
    the file has no country column, so national phone numbers are read in var
    default_phone_country and are not used for matching; optional codes nulled when unknown; csat_score
    outside 1..5 nulled and flagged) -> checks (validity, junk, copies of each
    ticket_id) -> reject rules, first match wins.
    Tickets are EVENTS: a future created_at is rejected.
*/
with

source as (
    select * from {{ source('support', 'tickets') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('ticket_id') }} as support_ticket_id,
        {{ clean_text('customer_id') }} as shop_customer_id,

        -- contact
        {{ normalize_email('requester_email') }} as requester_email,
        {{ normalize_phone('requester_phone', 'null') }} as requester_phone_e164,
        {{ regexp_replace_all('requester_phone', '[^0-9]', '') }} as requester_phone_digits,
        coalesce({{ regex_matches('trim(requester_phone)', "'^([+]|00)'") }}, false) as is_requester_phone_international,

        -- names
        {{ clean_text('requester_name') }} as requester_name,
        {{ name_match_key('requester_name') }} as requester_name_key,

        -- strings
        case
            when lower(trim(channel)) in ('email', 'chat', 'phone', 'web_form') then lower(trim(channel))
        end as channel,
        case
            when
                lower(trim(category))
                in ('order_status', 'refund', 'product_question', 'account', 'billing', 'app_issue', 'shipping')
                then lower(trim(category))
        end as category,
        case
            when lower(trim(priority)) in ('low', 'normal', 'high', 'urgent') then lower(trim(priority))
        end as priority,
        case
            when lower(trim(status)) in ('open', 'pending', 'solved', 'closed') then lower(trim(status))
        end as status,

        -- numerics
        case
            when {{ regex_matches('trim(csat_score)', "'^[+-]?[0-9]+$'") }}
                then {{ safe_cast('trim(csat_score)', 'integer') }}
        end as csat_score_parsed,

        -- timestamps
        {{ parse_timestamp('created_at') }} as created_at,
        {{ parse_timestamp('solved_at') }} as solved_at,

        -- raw values kept for the reject log
        ticket_id as raw_ticket_id,
        created_at as raw_created_at,
        csat_score as raw_csat_score,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked as (
    select
        *,
        {{ email_match_key('requester_email') }} as requester_email_match_key,
        {{ is_valid_email('requester_email') }} as is_requester_email_valid,
        {{ is_junk_identifier('email', 'requester_email') }} as is_requester_email_junk,
        requester_phone_e164 is not null as is_requester_phone_valid,
        {{ is_junk_identifier('phone', 'requester_phone_digits') }} as is_requester_phone_junk,
        {{ is_junk_identifier('name', 'lower(requester_name)') }} as is_requester_name_junk,
        case when csat_score_parsed between 1 and 5 then csat_score_parsed end as csat_score,
        nullif(trim(raw_csat_score), '') is not null
        and coalesce(csat_score_parsed not between 1 and 5, true) as is_csat_score_invalid,
        row_number() over (
            partition by support_ticket_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        support_ticket_id as _record_id,
        {{ reject_columns([
            {'when': 'support_ticket_id is null', 'column': 'ticket_id', 'value': 'raw_ticket_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'ticket_id', 'value': 'raw_ticket_id', 'reason': 'duplicate_key'},
            {'when': "nullif(trim(raw_created_at), '') is null", 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'missing_required'},
            {'when': 'created_at is null', 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'unparseable_timestamp'},
            {'when': is_future_timestamp('created_at'), 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'future_timestamp'},
        ]) }}
    from checked
)

select * from final
