{#- One `select` that judges raw quality metrics: each (layer, model,
    column_name, metric, value, detail) row of `metrics` (a CTE or relation)
    gets its most specific threshold of `thresholds` (seed quality_thresholds:
    '*' matches any model or column; exact names win; 'var:max_reject_rate'
    reads the var), the severity, a readable threshold, status (ok, or the
    threshold's severity when the value is outside [min_value, max_value]) and,
    when not ok, a message naming the layer, model (source or mart) and column.
    Output columns: layer, model, column_name, metric, value, threshold, status,
    severity, message, detail. -#}
{% macro quality_judge(metrics, thresholds) -%}
select
    layer,
    model,
    column_name,
    metric,
    value,
    threshold,
    status,
    severity,
    case when status <> 'ok' then
            layer || ' ' || model || ', column ' || column_name || ': '
            || metric || ' = ' || round(value, 4) || ' (expected ' || threshold || ')'
            || coalesce('; ' || detail, '')
    end as message,
    detail
from (
select
    *,
    case
        when value is null then 'ok'
        when value < min_value or value > max_value then severity
        else 'ok'
    end as status,
    case
        when min_value is not null and max_value is not null and min_value = max_value
            then '= ' || min_value
        when min_value is not null and max_value is not null then 'between ' || min_value || ' and ' || max_value
        when min_value is not null then '>= ' || min_value
        when max_value is not null then '<= ' || max_value
    end as threshold
from (
    select
        metrics.*,
        case
            when cast(thresholds.min_value as {{ dbt.type_string() }}) = 'var:max_reject_rate'
                then {{ var('max_reject_rate') }}
            else {{ safe_cast('thresholds.min_value', 'double') }}
        end as min_value,
        case
            when cast(thresholds.max_value as {{ dbt.type_string() }}) = 'var:max_reject_rate'
                then {{ var('max_reject_rate') }}
            else {{ safe_cast('thresholds.max_value', 'double') }}
        end as max_value,
        coalesce(thresholds.severity, 'warn') as severity,
        row_number() over (
            partition by metrics.layer, metrics.model, metrics.column_name, metrics.metric
            order by (thresholds.model = '*'), (thresholds.column_name = '*')
        ) as threshold_rank
    from {{ metrics }} as metrics
    left join {{ thresholds }} as thresholds
        on metrics.layer = thresholds.layer
        and metrics.metric = thresholds.metric
        and thresholds.model in (metrics.model, '*')
        and thresholds.column_name in (metrics.column_name, '*')
) as matched
where threshold_rank = 1
) as judged
{%- endmacro %}
