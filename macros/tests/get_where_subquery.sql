{#- dbt's get_where_subquery (the relation a data test reads, filtered by its
    `where` config), with two placeholders for tests on models that stamp
    _build_seq (macro incremental_build_seq):
    - latest_build_rows(): the rows the model's latest build wrote;
    - latest_build_keys(column): every row whose column value occurs among those
      rows, so a unique test sees each written key together with its earlier
      copies.
    A full build stamps every row alike, so the test then reads every row; on an
    incremental run it reads the batch. The scoped properties are those of a
    single row or key (not_null, accepted_values, unique): a row no build
    rewrote was checked by the build that wrote it and has not changed since.
    Any other `where` passes through unchanged. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if not where -%}
        {%- do return(relation) -%}
    {%- endif -%}
    {%- set latest -%}
        _build_seq = (select max(stamped._build_seq) from {{ relation }} as stamped)
    {%- endset -%}
    {%- set where = where | replace('latest_build_rows()', latest) -%}
    {%- set where = modules.re.sub(
        'latest_build_keys\\(\\s*(\\w+)\\s*\\)',
        '\\1 in (select written.\\1 from ' ~ relation ~ ' as written where written.'
        ~ latest ~ ')',
        where) -%}
    {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
{%- endmacro %}
