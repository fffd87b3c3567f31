{#- The reporting date every "as of" figure uses, as a SQL date literal.

    1. the dbt var `as_of_date` when set (YYYY-MM-DD);
    2. otherwise the data's own as-of date, computed by the loader into
       raw._load_metadata (latest day with enough dated rows; never now()).
    Fails loudly when neither exists, so no model silently uses the wall clock. -#}
{% macro as_of_date() -%}
    {%- set configured = var('as_of_date', none) -%}
    {%- if configured -%}
        {%- set value = configured | string -%}
    {%- elif execute -%}
        {%- set query -%}
            select value from {{ var('raw_schema', 'raw') }}._load_metadata where key = 'data_as_of_date'
        {%- endset -%}
        {%- set result = run_query(query) -%}
        {%- if result | length == 0 or result.columns[0].values()[0] is none -%}
            {{ exceptions.raise_compiler_error(
                "as_of_date: no var 'as_of_date' and no data_as_of_date in "
                ~ var('raw_schema', 'raw') ~ "._load_metadata. Run `python -m python_helpers load` first "
                ~ "or pass --vars '{as_of_date: YYYY-MM-DD}'.") }}
        {%- endif -%}
        {%- set value = result.columns[0].values()[0] | string -%}
    {%- else -%}
        {%- set value = '2000-01-01' -%}
    {%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error("as_of_date must be YYYY-MM-DD, got '" ~ value ~ "'") }}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}
