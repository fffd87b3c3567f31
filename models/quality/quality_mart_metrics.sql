/*
    One row per (mart, column, metric). Steps:
    1. customer_record_map: volume, compound-key uniqueness, resolution fill,
       number of customers;
    2. identity_graph_health: how many health metrics are in error;
    3. customer_profiles: completeness of every profile column (read from the
       built table, so new columns are measured without an edit) and of every
       profile component (share of filled cells over the component's columns,
       the columns taken from its int_features__* model),
       key uniqueness, resolved customers without a profile (must be 0), and the
       share of profiles with a valid, consented contact channel (email
       consented and deliverable, or phone with SMS consent).
    To measure another mart, add it to `marts_measured`.
*/
{%- set marts_measured = [
    ('customer_record_map', ref('customer_record_map'), {
        'key': ['source', 'source_record_id'],
        'fill': ['customer_id', 'match_rule']}),
] -%}
{%- set profile_columns = [] -%}
{#- profile component -> its columns in customer_profiles (from the feature models) -#}
{%- set component_models = [
    ('demographic', ref('int_features__demographics')),
    ('behavioral', ref('int_features__behavior')),
    ('psychographic', ref('int_features__psychographics')),
    ('transactional', ref('int_features__transactions')),
    ('communication', ref('int_features__communication')),
    ('profile_quality', ref('int_features__profile_quality')),
] -%}
{%- set component_columns = {} -%}
{%- if execute -%}
    {%- for col in adapter.get_columns_in_relation(ref('customer_profiles')) -%}
        {%- do profile_columns.append(col.name) -%}
    {%- endfor -%}
    {%- for component, relation in component_models -%}
        {%- set cols = [] -%}
        {%- for col in adapter.get_columns_in_relation(relation) -%}
            {%- if col.name in profile_columns and col.name != 'customer_id' and col.name not in cols -%}
                {%- do cols.append(col.name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if cols -%}
            {%- do component_columns.update({component: cols}) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
{#- a valid, consented channel: email present, consented, not bounced or
    unsubscribed; or phone present and SMS consented (profile columns) -#}
{%- set channel_columns = ['has_email', 'consent_email', 'is_hard_bounced', 'is_unsubscribed', 'has_phone', 'consent_sms'] -%}
{%- set has_channel_columns = (channel_columns | reject('in', profile_columns) | list | length) == 0 -%}

with

record_map as {{ not_materialized() }} (
    select * from {{ ref('customer_record_map') }}
),

graph_health as (
    select * from {{ ref('identity_graph_health') }}
),

customer_profiles as {{ not_materialized() }} (
    select * from {{ ref('customer_profiles') }}
),

mart_profiles as (
    {%- for name, relation, spec in marts_measured %}
        {{ quality_profile_metrics(relation, 'mart', name, spec) }}
        union all
    {%- endfor %}
    {{ quality_profile_metrics(ref('customer_profiles'), 'mart', 'customer_profiles', {
        'key': ['customer_id'],
        'fill': profile_columns | reject('equalto', 'customer_id') | list}) }}
),

record_map_metrics as (
    select
        'customer_record_map' as model,
        'customer_id' as column_name,
        'customers' as metric,
        cast(count(distinct customer_id) as double) as value,
        null as detail
    from record_map
    union all
    select
        'identity_graph_health' as model,
        'status' as column_name,
        'health_errors' as metric,
        cast(count(*) filter (where status = 'error') as double) as value,
        string_agg(metric, ', ') filter (where status = 'error') as detail
    from graph_health
),

profile_metrics as (
    select
        'customer_profiles' as model,
        'customer_id' as column_name,
        'customers_without_profile' as metric,
        cast(count(distinct record_map.customer_id) as double) as value,
        null as detail
    from record_map
    left join customer_profiles
        on record_map.customer_id = customer_profiles.customer_id
    where customer_profiles.customer_id is null
    union all
    select
        'customer_profiles' as model,
        'has_email+consent_email+has_phone+consent_sms' as column_name,
        'contactable_share' as metric,
        {%- if has_channel_columns %}
        coalesce(avg(case
            when
                (
                    has_email and coalesce({{ safe_cast('consent_email', 'boolean') }}, false)
                    and not coalesce({{ safe_cast('is_hard_bounced', 'boolean') }}, false)
                    and not coalesce({{ safe_cast('is_unsubscribed', 'boolean') }}, false)
                )
                or (has_phone and coalesce({{ safe_cast('consent_sms', 'boolean') }}, false))
                then 1.0
            else 0.0
        end), 0) as value,
        {%- else %}
            max(cast(null as double)) as value,
        {%- endif %}
        null as detail
    from customer_profiles
    {%- for component, cols in component_columns.items() %}
    union all
    -- completeness of a component: share of its cells that are filled
    select
        'customer_profiles' as model,
        'component:{{ component }}' as column_name,
        'component_completeness' as metric,
        coalesce(({% for col in cols %}count({{ col }}){% if not loop.last %} + {% endif %}{% endfor %})
            / cast(nullif(cast(count(*) * {{ cols | length }} as double), 0) as double), 1) as value,
        '{{ cols | length }} columns' as detail
    from customer_profiles
    {%- endfor %}
),

final as (
    select
        layer,
        model,
        column_name,
        metric,
        value,
        null as detail
    from mart_profiles
    union all
    select
        'mart' as layer,
        model,
        column_name,
        metric,
        value,
        detail
    from record_map_metrics
    union all
    select
        'mart' as layer,
        model,
        column_name,
        metric,
        value,
        detail
    from profile_metrics
)

select * from final
