{#- Dialling rules per ISO country used to read national phone numbers:
    calling code, and whether a leading trunk '0' is dropped (most of Europe)
    or kept (Italy). NANP countries (US, CA) use 10-digit national numbers.
    Extend here when your customers live elsewhere. -#}
{% macro phone_country_rules() -%}
    {{ return({
        'AT': {'code': '43', 'trunk_zero': true},
        'AU': {'code': '61', 'trunk_zero': true},
        'BE': {'code': '32', 'trunk_zero': true},
        'CA': {'code': '1', 'trunk_zero': false},
        'CH': {'code': '41', 'trunk_zero': true},
        'DE': {'code': '49', 'trunk_zero': true},
        'DK': {'code': '45', 'trunk_zero': false},
        'ES': {'code': '34', 'trunk_zero': false},
        'FI': {'code': '358', 'trunk_zero': true},
        'FR': {'code': '33', 'trunk_zero': true},
        'GB': {'code': '44', 'trunk_zero': true},
        'IE': {'code': '353', 'trunk_zero': true},
        'IT': {'code': '39', 'trunk_zero': false},
        'NL': {'code': '31', 'trunk_zero': true},
        'NO': {'code': '47', 'trunk_zero': false},
        'PL': {'code': '48', 'trunk_zero': false},
        'PT': {'code': '351', 'trunk_zero': false},
        'SE': {'code': '46', 'trunk_zero': true},
        'US': {'code': '1', 'trunk_zero': false},
    }) }}
{%- endmacro %}
