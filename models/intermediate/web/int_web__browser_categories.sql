/*
    One row per browser (anonymous_id) and category it viewed up to the as-of
    date: views of a category page (/c/<category>) or of a product, the
    product's category first. The feature models sum these per customer (top
    viewed categories, inferred interests).
*/
with

stg_web__events as (
    select * from {{ ref('stg_web__events') }}
),

stg_shop__products as (
    select * from {{ ref('stg_shop__products') }}
),

views as (
    select
        stg_web__events.anonymous_id,
        coalesce(
            stg_shop__products.category,
            nullif(regexp_extract(stg_web__events.page_url, '/c/([^/?#]+)', 1), '')
        ) as category
    from stg_web__events
    left join stg_shop__products
        on stg_web__events.shop_product_id = stg_shop__products.shop_product_id
    where
        stg_web__events.event_name in ('Category Viewed', 'Product Viewed')
        and stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
),

final as (
    select
        anonymous_id,
        category,
        count(*) as category_views
    from views
    where category is not null
    group by anonymous_id, category
)

select * from final
