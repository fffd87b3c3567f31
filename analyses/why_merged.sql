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

same_customer as (
    select provenance.*
    from provenance
    where provenance.customer_id = (
        select customer_id from provenance where from_key = '{{ record_a }}' limit 1
    )
),

links as (
    select from_key as node_a, to_key as node_b, link_rule, match_weight from same_customer
    union all
    select to_key, from_key, link_rule, match_weight from same_customer
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
