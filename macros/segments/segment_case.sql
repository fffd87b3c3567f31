{#- A CASE expression giving the segment_name of the first segment (lowest
    priority, then name) of `family` whose condition holds; null when none does.
    `definitions`: the list from segment_definitions(). Conditions are SQL
    boolean expressions over the row's columns, wrapped in parentheses; a null
    condition result counts as false. -#}
{% macro segment_case(family, definitions) -%}
    {%- set segments = definitions | selectattr('segment_family', 'equalto', family) | list -%}
    {%- if segments | length == 0 -%}
        cast(null as string)
    {%- else -%}
        case
        {%- for segment in segments %}
            when ({{ segment.condition }}) then '{{ segment.segment_name | replace("'", "''") }}'
        {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}
