{#- Per-column quality metrics of one model as rows of
    (layer, model, column_name, metric, value): one `select` per metric,
    joined with `union all`. Used by the quality models, one call per model.

    relation: the model to measure (a ref).
    layer:    'source' or 'mart'.
    name:     the name shown for the model (the raw source name for staging).
    spec:     dict of column lists, every key optional:
              key        - primary key: fill_rate and unique_rate of the key
                           (several columns = one compound key)
              fill       - fill_rate (share of non-null values)
              email      - valid_rate: email syntax (is_valid_email), non-null values
              phone      - valid_rate: E.164 ('+', 7 to 15 digits), non-null values
              country    - valid_rate: ISO 3166-1 alpha-2 shape (two capitals)
              currency   - valid_rate: ISO 4217 code with a rate in seed fx_rates
              dates      - valid_rate: between 2000-01-01 and the as-of day (+1 day)
              freshness  - one timestamp: days from its latest value to the as-of date -#}
{% macro quality_profile_metrics(relation, layer, name, spec) -%}
    {%- set parts = [] -%}
    {%- set head = "'" ~ layer ~ "' as layer, '" ~ name ~ "' as model, " -%}
    {%- do parts.append("select " ~ head ~ "'*' as column_name, 'row_count' as metric, cast(count(*) as double) as value from " ~ relation) -%}
    {%- set keys = spec.get('key', []) -%}
    {%- if keys -%}
        {%- set key_label = keys | join('+') -%}
        {%- set key_expr = keys | join(" || '|' || ") -%}
        {%- do parts.append("select " ~ head ~ "'" ~ key_label ~ "', 'unique_rate', coalesce(cast(count(distinct " ~ key_expr ~ ") as double) / nullif(count(" ~ key_expr ~ "), 0), 1) from " ~ relation) -%}
    {%- endif -%}
    {%- for col in keys + spec.get('fill', []) -%}
        {%- do parts.append("select " ~ head ~ "'" ~ col ~ "', 'fill_rate', coalesce(cast(count(" ~ col ~ ") as double) / nullif(count(*), 0), 1) from " ~ relation) -%}
    {%- endfor -%}
    {%- set rules = {
        'email': is_valid_email('__col__'),
        'phone': regex_matches('__col__', "'^\\+[1-9][0-9]{6,14}$'"),
        'country': regex_matches('__col__', "'^[A-Z]{2}$'"),
        'currency': is_known_currency('__col__'),
        'dates': "cast(__col__ as date) between date '2000-01-01' and " ~ dateadd_days(as_of_date(), 1),
    } -%}
    {%- for kind in ['email', 'phone', 'country', 'currency', 'dates'] -%}
        {%- for col in spec.get(kind, []) -%}
            {%- set check = rules[kind] | replace('__col__', col) -%}
            {%- do parts.append("select " ~ head ~ "'" ~ col ~ "', 'valid_rate', coalesce(avg(case when " ~ check ~ " then 1.0 else 0.0 end), 1) from " ~ relation ~ " where " ~ col ~ " is not null") -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if spec.get('freshness') -%}
        {%- do parts.append("select " ~ head ~ "'" ~ spec['freshness'] ~ "', 'freshness_days', cast(" ~ date_diff_parts('day', "cast(max(" ~ spec['freshness'] ~ ") as date)", as_of_date()) ~ " as double) from " ~ relation) -%}
    {%- endif -%}
    {{ parts | join('\n    union all\n    ') }}
{%- endmacro %}
