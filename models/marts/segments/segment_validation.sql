/*
    One row per segment and check, plus one 'overall' row per check: how often
    what we inferred about the segment's customers agrees with what the same
    customers said in surveys. Only customers with both sides are compared.
    Checks:
    - interests: a stated interest matches an inferred interest category
      (seed interest_categories maps survey interests to product categories)
    - channel: the survey's preferred channel (email, push, social) equals the
      channel with most engagement in the last 365 days (email opens/clicks,
      push opens, social interactions; ties: email, push, social)
    - persona_lifestyle (persona family only): the survey agrees with the
      persona (fitness_app_user: lifestyle active; small_business_owner:
      lifestyle urban_professional; sustainable_fashion_shopper: values
      sustainability). Compared where the survey states a lifestyle (values
      for the fashion persona).
    agreement_rate below var segment_min_agreement_rate warns (yml).
*/
with

customer_segments as {{ not_materialized() }} (
    select * from {{ ref('customer_segments') }}
),

int_segment_inputs as {{ not_materialized() }} (
    select * from {{ ref('int_segment_inputs') }}
),

interest_categories as (
    select * from {{ ref('interest_categories') }}
),

stated_interests as (
    select
        int_segment_inputs.customer_id,
        stated.interest
    from int_segment_inputs
    cross join {{ unnest_list(split_list('int_segment_inputs.stated_interests', ';')) }} as stated (interest)
    where int_segment_inputs.inferred_interests is not null
),

interest_check as (
    select
        stated_interests.customer_id,
        'interests' as check_name,
        bool_or(
            list_contains({{ split_list('inputs.inferred_interests', ';') }}, interest_categories.category)
        ) as is_agreeing
    from stated_interests
    inner join int_segment_inputs as inputs
        on stated_interests.customer_id = inputs.customer_id
    left join interest_categories
        on stated_interests.interest = interest_categories.interest
    group by stated_interests.customer_id
),

inferred_channels as (
    select
        customer_id,
        preferred_channel as stated_channel,
        case
            when greatest(email_engagements_365d, push_opens_365d, social_interactions_365d) = 0 then null
            when email_engagements_365d >= greatest(push_opens_365d, social_interactions_365d) then 'email'
            when push_opens_365d >= social_interactions_365d then 'push'
            else 'social'
        end as inferred_channel
    from int_segment_inputs
    where
        preferred_channel_basis = 'survey'
        and preferred_channel in ('email', 'push', 'social')
),

channel_check as (
    select
        customer_id,
        'channel' as check_name,
        stated_channel = inferred_channel as is_agreeing
    from inferred_channels
    where inferred_channel is not null
),

persona_check as (
    select
        customer_segments.customer_id,
        'persona_lifestyle' as check_name,
        case customer_segments.segment_name
            when 'fitness_app_user' then inputs.lifestyle = 'active'
            when 'small_business_owner' then inputs.lifestyle = 'urban_professional'
            when 'sustainable_fashion_shopper' then inputs.values_sustainability
        end as is_agreeing
    from customer_segments
    inner join int_segment_inputs as inputs
        on customer_segments.customer_id = inputs.customer_id
    where
        customer_segments.segment_family = 'persona'
        and (
            (customer_segments.segment_name in ('fitness_app_user', 'small_business_owner') and inputs.lifestyle is not null)
            or (customer_segments.segment_name = 'sustainable_fashion_shopper' and inputs.stated_values is not null)
        )
),

checks as (
    select * from interest_check
    union all
    select * from channel_check
    union all
    select * from persona_check
),

per_segment as (
    select
        customer_segments.segment_family,
        customer_segments.segment_name,
        checks.check_name,
        count(*) as n_compared,
        count(*) filter (where checks.is_agreeing) as n_agreeing
    from checks
    inner join customer_segments
        on checks.customer_id = customer_segments.customer_id
    where checks.check_name != 'persona_lifestyle' or customer_segments.segment_family = 'persona'
    group by customer_segments.segment_family, customer_segments.segment_name, checks.check_name
),

overall as (
    select
        'overall' as segment_family,
        'overall' as segment_name,
        check_name,
        count(*) as n_compared,
        count(*) filter (where is_agreeing) as n_agreeing
    from checks
    group by check_name
),

final as (
    select
        segment_family,
        segment_name,
        check_name,
        n_compared,
        n_agreeing,
        n_agreeing / n_compared as agreement_rate,
        {{ as_of_date() }} as assigned_as_of
    from per_segment
    union all
    select
        segment_family,
        segment_name,
        check_name,
        n_compared,
        n_agreeing,
        n_agreeing / n_compared as agreement_rate,
        {{ as_of_date() }} as assigned_as_of
    from overall
)

select * from final
