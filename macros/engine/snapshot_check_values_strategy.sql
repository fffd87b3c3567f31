{#- Snapshot strategy `check_values`: dbt's `check` strategy, with a version id
    (dbt_scd_id) that hashes the tracked values too: key, updated_at and every
    check column. dbt's own id is key + updated_at, so a second build at the same
    as-of date that sees changed values (a rule or seed changed, a raw file
    replaced) would add a version with the id of the current one and fail the
    unique test. With the values in the id, that build closes the current
    version at the same date (valid_from = valid_to: it is never the version as of
    any date) and adds the new one. Used by customer_profile_history on every
    engine (the Spark snapshot calls the same strategy). -#}
{% macro snapshot_check_values_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) %}
    {%- set strategy = snapshot_check_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) -%}
    {%- set scd_args = api.Relation.scd_args(config.get('unique_key'), config.get('updated_at')) -%}
    {%- do strategy.update({'scd_id': snapshot_hash_arguments(scd_args + config.get('check_cols'))}) -%}
    {%- do return(strategy) -%}
{% endmacro %}
