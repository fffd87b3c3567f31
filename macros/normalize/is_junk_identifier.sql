{#- True when an identifier value is listed as junk in seed junk_identifiers
    (exact values or regexes, per identifier type or 'any'). Junk identifiers are
    kept for display and quality metrics but never used to match records.
    identifier_type: 'email' | 'phone' | 'name' | ...; value_expr: the value as it
    is compared (normalized email; digits-only phone; lowercased name). -#}
{% macro is_junk_identifier(identifier_type, value_expr) -%}
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
