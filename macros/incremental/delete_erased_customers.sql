{#- Pre-hook of a history table keyed by customer_id (the profile snapshot):
    deletes every version of a customer that int_privacy__erased_records lists,
    so erasure reaches history too. The snapshot's input model excludes those
    customers and refs int_privacy__erased_records, which orders the DAG (a
    snapshot YAML cannot carry a depends_on hint, so the relation is looked up
    in the graph instead of ref'd here). No-op before the table exists. -#}
{% macro delete_erased_customers() -%}
    {%- set existing = adapter.get_relation(this.database, this.schema, this.identifier) -%}
    {%- if existing is not none and execute -%}
        {%- set node = graph.nodes.values() | selectattr('name', 'equalto', 'int_privacy__erased_records') | first -%}
        {%- set erased = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
        delete from {{ this }}
        where customer_id in (
            select erased.customer_id from {{ erased }} as erased
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
