{{ config(materialized='table') }}

/*
    Every raw CRM contact, typed and normalized, with the reason it cannot be
    used (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type (emails, phones in the contact's country, names,
    address with a postal-code match key, company name with a match key,
    gender and other codes lowercased) -> checks (email and phone validity and
    junk, placeholder birth dates, invalid company sizes, copies of each
    contact_id) -> reject rules, first match wins. A contact re-delivered in a
    later export file is a new version: the latest file's row is kept, older
    ones are superseded_version (not counted as rejects); two rows of one file
    with the same id are a duplicate_key (the first is kept).
    Contacts are an ENTITY: a future created_at is not rejected but nulled and
    flagged in stg_crm__contacts.
*/
with

source as (
    select * from {{ source('crm', 'contacts') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('contact_id') }} as crm_contact_id,

        -- contact
        {{ normalize_email('email') }} as email,
        {{ normalize_phone('phone', 'country') }} as phone_e164,
        {{ regexp_replace_all('phone', '[^0-9]', '') }} as phone_digits,

        -- names
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ name_match_key('first_name') }} as first_name_key,
        {{ name_match_key('last_name') }} as last_name_key,

        -- address
        {{ clean_text('street') }} as street,
        {{ clean_text('address_line_2') }} as address_line_2,
        {{ clean_text('city') }} as city,
        {{ clean_text('postal_code') }} as postal_code,
        nullif(upper({{ regexp_replace_all(normalize_unicode('postal_code'), '\\s+', '') }}), '') as postal_code_key,
        {{ clean_text('region') }} as region,
        upper({{ clean_text('country') }}) as country_code,

        -- strings
        case
            when lower(trim(gender)) in ('f', 'w', 'female', 'woman') then 'female'
            when lower(trim(gender)) in ('m', 'male', 'man') then 'male'
            when lower(trim(gender)) in ('x', 'nonbinary', 'non-binary', 'non_binary', 'non binary', 'diverse')
                then 'nonbinary'
        end as gender,
        case
            when lower(trim(education_level)) in ('secondary', 'vocational', 'bachelor', 'master', 'doctorate')
                then lower(trim(education_level))
        end as education_level,
        {{ clean_text('occupation') }} as occupation,
        {{ clean_text('company_name') }} as company_name,
        nullif(trim({{ regexp_replace_all(
            regexp_replace_all("lower(" ~ normalize_unicode('company_name') ~ ")", "[^\\p{L}\\p{N}\\s]", ""),
            "\\s+", " ") }}), '') as company_name_key,
        {{ clean_text('job_title') }} as job_title,
        lower({{ clean_text('lead_source') }}) as lead_source,

        -- numerics
        case
            when {{ regex_matches('trim(company_size)', "'^[+-]?[0-9]+$'") }}
                then {{ safe_cast('trim(company_size)', 'integer') }}
        end as company_size_parsed,

        -- dates
        {{ parse_date('birth_date') }} as birth_date_parsed,

        -- timestamps
        {{ parse_timestamp('created_at') }} as created_at,
        {{ parse_timestamp('updated_at') }} as updated_at,

        -- raw values kept for the reject log
        contact_id as raw_contact_id,
        created_at as raw_created_at,
        company_size as raw_company_size,

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
        coalesce({{ is_placeholder_date('birth_date_parsed') }}, false) as is_birth_date_placeholder,
        case when company_size_parsed >= 1 then company_size_parsed end as company_size,
        nullif(trim(raw_company_size), '') is not null
        and coalesce(company_size_parsed < 1, true) as is_company_size_invalid,
        -- a later export file carries the newer version of a contact
        _source_file = max(_source_file) over (partition by crm_contact_id) as is_latest_export,
        row_number() over (
            partition by crm_contact_id, _source_file order by _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        case when not is_birth_date_placeholder then birth_date_parsed end as birth_date,
        crm_contact_id as _record_id,
        {{ reject_columns([
            {'when': 'crm_contact_id is null', 'column': 'contact_id', 'value': 'raw_contact_id', 'reason': 'missing_key'},
            {'when': 'not is_latest_export', 'column': 'contact_id', 'value': 'raw_contact_id', 'reason': 'superseded_version'},
            {'when': 'key_occurrence > 1', 'column': 'contact_id', 'value': 'raw_contact_id', 'reason': 'duplicate_key'},
            {'when': "nullif(trim(raw_created_at), '') is null", 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'missing_required'},
            {'when': 'created_at is null', 'column': 'created_at', 'value': 'raw_created_at', 'reason': 'unparseable_timestamp'},
        ]) }}
    from checked
)

select * from final
