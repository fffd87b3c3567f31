{#- True when levenshtein(a, b) <= max_edits, false when it is more; when either
    is null, false or null (a condition that does not hold, as the distance's). The edit distance costs length(a) * length(b) per pair, so two
    cheap necessary conditions rule most pairs out first:
    - the lengths differ by at most max_edits;
    - pieces: a is cut into 2 * max_edits pieces of ceil(length(a) / (2 * max_edits))
      characters (the last ones may be shorter or empty). One edit changes at most
      one piece (an insertion between two pieces changes none), so at least
      max_edits pieces of a occur unchanged in b. An empty piece occurs in every
      string, so short strings go on to the edit distance.
    Only pairs the edit distance would reject are skipped: the result is the
    distance's. a_pieces: the prefix of columns that hold a's pieces
    (edit_distance_pieces), when a is the small side of a join: the pieces are
    then cut once per row of a, not once per pair. Without it they are cut inline.
    At 1M customers the email-typo blocks of int_identity__probabilistic_pairs
    meet 43M address pairs with a common prefix, of which 15,140 are within two
    edits: the distance alone took 26 s, these conditions first 4 s.
    levenshtein: DuckDB and Spark built-in, PostgreSQL fuzzystrmatch; contains: DuckDB
    and Spark built-in, PostgreSQL create_engine_functions. -#}
{% macro edit_distance_within(a, b, max_edits, a_pieces=none) -%}
    (
        abs(length({{ a }}) - length({{ b }})) <= {{ max_edits }}
        and (
            {%- for i in range(2 * max_edits) %}
            {% if not loop.first %}+ {% endif -%}
            case when contains({{ b }}, {{ a_pieces ~ '_' ~ (i + 1) if a_pieces else edit_distance_piece(a, max_edits, i) }}) then 1 else 0 end
            {%- endfor %}
        ) >= {{ max_edits }}
        and levenshtein({{ a }}, {{ b }}) <= {{ max_edits }}
    )
{%- endmacro %}

{#- The columns <name>_1 .. <name>_<2 * max_edits>: the pieces of expr that
    edit_distance_within(expr, ..., a_pieces=<relation>.<name>) looks for. -#}
{% macro edit_distance_pieces(expr, max_edits, name) -%}
    {%- for i in range(2 * max_edits) -%}
        {{ edit_distance_piece(expr, max_edits, i) }} as {{ name }}_{{ i + 1 }}{% if not loop.last %},
        {% endif %}
    {%- endfor -%}
{%- endmacro %}

{#- Piece i (from 0) of expr cut into 2 * max_edits pieces. -#}
{% macro edit_distance_piece(expr, max_edits, i) -%}
    {%- set piece_length = 'cast(ceil(length(' ~ expr ~ ') / ' ~ (2 * max_edits) ~ '.0) as integer)' -%}
    substr({{ expr }}, {{ i }} * {{ piece_length }} + 1, {{ piece_length }})
{%- endmacro %}
