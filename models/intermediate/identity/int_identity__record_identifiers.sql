/*
    One row per (record, identifier) a record carries: the exact-match evidence.
    Each matching rule is one CTE below; two records that carry the same
    identifier are linked by that rule, unless the identifier is cut as shared
    (int_identity__identifier_guards).

    Steps: collect identifiers per rule -> union -> drop identifiers beyond the
    per-record limit of their type (seed identity_identifier_rules.max_per_record:
    e.g. a web visitor seen signed in as two shop accounts links neither).
    Junk and invalid identifiers never arrive here: staging nulls their match keys.
*/
with

shop_customers as {{ not_materialized() }} (
    select * from {{ ref('stg_shop__customers') }}
),

shop_orders as {{ not_materialized() }} (
    select * from {{ ref('stg_shop__orders') }}
),

crm_contacts as {{ not_materialized() }} (
    select * from {{ ref('stg_crm__contacts') }}
),

web_events as {{ not_materialized() }} (
    select * from {{ ref('stg_web__events') }}
),

app_events as (
    select * from {{ ref('stg_app__events') }}
),

support_tickets as {{ not_materialized() }} (
    select * from {{ ref('stg_support__tickets') }}
),

survey_responses as {{ not_materialized() }} (
    select * from {{ ref('stg_survey__responses') }}
),

-- all email events of one address are one identity record (int_identity__records)
email_address_records as (
    select * from {{ ref('int_identity__records') }}
    where source = 'email_events'
),

social_interactions as {{ not_materialized() }} (
    select * from {{ ref('stg_social__interactions') }}
),

consent_events as {{ not_materialized() }} (
    select * from {{ ref('stg_consent__events') }}
),

erasure_requests as {{ not_materialized() }} (
    select * from {{ ref('stg_erasure__requests') }}
),

identifier_rules as (
    select * from {{ ref('identity_identifier_rules') }}
),

-- rule same_shop_account: records that name the same shop account id (the
-- account itself, its orders, signed-in web visitors and app devices, tickets,
-- surveys, consent and erasure records that quote a customer_id)
same_shop_account as (
    select
        'shop_customers:' || shop_customer_id as record_key,
        shop_customer_id as identifier_value
    from shop_customers
    union all
    select
        'shop_orders:' || shop_order_id as record_key,
        shop_customer_id as identifier_value
    from shop_orders
    union all
    select distinct
        'web_events:' || anonymous_id as record_key,
        shop_customer_id as identifier_value
    from web_events
    union all
    select distinct
        'app_events:' || device_id as record_key,
        shop_customer_id as identifier_value
    from app_events
    union all
    select
        'support_tickets:' || support_ticket_id as record_key,
        shop_customer_id as identifier_value
    from support_tickets
    union all
    select
        'survey_responses:' || survey_response_id as record_key,
        shop_customer_id as identifier_value
    from survey_responses
    union all
    select
        'consent_events:' || consent_event_id as record_key,
        shop_customer_id as identifier_value
    from consent_events
    union all
    select
        'erasure_requests:' || erasure_request_id as record_key,
        shop_customer_id as identifier_value
    from erasure_requests
),

-- rule same_email: records with the same email match key (case, whitespace,
-- +tags and gmail dots already folded in staging)
same_email as (
    select
        'shop_customers:' || shop_customer_id as record_key,
        email_match_key as identifier_value
    from shop_customers
    union all
    select
        'shop_orders:' || shop_order_id as record_key,
        email_match_key as identifier_value
    from shop_orders
    union all
    select
        'crm_contacts:' || crm_contact_id as record_key,
        email_match_key as identifier_value
    from crm_contacts
    union all
    select distinct
        'web_events:' || anonymous_id as record_key,
        email_match_key as identifier_value
    from web_events
    union all
    select
        'support_tickets:' || support_ticket_id as record_key,
        requester_email_match_key as identifier_value
    from support_tickets
    union all
    select
        'survey_responses:' || survey_response_id as record_key,
        email_match_key as identifier_value
    from survey_responses
    union all
    select
        'social_interactions:' || social_interaction_id as record_key,
        linked_email_match_key as identifier_value
    from social_interactions
    union all
    select
        'consent_events:' || consent_event_id as record_key,
        email_match_key as identifier_value
    from consent_events
    union all
    select
        'erasure_requests:' || erasure_request_id as record_key,
        email_match_key as identifier_value
    from erasure_requests
),

