{#- The occurrence of each key in file order (1 = first copy) and the content hash
    of its first copy, for the rows whose key is repeated or null; a row not
    returned is occurrence 1 with its own hash (callers left join on lineage and
    coalesce). Almost every event key occurs once, so the window runs over the few
    repeated keys on narrow rows: a window over every wide row sorts all of them
    (32M web events ran out of memory at a 10 GB limit).
    relation: CTE or table with the key, the hash and _source_file / _source_row. -#}
{% macro key_occurrences(relation, key_column, content_hash_column) -%}
    select
        _source_file,
        _source_row,
        row_number() over (
            partition by {{ key_column }} order by _source_file, _source_row
        ) as key_occurrence,
        first_value({{ content_hash_column }}) over (
            partition by {{ key_column }} order by _source_file, _source_row
        ) as first_content_hash
    from {{ relation }}
    where
        {{ key_column }} is null
        or {{ key_column }} in (
            select {{ key_column }} from {{ relation }}
            where {{ key_column }} is not null
            group by {{ key_column }}
            having count(*) > 1
        )
{%- endmacro %}
