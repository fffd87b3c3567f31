/*
    One row per resolved customer: the spine every feature model starts from,
    with how many source records and distinct sources make up the customer.
*/
with

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
),

final as (
    select
        customer_id,
        count(*) as n_records,
        count(distinct source) as n_sources,
        {{ string_agg_ordered('source', "';'", 'source', distinct=true) }} as contributing_sources
    from customer_record_map
    group by customer_id
)

select * from final
