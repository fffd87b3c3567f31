/*
    One row per raw-source quality metric, judged: threshold (seed
    quality_thresholds) and status ok / warn / error, with a message naming
    the source and the column. Steps: raw metrics -> most specific threshold
    -> status (macro quality_judge). The dbt tests on this model fail the
    build per source.
*/
with

metrics as (
    select * from {{ ref('quality_source_metrics') }}
),

thresholds as (
    select * from {{ ref('quality_thresholds') }}
),

judged as (
    {{ quality_judge('metrics', 'thresholds') }}
),

final as (
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
    from judged
)

select * from final
