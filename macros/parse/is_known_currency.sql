{#- True when a currency code (already upper-cased and trimmed) has a rate in
    seed fx_rates, so its amounts can be converted to the reporting currency.
    Null and unknown codes give false. Written as `in (select ...)`, not as a
    correlated exists: inside the subquery an unqualified column named like a
    seed column (`currency`) would bind to the seed, not to the model row. -#}
{% macro is_known_currency(expr) -%}
    coalesce({{ expr }} in (
        select fx.currency
        from {{ ref('fx_rates') }} as fx
    ), false)
{%- endmacro %}
