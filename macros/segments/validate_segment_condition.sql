{#- Fails the compile with a message naming the segment when its condition
    (seed segment_definitions) is empty, does not parse, or names a column that
    `relation` does not have. `columns` = lowercase column names of relation.
    DuckDB parses the condition with json_serialize_sql (which reports errors
    instead of raising them) and lists its column references; on other
    adapters only the empty check runs and bad SQL fails when the model runs. -#}
{% macro validate_segment_condition(segment, columns) -%}
    {%- if segment.condition is none or segment.condition | trim == '' -%}
        {{ exceptions.raise_compiler_error(
            "segment_definitions: segment '" ~ segment.segment_name ~ "' has an empty condition") }}
    {%- endif -%}
    {{ return(adapter.dispatch('validate_segment_condition', 'customer360')(segment, columns)) }}
{%- endmacro %}

{% macro default__validate_segment_condition(segment, columns) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro duckdb__validate_segment_condition(segment, columns) -%}
    {%- set probe = "select 1 from segment_inputs where (" ~ segment.condition ~ ")" -%}
    {%- set query -%}
        with parsed as (
            select cast(json_serialize_sql('{{ probe | replace("'", "''") }}') as varchar) as tree
        )
        select
            coalesce(cast(json_extract(tree, '$.error') as boolean), false) as is_error,
            json_extract_string(tree, '$.error_message') as error_message,
            array_to_string(
                regexp_extract_all(tree, '"column_names":\[(?:"[^"]*",)*"([^"]*)"\]', 1), ','
            ) as column_refs
        from parsed
    {%- endset -%}
    {%- set result = run_query(query).rows[0] -%}
    {%- if result['is_error'] -%}
        {{ exceptions.raise_compiler_error(
            "segment_definitions: the condition of segment '" ~ segment.segment_name ~ "' ("
            ~ segment.segment_family ~ ") does not parse: " ~ result['error_message']
            ~ "\n  condition: " ~ segment.condition) }}
    {%- endif -%}
    {%- for column in (result['column_refs'] or '').lower().split(',') if column -%}
        {%- if columns is not none and column not in columns -%}
            {{ exceptions.raise_compiler_error(
                "segment_definitions: the condition of segment '" ~ segment.segment_name ~ "' ("
                ~ segment.segment_family ~ ") names unknown column '" ~ column
                ~ "'; conditions can use the columns of int_segment_inputs.\n  condition: " ~ segment.condition) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
