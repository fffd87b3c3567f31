{#- Post-hook of an incremental model replaced by a key that is not unique per
    row (int_web__sessions, int_web__browser_categories: a browser's rows): the
    batch carries one row with a null marker_column (a column never null in a
    real row: web_session_id, events_fingerprint) for each key whose rows must
    all go (nothing left to insert for it), so the replace deletes the key's old
    rows; this deletes the placeholder. No-op on a full build. -#}
{% macro delete_incremental_tombstones(marker_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ marker_column }} is null
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
