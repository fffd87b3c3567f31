/*
    One row per identity-bearing source record: which customer it belongs to and
    how it was matched. Everything downstream joins source records to customers
    through this map.
*/
with

record_customers as (
    select * from {{ ref('int_identity__record_customers') }}
),

final as (
    select
        source,
        source_record_id,
        customer_id,
        match_rule,
        match_weight,
        customer_record_count
    from record_customers
)

select * from final
