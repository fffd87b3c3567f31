{#- Two dates that differ in exactly one of year, month, day (a typo), or that
    are day/month swapped. -#}
{% macro dates_one_field_off(a, b) -%}
    (
        (case when extract(year from {{ a }}) = extract(year from {{ b }}) then 1 else 0 end
            + case when extract(month from {{ a }}) = extract(month from {{ b }}) then 1 else 0 end
            + case when extract(day from {{ a }}) = extract(day from {{ b }}) then 1 else 0 end) = 2
        or (extract(year from {{ a }}) = extract(year from {{ b }})
            and extract(month from {{ a }}) = extract(day from {{ b }})
            and extract(day from {{ a }}) = extract(month from {{ b }}))
    )
{%- endmacro %}
