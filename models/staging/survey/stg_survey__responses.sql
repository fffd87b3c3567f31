with

base as (
    select * from {{ ref('base_survey__responses') }}
),

final as (
    select
        -- ids
        survey_response_id,
        shop_customer_id,

        -- contact
        email,
        case when not is_email_junk then email_match_key end as email_match_key,
        is_email_valid,
        is_email_junk,

        -- strings
        interests,
        stated_values,
        preferred_channel,
        lifestyle,
        comment,

        -- numerics
        nps_score,
        household_size,

        -- booleans
        is_nps_score_invalid,

        -- timestamps
        submitted_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
