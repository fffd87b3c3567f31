{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='customer_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('inputs_fingerprint') }}",
) }}

/*
    One row per customer: the golden record (restricted: holds raw PII) chosen by
    survivorship, with provenance (<field>_source, <field>_updated_at).
    Survivorship, per field group, among the customer's valid candidates:
      1. source priority (lower wins):
           name:    shop_customers 1, crm_contacts 2, support_tickets 3
           email:   shop_customers 1, crm_contacts 2, shop_orders 3, survey_responses 4, support_tickets 5
           phone:   shop_customers 1, crm_contacts 2, shop_orders 3, support_tickets 4
           address: crm_contacts 1 (street + region), shop_customers 2, shop_orders 3 (shipping)
           birth date, gender: crm_contacts (only source)
      2. most recent (record updated_at; orders: ordered_at; tickets: created_at;
         surveys: submitted_at)
      3. most frequent value among the customer's candidates
      4. finally the smallest value, so the choice is deterministic
    An address is chosen as a whole (street, postal code, city, region and
    country of one record), never mixed across records; it needs a city or a country.
    Emails must be valid and not junk; phones valid E.164 and not junk.

    inputs_fingerprint: the bit_xor of row_hash over every candidate row of the
    customer (each with its key, unique per input, so no two rows cancel, and
    every column a rule below reads) and the customer itself (CTE input_hashes).
    A column a rule reads but input_hashes leaves out is an input an incremental
    run misses (test_incremental.py checks the whole table against a full
    refresh). No figure here moves with the as-of date by itself.

    Incremental run (unique_key customer_id), as int_features__behavior_stored:
    only the customers whose fold differs from the stored one (new, gone, a
    candidate row added, removed, altered or moved to another customer; macro
    incremental_keys_to_build) are computed again; a gone customer gets a
    tombstone (null inputs_fingerprint) that the post-hook deletes.
*/
{#- the customers whose figures this run computes: all of them, or on an
    incremental run the changed ones (new, gone or with other inputs) -#}
{%- set in_scope = 'in (select customers.customer_id from customers)' -%}

with

int_customers as {{ not_materialized() }} (
    select * from {{ ref('int_customers') }}
),

all_shop_accounts as {{ not_materialized() }} (
    select * from {{ ref('int_customer_shop_accounts') }}
),

all_crm_contacts as {{ not_materialized() }} (
    select * from {{ ref('int_customer_crm_contacts') }}
),

all_orders as {{ not_materialized() }} (
    select * from {{ ref('int_customer_orders') }}
),

all_support_tickets as {{ not_materialized() }} (
    select * from {{ ref('int_customer_support_tickets') }}
),

all_survey_responses as {{ not_materialized() }} (
    select * from {{ ref('int_customer_survey_responses') }}
),

-- every candidate row a rule reads, hashed with its key and the columns the
-- rules read; the customer's fold of these is its inputs_fingerprint
input_hashes as (
    select
        customer_id,
        {{ row_hash(["'customer'", 'customer_id']) }} as input_hash
    from int_customers
    union all
    select
        customer_id,
        {{ row_hash([
            "'shop_account'", 'shop_customer_id', 'first_name', 'last_name', 'updated_at', 'email',
            'is_email_valid', 'is_email_junk', 'phone_e164', 'is_phone_valid', 'is_phone_junk', 'postal_code',
            'city', 'country_code',
        ]) }}
    from all_shop_accounts
    union all
    select
        customer_id,
        {{ row_hash([
            "'crm_contact'", 'crm_contact_id', 'first_name', 'last_name', 'updated_at', 'email', 'is_email_valid',
            'is_email_junk', 'phone_e164', 'is_phone_valid', 'is_phone_junk', 'street', 'postal_code', 'city',
            'region', 'country_code', 'birth_date', 'is_birth_date_placeholder', 'gender',
        ]) }}
    from all_crm_contacts
    union all
    select
        customer_id,
        {{ row_hash([
            "'order'", 'shop_order_id', 'ordered_at', 'email', 'is_email_valid', 'is_email_junk', 'phone_e164',
            'is_phone_valid', 'is_phone_junk', 'shipping_postal_code', 'shipping_city', 'shipping_country_code',
        ]) }}
    from all_orders
    union all
    select
        customer_id,
        {{ row_hash([
            "'support_ticket'", 'support_ticket_id', 'created_at', 'requester_name', 'requester_email',
            'is_requester_email_valid', 'is_requester_email_junk', 'requester_phone_e164',
            'is_requester_phone_valid', 'is_requester_phone_junk',
        ]) }}
    from all_support_tickets
    union all
    select
        customer_id,
        {{ row_hash(["'survey_response'", 'survey_response_id', 'submitted_at', 'email', 'is_email_valid',
                     'is_email_junk']) }}
    from all_survey_responses
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

-- the candidate rows of the customers this run computes
int_customer_shop_accounts as {{ not_materialized() }} (
    select * from all_shop_accounts
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

int_customer_crm_contacts as {{ not_materialized() }} (
    select * from all_crm_contacts
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

int_customer_orders as {{ not_materialized() }} (
    select * from all_orders
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

int_customer_support_tickets as {{ not_materialized() }} (
    select * from all_support_tickets
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

int_customer_survey_responses as (
    select * from all_survey_responses
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

-- name candidates
name_candidates as (
    select
        customer_id,
        trim(concat_ws(' ', first_name, last_name)) as candidate_value,
        'shop_customers' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_shop_accounts
    where coalesce(first_name, last_name) is not null
    union all
    select
        customer_id,
        trim(concat_ws(' ', first_name, last_name)) as candidate_value,
        'crm_contacts' as candidate_source,
        2 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where coalesce(first_name, last_name) is not null
    union all
    select
        customer_id,
        trim(requester_name) as candidate_value,
        'support_tickets' as candidate_source,
        3 as source_priority,
        created_at as candidate_updated_at
    from int_customer_support_tickets
    where nullif(trim(requester_name), '') is not null
),

-- email candidates
email_candidates as (
    select
        customer_id,
        email as candidate_value,
        'shop_customers' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_shop_accounts
    where is_email_valid and not is_email_junk
    union all
    select
        customer_id,
        email as candidate_value,
        'crm_contacts' as candidate_source,
        2 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where is_email_valid and not is_email_junk
    union all
    select
        customer_id,
        email as candidate_value,
        'shop_orders' as candidate_source,
        3 as source_priority,
        ordered_at as candidate_updated_at
    from int_customer_orders
    where is_email_valid and not is_email_junk
    union all
    select
        customer_id,
        email as candidate_value,
        'survey_responses' as candidate_source,
        4 as source_priority,
        submitted_at as candidate_updated_at
    from int_customer_survey_responses
    where is_email_valid and not is_email_junk
    union all
    select
        customer_id,
        requester_email as candidate_value,
        'support_tickets' as candidate_source,
        5 as source_priority,
        created_at as candidate_updated_at
    from int_customer_support_tickets
    where is_requester_email_valid and not is_requester_email_junk
),

-- phone candidates
phone_candidates as (
    select
        customer_id,
        phone_e164 as candidate_value,
        'shop_customers' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_shop_accounts
    where is_phone_valid and not is_phone_junk
    union all
    select
        customer_id,
        phone_e164 as candidate_value,
        'crm_contacts' as candidate_source,
        2 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where is_phone_valid and not is_phone_junk
    union all
    select
        customer_id,
        phone_e164 as candidate_value,
        'shop_orders' as candidate_source,
        3 as source_priority,
        ordered_at as candidate_updated_at
    from int_customer_orders
    where is_phone_valid and not is_phone_junk
    union all
    select
        customer_id,
        requester_phone_e164 as candidate_value,
        'support_tickets' as candidate_source,
        4 as source_priority,
        created_at as candidate_updated_at
    from int_customer_support_tickets
    where is_requester_phone_valid and not is_requester_phone_junk
),

-- address candidates (one record's address as a whole)
address_records as (
    select
        customer_id,
        street,
        postal_code,
        city,
        region,
        country_code,
        'crm_contacts' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where coalesce(city, country_code) is not null
    union all
    select
        customer_id,
        null as street,
        postal_code,
        city,
        null as region,
        country_code,
        'shop_customers' as candidate_source,
        2 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_shop_accounts
    where coalesce(city, country_code) is not null
    union all
    select
        customer_id,
        null as street,
        shipping_postal_code as postal_code,
        shipping_city as city,
        null as region,
        shipping_country_code as country_code,
        'shop_orders' as candidate_source,
        3 as source_priority,
        ordered_at as candidate_updated_at
    from int_customer_orders
    where coalesce(shipping_city, shipping_country_code) is not null
),

address_candidates as (
    select
        *,
        concat_ws('|', street, postal_code, city, region, country_code) as candidate_value
    from address_records
),

-- birth date and gender: CRM only, most recent then most frequent
birth_date_candidates as (
    select
        customer_id,
        cast(birth_date as string) as candidate_value,
        'crm_contacts' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where birth_date is not null and not coalesce(is_birth_date_placeholder, false)
),

gender_candidates as (
    select
        customer_id,
        gender as candidate_value,
        'crm_contacts' as candidate_source,
        1 as source_priority,
        updated_at as candidate_updated_at
    from int_customer_crm_contacts
    where gender is not null
),

field_candidates as (
    select
        'name' as field,
        *
    from name_candidates
    union all
    select
        'email' as field,
        *
    from email_candidates
    union all
    select
        'phone' as field,
        *
    from phone_candidates
    union all
    select
        'birth_date' as field,
        *
    from birth_date_candidates
    union all
    select
        'gender' as field,
        *
    from gender_candidates
),

-- survivorship: source priority, then most recent, then most frequent, then smallest value
field_counted as (
    select
        *,
        count(*) over (partition by customer_id, field, candidate_value) as value_frequency
    from field_candidates
),

field_ranked as (
    select
        *,
        row_number() over (
            partition by customer_id, field
            order by source_priority asc, candidate_updated_at desc nulls last, value_frequency desc, candidate_value asc
        ) as survivor_rank
    from field_counted
),

field_survivors as (
    select * from field_ranked
    where survivor_rank = 1
),

address_counted as (
    select
        *,
        count(*) over (partition by customer_id, candidate_value) as value_frequency
    from address_candidates
),

address_ranked as (
    select
        *,
        row_number() over (
            partition by customer_id
            order by source_priority asc, candidate_updated_at desc nulls last, value_frequency desc, candidate_value asc
        ) as survivor_rank
    from address_counted
),

address_survivor as (
    select * from address_ranked
    where survivor_rank = 1
),

survivors_pivoted as (
    select
        customer_id,
        {%- for field in ['name', 'email', 'phone', 'birth_date', 'gender'] %}
            max(candidate_value) filter (where field = '{{ field }}') as {{ field }}_value,
            max(candidate_source) filter (where field = '{{ field }}') as {{ field }}_source,
            max(candidate_updated_at) filter (where field = '{{ field }}') as {{ field }}_updated_at
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from field_survivors
    group by customer_id
),

-- a gone customer has no inputs_fingerprint: its row is the tombstone
final as (
    select
        customers.customer_id,
        -- name
        survivors_pivoted.name_value as display_name,
        survivors_pivoted.name_source as display_name_source,
        survivors_pivoted.name_updated_at as display_name_updated_at,
        -- email
        survivors_pivoted.email_value as primary_email,
        survivors_pivoted.email_source as primary_email_source,
        survivors_pivoted.email_updated_at as primary_email_updated_at,
        -- phone
        survivors_pivoted.phone_value as primary_phone,
        survivors_pivoted.phone_source as primary_phone_source,
        survivors_pivoted.phone_updated_at as primary_phone_updated_at,
        -- address (one record's address as a whole)
        address_survivor.street,
        address_survivor.postal_code,
        address_survivor.city,
        address_survivor.region,
        address_survivor.country_code,
        address_survivor.candidate_source as address_source,
        address_survivor.candidate_updated_at as address_updated_at,
        -- birth date and gender
        cast(survivors_pivoted.birth_date_value as date) as birth_date,
        survivors_pivoted.birth_date_source,
        survivors_pivoted.birth_date_updated_at,
        survivors_pivoted.gender_value as gender,
        survivors_pivoted.gender_source,
        survivors_pivoted.gender_updated_at,
        input_fingerprints.inputs_fingerprint,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from customers
    left join survivors_pivoted
        on customers.customer_id = survivors_pivoted.customer_id
    left join address_survivor
        on customers.customer_id = address_survivor.customer_id
    left join input_fingerprints
        on customers.customer_id = input_fingerprints.customer_id
)

select * from final
