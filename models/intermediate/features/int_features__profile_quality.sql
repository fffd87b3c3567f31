/*
    One row per customer: how much data stands behind the profile.
    first_seen_at / profile_updated_at: earliest / latest timestamp of any of
    the customer's source records up to the as-of date (account and contact
    created_at / updated_at, orders, events, tickets, surveys, consents), so
    they come from the data, never from the run time.
*/
with

int_customers as (
    select * from {{ ref('int_customers') }}
),

int_customer_shop_accounts as (
    select * from {{ ref('int_customer_shop_accounts') }}
),

int_customer_crm_contacts as (
    select * from {{ ref('int_customer_crm_contacts') }}
),

int_customer_orders as (
    select * from {{ ref('int_customer_orders') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

int_web__sessions as (
    select * from {{ ref('int_web__sessions') }}
),

int_customer_app_events as (
    select * from {{ ref('int_customer_app_events') }}
),

int_customer_email_events as (
    select * from {{ ref('int_customer_email_events') }}
),

int_customer_consent_events as (
    select * from {{ ref('int_customer_consent_events') }}
),

int_customer_support_tickets as (
    select * from {{ ref('int_customer_support_tickets') }}
),

int_customer_survey_responses as (
    select * from {{ ref('int_customer_survey_responses') }}
),

int_customer_social_interactions as (
    select * from {{ ref('int_customer_social_interactions') }}
),

record_times as (
    select
        customer_id,
        coalesce(created_at, updated_at) as first_at,
        updated_at as last_at
    from int_customer_shop_accounts
    union all
    select
        customer_id,
        coalesce(created_at, updated_at) as first_at,
        updated_at as last_at
    from int_customer_crm_contacts
    union all
    select
        customer_id,
        ordered_at as first_at,
        ordered_at as last_at
    from int_customer_orders
    union all
    select
        customer_record_map.customer_id,
        int_web__sessions.started_at as first_at,
        int_web__sessions.ended_at as last_at
    from int_web__sessions
    inner join customer_record_map
        on int_web__sessions.anonymous_id = customer_record_map.source_record_id
    union all
    select
        customer_id,
        event_at as first_at,
        event_at as last_at
    from int_customer_app_events
    union all
    select
        customer_id,
        event_at as first_at,
        event_at as last_at
    from int_customer_email_events
    union all
    select
        customer_id,
        recorded_at as first_at,
        recorded_at as last_at
    from int_customer_consent_events
    union all
    select
        customer_id,
        created_at as first_at,
        coalesce(solved_at, created_at) as last_at
    from int_customer_support_tickets
    union all
    select
        customer_id,
        submitted_at as first_at,
        submitted_at as last_at
    from int_customer_survey_responses
    union all
    select
        customer_id,
        interaction_at as first_at,
        interaction_at as last_at
    from int_customer_social_interactions
),

times_per_customer as (
    select
        customer_id,
        min(first_at) as first_seen_at,
        max(least(last_at, {{ dateadd_days(as_of_date(), 1) }} - interval '1 microsecond')) as profile_updated_at
    from record_times
    group by customer_id
),

final as (
    select
        int_customers.customer_id,
        int_customers.n_sources,
        int_customers.n_records,
        int_customers.contributing_sources,
        times_per_customer.first_seen_at,
        times_per_customer.profile_updated_at
    from int_customers
    left join times_per_customer
        on int_customers.customer_id = times_per_customer.customer_id
)

select * from final
