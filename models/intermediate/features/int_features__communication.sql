/*
    One row per customer: communication preferences as of the as-of date.
    1. consent per purpose (email_marketing, sms_marketing, push, personalization):
       the customer's latest consent record across every source wins; on equal
       recorded_at a withdrawal beats a grant. Null when never recorded.
    2. email engagement over the last 90 days: open rate = campaigns opened /
       campaigns delivered, click rate = campaigns clicked / campaigns delivered
       (capped at 1); flags over all history: unsubscribed, bounced (the source
       has no bounce type: every bounce is taken as hard), complained
    3. best hour (0-23, UTC) and ISO weekday (1 = Monday) to contact: the most
       frequent in email opens/clicks and app push opens (ties: earliest)
    4. preferred channel: the latest stated survey channel, else the channel with
       the most engagement events in the last 365 days (email opens/clicks, app
       push opens, social interactions; ties: email, push, social)
    5. support (tickets, open tickets = status open or pending, average CSAT) and
       the latest NPS (promoter 9-10, passive 7-8, detractor 0-6)
*/
with

int_customers as (
    select * from {{ ref('int_customers') }}
),

int_customer_consent_events as (
    select * from {{ ref('int_customer_consent_events') }}
),

int_customer_email_events as {{ not_materialized() }} (
    select * from {{ ref('int_customer_email_events') }}
),

int_customer_app_events as (
    select * from {{ ref('int_customer_app_events') }}
),

int_customer_social_interactions as (
    select * from {{ ref('int_customer_social_interactions') }}
),

int_customer_support_tickets as (
    select * from {{ ref('int_customer_support_tickets') }}
),

int_customer_survey_responses as (
    select * from {{ ref('int_customer_survey_responses') }}
),

consent_ranked as (
    select
        customer_id,
        purpose,
        consent_status = 'granted' as is_granted,
        recorded_at,
        row_number() over (
            partition by customer_id, purpose
            order by recorded_at desc, case when consent_status = 'withdrawn' then 0 else 1 end, consent_event_id asc
        ) as recency_rank
    from int_customer_consent_events
),

latest_consent as (
    select
        customer_id,
        purpose,
        is_granted,
        recorded_at
    from consent_ranked
    where recency_rank = 1
),

consents as (
    select
        customer_id,
        bool_or(is_granted) filter (where purpose = 'email_marketing') as consent_email,
        bool_or(is_granted) filter (where purpose = 'sms_marketing') as consent_sms,
        bool_or(is_granted) filter (where purpose = 'push') as consent_push,
        bool_or(is_granted) filter (where purpose = 'personalization') as consent_personalization,
        max(recorded_at) as consent_updated_at
    from latest_consent
    group by customer_id
),

email_features as (
    select
        customer_id,
        least(
            1.0,
            count(distinct campaign_id) filter (
                where event_type = 'open' and event_at >= {{ dateadd_days(as_of_date(), -89) }}
            )
            / cast(nullif(count(distinct campaign_id) filter (
                where event_type = 'delivered' and event_at >= {{ dateadd_days(as_of_date(), -89) }}
            ), 0) as double)
        ) as email_open_rate_90d,
        least(
            1.0,
            count(distinct campaign_id) filter (
                where event_type = 'click' and event_at >= {{ dateadd_days(as_of_date(), -89) }}
            )
            / cast(nullif(count(distinct campaign_id) filter (
                where event_type = 'delivered' and event_at >= {{ dateadd_days(as_of_date(), -89) }}
            ), 0) as double)
        ) as email_click_rate_90d,
        coalesce(bool_or(event_type = 'unsubscribe'), false) as is_unsubscribed,
        coalesce(bool_or(event_type = 'bounce'), false) as is_hard_bounced,
        coalesce(bool_or(event_type = 'complaint'), false) as has_complained
    from int_customer_email_events
    group by customer_id
),

