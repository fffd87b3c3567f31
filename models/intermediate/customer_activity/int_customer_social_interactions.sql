/*
    One row per social media interaction of a resolved customer.
    Attached through customer_record_map (source social_interactions); as of the as-of date.
*/
with

stg_social__interactions as (
    select * from {{ ref('stg_social__interactions') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'social_interactions'
),

final as (
    select
        customer_record_map.customer_id,
        stg_social__interactions.*
    from stg_social__interactions
    inner join customer_record_map
        on stg_social__interactions.social_interaction_id = customer_record_map.source_record_id
    where stg_social__interactions.interaction_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
