{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_key_replace_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='anonymous_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('events_fingerprint') }}",
) }}

/*
    One row per browser (anonymous_id) and category it viewed up to the as-of
    date: views of a category page (/c/<category>) or of a product, the
    product's category first; category null = the views with no category (kept
    so that every view is in a row: the fold below covers them all). The feature
    models sum the rows with a category per customer (top viewed categories,
    inferred interests).
    events_fingerprint: bit_xor of row_hash over the view's inputs (event id,
    browser, name, page URL, product and its category, time). Incremental run,
    as int_web__sessions: the browsers whose fold over the views in
    stg_web__events (cut at the as-of date) differs from the fold of their rows
    here are counted again (macro incremental_changed_browsers); a browser left
    with none gets a tombstone (null events_fingerprint) that the replace uses
    and the post-hook deletes.
*/
with

stg_shop__products as {{ not_materialized() }} (
    select * from {{ ref('stg_shop__products') }}
),

{% if is_incremental() %}

    staged_fingerprints as (
        select
            stg_web__events.anonymous_id,
            bit_xor({{ web_view_hash('stg_web__events', 'stg_shop__products') }}) as events_fingerprint
        from {{ ref('stg_web__events') }} as stg_web__events
        left join stg_shop__products
            on stg_web__events.shop_product_id = stg_shop__products.shop_product_id
        where
            stg_web__events.event_name in ('Category Viewed', 'Product Viewed')
            and stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
        group by stg_web__events.anonymous_id
    ),

    changed_browsers as (
        {{ incremental_changed_browsers('staged_fingerprints') }}
    ),

    stg_web__events as (
        select stg_web__events.*
        from {{ ref('stg_web__events') }} as stg_web__events
        inner join changed_browsers
            on stg_web__events.anonymous_id = changed_browsers.anonymous_id
    ),

{% else %}

    stg_web__events as (
        select * from {{ ref('stg_web__events') }}
    ),

{% endif %}

views as (
    select
        stg_web__events.anonymous_id,
        coalesce(
            stg_shop__products.category,
            nullif(regexp_extract(stg_web__events.page_url, '/c/([^/?#]+)', 1), '')
        ) as category,
        {{ web_view_hash('stg_web__events', 'stg_shop__products') }} as view_hash
    from stg_web__events
    left join stg_shop__products
        on stg_web__events.shop_product_id = stg_shop__products.shop_product_id
    where
        stg_web__events.event_name in ('Category Viewed', 'Product Viewed')
        and stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
),

categories as (
    select
        anonymous_id,
        category,
        count(*) as category_views,
        bit_xor(view_hash) as events_fingerprint
    from views
    group by anonymous_id, category
),

final as (
    select
        *,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from categories

    {% if is_incremental() %}
        union all
        -- tombstones, deleted by the post-hook
        select
            anonymous_id,
            cast(null as {{ dbt.type_string() }}) as category,
            0 as category_views,
            null as events_fingerprint,
            {{ incremental_build_seq() }} as _build_seq
        from changed_browsers
        where is_emptied
    {% endif %}
)

select * from final
