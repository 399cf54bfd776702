{#- Every LPR2 contact: the persons with a plan are found here (int_hospital_plan_contacts). -#}
{{ lpr_contacts_staged(source('raw', 'lpr_adm')) }}
