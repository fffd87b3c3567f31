{#- Jaro-Winkler similarity in [0, 1] of two strings, over their UTF-8 bytes, with
    DuckDB's definition on every engine (null when either is null, 0 when either is
    empty): match window max(len) / 2 - 1, half the transpositions rounded down,
    prefix bonus 0.1 per common leading byte (at most 4) when Jaro > 0.7.
    DuckDB: built-in jaro_winkler_similarity. PostgreSQL: public.jaro_winkler_similarity,
    a plpgsql function (macro create_engine_functions). Spark: the expression below.
    tests/python/test_string_similarity.py checks the three agree on 20,010 pairs. -#}
{% macro string_similarity(a, b) -%}
    {{ return(adapter.dispatch('string_similarity', 'customer360')(a, b)) }}
{%- endmacro %}

{% macro default__string_similarity(a, b) -%}
    jaro_winkler_similarity({{ a }}, {{ b }})
{%- endmacro %}

{#- Spark has no Jaro-Winkler, and SQL functions cannot hold lambdas that call SQL
    functions, so this is one expression; each transform(array(named_struct(...)), v -> ...)
    binds names for the step after it (a and b appear once, outside every lambda).
    w.h1 / w.h2: the UTF-8 bytes in hex; x1 / x2: the bytes as hex pairs. m2[k]: the
    position in x1 matched to x2[k], or -1: each byte of x1 in turn takes the first
    unmatched equal byte of x2 within the window. m: matches; h: half the positions
    where the matched bytes in x1 order and in x2 order differ; p: common prefix. -#}
{% macro spark__string_similarity(a, b) -%}
get(transform(array(named_struct('h1', hex(encode({{ a }}, 'UTF-8')), 'h2', hex(encode({{ b }}, 'UTF-8')))), w ->
    case
        when w.h1 is null or w.h2 is null then null
        when w.h1 = '' or w.h2 = '' then 0.0D
        else get(transform(array(named_struct(
            'x1', transform(sequence(1, length(w.h1) div 2), i -> substr(w.h1, 2 * i - 1, 2)),
            'x2', transform(sequence(1, length(w.h2) div 2), i -> substr(w.h2, 2 * i - 1, 2)))), s ->
        get(transform(array(named_struct('x1', s.x1, 'x2', s.x2, 'm2', aggregate(
            sequence(0, size(s.x1) - 1), array_repeat(-1, size(s.x2)),
            (m2, i) -> transform(m2, (v, k) -> case when k = get(filter(sequence(0, size(s.x2) - 1),
                j -> abs(j - i) <= greatest(greatest(size(s.x1), size(s.x2)) div 2 - 1, 0)
                    and get(m2, j) < 0 and get(s.x2, j) = get(s.x1, i)), 0) then i else v end)))), t ->
        get(transform(array(named_struct(
            'm', size(filter(t.m2, v -> v >= 0)),
            'h', size(filter(zip_with(
                transform(array_sort(filter(t.m2, v -> v >= 0)), i -> get(t.x1, i)),
                filter(transform(t.m2, (v, k) -> case when v >= 0 then get(t.x2, k) end), c -> c is not null),
                (c1, c2) -> c1 != c2), d -> d)) div 2,
            'p', coalesce(nullif(array_position(zip_with(slice(t.x1, 1, 4), slice(t.x2, 1, 4), (c1, c2) -> c1 = c2), false), 0) - 1,
                least(4, size(t.x1), size(t.x2))))), u ->
        get(transform(array(case when u.m = 0 then 0.0D
                else (u.m / size(t.x1) + u.m / size(t.x2) + (u.m - u.h) / u.m) / 3 end), jaro ->
            case when jaro > 0.7D then jaro + u.p * 0.1D * (1.0D - jaro) else jaro end), 0)), 0)), 0)), 0)
    end), 0)
{%- endmacro %}
