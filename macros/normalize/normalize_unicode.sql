{#- Unicode NFKC normalization (full-width letters, ligatures, combining accents
    composed). DuckDB has no built-in NFKC: the c360_nfkc function comes from the
    python_helpers.duckdb_udfs plugin listed in profiles.yml. -#}
{% macro normalize_unicode(expr) -%}
    {{ return(adapter.dispatch('normalize_unicode', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__normalize_unicode(expr) -%}
    {{ expr }}
{%- endmacro %}

{% macro duckdb__normalize_unicode(expr) -%}
    c360_nfkc({{ expr }})
{%- endmacro %}

{% macro postgres__normalize_unicode(expr) -%}
    normalize({{ expr }}, NFKC)
{%- endmacro %}

{#- Spark has no NFKC function: ICU4J (on Spark's classpath since 4.0) through
    reflect(); Normalizer.compose(text, true) is NFKC. reflect fails on null. -#}
{% macro spark__normalize_unicode(expr) -%}
    case when {{ expr }} is not null then reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expr }}, true) end
{%- endmacro %}
