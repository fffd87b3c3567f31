/*
    One row per (mart, column, metric). Steps:
    1. customer_record_map: volume, compound-key uniqueness, resolution fill,
       number of customers;
    2. identity_graph_health: how many health metrics are in error;
    3. customer_profiles and customer_segments, when those marts are part of
       the project (checked at compile time, so this model builds without
       them): completeness of every profile column (component), key
       uniqueness, one profile per resolved customer, and the share of
       profiles with a valid, consented contact channel.
    To measure another mart, add it to `marts_measured`.
*/
{%- set marts_measured = [
    ('customer_record_map', ref('customer_record_map'), {
        'key': ['source', 'source_record_id'],
        'fill': ['customer_id', 'match_rule']}),
] -%}
{%- set has_profiles = 'model.customer360.customer_profiles' in graph.nodes -%}
{%- set has_segments = 'model.customer360.customer_segments' in graph.nodes -%}
{%- set profile_columns = [] -%}
{%- if has_profiles and execute -%}
    {%- for col in adapter.get_columns_in_relation(ref('customer_profiles')) -%}
        {%- do profile_columns.append(col.name) -%}
    {%- endfor -%}
{%- endif -%}
{%- set channel_flags = ['has_consented_contact_channel', 'has_valid_consented_channel', 'is_contactable'] -%}

with

record_map as (
    select * from {{ ref('customer_record_map') }}
),

graph_health as (
    select * from {{ ref('identity_graph_health') }}
),

mart_profiles as (
    {%- for name, relation, spec in marts_measured %}
    {{ quality_profile_metrics(relation, 'mart', name, spec) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
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
        'identity_graph_health',
        'status',
        'health_errors',
        cast(count(*) filter (where status = 'error') as double),
        string_agg(metric, ', ') filter (where status = 'error')
    from graph_health
),

{%- if has_profiles %}

customer_profiles as (
    select * from {{ ref('customer_profiles') }}
),

profile_metrics as (
    {{ quality_profile_metrics(ref('customer_profiles'), 'mart', 'customer_profiles', {
        'key': ['customer_id'],
        'fill': profile_columns | reject('equalto', 'customer_id') | list}) }}
    union all
    select
        'mart',
        'customer_profiles',
        'customer_id',
        'customers_without_profile',
        cast(count(distinct record_map.customer_id) as double)
    from record_map
    left join customer_profiles
        on record_map.customer_id = customer_profiles.customer_id
    where customer_profiles.customer_id is null
    {%- for flag in channel_flags if flag in profile_columns %}
    {%- if loop.first %}
    union all
    select
        'mart',
        'customer_profiles',
        '{{ flag }}',
        'contactable_share',
        coalesce(avg(case when {{ flag }} then 1.0 else 0.0 end), 0)
    from customer_profiles
    {%- endif %}
    {%- endfor %}
),
{%- endif %}

{%- if has_segments %}

segment_metrics as (
    {{ quality_profile_metrics(ref('customer_segments'), 'mart', 'customer_segments', {}) }}
),
{%- endif %}

final as (
    select layer, model, column_name, metric, value, null as detail from mart_profiles
    union all
    select 'mart' as layer, model, column_name, metric, value, detail from record_map_metrics
    {%- if has_profiles %}
    union all
    select layer, model, column_name, metric, value, null as detail from profile_metrics
    {%- endif %}
    {%- if has_segments %}
    union all
    select layer, model, column_name, metric, value, null as detail from segment_metrics
    {%- endif %}
)

select * from final