-- rule same_phone: records with the same E.164 phone number. Numbers written in
-- national format in a source without a country column were read with the
-- default country (staging flags them); they are not trusted for matching.
same_phone as (
    select
        'shop_customers:' || shop_customer_id as record_key,
        phone_match_key as identifier_value
    from shop_customers
    union all
    select
        'shop_orders:' || shop_order_id as record_key,
        phone_match_key as identifier_value
    from shop_orders
    union all
    select
        'crm_contacts:' || crm_contact_id as record_key,
        phone_match_key as identifier_value
    from crm_contacts
    union all
    select
        'support_tickets:' || support_ticket_id as record_key,
        requester_phone_match_key as identifier_value
    from support_tickets
    where is_requester_phone_international
    union all
    select
        'consent_events:' || consent_event_id as record_key,
        phone_match_key as identifier_value
    from consent_events
    where not is_phone_country_assumed
    union all
    select
        'erasure_requests:' || erasure_request_id as record_key,
        phone_match_key as identifier_value
    from erasure_requests
    where not is_phone_country_assumed
),

-- rule same_social_handle: interactions of one handle on one platform
same_social_handle as (
    select
        'social_interactions:' || social_interaction_id as record_key,
        platform || ':' || handle as identifier_value
    from social_interactions
    where not is_handle_junk
),

-- records_represented: an email address record stands for all its events, and
-- the guards count it as that many records
unioned as (
    select
        record_key,
        'shop_customer_id' as identifier_type,
        identifier_value,
        'same_shop_account' as matching_rule,
        1 as records_represented
    from same_shop_account
    union all
    select
        record_key,
        'email' as identifier_type,
        identifier_value,
        'same_email' as matching_rule,
        1 as records_represented
    from same_email
    union all
    select
        record_key,
        'email' as identifier_type,
        email_match_key as identifier_value,
        'same_email' as matching_rule,
        records_represented
    from email_address_records
    union all
    select
        record_key,
        'phone' as identifier_type,
        identifier_value,
        'same_phone' as matching_rule,
        1 as records_represented
    from same_phone
    union all
    select
        record_key,
        'social_handle' as identifier_type,
        identifier_value,
        'same_social_handle' as matching_rule,
        1 as records_represented
    from same_social_handle
),

distinct_identifiers as (
    select distinct
        record_key,
        identifier_type,
        identifier_value,
        matching_rule,
        records_represented
    from unioned
    where identifier_value is not null
),

counted as (
    select
        distinct_identifiers.*,
        count(*) over (
            partition by distinct_identifiers.record_key, distinct_identifiers.identifier_type
        ) as identifiers_of_type_on_record
    from distinct_identifiers
),

final as (
    select
        counted.record_key,
        -- the record's source: record_key is '<source>:<source_record_id>' and no
        -- source name has a colon (int_identity__records)
        split_part(counted.record_key, ':', 1) as source,
        counted.identifier_type,
        counted.identifier_value,
        counted.identifier_type || ':' || counted.identifier_value as node_key,
        counted.matching_rule,
        counted.records_represented,
        counted.identifiers_of_type_on_record,
        counted.identifiers_of_type_on_record > identifier_rules.max_per_record as is_over_record_limit
    from counted
    inner join identifier_rules
        on counted.identifier_type = identifier_rules.identifier_type
)

select * from final
