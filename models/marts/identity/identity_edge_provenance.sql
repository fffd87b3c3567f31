/*
    One row per link of the identity graph, for explaining merges: a record
    carrying an identifier (rule same_*), or two records joined by the
    probabilistic tier (with its match weight) or a force-merge override.
    Identifier values are pseudonymized. analyses/why_merged.sql walks these
    links to answer "why are these two records one customer?". The links are
    those of identity records: all email events of one address are one record
    (int_identity__records), whose link comes from its first event.
*/
with

usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

guards as (
    select * from {{ ref('int_identity__identifier_guards') }}
),

edges as (
    select * from {{ ref('int_identity__edges') }}
),

record_customers as (
    select * from {{ ref('int_identity__record_customers') }}
),

-- the pseudonym of each identifier that links records (usable, 2+ records),
-- hashed once per identifier rather than once per record carrying it (1M
-- customers: 2M identifiers, 31M links)
linking_nodes as (
    select
        node_key,
        identifier_type || ':' || {{ pseudonymize('node_key') }} as pseudonymized_node_key
    from guards
    where not is_shared
        and n_records > 1
),

identifier_links as (
    select
        usable_identifiers.record_key as from_key,
        linking_nodes.pseudonymized_node_key as to_key,
        usable_identifiers.matching_rule as link_rule,
        cast(null as double) as match_weight
    from usable_identifiers
    inner join linking_nodes
        on usable_identifiers.node_key = linking_nodes.node_key
),

pair_links as (
    select
        split_part(record_key, ' ~ ', 1) as from_key,
        split_part(record_key, ' ~ ', 2) as to_key,
        edge_rule as link_rule,
        match_weight
    from edges
    where edge_rule in ('probabilistic', 'force_merge')
),

final as (
    select
        record_customers.customer_id,
        links.from_key,
        links.to_key,
        links.link_rule,
        links.match_weight
    from (
        select * from identifier_links
        union all
        select * from pair_links
    ) as links
    inner join record_customers
        on links.from_key = record_customers.record_key
)

select * from final
