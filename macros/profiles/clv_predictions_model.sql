{#- Name of the model that holds predicted CLV per customer. DuckDB runs the dbt
    Python model int_features__clv_predictions (BG/NBD + Gamma-Gamma); every
    other adapter (Spark, Postgres, ...) uses the SQL run-rate fallback
    int_features__clv_run_rate. Use as ref(clv_predictions_model()). -#}
{% macro clv_predictions_model() -%}
    {{ return(adapter.dispatch('clv_predictions_model', 'customer360')()) }}
{%- endmacro %}

{% macro default__clv_predictions_model() -%}
    {{ return('int_features__clv_run_rate') }}
{%- endmacro %}

{% macro duckdb__clv_predictions_model() -%}
    {{ return('int_features__clv_predictions') }}
{%- endmacro %}
