/*
    One row per customer and channel (email, sms, push) the customer may be
    contacted on for marketing, with the pseudonymized activation key to send to
    the activation tool (salted SHA-256 of the normalized identifier: email,
    E.164 phone, app device id). Withdrawn anywhere wins.
    Steps:
    1. latest_per_source: the latest consent record per customer, purpose and
       recording system (on equal recorded_at a withdrawal beats a grant)
    2. consent_by_purpose: granted only when the latest record of every system
       that recorded the purpose is a grant (one withdrawal anywhere excludes)
    3. contact points: golden-record email and phone, the latest app device
       (not when its latest event says push is disabled)
    4. channel rules: email also requires no unsubscribe, bounce or complaint
       ever; sms and push have no such events in the sources
*/
with

int_customer_consent_events as (
    select * from {{ ref('int_customer_consent_events') }}
),

int_features__golden_record as {{ not_materialized() }} (
    select * from {{ ref('int_features__golden_record') }}
),

int_features__communication as (
    select * from {{ ref('int_features__communication') }}
),

int_customer_app_events as (
    select * from {{ ref('int_customer_app_events') }}
),

ranked_consent as (
    select
        customer_id,
        purpose,
        coalesce(consent_source, 'unknown') as consent_source,
        consent_status,
        recorded_at,
        row_number() over (
            partition by customer_id, purpose, coalesce(consent_source, 'unknown')
            order by recorded_at desc, case when consent_status = 'withdrawn' then 0 else 1 end, consent_event_id asc
        ) as recency_rank
    from int_customer_consent_events
),

latest_per_source as (
    select * from ranked_consent
    where recency_rank = 1
),

consent_by_purpose as (
    select
        customer_id,
        purpose,
        bool_and(consent_status = 'granted') as is_granted,
        count(*) as n_consent_sources,
        max(recorded_at) as consent_recorded_at
    from latest_per_source
    group by customer_id, purpose
),

ranked_devices as (
    select
        customer_id,
        device_id,
        push_enabled,
        row_number() over (
            partition by customer_id
            order by event_at desc, device_id asc, app_event_id asc
        ) as recency_rank
    from int_customer_app_events
),

latest_device as (
    select * from ranked_devices
    where recency_rank = 1
),

contact_points as (
    select
        customer_id,
        'email' as channel,
        'email_marketing' as purpose,
        {{ pseudonymize('primary_email') }} as activation_key
    from int_features__golden_record
    where primary_email is not null
    union all
    select
        customer_id,
        'sms' as channel,
        'sms_marketing' as purpose,
        {{ pseudonymize('primary_phone') }} as activation_key
    from int_features__golden_record
    where primary_phone is not null
    union all
    select
        customer_id,
        'push' as channel,
        'push' as purpose,
        {{ pseudonymize('device_id') }} as activation_key
    from latest_device
    where coalesce(push_enabled, true)
),

final as (
    select
        contact_points.customer_id,
        contact_points.channel,
        contact_points.activation_key,
        consent_by_purpose.consent_recorded_at,
        consent_by_purpose.n_consent_sources
    from contact_points
    inner join consent_by_purpose
        on contact_points.customer_id = consent_by_purpose.customer_id
            and contact_points.purpose = consent_by_purpose.purpose
    left join int_features__communication
        on contact_points.customer_id = int_features__communication.customer_id
    where consent_by_purpose.is_granted
        and (
            contact_points.channel != 'email'
            or not (
                coalesce(int_features__communication.is_unsubscribed, false)
                or coalesce(int_features__communication.is_hard_bounced, false)
                or coalesce(int_features__communication.has_complained, false)
            )
        )
)

select * from final
