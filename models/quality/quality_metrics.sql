/*
    One row per (run, layer, model, column, metric): every quality metric of a
    build with its threshold and status. The tidy table the quality command,
    the report and the dbt tests read. Steps:
    1. the metrics of sources and marts, unioned;
    2. the most specific threshold of seed quality_thresholds ('*' matches
       any model or column; exact names win);
    3. status: ok, or the threshold's severity (warn / error) when the value
       is outside [min_value, max_value]; a message naming model and column.
    `run` is deterministic: the as-of date plus a hash of the loader's summary
    (same data, same run id; never the wall clock).
*/
with

source_metrics as (
    select * from {{ ref('quality_source_metrics') }}
),

mart_metrics as (
    select * from {{ ref('quality_mart_metrics') }}
),

thresholds as (
    select * from {{ ref('quality_thresholds') }}
),

load_summary as (
    select * from {{ source('loader', 'load_summary') }}
),

run_id as (
    select
        strftime({{ as_of_date() }}, '%Y-%m-%d') || '-' || left(md5(string_agg(
            source_table || ':' || status || ':' || rows_loaded || ':' || rows_unparseable, ';'
            order by source_table
        )), 8) as run
    from load_summary
),

metrics as (
    select * from source_metrics
    union all
    select * from mart_metrics
),

matched as (
    select
        metrics.*,
        case
            when cast(thresholds.min_value as {{ dbt.type_string() }}) = 'var:max_reject_rate'
                then {{ var('max_reject_rate') }}
            else try_cast(thresholds.min_value as double)
        end as min_value,
        case
            when cast(thresholds.max_value as {{ dbt.type_string() }}) = 'var:max_reject_rate'
                then {{ var('max_reject_rate') }}
            else try_cast(thresholds.max_value as double)
        end as max_value,
        coalesce(thresholds.severity, 'warn') as severity
    from metrics
    left join thresholds
        on metrics.layer = thresholds.layer
        and metrics.metric = thresholds.metric
        and thresholds.model in (metrics.model, '*')
        and thresholds.column_name in (metrics.column_name, '*')
    qualify row_number() over (
        partition by metrics.layer, metrics.model, metrics.column_name, metrics.metric
        order by (thresholds.model = '*'), (thresholds.column_name = '*')
    ) = 1
),

judged as (
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
    from matched
),

final as (
    select
        run_id.run,
        judged.layer,
        judged.model,
        judged.column_name,
        judged.metric,
        judged.value,
        judged.threshold,
        judged.status,
        judged.severity,
        case when judged.status <> 'ok' then
            judged.layer || ' ' || judged.model || ', column ' || judged.column_name || ': '
            || judged.metric || ' = ' || round(judged.value, 4) || ' (expected ' || judged.threshold || ')'
            || coalesce('; ' || judged.detail, '')
        end as message,
        judged.detail
    from judged
    cross join run_id
)

select * from final
