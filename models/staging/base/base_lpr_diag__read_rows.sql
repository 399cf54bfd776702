{#- METHOD §0.1: the rows of raw.lpr_diag on the LPR2 contacts the method reads, as delivered, read once. -#}
{{ read_lpr2_contacts_only(source('raw', 'lpr_diag')) }}
