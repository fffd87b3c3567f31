/*
    One row per (run, layer, model, column, metric): every quality metric of a
    build with its threshold and status (ok / warn / error) and a message for
    the failing ones. The tidy table the quality command and the report read.
    `run` is deterministic: the as-of date plus a hash of the loader's summary
    (same data, same run id; never the wall clock).
*/
with

quality_source_checks as (
    select * from {{ ref('quality_source_checks') }}
),

quality_mart_checks as (
    select * from {{ ref('quality_mart_checks') }}
),

load_summary as (
    select * from {{ source('loader', 'load_summary') }}
),

run_id as (
    select
        cast({{ as_of_date() }} as {{ dbt.type_string() }}) || '-' || left(md5({{ string_agg_ordered(
            "source_table || ':' || status || ':' || rows_loaded || ':' || rows_unparseable", "';'",
            'source_table'
        ) }}), 8) as run
    from load_summary
),

checks as (
    select * from quality_source_checks
    union all
    select * from quality_mart_checks
),

final as (
    select
        run_id.run,
        checks.layer,
        checks.model,
        checks.column_name,
        checks.metric,
        checks.value,
        checks.threshold,
        checks.status,
        checks.severity,
        checks.message,
        checks.detail
    from checks
    cross join run_id
)

select * from final
