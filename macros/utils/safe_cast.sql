{#- Cast that yields null instead of failing on a malformed value. -#}
{% macro safe_cast(expr, data_type) -%}
    {{ return(adapter.dispatch('safe_cast', 'customer360')(expr, data_type)) }}
{%- endmacro %}

{% macro default__safe_cast(expr, data_type) -%}
    try_cast({{ expr }} as {{ data_type }})
{%- endmacro %}

{#- PostgreSQL has no try_cast: public.c360_try_cast (macro create_engine_functions). -#}
{% macro postgres__safe_cast(expr, data_type) -%}
    {%- set pg_type = {'double': 'double precision', 'varchar': 'text'}.get(data_type | lower, data_type) -%}
    public.c360_try_cast(cast({{ expr }} as text), cast(null as {{ pg_type }}))
{%- endmacro %}
