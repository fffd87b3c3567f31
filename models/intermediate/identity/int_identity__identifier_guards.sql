/*
    One row per identifier (node_key) with the guards that decide whether it may
    link records. An identifier that fails a guard is "shared": it links nothing,
    and is kept as a household / shared-contact attribute instead of being lost.

    Guards (limits per identifier type in seed identity_identifier_rules):
    1. too_many_records     - more records than max_records (an unlisted junk
                              value such as a shop's own address);
    2. several_shop_accounts - more distinct shop accounts than max_shop_accounts;
    3. several_crm_contacts  - more CRM contacts than max_crm_contacts;
    4. conflicting_people    - two named records on it are different people:
                              incompatible names, or birth dates / genders that
                              disagree (a family or team sharing a mailbox).
    A name pair is compatible when first and last names agree (equal or
    Jaro-Winkler >= 0.88; nicknames already mapped), or are swapped.
*/
with

record_identifiers as {{ not_materialized() }} (
    select * from {{ ref('int_identity__record_identifiers') }}
    where not is_over_record_limit
),

-- only named records are compared (conflicting_people); volumes need no record
-- attribute but the source, which record_identifiers carries
named_records as (
    select * from {{ ref('int_identity__records') }}
    where first_name_key is not null
),

identifier_rules as {{ not_materialized() }} (
    select * from {{ ref('identity_identifier_rules') }}
),

-- shop accounts each record names (a record names at most one after the limits)
record_accounts as (
    select
        record_key,
        identifier_value as shop_customer_id
    from record_identifiers
    where identifier_type = 'shop_customer_id'
),

-- records per identifier: a record carries a node once (unique_combination test
-- on record_identifiers), so rows count records and no distinct is needed; an
-- email address record counts as its events (records_represented). No join to
-- the records: at 1M customers that joined the identifier rows to the records
-- only to read the source.
record_volumes as (
    select
        node_key,
        identifier_type,
        cast(sum(records_represented) as bigint) as n_records,
        count(case when source = 'crm_contacts' then 1 end) as n_crm_contacts,
        count(distinct source) as n_sources
    from record_identifiers
    group by node_key, identifier_type
),

-- shop accounts per identifier, over the records that name one
account_volumes as (
    select
        record_identifiers.node_key,
        count(distinct record_accounts.shop_customer_id) as n_shop_accounts
    from record_identifiers
    inner join record_accounts
        on record_identifiers.record_key = record_accounts.record_key
    group by record_identifiers.node_key
),

volumes as (
    select
        record_volumes.node_key,
        record_volumes.identifier_type,
        record_volumes.n_records,
        coalesce(account_volumes.n_shop_accounts, 0) as n_shop_accounts,
        record_volumes.n_crm_contacts,
        record_volumes.n_sources
    from record_volumes
    left join account_volumes
        on record_volumes.node_key = account_volumes.node_key
),

-- distinct person descriptions seen on each identifier (only where rules ask)
named_people as (
    select distinct
        record_identifiers.node_key,
        named_records.first_name_key,
        named_records.last_name_key,
        named_records.birth_date,
        named_records.gender
    from record_identifiers
    inner join identifier_rules
        on record_identifiers.identifier_type = identifier_rules.identifier_type
    inner join volumes
        on record_identifiers.node_key = volumes.node_key
    inner join named_records
        on record_identifiers.record_key = named_records.record_key
    where identifier_rules.check_name_conflicts
        and volumes.n_records <= identifier_rules.max_records
),

conflicting_pairs as (
    select
        a.node_key,
        count(*) as n_conflicting_pairs
    from named_people as a
    inner join named_people as b
        on a.node_key = b.node_key
            and (
                a.first_name_key < b.first_name_key
                or (a.first_name_key = b.first_name_key and coalesce(a.last_name_key, '') < coalesce(b.last_name_key, ''))
                or (
                    a.first_name_key = b.first_name_key and coalesce(a.last_name_key, '') = coalesce(b.last_name_key, '')
                    and coalesce(cast(a.birth_date as {{ dbt.type_string() }}), '')
                    < coalesce(cast(b.birth_date as {{ dbt.type_string() }}), '')
                )
                or (
                    a.first_name_key = b.first_name_key and coalesce(a.last_name_key, '') = coalesce(b.last_name_key, '')
                    and coalesce(cast(a.birth_date as {{ dbt.type_string() }}), '')
                    = coalesce(cast(b.birth_date as {{ dbt.type_string() }}), '')
                    and coalesce(a.gender, '') < coalesce(b.gender, '')
                )
            )
    where
        -- names incompatible (neither the same order nor swapped)
        not (
            (
                {{ names_agree('a.first_name_key', 'b.first_name_key') }}
                and ({{ names_agree('a.last_name_key', 'b.last_name_key') }} or a.last_name_key is null or b.last_name_key is null)
            )
            or (
                {{ names_agree('a.first_name_key', 'b.last_name_key') }}
                and {{ names_agree('a.last_name_key', 'b.first_name_key') }}
            )
        )
        or (a.birth_date <> b.birth_date and not {{ dates_one_field_off('a.birth_date', 'b.birth_date') }})
        or a.gender <> b.gender
    group by a.node_key
),

final as (
    select
        volumes.node_key,
        volumes.identifier_type,
        volumes.n_records,
        volumes.n_shop_accounts,
        volumes.n_crm_contacts,
        volumes.n_sources,
        coalesce(conflicting_pairs.n_conflicting_pairs, 0) as n_conflicting_pairs,
        case
            when volumes.n_records > identifier_rules.max_records then 'too_many_records'
            when volumes.n_shop_accounts > identifier_rules.max_shop_accounts then 'several_shop_accounts'
            when volumes.n_crm_contacts > identifier_rules.max_crm_contacts then 'several_crm_contacts'
            when conflicting_pairs.n_conflicting_pairs > 0 then 'conflicting_people'
        end as cut_reason,
        identifier_rules.priority as identifier_priority
    from volumes
    inner join identifier_rules
        on volumes.identifier_type = identifier_rules.identifier_type
    left join conflicting_pairs
        on volumes.node_key = conflicting_pairs.node_key
)

select
    *,
    cut_reason is not null as is_shared
from final
