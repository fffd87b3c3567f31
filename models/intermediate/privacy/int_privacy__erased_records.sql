/*
    One row per source record of a person who asked to be erased: every record
    of every source resolved to a customer that holds an erasure request record
    (the request's email, phone or customer_id linked it to the person in
    identity resolution), plus the order lines of that person's orders (lines
    carry no identifier of their own). Minimal version of issue #8; the privacy
    work (issue #7) owns this model and its consumers.
    1. erased_customers: customers holding an erasure_requests record
    2. identity_records: their records
    3. order_line_records: the lines of their orders
    source_record_id is the identity record id (web_events: the anonymous_id,
    app_events: the device_id, other sources their key);
    record_key = '<source>:<source_record_id>'.
*/
with

int_identity__record_customers as (
    select * from {{ ref('int_identity__record_customers') }}
),

stg_shop__order_lines as (
    select * from {{ ref('stg_shop__order_lines') }}
),

erased_customers as (
    select
        customer_id,
        min(source_record_id) as erasure_request_id
    from int_identity__record_customers
    where source = 'erasure_requests'
    group by customer_id
),

identity_records as (
    select
        erased_customers.erasure_request_id,
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
        identity_records.customer_id,
        'shop_order_lines' as source,
        stg_shop__order_lines.shop_order_line_id as source_record_id,
        'shop_order_lines:' || stg_shop__order_lines.shop_order_line_id as record_key
    from identity_records
    inner join stg_shop__order_lines
        on identity_records.source_record_id = stg_shop__order_lines.shop_order_id
    where identity_records.source = 'shop_orders'
),

final as (
    select * from identity_records
    union all
    select * from order_line_records
)

select * from final
