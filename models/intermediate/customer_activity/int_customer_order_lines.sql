/*
    One row per order line of a resolved customer's order (as of the as-of date),
    with the product's category and eco flag and the line amount in var
    reporting_currency. Lines of rejected orders drop out (inner join).
*/
with

stg_shop__order_lines as (
    select * from {{ ref('stg_shop__order_lines') }}
),

int_customer_orders as (
    select * from {{ ref('int_customer_orders') }}
),

stg_shop__products as (
    select * from {{ ref('stg_shop__products') }}
),

final as (
    select
        stg_shop__order_lines.shop_order_line_id,
        stg_shop__order_lines.shop_order_id,
        int_customer_orders.customer_id,
        stg_shop__order_lines.shop_product_id,
        stg_shop__products.category,
        stg_shop__products.subcategory,
        coalesce(stg_shop__products.is_eco_friendly, false) as is_eco_friendly,
        int_customer_orders.is_counted,
        stg_shop__order_lines.quantity,
        stg_shop__order_lines.line_amount * int_customer_orders.fx_rate_to_reporting as line_amount_reporting,
        int_customer_orders.ordered_at
    from stg_shop__order_lines
    inner join int_customer_orders
        on stg_shop__order_lines.shop_order_id = int_customer_orders.shop_order_id
    left join stg_shop__products
        on stg_shop__order_lines.shop_product_id = stg_shop__products.shop_product_id
)

select * from final
