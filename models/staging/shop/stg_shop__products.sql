with

base as (
    select * from {{ ref('base_shop__products') }}
),

final as (
    select
        -- ids
        shop_product_id,

        -- strings
        product_name,
        category,
        subcategory,
        currency,

        -- numerics
        list_price,

        -- booleans
        is_eco_friendly,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
