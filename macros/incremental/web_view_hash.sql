{#- The hash of one web category or product view over every input its category
    depends on (int_web__browser_categories): the event, its page URL, its
    product and the product's category. -#}
{% macro web_view_hash(events, products) -%}
    {{ row_hash([
        events ~ '.web_event_id', events ~ '.anonymous_id', events ~ '.event_name', events ~ '.page_url',
        events ~ '.shop_product_id', events ~ '.event_at', products ~ '.category',
    ]) }}
{%- endmacro %}
