/*
    One row per raw-source quality metric, judged: threshold (seed
    quality_thresholds) and status ok / warn / error, with a message naming
    the source and the column. Steps: raw metrics -> most specific threshold
    -> status and message (macro quality_judge). The dbt tests on this model fail the
    build per source.
*/
with

metrics as (
    select * from {{ ref('quality_source_metrics') }}
),

thresholds as (
    select * from {{ ref('quality_thresholds') }}
),

final as (
    {{ quality_judge('metrics', 'thresholds') }}
)

select * from final
