{#- Unicode NFKC normalization (full-width letters, ligatures, combining accents
    composed). DuckDB has no built-in NFKC: the c360_nfkc function comes from the
    python_helpers.duckdb_udfs plugin listed in profiles.yml. -#}
{% macro normalize_unicode(expr) -%}
    {{ return(adapter.dispatch('normalize_unicode', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__normalize_unicode(expr) -%}
    {{ expr }}
{%- endmacro %}

{#- ASCII text is already NFKC, so the Python UDF (which holds the GIL and
    serializes the threads) only sees values with a non-ASCII byte: strlen counts
    bytes, length characters. Nulls take the first branch too: with null ->
    else, nearly every 2,048-row vector of a nullable column sent its nulls to
    the UDF, and the call's fixed cost made the shortcut worthless (page_url of
    32M web events: 8.5 s with null -> UDF, 0.6 s without; the column alone
    scans in 0.5 s). -#}
{% macro duckdb__normalize_unicode(expr) -%}
    case when {{ expr }} is null or strlen({{ expr }}) = length({{ expr }}) then {{ expr }} else c360_nfkc({{ expr }}) end
{%- endmacro %}

{% macro postgres__normalize_unicode(expr) -%}
    normalize({{ expr }}, NFKC)
{%- endmacro %}

{#- Spark has no NFKC function: ICU4J (on Spark's classpath since 4.0) through
    reflect(); Normalizer.compose(text, true) is NFKC. reflect fails on null. -#}
{% macro spark__normalize_unicode(expr) -%}
    case when {{ expr }} is not null then reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expr }}, true) end
{%- endmacro %}
