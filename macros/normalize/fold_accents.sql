{#- Remove diacritics: 'Zoë Ñúñez' -> 'Zoe Nunez'. Input should be NFKC already. -#}
{% macro fold_accents(expr) -%}
    {{ return(adapter.dispatch('fold_accents', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__fold_accents(expr) -%}
    translate({{ expr }},
        'àáâãäåāăąçćčďèéêëēĕėęěìíîïĩīĭįłñńňòóôõöøōŏőŕřśšşťùúûüũūŭůűųýÿźżž',
        'aaaaaaaaacccdeeeeeeeeeiiiiiiiilnnnooooooooorrsssttuuuuuuuuuuyyzzz')
{%- endmacro %}

{% macro duckdb__fold_accents(expr) -%}
    strip_accents({{ expr }})
{%- endmacro %}

{#- Spark: commons-lang3 StringUtils.stripAccents (decompose, drop combining marks),
    as DuckDB's strip_accents. reflect fails on null. -#}
{% macro spark__fold_accents(expr) -%}
    case when {{ expr }} is not null then reflect('org.apache.commons.lang3.StringUtils', 'stripAccents', {{ expr }}) end
{%- endmacro %}
