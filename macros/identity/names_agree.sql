{#- Two name match keys agree: equal, or Jaro-Winkler similarity >= threshold
    (typos such as 'jonathan' / 'jonathon'). Null when either is null. -#}
{% macro names_agree(a, b, threshold=0.88) -%}
    ({{ a }} = {{ b }} or {{ string_similarity(a, b) }} >= {{ threshold }})
{%- endmacro %}
