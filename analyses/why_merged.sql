/*
    Why are these two records one customer?

    Usage:
      dbt compile --select why_merged \
        --vars '{record_a: "shop_customers:C0000001", record_b: "shop_orders:O000000002"}'
    then run target/compiled/customer360/analyses/why_merged.sql, or
      dbt show --inline "$(cat target/compiled/customer360/analyses/why_merged.sql)"

    Returns the shortest path of links from record_a to record_b: each step is a
    record or a pseudonymized identifier, and the rule behind the link
    (same_email, same_phone, same_shop_account, probabilistic with its weight,
    force_merge). No row: the records are different customers.
*/
{%- set record_a = var('record_a', 'shop_customers:C0000001') -%}
{%- set record_b = var('record_b', 'shop_orders:O000000001') -%}

-- DuckDB's recursive CTE with USING KEY is not in sqlfluff's duckdb grammar
with recursive  -- noqa: PRS

provenance as (
    select * from {{ ref('identity_edge_provenance') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
),

stg_email__events as (
    select * from {{ ref('stg_email__events') }}
),

same_customer as (
    select provenance.*
    from provenance
    where provenance.customer_id = (
        select customer_id from customer_record_map
        where source || ':' || source_record_id = '{{ record_a }}'
    )
),

-- all email events of one address are one identity record, whose link the
-- provenance holds once: an email event asked about reaches its address here
email_event_links as (
    select
        'email_events:' || email_event_id as from_key,
        'email:' || {{ pseudonymize("'email:' || email_match_key") }} as to_key,
        'same_email' as link_rule,
        cast(null as double) as match_weight
    from stg_email__events
    where 'email_events:' || email_event_id in ('{{ record_a }}', '{{ record_b }}')
),

customer_links as (
    select from_key, to_key, link_rule, match_weight from same_customer
    union
    select email_event_links.from_key, email_event_links.to_key, email_event_links.link_rule, email_event_links.match_weight
    from email_event_links
    inner join same_customer
        on email_event_links.to_key = same_customer.to_key
),

links as (
    select from_key as node_a, to_key as node_b, link_rule, match_weight from customer_links
    union all
    select to_key, from_key, link_rule, match_weight from customer_links
),

-- breadth-first: each node is reached once, by a shortest path (DuckDB USING KEY)
walk (node_key, depth, path) using key (node_key) as (
    select
        '{{ record_a }}' as node_key,
        0 as depth,
        '{{ record_a }}' as path
    union
    select distinct on (links.node_b)
        links.node_b,
        walk.depth + 1,
        walk.path || '  --[' || links.link_rule
        || coalesce(' ' || cast(round(links.match_weight, 1) as varchar), '') || ']-->  ' || links.node_b
    from walk
    inner join links
        on walk.node_key = links.node_a
    where walk.depth < 30
        and links.node_b not in (select recurring_walk.node_key from recurring.walk as recurring_walk)
),

final as (
    select
        depth as hops,
        path
    from walk
    where node_key = '{{ record_b }}'
    order by depth, path
    limit 1
)

select * from final
