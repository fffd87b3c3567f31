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

