{#- 'true'/'t'/'1'/'yes'/'y' -> true, 'false'/'f'/'0'/'no'/'n' -> false, else null. -#}
{% macro parse_boolean(expr) -%}
    case
        when lower(trim({{ expr }})) in ('true', 't', '1', 'yes', 'y') then true
        when lower(trim({{ expr }})) in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}
