{#- True when the regex matches anywhere in the value (null stays null).
    pattern_sql is a SQL expression: a quoted literal ("'^a+$'") or a column. -#}
{% macro regex_matches(expr, pattern_sql) -%}
    {{ return(adapter.dispatch('regex_matches', 'customer360')(expr, pattern_sql)) }}
{%- endmacro %}

{% macro default__regex_matches(expr, pattern_sql) -%}
    regexp_matches({{ expr }}, {{ pattern_sql }})
{%- endmacro %}

{% macro postgres__regex_matches(expr, pattern_sql) -%}
    ({{ expr }} ~ {{ pattern_sql }})
{%- endmacro %}

{#- Spark string literals read backslash escapes: a literal pattern's backslashes are doubled. -#}
{% macro spark__regex_matches(expr, pattern_sql) -%}
    ({{ expr }} rlike {{ pattern_sql | replace("\\", "\\\\") }})
{%- endmacro %}
