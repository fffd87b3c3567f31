{#- on-run-start: drops the tables of models this project no longer has. dbt never
    drops the relation of a removed model, so in a warehouse built before the
    removal the old table would stay, with rows of people erased since (an erasure
    reaches the models, not tables no model owns). One entry per retired model:
    (schema as in dbt_project.yml, name), with the date and what replaced it. -#}
{% macro drop_retired_relations() -%}
    {%- set retired = [
        ('intermediate', 'int_customer_web_events'),
    ] -%}
    {#- int_customer_web_events: 2026-12-02, replaced by models/intermediate/web -#}
    {%- if execute -%}
        {%- for schema, identifier in retired -%}
            {%- set relation = adapter.get_relation(
                database=target.database, schema=generate_schema_name(schema, none), identifier=identifier) -%}
            {%- if relation is not none -%}
                {%- do adapter.drop_relation(relation) -%}
                {%- do log("drop_retired_relations: dropped " ~ relation ~ " (its model was removed)", info=true) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as retired_relations_checked
{%- endmacro %}
