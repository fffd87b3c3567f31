/*
    One row per source record that must be erased. A person is erased whole: every
    record of every source resolved to the customer, not only the record that
    carries the requested identifier.
    Steps:
    1. requested_customers: customers holding an erasure request record (the
       request's email, phone or customer_id linked it to the person's records
       in identity resolution; a request that matches nobody erases only itself)
    2. suppressed_customers: customers holding a record whose record key or
       usable identifier hashes (pseudonymize) onto the suppression list: an
       erased person whose data reappeared in fresh raw data
    3. identity_records: every record of those customers
    4. order_line_records: the order lines of their orders (order lines carry no
       identifier of their own)
    source_record_id is the value of raw column record_column after clean_text
    (web_events: the anonymous_id = all events of the browser; app_events: the
    device_id); record_key = '<source>:<source_record_id>'.
*/
with

int_identity__record_customers as {{ not_materialized() }} (
    select * from {{ ref('int_identity__record_customers') }}
),

int_identity__usable_identifiers as (
    select * from {{ ref('int_identity__usable_identifiers') }}
),

stg_privacy__suppression_list as {{ not_materialized() }} (
    select * from {{ ref('stg_privacy__suppression_list') }}
),

stg_shop__order_lines as (
    select * from {{ ref('stg_shop__order_lines') }}
),

requested_customers as (
    select
        customer_id,
        min(source_record_id) as erasure_request_id
    from int_identity__record_customers
    where source = 'erasure_requests'
    group by customer_id
),

suppression_hits as (
    select
        int_identity__record_customers.customer_id,
        stg_privacy__suppression_list.erasure_request_id
    from int_identity__record_customers
    inner join stg_privacy__suppression_list
        on {{ pseudonymize('int_identity__record_customers.record_key') }} = stg_privacy__suppression_list.suppression_hash
    union all
    select
        int_identity__record_customers.customer_id,
        stg_privacy__suppression_list.erasure_request_id
    from int_identity__usable_identifiers
    inner join stg_privacy__suppression_list
        on {{ pseudonymize('int_identity__usable_identifiers.node_key') }} = stg_privacy__suppression_list.suppression_hash
    inner join int_identity__record_customers
        on int_identity__usable_identifiers.record_key = int_identity__record_customers.record_key
),

suppressed_customers as (
    select
        customer_id,
        min(erasure_request_id) as erasure_request_id
    from suppression_hits
    group by customer_id
),

erased_customers as (
    select
        customer_id,
        erasure_request_id,
        'request' as erasure_kind
    from requested_customers
    union all
    select
        suppressed_customers.customer_id,
        suppressed_customers.erasure_request_id,
        'suppressed' as erasure_kind
    from suppressed_customers
    left join requested_customers
        on suppressed_customers.customer_id = requested_customers.customer_id
    where requested_customers.customer_id is null
),

identity_records as (
    select
        erased_customers.erasure_request_id,
        erased_customers.erasure_kind,
        erased_customers.customer_id,
        int_identity__record_customers.source,
        int_identity__record_customers.source_record_id,
        int_identity__record_customers.record_key
    from erased_customers
    inner join int_identity__record_customers
        on erased_customers.customer_id = int_identity__record_customers.customer_id
),

order_line_records as (
    select
        identity_records.erasure_request_id,
        identity_records.erasure_kind,
        identity_records.customer_id,
        'shop_order_lines' as source,
        stg_shop__order_lines.shop_order_line_id as source_record_id,
        'shop_order_lines:' || stg_shop__order_lines.shop_order_line_id as record_key
    from identity_records
    inner join stg_shop__order_lines
        on identity_records.source_record_id = stg_shop__order_lines.shop_order_id
    where identity_records.source = 'shop_orders'
),

erased as (
    select * from identity_records
    union all
    select * from order_line_records
),

final as (
    select
        erasure_request_id,
        erasure_kind,
        customer_id,
        source,
        source_record_id,
        record_key,
        {{ privacy_record_column('source') }} as record_column,
        {{ pseudonymize('record_key') }} as record_key_hash
    from erased
)

select * from final
