/*
    One row per manual identity override (seed identity_overrides) with the
    identity records it names (int_identity__records). A record named by
    '<source>:<source_record_id>' is that record, except an email event: all
    events of one address are one identity record, so an override on an email
    event applies to its address (every event of it). Read by
    int_identity__isolated_records (never_merge) and int_identity__edges
    (force_merge).
*/
with

overrides as (
    select * from {{ ref('identity_overrides') }}
),

email_events as {{ not_materialized() }} (
    select * from {{ ref('stg_email__events') }}
),

email_address_records as {{ not_materialized() }} (
    select * from {{ ref('int_identity__records') }}
    where source = 'email_events'
),

final as (
    select
        overrides.override_type,
        overrides.reason,
        coalesce(address_a.record_key, overrides.source_a || ':' || overrides.source_record_id_a) as record_key_a,
        coalesce(address_b.record_key, overrides.source_b || ':' || overrides.source_record_id_b) as record_key_b
    from overrides
    left join email_events as event_a
        on overrides.source_a = 'email_events'
            and overrides.source_record_id_a = event_a.email_event_id
    left join email_address_records as address_a
        on event_a.email_match_key = address_a.email_match_key
    left join email_events as event_b
        on overrides.source_b = 'email_events'
            and overrides.source_record_id_b = event_b.email_event_id
    left join email_address_records as address_b
        on event_b.email_match_key = address_b.email_match_key
)

select * from final
