/*
    One row per candidate pair of records scored by the probabilistic tier
    (Fellegi-Sunter): records that no usable exact identifier ties to any other
    record (e.g. a CRM contact with only name, birth date and address; a guest
    order whose email has a typo) are compared with records that share a
    blocking key.

    Steps:
    1. weak records: every usable identifier they carry is carried by no other
       record (or they carry none), and none of their identifiers was cut as
       shared (such a record is ambiguous, not unknown);
    2. blocking: one CTE per rule yields candidate pairs (weak record, other);
    3. comparison levels per attribute (exact / similar / different / null);
    4. match weight = sum of log2(m/u) of the levels (seed identity_match_weights);
       a near-identical long email local part on the same domain (edit distance
       <= 2, 10+ characters: a typo) is strong enough on its own;
    5. accepted when weight >= var identity_match_threshold and no veto: birth
       dates that differ in more than one field, or different genders, always block.
*/
with

all_records as (
    select * from {{ ref('int_identity__records') }}
),

match_weights as {{ not_materialized() }} (
    select * from {{ ref('identity_match_weights') }}
),

anchors as {{ not_materialized() }} (
    select * from {{ ref('int_identity__anchors') }}
),

guards as {{ not_materialized() }} (
    select * from {{ ref('int_identity__identifier_guards') }}
),

-- a shared email (household, team mailbox) says nothing about which person a
-- record is: it is not compared
records as (
    select
        all_records.record_key,
        all_records.source,
        all_records.first_name_key,
        all_records.last_name_key,
        all_records.birth_date,
        all_records.gender,
        all_records.postal_code_key,
        all_records.city_key,
        case when not coalesce(guards.is_shared, false) then all_records.email_match_key end as email_match_key,
        case when not coalesce(guards.is_shared, false) then all_records.email_local_part end as email_local_part,
        case when not coalesce(guards.is_shared, false) then all_records.email_domain end as email_domain
    from all_records
    left join guards
        on 'email:' || all_records.email_match_key = guards.node_key
),

-- records no usable exact identifier ties to another record
weak_records as (
    select
        records.*,
        -- cut once here for the email-typo blocks (edit_distance_within)
        {{ edit_distance_pieces('records.email_local_part', 2, 'email_local_piece') }}
    from records
    inner join anchors
        on records.record_key = anchors.record_key
    where anchors.max_records_sharing_identifier <= 1
        and anchors.n_shared_identifiers = 0
        and not anchors.is_isolated
        and (
            records.first_name_key is not null
            or records.postal_code_key is not null
            or records.email_local_part is not null
        )
),

comparable_records as (
    select records.*
    from records
    inner join anchors
        on records.record_key = anchors.record_key
    where not anchors.is_isolated
        and (records.first_name_key is not null or records.postal_code_key is not null)
),

-- one record per usable email address (the smallest record key) to compare
-- typos with; a typo of a shared address is as ambiguous as the address
email_representatives as (
    select
        records.email_match_key,
        records.email_local_part,
        records.email_domain,
        min(records.record_key) as record_key
    from records
    inner join guards
        on 'email:' || records.email_match_key = guards.node_key
    where not guards.is_shared
    group by records.email_match_key, records.email_local_part, records.email_domain
),

-- blocking rule: same last name and postal code
block_last_name_postcode as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join comparable_records as other
        on weak.last_name_key = other.last_name_key
            and weak.postal_code_key = other.postal_code_key
),

-- blocking rule: same first name and postal code (typo in the last name)
block_first_name_postcode as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join comparable_records as other
        on weak.first_name_key = other.first_name_key
            and weak.postal_code_key = other.postal_code_key
),

-- blocking rule: same last name and birth date (moved house)
block_last_name_birth_date as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join comparable_records as other
        on weak.last_name_key = other.last_name_key
            and weak.birth_date = other.birth_date
),

-- blocking rule: first and last name swapped
block_swapped_names as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join comparable_records as other
        on weak.first_name_key = other.last_name_key
            and weak.last_name_key = other.first_name_key
),

-- blocking rule: same email domain and postal code (a typo in the email)
block_email_domain_postcode as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join comparable_records as other
        on weak.email_domain = other.email_domain
            and weak.postal_code_key = other.postal_code_key
            and weak.email_local_part <> other.email_local_part
),

-- blocking rules: same email domain and the same first / last four characters
-- of the local part (one typo cannot touch both ends of a long local part).
-- These rules look for typos, so a pair passes only when its local parts are
-- within edit distance 2 (what the comparison calls similar): otherwise the
-- block would pair every weak address with every address that starts like it
-- (all the john...@ of a mail provider), and grow with the square of the data.
-- The join still meets those addresses (43M pairs at 1M customers, 15k within
-- two edits): edit_distance_within rules most out before the distance.
block_email_prefix as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join email_representatives as other
        on weak.email_domain = other.email_domain
            and left(weak.email_local_part, 4) = left(other.email_local_part, 4)
            and weak.email_local_part <> other.email_local_part
            and {{ edit_distance_within('weak.email_local_part', 'other.email_local_part', 2, 'weak.email_local_piece') }}
),

