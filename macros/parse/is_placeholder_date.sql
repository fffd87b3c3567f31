{#- A date that systems write when the real one is unknown (1900-01-01,
    1970-01-01, 1899-12-31, 0001-01-01) or that cannot be true: before 1900 or
    after the as-of date. Used to null birth dates and flag them. -#}
{% macro is_placeholder_date(date_expr) -%}
    ({{ date_expr }} in (cast('1900-01-01' as date), cast('1970-01-01' as date), cast('1899-12-31' as date))
        or {{ date_expr }} < cast('1900-01-01' as date)
        or {{ date_expr }} > {{ as_of_date() }})
{%- endmacro %}
