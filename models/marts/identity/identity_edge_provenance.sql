/*
    One row per link of the identity graph, for explaining merges: a record
    carrying an identifier (rule same_*), or two records joined by the
    probabilistic tier (with its match weight) or a force-merge override.
    Identifier values are pseudonymized. analyses/why_merged.sql walks these
    links to answer "why are these two records one customer?".
*/
with

usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

edges as (
    select * from {{ ref('int_identity__edges') }}
),

record_customers as (
    select * from {{ ref('int_identity__record_customers') }}
),

identifier_links as (
    select
        usable_identifiers.record_key as from_key,
        usable_identifiers.identifier_type || ':' || {{ pseudonymize('usable_identifiers.node_key') }} as to_key,
        usable_identifiers.matching_rule as link_rule,
        cast(null as double) as match_weight
    from usable_identifiers
    where usable_identifiers.records_sharing_identifier > 1
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
