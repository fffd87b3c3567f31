{#- The raw id column of a source name (SQL expression over `source_expr`). -#}
{% macro privacy_record_column(source_expr) -%}
    case {{ source_expr }}
    {%- for source_table, id_column in privacy_raw_purge_targets().items() %}
        when '{{ source_table }}' then '{{ id_column }}'
    {%- endfor %}
    end
{%- endmacro %}
