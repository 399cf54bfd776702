{% macro sensitivity_analyses() -%}
    {#- The sensitivity analyses of METHOD §8.8 and how each one's courses and outcomes relate to the main
        benchmark's (for the publication cells): `added` = the main courses plus some (outcomes unchanged),
        `up` = the same courses, some off → on, `down` = the same courses, some on → off, `dropped` = the main
        courses minus some that are off benefits, `same` = same courses and outcomes (only the model differs). -#}
    {%- set main_weeks = var('outcome_min_benefit_weeks') %}
    {%- set analyses = [{'name': 'holiday_as_benefit', 'kind': 'added'}] %}
    {%- for k in var('sensitivity_min_benefit_weeks') %}
        {%- do analyses.append({
            'name': 'min_weeks_' ~ k,
            'kind': 'up' if k < main_weeks else ('down' if k > main_weeks else 'same'),
        }) %}
    {%- endfor %}
    {%- do analyses.append({'name': 'neither_excluded', 'kind': 'dropped'}) %}
    {%- do analyses.append({'name': 'frame_conditions_dropped', 'kind': 'same'}) %}
    {{ return(analyses) }}
{%- endmacro %}

{% macro publication_sensitivity_relations() -%}
    {#- The additive relations (METHOD §7) between the national cells of the sensitivity analyses
        (int_publication_cells_sensitivity, measures sens_<analysis>_<persons|on|off|changed|changed_on|changed_off>)
        and the main benchmark's headline cells: what a reader can compute from the published counts.
        Decision: no relation names the main off-benefits cell (off_m<h>): each such relation follows from the
        ones listed and the main persons = on + off, and listing it would let the secondary suppression pick that
        unpublished (cost 0) main cell and then hide the main headline share in its place. -#}
    {%- set h = var('headline_month') %}
    {%- set det, on = 'determinable_m' ~ h, 'on_m' ~ h %}
    {%- set relations = [] %}
    {%- for a in sensitivity_analyses() %}
        {%- set s = 'sens_' ~ a.name ~ '_' %}
        {%- if a.kind == 'added' %}
            {%- do relations.extend([
                [s ~ 'r1', s ~ 'persons', [det, s ~ 'changed']],
                [s ~ 'r2', s ~ 'changed', [s ~ 'changed_on', s ~ 'changed_off']],
                [s ~ 'r3', s ~ 'on', [on, s ~ 'changed_on']],
                [s ~ 'r5', s ~ 'persons', [s ~ 'on', s ~ 'off']],
            ]) %}
        {%- elif a.kind == 'up' %}
            {%- do relations.extend([
                [s ~ 'r1', s ~ 'on', [on, s ~ 'changed']],
                [s ~ 'r3', det, [s ~ 'on', s ~ 'off']],
                [s ~ 'r4', det, [s ~ 'changed', s ~ 'unchanged']],
            ]) %}
        {%- elif a.kind == 'down' %}
            {%- do relations.extend([
                [s ~ 'r1', on, [s ~ 'on', s ~ 'changed']],
                [s ~ 'r3', det, [s ~ 'on', s ~ 'off']],
                [s ~ 'r4', det, [s ~ 'changed', s ~ 'unchanged']],
            ]) %}
        {%- elif a.kind == 'dropped' %}
            {%- do relations.extend([
                [s ~ 'r1', det, [s ~ 'persons', s ~ 'changed']],
                [s ~ 'r3', s ~ 'persons', [on, s ~ 'off']],
            ]) %}
        {%- endif %}
    {%- endfor %}
    {{ return(relations) }}
{%- endmacro %}
