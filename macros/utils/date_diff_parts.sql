{#- Calendar boundaries crossed from a to b: part 'day', 'month' or 'year'
    (DuckDB's date_diff(part, a, b); PostgreSQL: public.date_diff from
    create_engine_functions). Spark's datediff counts whole units instead, so
    it is computed from the date parts there (bigint, as DuckDB's). -#}
{% macro date_diff_parts(part, a, b) -%}
    {{ return(adapter.dispatch('date_diff_parts', 'customer360')(part, a, b)) }}
{%- endmacro %}

{% macro default__date_diff_parts(part, a, b) -%}
    date_diff('{{ part }}', {{ a }}, {{ b }})
{%- endmacro %}

{% macro spark__date_diff_parts(part, a, b) -%}
    {%- if part == 'day' -%}
        cast(datediff(cast({{ b }} as date), cast({{ a }} as date)) as bigint)
    {%- elif part == 'month' -%}
        cast(cast(year({{ b }}) - year({{ a }}) as bigint) * 12 + month({{ b }}) - month({{ a }}) as bigint)
    {%- elif part == 'year' -%}
        cast(year({{ b }}) - year({{ a }}) as bigint)
    {%- else -%}
        {{ exceptions.raise_compiler_error("date_diff_parts: unsupported part '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}
