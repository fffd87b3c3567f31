{#- Match key of a person name: NFKC, lowercased, accents folded, anything that is
    not a letter or a space removed (hyphens and apostrophes become spaces),
    whitespace collapsed. 'José-María  O''Neil' -> 'jose maria o neil'.
    Non-Latin scripts keep their letters (lowercased). -#}
{% macro name_match_key(expr) -%}
    nullif(trim({{ regexp_replace_all(
        regexp_replace_all(fold_accents("lower(" ~ normalize_unicode(expr) ~ ")"), "[^\\p{L} ]", " "),
        "\\s+", " ") }}), '')
{%- endmacro %}
