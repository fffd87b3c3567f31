{#- Post-hook of an incremental model replaced by a key that is not unique per
    row (int_web__sessions: a browser's sessions): the batch carries one row with
    a null id_column for each key whose rows must all go (nothing left to insert
    for it), so the replace deletes the key's old rows; this deletes the
    placeholder. No-op on a full build. -#}
{% macro delete_incremental_tombstones(id_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ id_column }} is null
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
