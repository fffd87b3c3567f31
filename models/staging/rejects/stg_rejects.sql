/*
    Every raw row that staging could not use, with the reason. Two kinds:
    1. rows the base_* models rejected (missing key, unparseable required value,
       duplicate, unknown currency, ...): the offending column and raw value;
    2. CSV lines the loader could not parse (raw._load_rejects): the raw line.
    For each source: raw rows = staging rows + rows here (tested).
*/
{%- set bases = [
    ('app_events', 'base_app__events'),
    ('consent_events', 'base_consent__events'),
    ('crm_contacts', 'base_crm__contacts'),
    ('email_events', 'base_email__events'),
    ('erasure_requests', 'base_erasure__requests'),
    ('shop_customers', 'base_shop__customers'),
    ('shop_order_lines', 'base_shop__order_lines'),
    ('shop_orders', 'base_shop__orders'),
    ('shop_products', 'base_shop__products'),
    ('social_interactions', 'base_social__interactions'),
    ('support_tickets', 'base_support__tickets'),
    ('survey_responses', 'base_survey__responses'),
    ('web_events', 'base_web__events'),
] %}

with

rejected_rows as (
    {%- for source_table, base_model in bases %}
        select
            '{{ source_table }}' as source_table,
            _record_id as source_record_id,
            reject_column,
            reject_value,
            reject_reason,
            _source_file as source_file,
            _source_row as source_row
        from {{ ref(base_model) }}
        where reject_reason is not null
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

unparseable_lines as (
    select
        source_table,
        cast(null as {{ dbt.type_string() }}) as source_record_id,
        column_name as reject_column,
        csv_line as reject_value,
        'unparseable_csv_line' as reject_reason,
        source_file,
        line_number as source_row
    from {{ source('loader', 'load_rejects') }}
),

final as (
    select * from rejected_rows
    union all
    select * from unparseable_lines
)

select * from final
