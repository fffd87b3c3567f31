/*
    One row per identifier that identity resolution refused to use for linking:
    what was cut, by which guard, and how many records it would have joined.
    Identifier values are pseudonymized (salted SHA-256); the type stays readable.
    Reasons: too_many_records, several_shop_accounts, several_crm_contacts,
    conflicting_people (int_identity__identifier_guards) and over_record_limit
    (a record carried more identifiers of the type than its limit allows).
*/
with

guards as (
    select * from {{ ref('int_identity__identifier_guards') }}
),

record_identifiers as (
    select * from {{ ref('int_identity__record_identifiers') }}
),

shared_identifiers as (
    select
        identifier_type,
        {{ pseudonymize('node_key') }} as identifier_hash,
        cut_reason,
        'same_' || case identifier_type when 'shop_customer_id' then 'shop_account' else identifier_type end
            as matching_rule,
        n_records as records_it_would_join,
        n_shop_accounts,
        n_crm_contacts,
        n_conflicting_pairs
    from guards
    where is_shared
),

over_record_limit as (
    select
        identifier_type,
        {{ pseudonymize('node_key') }} as identifier_hash,
        'over_record_limit' as cut_reason,
        min(matching_rule) as matching_rule,
        count(distinct record_key) as records_it_would_join,
        cast(null as bigint) as n_shop_accounts,
        cast(null as bigint) as n_crm_contacts,
        cast(null as bigint) as n_conflicting_pairs
    from record_identifiers
    where is_over_record_limit
    group by identifier_type, node_key
),

final as (
    select * from shared_identifiers
    union all
    select * from over_record_limit
)

select * from final
