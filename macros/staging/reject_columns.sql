{#- The three reject columns of a base model, from an ordered list of rules.
    The first rule that holds names the row's reason; a row no rule catches has
    reject_reason null and goes on to staging.
    rules: list of dicts {when: SQL condition, column: raw column name,
    value: SQL expression of the offending raw value, reason: reason code from
    seed reject_reasons}. -#}
{% macro reject_columns(rules) -%}
    case
    {%- for rule in rules %}
        when {{ rule.when }} then '{{ rule.reason }}'
    {%- endfor %}
    end as reject_reason,
    case
    {%- for rule in rules %}
        when {{ rule.when }} then '{{ rule.column }}'
    {%- endfor %}
    end as reject_column,
    case
    {%- for rule in rules %}
        when {{ rule.when }} then cast({{ rule.value }} as {{ dbt.type_string() }})
    {%- endfor %}
    end as reject_value
{%- endmacro %}
