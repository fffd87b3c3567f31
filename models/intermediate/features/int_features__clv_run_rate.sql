/*
    One row per customer: predicted 12-month CLV by historical run rate, the
    fallback where dbt Python models cannot run (and the fit's own fallback).
    predicted_clv_12m = lifetime net revenue / greatest(T + 1, horizon) * horizon
    (horizon = var clv_horizon_days, default 365; T = days since the first
    purchase day): a customer younger than the horizon is projected at the
    revenue seen so far, an older one at the average yearly revenue. 0 for
    non-buyers. expected_purchases_12m is the order run rate on the same basis.
*/
with

int_features__transactions as (
    select * from {{ ref('int_features__transactions') }}
),

final as (
    select
        customer_id,
        cast(
            case
                when n_orders > 0
                    then cast(n_orders as double) / greatest(t_days + 1, {{ var('clv_horizon_days', 365) }})
                        * {{ var('clv_horizon_days', 365) }}
                else 0
            end as double
        ) as expected_purchases_12m,
        cast(average_order_value as double) as expected_order_value,
        cast(
            round(
                case
                    when n_orders > 0
                        then lifetime_revenue / greatest(t_days + 1, {{ var('clv_horizon_days', 365) }})
                            * {{ var('clv_horizon_days', 365) }}
                    else 0
                end,
                2
            ) as double
        ) as predicted_clv_12m,
        'run_rate' as clv_method
    from int_features__transactions
)

select * from final
