{#- The stable customer id of a component whose smallest record key is `record_key`:
    'cus_' + the first 20 hex characters of its SHA-256 (int_identity__record_customers). -#}
{% macro customer_id_of(record_key) -%}
    'cus_' || substr({{ sha256_hex(record_key) }}, 1, 20)
{%- endmacro %}
