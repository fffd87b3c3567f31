/*
    One row per resolved customer: the spine every feature model starts from,
    with how many source records and distinct sources make up the customer.
    The map has a row per source record (an email event is a record: 30M+ rows
    at 1M customers), so it is counted per (customer, source) first and the
    distinct sources are then the few rows of each customer.
*/
with

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
),

records_per_source as (
    select
        customer_id,
        source,
        count(*) as n_records
    from customer_record_map
    group by customer_id, source
),

final as (
    select
        customer_id,
        cast(sum(n_records) as bigint) as n_records,
        count(*) as n_sources,
        {{ string_agg_ordered('source', "';'", 'source') }} as contributing_sources
    from records_per_source
    group by customer_id
)

select * from final
