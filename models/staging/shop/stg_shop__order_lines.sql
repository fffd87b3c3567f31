with

base as (
    select * from {{ ref('base_shop__order_lines') }}
),

final as (
    select
        -- ids
        shop_order_line_id,
        shop_order_id,
        shop_product_id,

        -- numerics
        quantity,
        unit_price,
        line_amount,

        -- lineage
        _source_file,
        _source_row,
        _build_seq
    from base
    where reject_reason is null
)

select * from final
