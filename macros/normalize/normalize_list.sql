{#- A ';'-separated free list as its distinct items, each clean_text'ed and
    lowercased, empty items dropped, sorted, joined by ';'; null when nothing is
    left. 'Yoga; running;;YOGA' -> 'running;yoga'. -#}
{% macro normalize_list(expr) -%}
    {{ return(adapter.dispatch('normalize_list', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__normalize_list(expr) -%}
    nullif(array_to_string(list_sort(list_distinct(list_filter(
        list_transform(string_split({{ expr }}, ';'), lambda item: lower({{ clean_text('item') }})),
        lambda item: item is not null
    ))), ';'), '')
{%- endmacro %}

{% macro postgres__normalize_list(expr) -%}
    (
        select nullif(string_agg(distinct list_items.item_key, ';' order by list_items.item_key), '')
        from (
            select lower({{ clean_text('list_item') }}) as item_key
            from unnest(string_to_array({{ expr }}, ';')) as list_item
        ) as list_items
        where list_items.item_key is not null
    )
{%- endmacro %}

{#- Spark: the NFKC function (reflect, nondeterministic to Spark) cannot run inside
    a lambda, so the whole text is normalized before the split (the same items,
    unless a compatibility character folds to ';'). -#}
{% macro spark__normalize_list(expr) -%}
    nullif(array_join(array_sort(array_distinct(filter(
        transform(split({{ normalize_unicode(expr) }}, ';'),
            list_item -> lower(nullif(trim({{ regexp_replace_all('list_item', '\\s+', ' ') }}), ''))),
        list_item -> list_item is not null
    ))), ';'), '')
{%- endmacro %}
