{#- Raw tables the erasure step deletes from, with the raw column whose cleaned
    value (clean_text, as staging reads it) is int_privacy__erased_records.source_record_id. -#}
{% macro privacy_raw_purge_targets() -%}
    {{ return({
        'shop_customers': 'customer_id',
        'shop_orders': 'order_id',
        'shop_order_lines': 'order_line_id',
        'crm_contacts': 'contact_id',
        'web_events': 'anonymous_id',
        'app_events': 'device_id',
        'support_tickets': 'ticket_id',
        'survey_responses': 'response_id',
        'email_events': 'event_id',
        'social_interactions': 'interaction_id',
        'consent_events': 'consent_id',
        'erasure_requests': 'request_id',
    }) }}
{%- endmacro %}
