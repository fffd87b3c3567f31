{#- Display form of an email: NFKC, trimmed, lowercased; empty -> null.
    Whitespace inside the address is removed too (a typo, never meaningful). -#}
{% macro normalize_email(expr) -%}
    nullif(lower({{ regexp_replace_all(normalize_unicode(expr), '\\s+', '') }}), '')
{%- endmacro %}
