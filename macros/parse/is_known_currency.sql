{#- True when a currency code (already upper-cased and trimmed) has a rate in
    seed fx_rates, so its amounts can be converted to the reporting currency.
    Null and unknown codes give false. -#}
{% macro is_known_currency(expr) -%}
    coalesce(exists (
        select 1
        from {{ ref('fx_rates') }} as fx
        where fx.currency = {{ expr }}
    ), false)
{%- endmacro %}
