{#- The keys an incremental model with one row per key must compute again, with
    is_gone for those that have nothing left (they get a tombstone). Each stored row
    holds fingerprint_column, the fold of its inputs' hashes; fingerprints names a
    CTE of the same fold per key (key, fingerprint_column) over the inputs the
    model reads now. A key whose two folds differ, or that has only one of them,
    changed: an input row was added, removed or altered, or moved to another key.
    (incremental_changed_browsers is the same for models with several rows per key.) -#}
{% macro incremental_changed_keys(fingerprints, key, fingerprint_column) -%}
    select
        coalesce({{ fingerprints }}.{{ key }}, kept.{{ key }}) as {{ key }},
        {{ fingerprints }}.{{ key }} is null as is_gone
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
{%- endmacro %}
