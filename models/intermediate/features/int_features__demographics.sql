/*
    One row per customer: demographic features as of the as-of date (no raw
    PII: the birth date stays in the golden record; only age and age band leave).
    1. location (city, postal code, region, country) and birth date / gender from
       the golden record's survivorship, with the address provenance
    2. education, occupation, company: the most recently updated CRM contact
       that has the value
    3. age in whole years at the as-of date (a birthday on the as-of date counts;
       29 February birthdays count from 1 March in non-leap years)
*/
with

int_customers as (
    select * from {{ ref('int_customers') }}
),

int_features__golden_record as {{ not_materialized() }} (
    select * from {{ ref('int_features__golden_record') }}
),

int_customer_crm_contacts as (
    select * from {{ ref('int_customer_crm_contacts') }}
),

crm_attributes as (
    select
        customer_id,
        {{ latest_value('education_level', 'updated_at', 'crm_contact_id') }} as education_level,
        {{ latest_value('occupation', 'updated_at', 'crm_contact_id') }} as occupation,
        {{ latest_value('company_name', 'updated_at', 'crm_contact_id') }} as company_name,
        {{ latest_value('company_size', 'updated_at', 'crm_contact_id') }} as company_size
    from int_customer_crm_contacts
    group by customer_id
),

ages as (
    select
        customer_id,
        {{ date_diff_parts('year', 'birth_date', as_of_date()) }}
        - case
            when
                month({{ as_of_date() }}) * 100 + day({{ as_of_date() }})
                < month(birth_date) * 100 + day(birth_date)
                then 1
            else 0
        end as age
    from int_features__golden_record
    where birth_date is not null and birth_date <= {{ as_of_date() }}
),

final as (
    select
        int_customers.customer_id,
        ages.age,
        case
            when ages.age is null then null
            when ages.age < 18 then 'under_18'
            when ages.age < 25 then '18-24'
            when ages.age < 35 then '25-34'
            when ages.age < 45 then '35-44'
            when ages.age < 55 then '45-54'
            when ages.age < 65 then '55-64'
            else '65+'
        end as age_band,
        int_features__golden_record.gender,
        int_features__golden_record.city,
        int_features__golden_record.postal_code,
        int_features__golden_record.region,
        int_features__golden_record.country_code,
        int_features__golden_record.address_source as city_source,
        int_features__golden_record.address_updated_at as city_updated_at,
        crm_attributes.education_level,
        crm_attributes.occupation,
        crm_attributes.company_name,
        crm_attributes.company_size,
        crm_attributes.company_name is not null as is_business_customer
    from int_customers
    left join int_features__golden_record
        on int_customers.customer_id = int_features__golden_record.customer_id
    left join ages
        on int_customers.customer_id = ages.customer_id
    left join crm_attributes
        on int_customers.customer_id = crm_attributes.customer_id
)

select * from final
