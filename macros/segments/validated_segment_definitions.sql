{#- segment_definitions(), each condition checked (validate_segment_condition)
    against the columns of the built model `inputs_model` (default
    int_segment_inputs). The column check is skipped while that table does not
    exist yet (compile on an empty warehouse); the parse check always runs. -#}
{% macro validated_segment_definitions(inputs_model='int_segment_inputs') -%}
    {%- set definitions = segment_definitions() -%}
    {%- if definitions | length == 0 -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set input_nodes = (graph.get('nodes') or {}).values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('name', 'equalto', inputs_model)
        | list -%}
    {%- set columns = none -%}
    {%- if input_nodes | length > 0 -%}
        {%- set node = input_nodes[0] -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- else -%}
        {#- unit tests get no graph: the intermediate folder's schema (dbt_project.yml) -#}
        {%- set relation = adapter.get_relation(
            database=target.database, schema=generate_schema_name('intermediate', none), identifier=inputs_model) -%}
    {%- endif -%}
    {%- if relation is not none -%}
        {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- endif -%}
    {%- for segment in definitions -%}
        {%- do validate_segment_condition(segment, columns) -%}
    {%- endfor -%}
    {{ return(definitions) }}
{%- endmacro %}
