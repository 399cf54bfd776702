{#- The LPR2 contacts the method reads (METHOD §0.1): those of the persons with a plan, from the base model. -#}
{{ lpr_contacts_staged(ref('base_lpr_adm__read_rows')) }}
