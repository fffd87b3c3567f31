{#- The _build_seq an incremental model stamps on the rows it writes: 1 on
    a full build (every row), and on an incremental run one more than the
    highest stamp the model holds. The rows of the latest write are then those
    with the model's highest _build_seq: a full build's every row, an
    incremental run's batch (new rows and the rows it re-emitted). Deterministic:
    it counts builds that wrote, not clock time. Data tests scope to those rows
    on incremental runs (macro get_where_subquery, latest_build_rows()). -#}
{% macro incremental_build_seq() -%}
    {%- if is_incremental() -%}
        cast((select coalesce(max(_build_seq), 0) + 1 from {{ this }}) as integer)
    {%- else -%}
        cast(1 as integer)
    {%- endif -%}
{%- endmacro %}
