with

source as (
    select * from {{ source('privacy', 'suppression_list') }}
),

renamed as (
    select
        -- ids
        suppression_hash,
        erasure_request_id,

        -- strings
        hash_kind,

        -- dates
        added_as_of
    from source
)

select * from renamed
