{#- The rows of seed segment_definitions, read from the warehouse at run time,
    as a list of dicts ordered by segment_family, priority, segment_name.

    The calling model must ref('segment_definitions') so the seed is loaded
    first. The seed relation is looked up in the graph, not through ref,
    because in a unit test ref points at a fixture CTE; unit tests get no
    graph, so then the seed's configured schema ('reference', seeds config in
    dbt_project.yml) is used.
    Returns [] at parse time and when the seed table does not exist yet (e.g.
    `dbt compile` or sqlfluff on an empty warehouse). -#}
{% macro segment_definitions() -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set seed_nodes = (graph.get('nodes') or {}).values()
        | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('name', 'equalto', 'segment_definitions')
        | list -%}
    {%- if seed_nodes | length > 0 -%}
        {%- set seed = seed_nodes[0] -%}
        {%- set relation = adapter.get_relation(database=seed.database, schema=seed.schema, identifier=seed.alias) -%}
    {%- else -%}
        {%- set relation = adapter.get_relation(
            database=target.database, schema=generate_schema_name('reference', none), identifier='segment_definitions') -%}
    {%- endif -%}
    {%- if relation is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select segment_name, segment_family, priority, condition, description, owner
        from {{ relation }}
        order by segment_family, priority, segment_name
    {%- endset -%}
    {%- set definitions = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do definitions.append({
            'segment_name': row['segment_name'],
            'segment_family': row['segment_family'],
            'priority': row['priority'],
            'condition': row['condition'],
            'description': row['description'],
            'owner': row['owner'],
        }) -%}
    {%- endfor -%}
    {{ return(definitions) }}
{%- endmacro %}
