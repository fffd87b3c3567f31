{#- Calendar boundaries crossed from a to b: part 'day', 'month' or 'year'
    (DuckDB's date_diff(part, a, b); PostgreSQL: public.date_diff from
    create_engine_functions). Spark's datediff counts whole units instead, so
    it is computed from the date parts there. -#}
{% macro date_diff_parts(part, a, b) -%}
    {{ return(adapter.dispatch('date_diff_parts', 'customer360')(part, a, b)) }}
{%- endmacro %}

{% macro default__date_diff_parts(part, a, b) -%}
    date_diff('{{ part }}', {{ a }}, {{ b }})
{%- endmacro %}

{% macro spark__date_diff_parts(part, a, b) -%}
    {%- if part == 'day' -%}
        datediff(cast({{ b }} as date), cast({{ a }} as date))
    {%- elif part == 'month' -%}
        ((year({{ b }}) - year({{ a }})) * 12 + month({{ b }}) - month({{ a }}))
    {%- elif part == 'year' -%}
        (year({{ b }}) - year({{ a }}))
    {%- else -%}
        {{ exceptions.raise_compiler_error("date_diff_parts: unsupported part '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}
