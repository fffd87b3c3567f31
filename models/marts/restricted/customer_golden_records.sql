/*
    One row per customer: the golden record with raw PII (display name, primary
    email and phone, postal address, birth date, gender) and its provenance.
    Restricted: schema `restricted`; BI reads customer_profiles instead.
    Survivorship rules: see int_features__golden_record.
*/
with

int_features__golden_record as (
    select * from {{ ref('int_features__golden_record') }}
),

final as (
    select
        customer_id,
        display_name,
        display_name_source,
        display_name_updated_at,
        primary_email,
        primary_email_source,
        primary_email_updated_at,
        primary_phone,
        primary_phone_source,
        primary_phone_updated_at,
        street,
        postal_code,
        city,
        region,
        country_code,
        address_source,
        address_updated_at,
        birth_date,
        birth_date_source,
        birth_date_updated_at,
        gender,
        gender_source,
        gender_updated_at
    from int_features__golden_record
)

select * from final
