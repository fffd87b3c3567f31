{{ config(materialized='table') }}

/*
    Every raw catalogue product, typed and normalized, with the reason it cannot
    be used (reject_reason null = good row). Nothing is dropped here.
    Steps: rename and type -> number the copies of each product_id -> reject
    missing keys, duplicate keys, unparseable or negative list prices.
*/
with

source as (
    select * from {{ source('shop', 'products') }}
),

renamed as (
    select
        -- ids
        {{ clean_text('product_id') }} as shop_product_id,

        -- strings
        {{ clean_text('product_name') }} as product_name,
        lower({{ clean_text('category') }}) as category,
        lower({{ clean_text('subcategory') }}) as subcategory,
        upper(trim(currency)) as currency,

        -- numerics
        {{ parse_money('list_price') }} as list_price,

        -- booleans
        {{ parse_boolean('is_eco_friendly') }} as is_eco_friendly,

        -- raw values kept for the reject log
        product_id as raw_product_id,
        list_price as raw_list_price,

        -- lineage
        _source_file,
        _source_row
    from source
),

checked as (
    select
        *,
        row_number() over (
            partition by shop_product_id order by _source_file, _source_row
        ) as key_occurrence
    from renamed
),

final as (
    select
        *,
        shop_product_id as _record_id,
        {{ reject_columns([
            {'when': 'shop_product_id is null', 'column': 'product_id', 'value': 'raw_product_id', 'reason': 'missing_key'},
            {'when': 'key_occurrence > 1', 'column': 'product_id', 'value': 'raw_product_id', 'reason': 'duplicate_key'},
            {'when': "list_price is null and nullif(trim(raw_list_price), '') is not null", 'column': 'list_price', 'value': 'raw_list_price', 'reason': 'unparseable_number'},
            {'when': 'list_price < 0', 'column': 'list_price', 'value': 'raw_list_price', 'reason': 'negative_amount'},
        ]) }}
    from checked
)

select * from final
