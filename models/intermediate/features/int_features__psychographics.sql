/*
    One row per customer: psychographic features as of the as-of date.
    1. stated: interests, values and lifestyle of the latest survey response that has them
    2. inferred category affinity: each web category / product view scores 1,
       each unit bought (counted orders) scores 3; the top 3 categories by score
    3. eco affinity: eco-friendly share of products viewed (web product views)
       and units bought
    4. social: top 3 topics by number of interactions, average sentiment (-1..1)
*/
with

int_customers as (
    select * from {{ ref('int_customers') }}
),

int_customer_survey_responses as (
    select * from {{ ref('int_customer_survey_responses') }}
),

customer_record_map as {{ not_materialized() }} (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

int_web__browser_categories as (
    select * from {{ ref('int_web__browser_categories') }}
),

int_web__sessions as (
    select * from {{ ref('int_web__sessions') }}
),

int_customer_order_lines as {{ not_materialized() }} (
    select * from {{ ref('int_customer_order_lines') }}
),

int_customer_social_interactions as {{ not_materialized() }} (
    select * from {{ ref('int_customer_social_interactions') }}
),

stated as (
    select
        customer_id,
        {{ latest_value('interests', 'submitted_at', 'survey_response_id') }} as stated_interests,
        {{ latest_value('stated_values', 'submitted_at', 'survey_response_id') }} as stated_values,
        {{ latest_value('lifestyle', 'submitted_at', 'survey_response_id') }} as lifestyle
    from int_customer_survey_responses
    group by customer_id
),

-- web views per browser (int_web__browser_categories) attached to customers
category_signals as (
    select
        customer_record_map.customer_id,
        int_web__browser_categories.category,
        int_web__browser_categories.category_views as signal_score
    from int_web__browser_categories
    inner join customer_record_map
        on int_web__browser_categories.anonymous_id = customer_record_map.source_record_id
    where int_web__browser_categories.category is not null
    union all
    select
        customer_id,
        category,
        3 * quantity as signal_score
    from int_customer_order_lines
    where category is not null and is_counted
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

-- web product views with a known eco flag, per session: eco and not eco (a
-- zero count adds no row, so a customer with none keeps a null score)
web_product_views as (
    select
        customer_record_map.customer_id,
        int_web__sessions.eco_product_views,
        int_web__sessions.rated_product_views
    from int_web__sessions
    inner join customer_record_map
        on int_web__sessions.anonymous_id = customer_record_map.source_record_id
    where int_web__sessions.rated_product_views > 0
),

product_signals as (
    select
        customer_id,
        true as is_eco_friendly,
        eco_product_views as n_units
    from web_product_views
    where eco_product_views > 0
    union all
    select
        customer_id,
        false as is_eco_friendly,
        rated_product_views - eco_product_views as n_units
    from web_product_views
    where rated_product_views > eco_product_views
    union all
    select
        customer_id,
        is_eco_friendly,
        quantity
    from int_customer_order_lines
    where is_counted and shop_product_id is not null
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
    where topic is not null
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
    group by customer_id
),

final as (
    select
        int_customers.customer_id,
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
        cast(sentiment.average_social_sentiment as double) as average_social_sentiment
    from int_customers
    left join stated
        on int_customers.customer_id = stated.customer_id
    left join inferred
        on int_customers.customer_id = inferred.customer_id
    left join eco
        on int_customers.customer_id = eco.customer_id
    left join social_topics
        on int_customers.customer_id = social_topics.customer_id
    left join sentiment
        on int_customers.customer_id = sentiment.customer_id
)

select * from final
