{#- Local Spark (session, Hive metastore) has no access control: the `+grants`
    of dbt_project.yml are skipped there (dbt-spark would send GRANT, which only
    Databricks accepts). Access control is tested on PostgreSQL. -#}
{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}
