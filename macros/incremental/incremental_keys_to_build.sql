{#- The keys an incremental model with one row per key computes in this run: on a
    full build every key of all_keys (a relation or CTE); on an incremental run the
    keys that changed, gone ones included (they get a tombstone). Each stored row
    holds fingerprint_column, the fold of its inputs' hashes; fingerprints names a
    CTE of the same fold per key (key, fingerprint_column) over the inputs the
    model reads now. A key whose two folds differ, or that has only one of them,
    changed: an input row was added, removed or altered, or moved to another key.
    (incremental_changed_browsers is the same for models with several rows per key.) -#}
{% macro incremental_keys_to_build(fingerprints, key, fingerprint_column, all_keys) -%}
    {%- if is_incremental() -%}
    select coalesce({{ fingerprints }}.{{ key }}, kept.{{ key }}) as {{ key }}
    from {{ fingerprints }}
    full outer join (
        -- qualified: a stored table without the column (built before the model
        -- was incremental) fails to bind here, not as a lateral reference
        select
            stored.{{ key }},
            stored.{{ fingerprint_column }}
        from {{ this }} as stored
    ) as kept
        on {{ fingerprints }}.{{ key }} = kept.{{ key }}
    where {{ fingerprints }}.{{ fingerprint_column }} is distinct from kept.{{ fingerprint_column }}
    {%- else -%}
    select {{ key }} from {{ all_keys }}
    {%- endif -%}
{%- endmacro %}
