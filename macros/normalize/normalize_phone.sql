{#- A phone number in any common format -> E.164 ('+49301234567'), or null when it
    cannot be a valid number.

    Steps: drop an extension ("ext. 12", "x12", "#12"); drop a "(0)" trunk hint
    ("+49 (0)30 ..."); keep digits. Then:
      "+<digits>"            -> +<digits>
      "00<digits>"           -> +<digits>          (international prefix, Europe)
      "011<digits>" (NANP)   -> +<digits>          (international prefix, US/CA)
      national number        -> +<calling code of the row's country, else
                                var default_phone_country><number without trunk 0>
    Valid when the result has 8-15 digits after '+' and no leading 0; NANP (+1)
    numbers must have exactly 10 digits after the 1.
    country_expr: SQL expression of an ISO-2 country for the row (may be null). -#}
{% macro normalize_phone(expr, country_expr="null") -%}
    {%- set rules = phone_country_rules() -%}
    {%- set default_country = var('default_phone_country', 'DE') | upper -%}
    {%- if default_country not in rules -%}
        {{ exceptions.raise_compiler_error("var default_phone_country='" ~ default_country ~ "' has no rule in macro phone_country_rules") }}
    {%- endif -%}
    {%- set no_ext = regexp_replace_all("lower(trim(" ~ expr ~ "))", '\\s*(ext\\.?|extension|x|#)\\s*[0-9]+\\s*$', '') -%}
    {%- set no_trunk_hint = "replace(" ~ no_ext ~ ", '(0)', '')" -%}
    {%- set digits = regexp_replace_all(no_trunk_hint, '[^0-9]', '') -%}
    {%- set country = "coalesce(upper(trim(" ~ country_expr ~ ")), '" ~ default_country ~ "')" -%}
    {%- set national -%}
        case {{ country }}
        {%- for iso, rule in rules.items() %}
            when '{{ iso }}' then
            {%- if rule.code == '1' %}
                case
                    when length({{ digits }}) = 11 and {{ digits }} like '1%' then '+' || {{ digits }}
                    when length({{ digits }}) = 10 then '+1' || {{ digits }}
                end
            {%- elif rule.trunk_zero %}
                '+{{ rule.code }}' || regexp_replace({{ digits }}, '^0', '')
            {%- else %}
                '+{{ rule.code }}' || {{ digits }}
            {%- endif %}
        {%- endfor %}
        end
    {%- endset -%}
    {%- set candidate -%}
        case
            when {{ digits }} = '' then null
            when {{ no_trunk_hint }} like '+%' then '+' || {{ digits }}
            when {{ digits }} like '00%' then '+' || substr({{ digits }}, 3)
            when {{ digits }} like '011%' and {{ country }} in ('US', 'CA') then '+' || substr({{ digits }}, 4)
            else {{ national }}
        end
    {%- endset -%}
    case
        when {{ regex_matches(candidate, "'^[+]1'") }}
            then case when {{ regex_matches(candidate, "'^[+]1[2-9][0-9]{9}$'") }} then {{ candidate }} end
        when {{ regex_matches(candidate, "'^[+][1-9][0-9]{7,14}$'") }} then {{ candidate }}
    end
{%- endmacro %}
