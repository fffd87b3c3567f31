/*
    One row per CRM contact of a resolved customer.
    Attached through customer_record_map (source crm_contacts); as of the as-of date.
*/
with

stg_crm__contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'crm_contacts'
),

final as (
    select
        customer_record_map.customer_id,
        stg_crm__contacts.*
    from stg_crm__contacts
    inner join customer_record_map
        on stg_crm__contacts.crm_contact_id = customer_record_map.source_record_id
    where coalesce(stg_crm__contacts.created_at, stg_crm__contacts.updated_at) < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
