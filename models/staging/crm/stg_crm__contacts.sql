with

base as (
    select * from {{ ref('base_crm__contacts') }}
),

final as (
    select
        -- ids
        crm_contact_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,
        phone_e164,
        case when not is_phone_junk then phone_e164 end as phone_match_key,
        is_phone_valid,
        is_phone_junk,

        -- names
        first_name,
        last_name,
        first_name_key,
        last_name_key,

        -- address
        street,
        address_line_2,
        city,
        postal_code,
        postal_code_key,
        region,
        country_code,

        -- strings
        gender,
        education_level,
        occupation,
        company_name,
        company_name_key,
        job_title,
        lead_source,

        -- numerics
        company_size,

        -- booleans
        is_birth_date_placeholder,
        is_company_size_invalid,

        -- dates
        birth_date,

        -- timestamps
        case when not {{ is_future_timestamp('created_at') }} then created_at end as created_at,
        {{ is_future_timestamp('created_at') }} as is_created_at_future,
        updated_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
