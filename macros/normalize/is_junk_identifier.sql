{#- True when an identifier value is listed as junk in seed junk_identifiers
    (exact values or regexes, per identifier type or 'any'). Junk identifiers are
    kept for display and quality metrics but never used to match records.
    identifier_type: 'email' | 'phone' | 'name' | ...; value_expr: the value as it
    is compared (normalized email; digits-only phone; lowercased name).

    Performance: a regex whose pattern is a column is compiled again for every
    (value, pattern) pair (DuckDB: ~50 s per 600k values). So when the model runs
    against the loaded seed, the seed's regex patterns of this identifier type are
    read at compile time and inlined as literal patterns (compiled once); exact
    values stay a lookup in the seed. Same result as the generic form below, which
    is used whenever the seed is not a loaded table (parse, lint on an empty
    warehouse, unit tests whose junk_identifiers input is a fixture). -#}
{% macro is_junk_identifier(identifier_type, value_expr) -%}
    {{ return(adapter.dispatch('is_junk_identifier', 'customer360')(identifier_type, value_expr)) }}
{%- endmacro %}

{% macro default__is_junk_identifier(identifier_type, value_expr) -%}
    {%- set junk_relation = ref('junk_identifiers') -%}
    {%- set types_sql = "('" ~ identifier_type ~ "', 'any')" -%}
    {%- set loaded = none -%}
    {%- if execute and '__dbt__cte__' not in (junk_relation | string) -%}
        {%- set loaded = adapter.get_relation(
            database=junk_relation.database, schema=junk_relation.schema, identifier=junk_relation.identifier) -%}
    {%- endif -%}
    {%- if loaded is not none -%}
        {%- set regex_rows = run_query(
            "select distinct pattern from " ~ junk_relation ~ " where identifier_type in " ~ types_sql
            ~ " and match_type = 'regex' and pattern is not null order by pattern") -%}
    coalesce(
        {{ value_expr }} in (
            select junk.pattern
            from {{ junk_relation }} as junk
            where junk.identifier_type in {{ types_sql }} and junk.match_type = 'exact'
        )
        {%- for row in regex_rows.rows %}
        or {{ regex_matches(value_expr, "'" ~ (row[0] | replace("'", "''")) ~ "'") }}
        {%- endfor %}
    , false)
    {%- else -%}
    coalesce(exists (
        select 1
        from {{ junk_relation }} as junk
        where junk.identifier_type in {{ types_sql }}
            and (
                (junk.match_type = 'exact' and junk.pattern = {{ value_expr }})
                or (junk.match_type = 'regex' and {{ regex_matches(value_expr, "junk.pattern") }})
            )
    ), false)
    {%- endif -%}
{%- endmacro %}

{#- Spark: the correlated exists with a regex predicate fails in Spark's optimizer
    (key not found: match_type). The seed's rules are read by two uncorrelated
    scalar subqueries instead: the exact values as an array, the regexes as one
    alternation ('(?!)', which never matches, when there is none). -#}
{% macro spark__is_junk_identifier(identifier_type, value_expr) -%}
    coalesce(
        array_contains((
            select collect_list(junk.pattern) from {{ ref('junk_identifiers') }} as junk
            where junk.identifier_type in ('{{ identifier_type }}', 'any') and junk.match_type = 'exact'
        ), {{ value_expr }})
        or {{ value_expr }} rlike (
            select coalesce(nullif(concat_ws('|', collect_list('(?:' || junk.pattern || ')')), ''), '(?!)')
            from {{ ref('junk_identifiers') }} as junk
            where junk.identifier_type in ('{{ identifier_type }}', 'any') and junk.match_type = 'regex'
        ),
        false)
{%- endmacro %}
