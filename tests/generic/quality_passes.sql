{#- No metric of quality_metrics has the given status, for one layer and
    (optionally) one model. The failing rows carry the message (model, column,
    value, threshold); the test's name says which source or mart failed. -#}
{% test quality_passes(model, layer=none, model_name=none, status='error') %}

select
    layer,
    model,
    column_name,
    metric,
    value,
    threshold,
    message
from {{ model }}
where status = '{{ status }}'
    {%- if layer %}
    and layer = '{{ layer }}'
    {%- endif %}
    {%- if model_name %}
    and model = '{{ model_name }}'
    {%- endif %}

{% endtest %}
