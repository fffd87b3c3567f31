{#- The hash of one web event over every input a web session figure depends on
    (int_web__sessions): the event, its product's eco flag and the session gap
    var. events / products: the relation aliases holding the event and product
    columns. -#}
{% macro web_event_hash(events, products) -%}
    {{ row_hash([
        events ~ '.web_event_id', events ~ '.anonymous_id', events ~ '.event_type', events ~ '.event_name',
        events ~ '.shop_product_id', events ~ '.event_at', products ~ '.is_eco_friendly',
        "cast(" ~ var('web_session_gap_minutes', 30) ~ " as integer)",
    ]) }}
{%- endmacro %}
