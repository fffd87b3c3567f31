{#- For the rows whose cleaned key is repeated: the occurrence of the key in file
    order (1 = first copy) and whether the row is a later copy whose raw contract
    columns (content_columns, '|'-joined, null as '~') equal its key's first
    copy's. A row not returned is occurrence 1 and no copy (callers left join on
    lineage and coalesce); so is a row without a key, which the missing_key rule
    rejects before any duplicate rule.
    Almost every event key occurs once, so the window and the comparison of
    contents run over the few repeated keys only: a window over every wide row
    sorts all of them (32M web events ran out of memory at a 10 GB limit), and an
    md5 of every row's raw columns, stored for the comparison (the earlier design),
    was an eighth of a base model's time.
    source_relation: the model's raw source; key_expr: SQL of the cleaned key over
    its raw column; content_columns: the raw contract columns compared between
    copies; batch_cte: the model's CTE of incremental_raw_batch.
    The rows are read twice and the key computed twice more (to group, to find the
    rows): on a full build from the raw table itself, since DuckDB materializes a
    CTE read twice (base_web__events at 1M customers, alone: 112 s -> 72 s with
    this design); on an incremental run from the small batch CTE. -#}
{% macro key_occurrences(source_relation, key_expr, content_columns, batch_cte='source') -%}
    {%- set relation = batch_cte if is_incremental() else source_relation -%}
    select
        _source_file,
        _source_row,
        key_occurrence,
        key_occurrence > 1 and raw_content = first_raw_content as is_identical_to_first_copy
    from (
        select
            _source_file,
            _source_row,
            raw_content,
            row_number() over (
                partition by occurrence_key order by _source_file, _source_row
            ) as key_occurrence,
            first_value(raw_content) over (
                partition by occurrence_key order by _source_file, _source_row
            ) as first_raw_content
        from (
            select
                _source_file,
                _source_row,
                {{ key_expr }} as occurrence_key,
                concat_ws(
                    '|'
                    {%- for column in content_columns %}, coalesce({{ column }}, '~'){% endfor %}
                ) as raw_content
            from {{ relation }}
            where
                {{ key_expr }} in (
                    select {{ key_expr }}
                    from {{ relation }}
                    where {{ key_expr }} is not null
                    group by {{ key_expr }}
                    having count(*) > 1
                )
        ) as repeated_keys
    ) as numbered
{%- endmacro %}
