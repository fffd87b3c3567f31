{#- The model has as many rows as another relation: for a model that must hold
    exactly one row per row of its input (an incremental model that replaces
    rows by key: a stale or missing row shows up here). -#}
{% test same_row_count(model, compare_model) %}

select
    model_rows.n_rows as n_model_rows,
    compared_rows.n_rows as n_compared_rows
from (select count(*) as n_rows from {{ model }}) as model_rows
cross join (select count(*) as n_rows from {{ compare_model }}) as compared_rows
where model_rows.n_rows <> compared_rows.n_rows

{% endtest %}
