/*
    Identity resolution works on identity records, and an email address record
    stands for all its email events (int_identity__records.records_represented).
    int_identity__record_customers maps them back: it must hold one row per
    record represented, and every email event must be mapped. With the
    unique_combination test on customer_record_map (source, source_record_id),
    equal counts mean nothing was lost or doubled. Each row returned is a count
    that disagrees.
*/
with

records as (
    select * from {{ ref('int_identity__records') }}
),

record_customers as {{ not_materialized() }} (
    select * from {{ ref('int_identity__record_customers') }}
),

email_events as (
    select * from {{ ref('stg_email__events') }}
),

counts as (
    select
        'records represented vs record_customers rows' as check_name,
        (select cast(sum(records_represented) as bigint) from records) as expected_rows,
        (select count(*) from record_customers) as actual_rows
    union all
    select
        'email events vs their record_customers rows' as check_name,
        (select count(*) from email_events) as expected_rows,
        (
            select count(*)
            from record_customers
            where source = 'email_events'
        ) as actual_rows
),

final as (
    select *
    from counts
    where expected_rows <> actual_rows
)

select * from final
