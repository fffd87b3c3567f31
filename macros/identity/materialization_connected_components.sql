{#- Materialization `connected_components`: a table of the connected components
    of the undirected graph whose edge list the model selects.

    The model's SQL selects one row per edge with two node-key columns,
    src_node_key and dst_node_key (duplicates and self-loops are fine). The table built has one row per node that appears in
    an edge:
      node_id       identity_node_id(node key) - the 64-bit hash of the key
      component_id  the smallest node_id of the node's component
      iteration     the contraction round after which the component was one node

    Algorithm: repeated min-contraction on integer ids (every step is one
    set-based statement on a scratch table, so it runs on any engine):
      0. encode: each edge as the pair (least, greatest) of its two ids, distinct;
      1. round k: every node v still in an edge picks p(v) = the smallest of
         itself and its neighbours (one group-by over the edges); every edge
         (a, b) becomes (p(a), p(b)); edges whose ends now coincide disappear.
         v and p(v) are neighbours, so merging them keeps components intact;
      2. repeat until no edge is left - the fixed point, checked, not assumed;
         after config max_iterations rounds with edges left the model fails
         with an error naming the count;
      3. resolve backwards: a node's label is the label of its round-k parent
         in round k + 1, or the parent itself when the parent left the graph.
    The hash ids are in random order, so each round removes a large share of
    the remaining edges (measured: 6.8M -> 0.4M -> 9k -> 32 -> 0) and a long
    chain contracts in about log(length) rounds rather than length rounds. Work
    shrinks every round: only edges between different labels survive.
    Scratch tables (create_scratch_table) are dropped at the end. -#}
{% materialization connected_components, default %}
    {%- set max_iterations = config.get('max_iterations', 100) | int -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set grant_config = config.get('grants') -%}
    {%- set prefix = this.identifier ~ '__cc' -%}
    {%- set scratch = [] -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {#- 0. encode: undirected integer edges, one row per pair, no self-loops -#}
    {%- set edges_sql -%}
        select distinct
            case when src_id < dst_id then src_id else dst_id end as a,
            case when src_id < dst_id then dst_id else src_id end as b
        from (
            select
                {{ identity_node_id('src_node_key') }} as src_id,
                {{ identity_node_id('dst_node_key') }} as dst_id
            from ({{ compiled_code }}) as edge_list
        ) as encoded
        where src_id <> dst_id
    {%- endset -%}
    {%- do create_scratch_table(prefix ~ '_e0', edges_sql) -%}
    {%- do scratch.append(prefix ~ '_e0') -%}
    {%- set n_edges = run_query('select count(*) from ' ~ prefix ~ '_e0').columns[0].values()[0] | int -%}
    {%- set ns = namespace(edges=prefix ~ '_e0', remaining=n_edges, rounds=0) -%}

    {#- 1-2. contraction rounds to the fixed point -#}
    {%- for round in range(1, max_iterations + 1) -%}
        {%- if ns.remaining == 0 -%}{%- break -%}{%- endif -%}
        {%- set parents = prefix ~ '_p' ~ round -%}
        {%- set next_edges = prefix ~ '_e' ~ round -%}
        {%- set parents_sql -%}
            select
                v,
                case when min(u) < v then min(u) else v end as p
            from (
                select a as v, b as u from {{ ns.edges }}
                union all
                select b as v, a as u from {{ ns.edges }}
            ) as directed
            group by v
        {%- endset -%}
        {%- do create_scratch_table(parents, parents_sql) -%}
        {%- set next_edges_sql -%}
            select distinct
                case when pa.p < pb.p then pa.p else pb.p end as a,
                case when pa.p < pb.p then pb.p else pa.p end as b
            from {{ ns.edges }} as edges
            inner join {{ parents }} as pa
                on edges.a = pa.v
            inner join {{ parents }} as pb
                on edges.b = pb.v
            where pa.p <> pb.p
        {%- endset -%}
        {%- do create_scratch_table(next_edges, next_edges_sql) -%}
        {%- do scratch.append(parents) -%}
        {%- do scratch.append(next_edges) -%}
        {%- set ns.remaining = run_query('select count(*) from ' ~ next_edges).columns[0].values()[0] | int -%}
        {%- do log('connected_components ' ~ this.identifier ~ ': round ' ~ round ~ ', '
                   ~ ns.remaining ~ ' edges left') -%}
        {%- set ns.edges = next_edges -%}
        {%- set ns.rounds = round -%}
    {%- endfor -%}

    {%- if ns.remaining > 0 -%}
        {%- for name in scratch | reverse -%}{%- do drop_scratch_table(name) -%}{%- endfor -%}
        {{ exceptions.raise_compiler_error(
            'connected_components ' ~ this ~ ' did not converge within ' ~ max_iterations
            ~ ' iterations: ' ~ ns.remaining ~ ' edges still join different labels. Raise var '
            ~ 'identity_max_iterations or look for a pathological chain in the edge list.') }}
    {%- endif -%}

    {#- 3. resolve labels from the last round back to the first -#}
    {%- for round in range(ns.rounds, 1, -1) -%}
        {%- set labels_sql -%}
            {%- if round == ns.rounds -%}
                select v, p as label, {{ round }} as iteration from {{ prefix }}_p{{ round }}
            {%- else -%}
                select
                    parents.v,
                    coalesce(later.label, parents.p) as label,
                    coalesce(later.iteration, {{ round }}) as iteration
                from {{ prefix }}_p{{ round }} as parents
                left join {{ prefix }}_l{{ round + 1 }} as later
                    on parents.p = later.v
            {%- endif -%}
        {%- endset -%}
        {%- do create_scratch_table(prefix ~ '_l' ~ round, labels_sql) -%}
        {%- do scratch.append(prefix ~ '_l' ~ round) -%}
    {%- endfor -%}

    {%- set final_sql -%}
        {%- if ns.rounds == 0 %}
        select a as node_id, a as component_id, 0 as iteration from {{ prefix }}_e0 where a <> a
        {%- elif ns.rounds == 1 %}
        select v as node_id, p as component_id, 1 as iteration from {{ prefix }}_p1
        {%- else %}
        select
            parents.v as node_id,
            coalesce(later.label, parents.p) as component_id,
            coalesce(later.iteration, 1) as iteration
        from {{ prefix }}_p1 as parents
        left join {{ prefix }}_l2 as later
            on parents.p = later.v
        {%- endif %}
    {%- endset -%}

    {{ drop_relation_if_exists(existing_relation) }}
    {% call statement('main') -%}
        {{ create_table_as(False, target_relation, final_sql) }}
    {%- endcall %}
    {%- do log('connected_components ' ~ this.identifier ~ ': ' ~ n_edges ~ ' edges, '
               ~ ns.rounds ~ ' rounds to the fixed point', info=True) -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do apply_grants(target_relation, grant_config, should_revoke=True) %}
    {% do persist_docs(target_relation, model) %}
    {%- for name in scratch | reverse -%}{%- do drop_scratch_table(name) -%}{%- endfor -%}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
