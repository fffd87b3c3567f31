{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='customer_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('inputs_fingerprint') }}",
) }}

/*
    One row per customer: psychographic features as of the as-of date.
    1. stated: interests, values and lifestyle of the latest survey response that has them
    2. inferred category affinity: each web category / product view scores 1,
       each unit bought (counted orders) scores 3; the top 3 categories by score
    3. eco affinity: eco-friendly share of products viewed (web product views)
       and units bought
    4. social: top 3 topics by number of interactions, average sentiment (-1..1)

    inputs_fingerprint: the bit_xor of row_hash over every input row the
    customer's figures are computed from, each with its key (so no two rows
    cancel), and the customer itself (CTE input_hashes). Every column a figure
    below reads must be hashed there: an input it leaves out is an input an
    incremental run misses (test_incremental.py checks the whole table against a
    full refresh). No figure here moves with the as-of date by itself.

    Incremental run (unique_key customer_id), as int_features__behavior_stored:
    only the customers whose fold of input hashes differs from the stored one
    (new, gone, an input row added, removed, altered or moved to another
    customer; macro incremental_keys_to_build) are computed again; a gone customer
    gets a tombstone (null inputs_fingerprint) that the post-hook deletes.
*/
{#- the customers whose figures this run computes: all of them, or on an
    incremental run the changed ones (new, gone or with other inputs) -#}
{%- set in_scope = 'in (select customers.customer_id from customers)' -%}

with

int_customers as {{ not_materialized() }} (
    select * from {{ ref('int_customers') }}
),

int_customer_survey_responses as {{ not_materialized() }} (
    select * from {{ ref('int_customer_survey_responses') }}
),

customer_record_map as {{ not_materialized() }} (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

int_web__browser_categories as {{ not_materialized() }} (
    select * from {{ ref('int_web__browser_categories') }}
),

int_web__sessions as {{ not_materialized() }} (
    select * from {{ ref('int_web__sessions') }}
),

int_customer_order_lines as {{ not_materialized() }} (
    select * from {{ ref('int_customer_order_lines') }}
),

int_customer_social_interactions as {{ not_materialized() }} (
    select * from {{ ref('int_customer_social_interactions') }}
),

-- the per-browser aggregates attached to customers (record = anonymous_id), all
-- customers: hashed below, then read for the customers this run computes
web_categories as {{ not_materialized() }} (
    select
        customer_record_map.customer_id,
        int_web__browser_categories.anonymous_id,
        int_web__browser_categories.category,
        int_web__browser_categories.category_views
    from int_web__browser_categories
    inner join customer_record_map
        on int_web__browser_categories.anonymous_id = customer_record_map.source_record_id
),

-- web product views with a known eco flag, per session: eco and not eco (a
-- zero count adds no row, so a customer with none keeps a null score)
web_product_views as {{ not_materialized() }} (
    select
        customer_record_map.customer_id,
        int_web__sessions.anonymous_id,
        int_web__sessions.web_session_id,
        int_web__sessions.eco_product_views,
        int_web__sessions.rated_product_views
    from int_web__sessions
    inner join customer_record_map
        on int_web__sessions.anonymous_id = customer_record_map.source_record_id
    where int_web__sessions.rated_product_views > 0
),

-- every input row a figure reads, hashed with its key; the customer's fold of
-- these is its inputs_fingerprint
input_hashes as (
    select
        customer_id,
        {{ row_hash(["'customer'", 'customer_id']) }} as input_hash
    from int_customers
    union all
    select
        customer_id,
        {{ row_hash(["'survey_response'", 'survey_response_id', 'submitted_at', 'interests', 'stated_values',
                     'lifestyle']) }}
    from int_customer_survey_responses
    union all
    select
        customer_id,
        {{ row_hash(["'web_category'", 'anonymous_id', 'category', 'category_views']) }}
    from web_categories
    union all
    select
        customer_id,
        {{ row_hash(["'web_session'", 'anonymous_id', 'web_session_id', 'eco_product_views',
                     'rated_product_views']) }}
    from web_product_views
    union all
    select
        customer_id,
        {{ row_hash(["'order_line'", 'shop_order_line_id', 'shop_product_id', 'category', 'is_eco_friendly',
                     'is_counted', 'quantity']) }}
    from int_customer_order_lines
    union all
    select
        customer_id,
        {{ row_hash(["'social_interaction'", 'social_interaction_id', 'topic', 'sentiment']) }}
    from int_customer_social_interactions
),

input_fingerprints as (
    select
        customer_id,
        bit_xor(input_hash) as inputs_fingerprint
    from input_hashes
    group by customer_id
),

-- the customers this run computes: all of them, or on an incremental run those
-- whose fold changed (gone ones included: they get the tombstone)
customers as (
    {{ incremental_keys_to_build('input_fingerprints', 'customer_id', 'inputs_fingerprint', 'int_customers') }}
),

stated as (
    select
        customer_id,
        {{ latest_value('interests', 'submitted_at', 'survey_response_id') }} as stated_interests,
        {{ latest_value('stated_values', 'submitted_at', 'survey_response_id') }} as stated_values,
        {{ latest_value('lifestyle', 'submitted_at', 'survey_response_id') }} as lifestyle
    from int_customer_survey_responses
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    group by customer_id
),

-- web views per browser (int_web__browser_categories) attached to customers
category_signals as (
    select
        customer_id,
        category,
        category_views as signal_score
    from web_categories
    where
        category is not null
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        category,
        3 * quantity as signal_score
    from int_customer_order_lines
    where
        category is not null and is_counted
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
),

category_scores as (
    select
        customer_id,
        category,
        sum(signal_score) as affinity_score
    from category_signals
    group by customer_id, category
),

inferred as (
    select
        customer_id,
        {{ string_agg_ordered('category', "';'", 'affinity_score desc, category asc') }} as inferred_interests
    from (
        select
            *,
            row_number() over (partition by customer_id order by affinity_score desc, category asc) as category_rank
        from category_scores
    ) as ranked
    where category_rank <= 3
    group by customer_id
),

product_signals as (
    select
        customer_id,
        true as is_eco_friendly,
        eco_product_views as n_units
    from web_product_views
    where
        eco_product_views > 0
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        false as is_eco_friendly,
        rated_product_views - eco_product_views as n_units
    from web_product_views
    where
        rated_product_views > eco_product_views
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        is_eco_friendly,
        quantity
    from int_customer_order_lines
    where
        is_counted and shop_product_id is not null
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
),

eco as (
    select
        customer_id,
        sum(n_units) filter (where is_eco_friendly) / cast(nullif(sum(n_units), 0) as double) as eco_affinity_score
    from product_signals
    group by customer_id
),

topics as (
    select
        customer_id,
        topic,
        count(*) as n_interactions
    from int_customer_social_interactions
    where
        topic is not null
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    group by customer_id, topic
),

social_topics as (
    select
        customer_id,
        {{ string_agg_ordered('topic', "';'", 'n_interactions desc, topic asc') }} as social_topics
    from (
        select
            *,
            row_number() over (partition by customer_id order by n_interactions desc, topic asc) as topic_rank
        from topics
    ) as ranked
    where topic_rank <= 3
    group by customer_id
),

sentiment as (
    select
        customer_id,
        avg(sentiment) as average_social_sentiment
    from int_customer_social_interactions
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    group by customer_id
),

-- a gone customer has no inputs_fingerprint: its row is the tombstone
final as (
    select
        customers.customer_id,
        stated.stated_interests,
        inferred.inferred_interests,
        {{ normalize_list("coalesce(stated.stated_interests, '') || ';' || coalesce(inferred.inferred_interests, '')") }}
            as interests,
        stated.stated_values,
        coalesce(contains(';' || stated.stated_values || ';', ';sustainability;'), false) as values_sustainability,
        coalesce(contains(';' || stated.stated_values || ';', ';price;'), false) as values_price,
        coalesce(contains(';' || stated.stated_values || ';', ';quality;'), false) as values_quality,
        coalesce(contains(';' || stated.stated_values || ';', ';convenience;'), false) as values_convenience,
        eco.eco_affinity_score,
        stated.lifestyle,
        social_topics.social_topics,
        cast(sentiment.average_social_sentiment as double) as average_social_sentiment,
        input_fingerprints.inputs_fingerprint,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from customers
    left join stated
        on customers.customer_id = stated.customer_id
    left join inferred
        on customers.customer_id = inferred.customer_id
    left join eco
        on customers.customer_id = eco.customer_id
    left join social_topics
        on customers.customer_id = social_topics.customer_id
    left join sentiment
        on customers.customer_id = sentiment.customer_id
    left join input_fingerprints
        on customers.customer_id = input_fingerprints.customer_id
)

select * from final
