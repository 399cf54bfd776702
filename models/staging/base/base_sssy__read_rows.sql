{#- METHOD §0.1: the rows of raw.sssy of the persons with a plan, as delivered (raw names and types), read once. -#}
{{ read_persons_only(source('raw', 'sssy')) }}