block_email_suffix as (
    select
        weak.record_key as record_key_a,
        other.record_key as record_key_b
    from weak_records as weak
    inner join email_representatives as other
        on weak.email_domain = other.email_domain
            and right(weak.email_local_part, 4) = right(other.email_local_part, 4)
            and weak.email_local_part <> other.email_local_part
            and {{ edit_distance_within('weak.email_local_part', 'other.email_local_part', 2, 'weak.email_local_piece') }}
),

candidate_pairs as (
    select distinct
        least(record_key_a, record_key_b) as record_key_a,
        greatest(record_key_a, record_key_b) as record_key_b
    from (
        select * from block_last_name_postcode
        union all
        select * from block_first_name_postcode
        union all
        select * from block_last_name_birth_date
        union all
        select * from block_swapped_names
        union all
        select * from block_email_domain_postcode
        union all
        select * from block_email_prefix
        union all
        select * from block_email_suffix
    ) as blocked
    where record_key_a <> record_key_b
),

compared as (
    select
        candidate_pairs.record_key_a,
        candidate_pairs.record_key_b,
        -- names: straight or swapped, whichever agrees better
        case
            when a.first_name_key is null or b.first_name_key is null then null
            when a.first_name_key = b.first_name_key
                or (a.first_name_key = b.last_name_key and a.last_name_key = b.first_name_key) then 'exact'
            when {{ names_agree('a.first_name_key', 'b.first_name_key') }}
                or {{ names_agree('a.first_name_key', 'b.last_name_key') }} then 'similar'
            else 'different'
        end as first_name_level,
        case
            when a.last_name_key is null or b.last_name_key is null then null
            when a.last_name_key = b.last_name_key
                or (a.first_name_key = b.last_name_key and a.last_name_key = b.first_name_key) then 'exact'
            when {{ names_agree('a.last_name_key', 'b.last_name_key') }}
                or {{ names_agree('a.last_name_key', 'b.first_name_key') }} then 'similar'
            else 'different'
        end as last_name_level,
        case
            when a.birth_date is null or b.birth_date is null then null
            when a.birth_date = b.birth_date then 'exact'
            when {{ dates_one_field_off('a.birth_date', 'b.birth_date') }} then 'one_field_off'
            else 'different'
        end as birth_date_level,
        case
            when a.postal_code_key is null or b.postal_code_key is null then null
            when a.postal_code_key = b.postal_code_key then 'exact'
            else 'different'
        end as postal_code_level,
        case
            when a.city_key is null or b.city_key is null then null
            when a.city_key = b.city_key then 'exact'
            else 'different'
        end as city_level,
        case
            when a.email_local_part is null or b.email_local_part is null
                or a.email_local_part = '' or b.email_local_part = '' then null
            when a.email_match_key = b.email_match_key then null
            when a.email_local_part = b.email_local_part then 'exact'
            when a.email_domain = b.email_domain
                and least(length(a.email_local_part), length(b.email_local_part)) >= 5
                and {{ edit_distance_within('a.email_local_part', 'b.email_local_part', 2) }}
                then
                    case
                        when least(length(a.email_local_part), length(b.email_local_part)) >= 10 then 'similar_long'
                        else 'similar'
                    end
            else 'different'
        end as email_local_level,
        case
            when a.gender is null or b.gender is null then null
            when a.gender = b.gender then 'exact'
            else 'different'
        end as gender_level
    from candidate_pairs
    inner join records as a
        on candidate_pairs.record_key_a = a.record_key
    inner join records as b
        on candidate_pairs.record_key_b = b.record_key
),

weighted as (
    select
        compared.*,
        coalesce(log(2, w_first.m_probability / w_first.u_probability), 0)
        + coalesce(log(2, w_last.m_probability / w_last.u_probability), 0)
        + coalesce(log(2, w_birth.m_probability / w_birth.u_probability), 0)
        + coalesce(log(2, w_postal.m_probability / w_postal.u_probability), 0)
        + coalesce(log(2, w_city.m_probability / w_city.u_probability), 0)
        + coalesce(log(2, w_email.m_probability / w_email.u_probability), 0)
        + coalesce(log(2, w_gender.m_probability / w_gender.u_probability), 0) as match_weight
    from compared
    left join match_weights as w_first
        on w_first.comparison = 'first_name' and compared.first_name_level = w_first.level
    left join match_weights as w_last
        on w_last.comparison = 'last_name' and compared.last_name_level = w_last.level
    left join match_weights as w_birth
        on w_birth.comparison = 'birth_date' and compared.birth_date_level = w_birth.level
    left join match_weights as w_postal
        on w_postal.comparison = 'postal_code' and compared.postal_code_level = w_postal.level
    left join match_weights as w_city
        on w_city.comparison = 'city' and compared.city_level = w_city.level
    left join match_weights as w_email
        on w_email.comparison = 'email_local' and compared.email_local_level = w_email.level
    left join match_weights as w_gender
        on w_gender.comparison = 'gender' and compared.gender_level = w_gender.level
),

final as (
    select
        *,
        coalesce(birth_date_level = 'different', false) or coalesce(gender_level = 'different', false) as is_vetoed,
        (
            match_weight >= {{ var('identity_match_threshold') }}
            and not (coalesce(birth_date_level = 'different', false) or coalesce(gender_level = 'different', false))
        ) as is_accepted
    from weighted
)

select * from final
