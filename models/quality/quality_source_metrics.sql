/*
    One row per (raw source, column, metric): what each source delivered and
    how much of it staging could use. Steps:
    1. accounting per source from the loader's summary and stg_rejects: rows in,
       reject rate (reasons that count, seed reject_reasons), duplicate rate,
       unparseable CSV lines, and rows unaccounted for (rows in - staging rows
       - rejects, must be 0); rows in = loaded + unparseable - rows the erasure
       step deleted from this load (raw._load_erasures);
    2. reject rate per (source, rejected column), with the reasons, so a failing
       check names the column;
    3. column profiles of each staging model (fill, validity, uniqueness,
       freshness) via the quality_profile_metrics macro. To measure another
       source, add it to `sources_measured`.
*/
{%- set sources_measured = [
    ('shop_customers', ref('stg_shop__customers'), {
        'key': ['shop_customer_id'],
        'fill': ['email', 'phone_e164', 'first_name', 'last_name', 'country_code', 'created_at'],
        'email': ['email'], 'phone': ['phone_e164'], 'country': ['country_code'], 'dates': ['created_at'],
        'freshness': 'created_at'}),
    ('shop_orders', ref('stg_shop__orders'), {
        'key': ['shop_order_id'],
        'fill': ['shop_customer_id', 'email', 'phone_e164', 'shipping_country_code', 'currency', 'total', 'ordered_at'],
        'email': ['email'], 'phone': ['phone_e164'], 'country': ['shipping_country_code'],
        'currency': ['currency'], 'dates': ['ordered_at'], 'freshness': 'ordered_at'}),
    ('shop_order_lines', ref('stg_shop__order_lines'), {
        'key': ['shop_order_line_id'],
        'fill': ['shop_order_id', 'shop_product_id', 'quantity', 'unit_price']}),
    ('shop_products', ref('stg_shop__products'), {
        'key': ['shop_product_id'],
        'fill': ['product_name', 'category', 'list_price', 'currency'], 'currency': ['currency']}),
    ('crm_contacts', ref('stg_crm__contacts'), {
        'key': ['crm_contact_id'],
        'fill': ['email', 'phone_e164', 'first_name', 'last_name', 'country_code', 'birth_date', 'created_at'],
        'email': ['email'], 'phone': ['phone_e164'], 'country': ['country_code'], 'dates': ['created_at'],
        'freshness': 'created_at'}),
    ('web_events', ref('stg_web__events'), {
        'key': ['web_event_id'],
        'fill': ['anonymous_id', 'shop_customer_id', 'email', 'event_at'],
        'email': ['email'], 'dates': ['event_at'], 'freshness': 'event_at'}),
    ('app_events', ref('stg_app__events'), {
        'key': ['app_event_id'],
        'fill': ['device_id', 'shop_customer_id', 'event_at'],
        'dates': ['event_at'], 'freshness': 'event_at'}),
    ('email_events', ref('stg_email__events'), {
        'key': ['email_event_id'],
        'fill': ['email', 'campaign_id', 'event_at'],
        'email': ['email'], 'dates': ['event_at'], 'freshness': 'event_at'}),
    ('social_interactions', ref('stg_social__interactions'), {
        'key': ['social_interaction_id'],
        'fill': ['handle', 'linked_email', 'interaction_at'],
        'email': ['linked_email'], 'dates': ['interaction_at'], 'freshness': 'interaction_at'}),
    ('support_tickets', ref('stg_support__tickets'), {
        'key': ['support_ticket_id'],
        'fill': ['shop_customer_id', 'requester_email', 'requester_phone_e164', 'created_at'],
        'email': ['requester_email'], 'phone': ['requester_phone_e164'], 'dates': ['created_at'],
        'freshness': 'created_at'}),
    ('survey_responses', ref('stg_survey__responses'), {
        'key': ['survey_response_id'],
        'fill': ['shop_customer_id', 'email', 'nps_score', 'submitted_at'],
        'email': ['email'], 'dates': ['submitted_at'], 'freshness': 'submitted_at'}),
    ('consent_events', ref('stg_consent__events'), {
        'key': ['consent_event_id'],
        'fill': ['shop_customer_id', 'email', 'phone_e164', 'purpose', 'consent_status', 'recorded_at'],
        'email': ['email'], 'phone': ['phone_e164'], 'dates': ['recorded_at'], 'freshness': 'recorded_at'}),
    ('erasure_requests', ref('stg_erasure__requests'), {
        'key': ['erasure_request_id'],
        'fill': ['shop_customer_id', 'email', 'phone_e164', 'requested_at'],
        'email': ['email'], 'phone': ['phone_e164'], 'dates': ['requested_at']}),
] -%}

with

load_summary as (
    select * from {{ source('loader', 'load_summary') }}
),

load_erasures as (
    select * from {{ source('loader', 'load_erasures') }}
),

erased_rows as (
    select
        source_table,
        sum(rows_erased) as n_erased
    from load_erasures
    group by source_table
),

stg_rejects as (
    select * from {{ ref('stg_rejects') }}
),

