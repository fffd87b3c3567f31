{#- True when an identifier value is listed as junk in seed junk_identifiers
    (exact values or regexes, per identifier type or 'any'). Junk identifiers are
    kept for display and quality metrics but never used to match records.
    identifier_type: 'email' | 'phone' | 'name' | ...; value_expr: the value as it
    is compared (normalized email; digits-only phone; lowercased name). -#}
{% macro is_junk_identifier(identifier_type, value_expr) -%}
    {{ return(adapter.dispatch('is_junk_identifier', 'customer360')(identifier_type, value_expr)) }}
{%- endmacro %}

{% macro default__is_junk_identifier(identifier_type, value_expr) -%}
    coalesce(exists (
        select 1
        from {{ ref('junk_identifiers') }} as junk
        where junk.identifier_type in ('{{ identifier_type }}', 'any')
            and (
                (junk.match_type = 'exact' and junk.pattern = {{ value_expr }})
                or (junk.match_type = 'regex' and {{ regex_matches(value_expr, "junk.pattern") }})
            )
    ), false)
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
