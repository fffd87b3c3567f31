with

base as (
    select * from {{ ref('base_social__interactions') }}
),

final as (
    select
        -- ids
        social_interaction_id,

        -- contact
        handle,
        is_handle_junk,
        linked_email,
        case when not is_linked_email_junk then linked_email_match_key end as linked_email_match_key,
        is_linked_email_valid,
        is_linked_email_junk,

        -- strings
        platform,
        interaction_type,
        topic,

        -- numerics
        sentiment,
        is_sentiment_invalid,

        -- timestamps
        interaction_at,

        -- lineage
        _source_file,
        _source_row
    from base
    where reject_reason is null
)

select * from final