reject_reasons as (
    select * from {{ ref('reject_reasons') }}
),

staged_rows as (
    {%- for name, relation, spec in sources_measured %}
        select
            '{{ name }}' as source_table,
            count(*) as n_staged
        from {{ relation }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

rejects_classified as (
    select
        stg_rejects.source_table,
        coalesce(stg_rejects.reject_column, '*') as column_name,
        stg_rejects.reject_reason,
        coalesce(reject_reasons.counts_toward_reject_rate, true) as counts_toward_reject_rate,
        stg_rejects.reject_reason in ('duplicate_key', 'duplicate_delivery') as is_duplicate,
        stg_rejects.reject_reason = 'unparseable_csv_line' as is_unparseable
    from stg_rejects
    left join reject_reasons
        on stg_rejects.reject_reason = reject_reasons.reason
),

rejects_per_source as (
    select
        source_table,
        count(*) as n_rejects,
        count(*) filter (where counts_toward_reject_rate) as n_counted,
        count(*) filter (where is_duplicate) as n_duplicates,
        count(*) filter (where is_unparseable) as n_unparseable,
        string_agg(distinct column_name, ', ') filter (where is_unparseable) as unparseable_columns
    from rejects_classified
    group by source_table
),

accounting as (
    select
        load_summary.source_table,
        load_summary.rows_loaded + load_summary.rows_unparseable - coalesce(erased_rows.n_erased, 0) as n_rows_in,
        coalesce(erased_rows.n_erased, 0) as n_erased,
        coalesce(staged_rows.n_staged, 0) as n_staged,
        coalesce(rejects_per_source.n_rejects, 0) as n_rejects,
        coalesce(rejects_per_source.n_counted, 0) as n_counted,
        coalesce(rejects_per_source.n_duplicates, 0) as n_duplicates,
        coalesce(rejects_per_source.n_unparseable, 0) as n_unparseable,
        rejects_per_source.unparseable_columns
    from load_summary
    left join staged_rows
        on load_summary.source_table = staged_rows.source_table
    left join rejects_per_source
        on load_summary.source_table = rejects_per_source.source_table
    left join erased_rows
        on load_summary.source_table = erased_rows.source_table
),

accounting_metrics as (
    select
        source_table as model,
        '*' as column_name,
        'rows_in' as metric,
        cast(n_rows_in as double) as value,
        null as detail
    from accounting
    union all
    select
        source_table as model,
        '*' as column_name,
        'reject_rate' as metric,
        coalesce(cast(n_counted as double) / cast(nullif(n_rows_in, 0) as double), 0) as value,
        n_counted || ' of ' || n_rows_in || ' rows rejected' as detail
    from accounting
    union all
    select
        source_table as model,
        '*' as column_name,
        'duplicate_rate' as metric,
        coalesce(cast(n_duplicates as double) / cast(nullif(n_rows_in, 0) as double), 0) as value,
        n_duplicates || ' duplicate rows' as detail
    from accounting
    union all
    select
        source_table as model,
        '*' as column_name,
        'unparseable_lines' as metric,
        cast(n_unparseable as double) as value,
        n_unparseable || ' CSV line(s) the parser could not read'
        || coalesce(' (at column ' || unparseable_columns || ')', '') || ', kept in stg_rejects' as detail
    from accounting
    union all
    select
        source_table as model,
        '*' as column_name,
        'unaccounted_rows' as metric,
        cast(n_rows_in - n_staged - n_rejects as double) as value,
        n_rows_in || ' rows in, ' || n_staged || ' staged, ' || n_rejects || ' rejected'
        || case when n_erased > 0 then ' (' || n_erased || ' erased rows not counted in)' else '' end as detail
    from accounting
),

column_reasons as (
    select
        source_table,
        column_name,
        reject_reason,
        count(*) as n_rows
    from rejects_classified
    where counts_toward_reject_rate
    group by source_table, column_name, reject_reason
),

column_rejects as (
    select
        column_reasons.source_table as model,
        column_reasons.column_name,
        'reject_rate' as metric,
        cast(sum(column_reasons.n_rows) as double) / cast(nullif(max(accounting.n_rows_in), 0) as double) as value,
        {{ string_agg_ordered(
            "column_reasons.reject_reason || ': ' || column_reasons.n_rows", "', '",
            'column_reasons.n_rows desc, column_reasons.reject_reason asc'
        ) }} as detail
    from column_reasons
    inner join accounting
        on column_reasons.source_table = accounting.source_table
    group by column_reasons.source_table, column_reasons.column_name
),

column_profiles as (
    {%- for name, relation, spec in sources_measured %}
        {{ quality_profile_metrics(relation, 'source', name, spec) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        'source' as layer,
        model,
        column_name,
        metric,
        value,
        detail
    from accounting_metrics
    union all
    select
        'source' as layer,
        model,
        column_name,
        metric,
        value,
        detail
    from column_rejects
    union all
    select
        layer,
        model,
        column_name,
        metric,
        value,
        null as detail
    from column_profiles
)

select * from final
