/*
    One row per survey response of a resolved customer.
    Attached through customer_record_map (source survey_responses); as of the as-of date.
*/
with

stg_survey__responses as (
    select * from {{ ref('stg_survey__responses') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'survey_responses'
),

final as (
    select
        customer_record_map.customer_id,
        stg_survey__responses.*
    from stg_survey__responses
    inner join customer_record_map
        on stg_survey__responses.survey_response_id = customer_record_map.source_record_id
    where stg_survey__responses.submitted_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
