{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key=['_source_file', '_source_row'],
    on_schema_change='fail',
    pre_hook="{{ delete_rows_gone_from_raw(source('shop', 'order_lines')) }}",
) }}

/*
    Every raw order line, typed, with the reason it cannot be used
    (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type (quantity must be a whole number: '2.5' is not
    rounded but unparseable) -> copies of each order_line_id -> reject rules,
    first match wins. line_amount = quantity * unit_price.
*/
with

source as (
    {{ incremental_raw_batch(source('shop', 'order_lines'), 'order_line_id') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('order_line_id') }} as shop_order_line_id,
        {{ clean_text('order_id') }} as shop_order_id,
        {{ clean_text('product_id') }} as shop_product_id,

        -- numerics
        case
            when {{ regex_matches('trim(quantity)', "'^[+-]?[0-9]+$'") }}
                then {{ safe_cast('trim(quantity)', 'integer') }}
        end as quantity,
        {{ parse_money('unit_price') }} as unit_price,

        -- raw values kept for the reject log
        order_line_id as raw_order_line_id,
        order_id as raw_order_id,
        product_id as raw_product_id,
        quantity as raw_quantity,
        unit_price as raw_unit_price,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked as (
    select
        *,
        quantity * unit_price as line_amount,
        row_number() over (
            partition by shop_order_line_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        shop_order_line_id as _record_id,
        {{ reject_columns([
            {'when': 'shop_order_line_id is null', 'column': 'order_line_id', 'value': 'raw_order_line_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'order_line_id', 'value': 'raw_order_line_id', 'reason': 'duplicate_key'},
            {'when': 'shop_order_id is null', 'column': 'order_id', 'value': 'raw_order_id', 'reason': 'missing_required'},
            {'when': 'shop_product_id is null', 'column': 'product_id', 'value': 'raw_product_id', 'reason': 'missing_required'},
            {'when': "nullif(trim(raw_quantity), '') is null", 'column': 'quantity', 'value': 'raw_quantity', 'reason': 'missing_required'},
            {'when': 'quantity is null', 'column': 'quantity', 'value': 'raw_quantity', 'reason': 'unparseable_number'},
            {'when': 'quantity <= 0', 'column': 'quantity', 'value': 'raw_quantity', 'reason': 'negative_amount'},
            {'when': "nullif(trim(raw_unit_price), '') is null", 'column': 'unit_price', 'value': 'raw_unit_price', 'reason': 'missing_required'},
            {'when': 'unit_price is null', 'column': 'unit_price', 'value': 'raw_unit_price', 'reason': 'unparseable_number'},
            {'when': 'unit_price < 0', 'column': 'unit_price', 'value': 'raw_unit_price', 'reason': 'negative_amount'},
        ]) }},
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from checked
)

select * from final
