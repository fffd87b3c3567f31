{#- A 64-bit hash of a list of SQL expressions, the same value for the same values
    on every run of one engine: a change fingerprint (the per-browser web models
    fold their events' hashes with bit_xor and compare the browsers' folds between
    runs), never a key. Every input must change the hash non-linearly: DuckDB's
    hash(a, ..., z) xors the last column's hash in unmixed, so in a bit_xor fold of
    an even number of rows a change of the last column cancels out (a changed gap
    var left browsers with 2 events unsessionized); hash() of that hash mixes it. -#}
{% macro row_hash(exprs) -%}
    {{ return(adapter.dispatch('row_hash', 'customer360')(exprs)) }}
{%- endmacro %}

{% macro default__row_hash(exprs) -%}
    hash(hash({{ exprs | join(', ') }}))
{%- endmacro %}

{#- row(...)::text keeps nulls and positions apart: ('a', null) -> (a,), (null, 'a') -> (,a) -#}
{% macro postgres__row_hash(exprs) -%}
    hashtextextended(cast(row({{ exprs | join(', ') }}) as text), 0)
{%- endmacro %}

{#- Spark: xxhash64 skips null arguments; the Spark models are rebuilt in full on
    every run, so no fingerprint is ever compared there. -#}
{% macro spark__row_hash(exprs) -%}
    xxhash64({{ exprs | join(', ') }})
{%- endmacro %}

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

{#- The hash of one web category or product view over every input its category
    depends on (int_web__browser_categories): the event, its page URL, its
    product and the product's category. -#}
{% macro web_view_hash(events, products) -%}
    {{ row_hash([
        events ~ '.web_event_id', events ~ '.anonymous_id', events ~ '.event_name', events ~ '.page_url',
        events ~ '.shop_product_id', events ~ '.event_at', products ~ '.category',
    ]) }}
{%- endmacro %}

