{#- True when a timestamp lies after the end of the as-of day (plus a one-day
    tolerance for time zones): a corrupt or impossible value. -#}
{% macro is_future_timestamp(ts_expr) -%}
    ({{ ts_expr }} >= {{ dateadd_days(as_of_date(), 2) }})
{%- endmacro %}
