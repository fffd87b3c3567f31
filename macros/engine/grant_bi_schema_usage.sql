{#- on-run-end: let the BI role (env var C360_BI_ROLE, default c360_bi) into the BI-facing schemas (marts,
    quality). Together with the select grants of those folders (dbt_project.yml,
    `+grants`) this is all the BI role gets: staging, intermediate, restricted, raw,
    privacy and reference stay closed to it. The role itself is created by the
    database owner (README "Access control"). DuckDB has no roles: nothing. -#}
{% macro grant_bi_schema_usage() -%}
    {{ return(adapter.dispatch('grant_bi_schema_usage', 'customer360')()) }}
{%- endmacro %}

{% macro default__grant_bi_schema_usage() -%}
    select 1 as no_roles_on_this_engine
{%- endmacro %}

{% macro postgres__grant_bi_schema_usage() -%}
    {%- set role = env_var('C360_BI_ROLE', 'c360_bi') -%}
    {%- if not modules.re.match('^[a-z_][a-z0-9_]*$', role) -%}
        {{ exceptions.raise_compiler_error("C360_BI_ROLE must be a plain lowercase role name, got '" ~ role ~ "'") }}
    {%- endif -%}
    create schema if not exists marts;
    create schema if not exists quality;
    grant usage on schema marts to {{ role }};
    grant usage on schema quality to {{ role }}
{%- endmacro %}
