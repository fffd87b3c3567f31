with

source as (
    select * from {{ source('privacy', 'erasure_log') }}
),

renamed as (
    select
        -- ids
        erasure_request_id,

        -- strings
        erasure_kind,
        regulation,
        source,

        -- numerics
        records_removed,

        -- dates
        processed_as_of,

        -- timestamps
        requested_at
    from source
)

select * from renamed
