{#- SQL boolean: the record `<source_name>:<id_expr>` belongs to an erased person
    (its salted record-key hash is on privacy.suppression_list). For pre-hooks of
    incremental models and snapshots, which keep rows across builds:
        pre_hook="delete from {{ this }} where {{ is_erased_record('web_events', 'anonymous_id') }}"
    Works in every build (the list outlives the raw rows) and needs no clear-text
    key list. id_expr must be the cleaned id staging produces (shop_order_id,
    anonymous_id, device_id, ...; see privacy_raw_purge_targets for the source names). -#}
{% macro is_erased_record(source_name, id_expr) -%}
    {{ pseudonymize("'" ~ source_name ~ ":' || " ~ id_expr) }} in (
        select suppression_hash from {{ source('privacy', 'suppression_list') }} where hash_kind = 'record'
    )
{%- endmacro %}
