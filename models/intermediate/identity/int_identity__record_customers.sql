/*
    One row per identity-bearing source record with its customer_id and how it
    was matched: the identity records of int_identity__records, with each email
    address record mapped back to its email events. Those events take the
    address record's customer, unless the address links nothing (it was cut as
    shared, or isolated by an override) and the record stands alone: the events
    are then not known to be one person, and each is a singleton customer, as any
    record that carries no usable identifier is.

    customer_id (macro customer_id_of): 'cus_' + the first 20 hex characters
    of SHA-256 of the component's smallest record_key
    ('<source>:<source_record_id>'). Identical
    input gives identical ids; adding records that do not touch a component
    never renames it. On a merge the merged customer keeps the id of the member
    with the smallest record_key (the other id disappears); on a split the part
    holding that record keeps the id and the other part gets a new one.

    match_rule: the strongest exact rule by which the record shares an
    identifier with another record (same_shop_account, same_email, same_phone,
    same_social_handle), else 'probabilistic' (with the best match weight of its
    accepted pairs), else 'force_merge', else 'singleton'.
*/
with

anchors as (
    select * from {{ ref('int_identity__anchors') }}
),

components as (
    select * from {{ ref('int_identity__components') }}
),

usable_identifiers as {{ not_materialized() }} (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

edges as {{ not_materialized() }} (
    select * from {{ ref('int_identity__edges') }}
),

identifier_rules as {{ not_materialized() }} (
    select * from {{ ref('identity_identifier_rules') }}
),

email_address_records as (
    select * from {{ ref('int_identity__records') }}
    where source = 'email_events'
        and records_represented > 1
),

email_events as (
    select * from {{ ref('stg_email__events') }}
),

-- an anchor without an edge is a component of its own, labelled by its own id
record_components as (
    select
        anchors.record_key,
        anchors.source,
        anchors.source_record_id,
        anchors.records_represented,
        anchors.n_usable_identifiers,
        coalesce(components.component_id, {{ identity_node_id('anchors.anchor_node_key') }}) as component_id
    from anchors
    left join components
        on {{ identity_node_id('anchors.anchor_node_key') }} = components.node_id
),

customers as (
    select
        component_id,
        {{ customer_id_of('min(record_key)') }} as customer_id,
        cast(sum(records_represented) as bigint) as n_records,
        count(*) as n_identity_records
    from record_components
    group by component_id
),

-- strongest exact rule shared with another record
exact_match as (
    select
        usable_identifiers.record_key,
        min(identifier_rules.priority) as best_priority
    from usable_identifiers
    inner join identifier_rules
        on usable_identifiers.identifier_type = identifier_rules.identifier_type
    where usable_identifiers.records_sharing_identifier > 1
    group by usable_identifiers.record_key
),

exact_rule as (
    select
        exact_match.record_key,
        min(usable_identifiers.matching_rule) as matching_rule
    from exact_match
    inner join usable_identifiers
        on exact_match.record_key = usable_identifiers.record_key
    inner join identifier_rules
        on usable_identifiers.identifier_type = identifier_rules.identifier_type
            and exact_match.best_priority = identifier_rules.priority
    group by exact_match.record_key
),

pair_members as (
    select
        split_part(record_key, ' ~ ', 1) as record_key,
        edge_rule,
        match_weight
    from edges
    where edge_rule in ('probabilistic', 'force_merge')
    union all
    select
        split_part(record_key, ' ~ ', 2) as record_key,
        edge_rule,
        match_weight
    from edges
    where edge_rule in ('probabilistic', 'force_merge')
),

pair_rule as (
    select
        record_key,
        max(case when edge_rule = 'force_merge' then 1 else 0 end) = 1 as has_force_merge,
        max(case when edge_rule = 'probabilistic' then match_weight end) as best_match_weight
    from pair_members
    group by record_key
),

identity_record_customers as (
    select
        record_components.record_key,
        record_components.source,
        record_components.source_record_id,
        record_components.records_represented,
        record_components.n_usable_identifiers = 0 and customers.n_identity_records = 1 as splits_into_singletons,
        customers.customer_id,
        customers.n_records as customer_record_count,
        case
            when customers.n_records = 1 then 'singleton'
            when exact_rule.matching_rule is not null then exact_rule.matching_rule
            when pair_rule.best_match_weight is not null then 'probabilistic'
            when pair_rule.has_force_merge then 'force_merge'
            else 'via_component'
        end as match_rule,
        case
            when customers.n_records > 1 and exact_rule.matching_rule is null
                then round(pair_rule.best_match_weight, 3)
        end as match_weight
    from record_components
    inner join customers
        on record_components.component_id = customers.component_id
    left join exact_rule
        on record_components.record_key = exact_rule.record_key
    left join pair_rule
        on record_components.record_key = pair_rule.record_key
),

-- the email events an address record stands for
address_events as (
    select
        email_address_records.record_key as address_record_key,
        'email_events:' || email_events.email_event_id as record_key,
        email_events.email_event_id as source_record_id
    from email_events
    inner join email_address_records
        on email_events.email_match_key = email_address_records.email_match_key
),

final as (
    select
        record_key,
        source,
        source_record_id,
        customer_id,
        customer_record_count,
        match_rule,
        match_weight
    from identity_record_customers
    where records_represented = 1
    union all
    select
        address_events.record_key,
        'email_events' as source,
        address_events.source_record_id,
        case
            when identity_record_customers.splits_into_singletons
                then {{ customer_id_of('address_events.record_key') }}
            else identity_record_customers.customer_id
        end as customer_id,
        case
            when identity_record_customers.splits_into_singletons then 1
            else identity_record_customers.customer_record_count
        end as customer_record_count,
        case
            when identity_record_customers.splits_into_singletons then 'singleton'
            else identity_record_customers.match_rule
        end as match_rule,
        case
            when not identity_record_customers.splits_into_singletons then identity_record_customers.match_weight
        end as match_weight
    from address_events
    inner join identity_record_customers
        on address_events.address_record_key = identity_record_customers.record_key
)

select * from final
