{#- Name of the model that holds predicted CLV per customer. DuckDB runs the dbt
    Python model int_features__clv_predictions (BG/NBD + Gamma-Gamma); every
    other adapter (Spark, Postgres, ...) uses the SQL run-rate fallback
    int_features__clv_run_rate. Use as ref(clv_predictions_model()).
    Var clv_run_rate_only (default false): true selects the run-rate fallback on
    DuckDB too (the cross-engine equality test compares like with like). -#}
{% macro clv_predictions_model() -%}
    {{ return(adapter.dispatch('clv_predictions_model', 'customer360')()) }}
{%- endmacro %}

{% macro default__clv_predictions_model() -%}
    {{ return('int_features__clv_run_rate') }}
{%- endmacro %}

{% macro duckdb__clv_predictions_model() -%}
    {{ return('int_features__clv_run_rate' if var('clv_run_rate_only', false) else 'int_features__clv_predictions') }}
{%- endmacro %}
