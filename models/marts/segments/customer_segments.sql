/*
    One row per customer and segment family: the segment the customer is in
    as of the as-of date. Segments are data: seed segment_definitions holds
    each segment's family, priority and condition (SQL over the columns of
    int_segment_inputs); macro validated_segment_definitions reads and checks
    them (an invalid condition fails naming the segment), segment_case turns
    each family into one CASE ordered by priority (first match wins).
    1. one CASE per family, unpivoted to one row per customer and family
    2. the matched definition (priority, condition) and the scores behind it
*/
{%- set definitions = validated_segment_definitions('int_segment_inputs') %}
{%- set families = definitions | map(attribute='segment_family') | unique | list %}

with

int_segment_inputs as {{ not_materialized() }} (
    select * from {{ ref('int_segment_inputs') }}
),

segment_definitions as (
    select * from {{ ref('segment_definitions') }}
),

assigned as (
    {%- for family in families %}
        select
            customer_id,
            '{{ family }}' as segment_family,
            {{ segment_case(family, definitions) }} as segment_name
        from int_segment_inputs
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- else %}
        -- no definitions readable yet (compile before the seed is loaded)
        select
            customer_id,
            cast(null as string) as segment_family,
            cast(null as string) as segment_name
        from int_segment_inputs
        where false
    {%- endfor %}
),

final as (
    select
        assigned.customer_id,
        assigned.segment_family,
        assigned.segment_name,
        segment_definitions.priority as segment_priority,
        segment_definitions.condition as matched_condition,
        inputs.r_score,
        inputs.f_score,
        inputs.m_score,
        inputs.fm_score,
        inputs.clv_value,
        inputs.clv_top_share,
        inputs.days_since_first_order,
        inputs.days_since_last_order,
        {{ as_of_date() }} as assigned_as_of
    from assigned
    inner join segment_definitions
        on
            assigned.segment_family = segment_definitions.segment_family
            and assigned.segment_name = segment_definitions.segment_name
    inner join int_segment_inputs as inputs
        on assigned.customer_id = inputs.customer_id
)

select * from final