engagements as (
    select
        customer_id,
        'email' as channel,
        event_at as engaged_at
    from int_customer_email_events
    where event_type in ('open', 'click')
    union all
    select
        customer_id,
        'push' as channel,
        event_at as engaged_at
    from int_customer_app_events
    where event_name = 'push_opened'
    union all
    select
        customer_id,
        'social' as channel,
        interaction_at as engaged_at
    from int_customer_social_interactions
),

hours_ranked as (
    select
        customer_id,
        cast(hour(engaged_at) as bigint) as best_contact_hour,
        row_number() over (partition by customer_id order by count(*) desc, hour(engaged_at)) as hour_rank
    from engagements
    where channel in ('email', 'push')
    group by customer_id, hour(engaged_at)
),

best_hour as (
    select
        customer_id,
        best_contact_hour
    from hours_ranked
    where hour_rank = 1
),

weekdays_ranked as (
    select
        customer_id,
        isodow(engaged_at) as best_contact_weekday,
        row_number() over (partition by customer_id order by count(*) desc, isodow(engaged_at)) as weekday_rank
    from engagements
    where channel in ('email', 'push')
    group by customer_id, isodow(engaged_at)
),

best_weekday as (
    select
        customer_id,
        best_contact_weekday
    from weekdays_ranked
    where weekday_rank = 1
),

engaged_channels_ranked as (
    select
        customer_id,
        channel,
        row_number() over (
            partition by customer_id
            order by count(*) desc, case channel when 'email' then 1 when 'push' then 2 else 3 end, channel
        ) as channel_rank
    from engagements
    where engaged_at >= {{ dateadd_days(as_of_date(), -364) }}
    group by customer_id, channel
),

engaged_channel as (
    select
        customer_id,
        channel as engaged_channel
    from engaged_channels_ranked
    where channel_rank = 1
),

survey_features as (
    select
        customer_id,
        {{ latest_value('preferred_channel', 'submitted_at', 'survey_response_id') }} as stated_channel,
        {{ latest_value('nps_score', 'submitted_at', 'survey_response_id') }} as latest_nps_score
    from int_customer_survey_responses
    group by customer_id
),

support_features as (
    select
        customer_id,
        count(*) as support_contacts,
        count(*) filter (where status in ('open', 'pending')) as open_tickets,
        avg(csat_score) as average_csat
    from int_customer_support_tickets
    group by customer_id
),

final as (
    select
        int_customers.customer_id,
        consents.consent_email,
        consents.consent_sms,
        consents.consent_push,
        consents.consent_personalization,
        consents.consent_updated_at,
        coalesce(survey_features.stated_channel, engaged_channel.engaged_channel) as preferred_channel,
        case
            when survey_features.stated_channel is not null then 'survey'
            when engaged_channel.engaged_channel is not null then 'engagement'
        end as preferred_channel_basis,
        email_features.email_open_rate_90d,
        email_features.email_click_rate_90d,
        best_hour.best_contact_hour,
        best_weekday.best_contact_weekday,
        coalesce(email_features.is_unsubscribed, false) as is_unsubscribed,
        coalesce(email_features.is_hard_bounced, false) as is_hard_bounced,
        coalesce(email_features.has_complained, false) as has_complained,
        coalesce(support_features.support_contacts, 0) as support_contacts,
        coalesce(support_features.open_tickets, 0) as open_tickets,
        support_features.average_csat,
        survey_features.latest_nps_score,
        case
            when survey_features.latest_nps_score >= 9 then 'promoter'
            when survey_features.latest_nps_score >= 7 then 'passive'
            when survey_features.latest_nps_score >= 0 then 'detractor'
        end as nps_category
    from int_customers
    left join consents
        on int_customers.customer_id = consents.customer_id
    left join email_features
        on int_customers.customer_id = email_features.customer_id
    left join best_hour
        on int_customers.customer_id = best_hour.customer_id
    left join best_weekday
        on int_customers.customer_id = best_weekday.customer_id
    left join engaged_channel
        on int_customers.customer_id = engaged_channel.customer_id
    left join survey_features
        on int_customers.customer_id = survey_features.customer_id
    left join support_features
        on int_customers.customer_id = support_features.customer_id
)

select * from final
