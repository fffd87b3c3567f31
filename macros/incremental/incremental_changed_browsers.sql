{#- The browsers an incremental per-browser web model (models/intermediate/web)
    must rebuild, with is_emptied for those left with no row. Each row of the
    model stores events_fingerprint, the bit_xor of row_hash over the events it
    was built from; staged_fingerprints names a CTE of the same fold per browser
    (anonymous_id, events_fingerprint) over the events the model would read now.
    A browser whose two folds differ (or that has only one of them) changed:
    an event was added, removed or altered among the inputs that were hashed. -#}
{% macro incremental_changed_browsers(staged_fingerprints) -%}
    select
        coalesce({{ staged_fingerprints }}.anonymous_id, kept_fingerprints.anonymous_id) as anonymous_id,
        {{ staged_fingerprints }}.anonymous_id is null as is_emptied
    from {{ staged_fingerprints }}
    full outer join (
        select
            kept.anonymous_id,
            bit_xor(kept.events_fingerprint) as events_fingerprint
        from {{ this }} as kept
        group by kept.anonymous_id
    ) as kept_fingerprints
        on {{ staged_fingerprints }}.anonymous_id = kept_fingerprints.anonymous_id
    where {{ staged_fingerprints }}.events_fingerprint is distinct from kept_fingerprints.events_fingerprint
{%- endmacro %}
