/*
    One row per graph-health metric of the latest identity resolution, with its
    thresholds (seed identity_health_thresholds) and status ok / warn / error.
    Tests fail the build on status 'error' and warn on 'warn'.
*/
with

record_customers as {{ not_materialized() }} (
    select * from {{ ref('int_identity__record_customers') }}
),

components as (
    select * from {{ ref('int_identity__components') }}
),

guards as (
    select * from {{ ref('int_identity__identifier_guards') }}
),

record_identifiers as (
    select * from {{ ref('int_identity__record_identifiers') }}
),

probabilistic_pairs as (
    select * from {{ ref('int_identity__probabilistic_pairs') }}
),

thresholds as {{ not_materialized() }} (
    select * from {{ ref('identity_health_thresholds') }}
),

customer_sizes as (
    select
        customer_id,
        count(*) as n_records
    from record_customers
    group by customer_id
),

metrics as (
    select
        'largest_customer_records' as metric,
        cast(max(n_records) as double) as metric_value
    from customer_sizes
    union all
    select
        'stitching_iterations' as metric,
        cast(coalesce(max(iteration), 0) as double) as metric_value
    from components
    union all
    select
        'identifiers_cut' as metric,
        cast(
            (
                select count(*)
                from guards
                where is_shared
            )
            + (
                select count(distinct node_key)
                from record_identifiers
                where is_over_record_limit
            ) as double
        ) as metric_value
    union all
    select
        'share_records_in_multi_record_customers' as metric,
        avg(case when customer_record_count > 1 then 1.0 else 0.0 end) as metric_value
    from record_customers
    union all
    select
        'singleton_customer_rate' as metric,
        avg(case when n_records = 1 then 1.0 else 0.0 end) as metric_value
    from customer_sizes
    union all
    select
        'probabilistic_pairs_accepted' as metric,
        cast(count(*) as double) as metric_value
    from probabilistic_pairs
    where is_accepted
    union all
    select
        'customers_over_record_cap' as metric,
        cast(count(*) as double) as metric_value
    from customer_sizes
    where
        n_records > (
            select thresholds.warn_above
            from thresholds
            where thresholds.metric = 'largest_customer_records'
        )
),

final as (
    select
        metrics.metric,
        metrics.metric_value,
        thresholds.warn_below,
        thresholds.error_below,
        thresholds.warn_above,
        thresholds.error_above,
        case
            when metrics.metric_value > thresholds.error_above or metrics.metric_value < thresholds.error_below
                then 'error'
            when metrics.metric_value > thresholds.warn_above or metrics.metric_value < thresholds.warn_below
                then 'warn'
            else 'ok'
        end as status,
        thresholds.description
    from metrics
    left join thresholds
        on metrics.metric = thresholds.metric
)

select * from final
