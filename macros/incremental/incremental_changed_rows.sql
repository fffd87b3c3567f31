{#- The final select of an incremental model that derives every row on each run
    but writes only the rows that changed (int_identity__records,
    int_identity__record_identifiers, int_identity__record_customers and the
    int_customer_* event and order models): the derivation is cheap next to the
    write of millions of rows at 1M customers.

    derived:       the CTE holding every row the model derives now;
    key_columns:   the model's unique_key (a list: one row per key);
    marker_column: a stored column never null in a real row (the tombstone is
                   null there, post-hook delete_incremental_tombstones).

    Full build: every derived row, stamped _build_seq 1. Incremental run: the
    derived rows whose key is new or whose value differs from the stored row in
    any column (every column: there is no list to keep up to date; nulls
    compare equal), stamped with the run's
    _build_seq; and a tombstone (key only) for each stored key no longer
    derived, which the replace by key writes and the post-hook deletes. The
    rows of the latest stamp are then the new and changed rows of the run, which
    the model's data tests read (latest_build_rows / latest_build_keys). -#}
{% macro incremental_changed_rows(derived, key_columns, marker_column) -%}
    {{ return(adapter.dispatch('incremental_changed_rows', 'customer360')(derived, key_columns, marker_column)) }}
{%- endmacro %}

{#- DuckDB: set difference of whole rows (positional: the stored table holds the
    derived columns in their order, then _build_seq), which needs no column list,
    so it also runs in unit tests (where `this` is a fixture, not a relation). -#}
{% macro duckdb__incremental_changed_rows(derived, key_columns, marker_column) -%}
    {%- if is_incremental() -%}
        {%- set keys = key_columns | join(', ') %}
    select
        {{ derived }}.* replace (
        {%- for key in key_columns %}
            coalesce({{ derived }}.{{ key }}, changed_keys.{{ key }}) as {{ key }}{% if not loop.last %},{% endif %}
        {%- endfor %}
        ),
        {{ incremental_build_seq() }} as _build_seq
    from (
        -- new or changed: a derived row not stored as it is
        select {{ keys }}
        from (
            select * from {{ derived }}
            except
            select * exclude (_build_seq) from {{ this }}
        ) as new_or_changed
        union
        -- gone: a stored key no longer derived (a tombstone: null {{ marker_column }})
        select {{ keys }}
        from (
            select {{ keys }} from {{ this }}
            except
            select {{ keys }} from {{ derived }}
        ) as gone
    ) as changed_keys
    left join {{ derived }}
        on
        {%- for key in key_columns %}
            {% if not loop.first %}and {% endif %}changed_keys.{{ key }} = {{ derived }}.{{ key }}
        {%- endfor %}
    {%- else %}
    select
        *,
        -- which build wrote the row (the data tests of incremental runs read those)
        {{ incremental_build_seq() }} as _build_seq
    from {{ derived }}
    {%- endif %}
{%- endmacro %}

{#- Other engines (the merge strategy): the stored columns read from the table,
    a full outer join on the key, a row written when any column differs. -#}
{% macro default__incremental_changed_rows(derived, key_columns, marker_column) -%}
    {%- if is_incremental() -%}
        {%- set stored = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if marker_column not in stored or marker_column in key_columns -%}
            {{ exceptions.raise_compiler_error(
                'incremental_changed_rows: marker column ' ~ marker_column ~ ' must be a stored non-key column of '
                ~ this) }}
        {%- endif -%}
        {%- set compared = [] -%}
        {%- for column in stored if column not in key_columns and column != '_build_seq' -%}
            {%- do compared.append(column) -%}
        {%- endfor %}
    select
        {%- for column in stored if column != '_build_seq' %}
            {%- if column in key_columns %}
        coalesce({{ derived }}.{{ column }}, kept.{{ column }}) as {{ column }},
            {%- else %}
        {{ derived }}.{{ column }},
            {%- endif %}
        {%- endfor %}
        {{ incremental_build_seq() }} as _build_seq
    from {{ derived }}
    full outer join {{ this }} as kept
        on
        {%- for key in key_columns %}
            {% if not loop.first %}and {% endif %}{{ derived }}.{{ key }} = kept.{{ key }}
        {%- endfor %}
    where
        {{ derived }}.{{ key_columns[0] }} is null
        or kept.{{ key_columns[0] }} is null
        {%- for column in compared %}
        or {{ derived }}.{{ column }} is distinct from kept.{{ column }}
        {%- endfor %}
    {%- else %}
    select
        *,
        -- which build wrote the row (the data tests of incremental runs read those)
        {{ incremental_build_seq() }} as _build_seq
    from {{ derived }}
    {%- endif %}
{%- endmacro %}
