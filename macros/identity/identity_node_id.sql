{#- Integer id of an identity-graph node key: the engine's 64-bit hash of the
    text. The stitching works on these ids instead of a dense numbering, so no
    sort of millions of strings is needed and every model can compute the id of
    a key on its own (int_identity__record_customers looks anchors up with it).
    Two keys with the same id would be merged wrongly: the test
    assert_identity_node_ids_unique fails the build if that ever happens
    (about 3 in a million at 10M nodes). -#}
{% macro identity_node_id(expr) -%}
    {{ return(adapter.dispatch('identity_node_id', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__identity_node_id(expr) -%}
    hash({{ expr }})
{%- endmacro %}

{% macro postgres__identity_node_id(expr) -%}
    hashtextextended({{ expr }}, 0)
{%- endmacro %}

{% macro spark__identity_node_id(expr) -%}
    xxhash64({{ expr }})
{%- endmacro %}
