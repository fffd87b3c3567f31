{#- Post-hook of an incremental model whose batch must delete keys that have
    nothing left to insert: a browser's rows in int_web__sessions /
    int_web__browser_categories (a key not unique per row), a record gone from
    int_identity__records. The batch carries one row with a null marker_column
    (a column never null in a real row: web_session_id, events_fingerprint,
    source) for each such key, so the replace deletes (or, with merge,
    overwrites) the key's old rows; this deletes the placeholder. No-op on a
    full build. -#}
{% macro delete_incremental_tombstones(marker_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ marker_column }} is null
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
