{#- numerator / denominator rounded half away from zero to `digits` decimals, exactly,
    as a decimal(18, digits). The numerator must hold at most `digits` decimals (money
    rounded to cents) and the denominator is a positive count.

    Written in integer units of 10^-digits, because engines divide a decimal by an
    integer differently: DuckDB in double (268.53 / 2 = 134.26499... rounds to
    134.26), PostgreSQL and Spark in exact decimals (134.265 rounds to 134.27). In
    integers: q = (2 * |units| + n) div (2 * n), signed, which is the half-away
    rounding of units / n on every engine. -#}
{% macro rounded_quotient(numerator, denominator, digits=2) -%}
    {%- if digits < 1 -%}
        {{ exceptions.raise_compiler_error("rounded_quotient: digits must be >= 1, got " ~ digits) }}
    {%- endif -%}
    {%- set units = "cast(round(" ~ numerator ~ " * " ~ 10 ** digits ~ ", 0) as bigint)" -%}
    {%- set n = "cast(" ~ denominator ~ " as bigint)" -%}
    cast(
        (case when {{ units }} < 0 then -1 else 1 end) * {{ integer_divide("2 * abs(" ~ units ~ ") + " ~ n, "2 * " ~ n) }}
        * cast(0.{{ '0' * (digits - 1) }}1 as decimal(18, {{ digits }}))
        as decimal(18, {{ digits }})
    )
{%- endmacro %}

{#- Integer division of two non-negative bigints, truncated (DuckDB `//`, Spark
    `div`; the default `/` truncates on integers on PostgreSQL, the other tested
    engine). -#}
{% macro integer_divide(a, b) -%}
    {{ return(adapter.dispatch('integer_divide', 'customer360')(a, b)) }}
{%- endmacro %}

{% macro default__integer_divide(a, b) -%}
    (({{ a }}) / ({{ b }}))
{%- endmacro %}

{% macro duckdb__integer_divide(a, b) -%}
    (({{ a }}) // ({{ b }}))
{%- endmacro %}

{% macro spark__integer_divide(a, b) -%}
    (({{ a }}) div ({{ b }}))
{%- endmacro %}
