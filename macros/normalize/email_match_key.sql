{#- Match key of a normalized email, used only for identity resolution:
    - drops a "+tag" from the local part (any provider: sub-addressing);
    - for gmail.com / googlemail.com only, drops dots in the local part and
      folds the domain to gmail.com (Gmail ignores dots; other providers do not).
    Null when the email is not syntactically valid. -#}
{% macro email_match_key(normalized_expr) -%}
    {%- set local_part = "split_part(" ~ normalized_expr ~ ", '@', 1)" -%}
    {%- set domain = "split_part(" ~ normalized_expr ~ ", '@', 2)" -%}
    {%- set untagged = "regexp_replace(" ~ local_part ~ ", '[+].*$', '')" -%}
    case
        when {{ is_valid_email(normalized_expr) }} then
            case
                when {{ domain }} in ('gmail.com', 'googlemail.com')
                    then replace({{ untagged }}, '.', '') || '@gmail.com'
                else {{ untagged }} || '@' || {{ domain }}
            end
    end
{%- endmacro %}
