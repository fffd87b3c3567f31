{#- The raw rows an incremental base model reads: all of them on a full build;
    on an incremental run
    1. every row of a file not processed yet (a new day file: new, late and
       re-delivered rows alike, however old their event time), and
    2. every already processed row that shares its key with such a row, or with a
       row rejected as future_timestamp earlier (the as-of date has moved, so it
       may be valid now),
    so the key_occurrence / first-copy rules see every copy of each touched key
    exactly as a full build does, and the strategy replaces those rows by their
    lineage. Processed = present in the model (the model keeps every raw row).
    source_relation: the raw source; key_column: its raw key column. -#}
{% macro incremental_raw_batch(source_relation, key_column) -%}
    select * from {{ source_relation }}
    {%- if is_incremental() %}
        where _source_file not in (
            select processed._source_file from {{ this }} as processed
            where processed._source_file is not null
            group by processed._source_file
        )
    union all
    select revisited_raw.*
    from {{ source_relation }} as revisited_raw
    inner join (
        select
            processed._source_file,
            processed._source_row
        from {{ this }} as processed
        where processed._record_id in (
            select {{ clean_text('fresh.' ~ key_column) }}
            from {{ source_relation }} as fresh
            where fresh._source_file not in (
                select processed_files._source_file from {{ this }} as processed_files
                where processed_files._source_file is not null
                group by processed_files._source_file
            )
            union all
            select future_rows._record_id from {{ this }} as future_rows
            where future_rows.reject_reason = 'future_timestamp'
        )
    ) as revisited
        on
            revisited_raw._source_file = revisited._source_file
            and revisited_raw._source_row = revisited._source_row
    {%- endif %}
{%- endmacro %}
