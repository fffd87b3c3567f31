{#- Pre-hook of every incremental base model: rows whose raw row no longer
    exists leave the model too. This is how erasure reaches incremental tables:
    the privacy step deletes an erased person's rows from raw (the person is
    resolved through identity, which reads these very models, so a
    ref('int_privacy__erased_records') here would be a cycle), and the next run
    deletes the same rows here. Only files whose row count changed are compared
    row by row. No-op on a full build (the model is rebuilt from raw).
    source_relation: the model's raw source. -#}
{% macro delete_rows_gone_from_raw(source_relation) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where _source_file in (
            select kept_files._source_file
            from (
                select _source_file, count(*) as n_rows from {{ this }} group by _source_file
            ) as kept_files
            left join (
                select _source_file, count(*) as n_rows from {{ source_relation }} group by _source_file
            ) as raw_files
                on kept_files._source_file = raw_files._source_file
            where raw_files.n_rows is null or raw_files.n_rows <> kept_files.n_rows
        )
        and not exists (
            select 1 from {{ source_relation }} as raw_rows
            where
                raw_rows._source_file = {{ this }}._source_file
                and raw_rows._source_row = {{ this }}._source_row
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
