-- Scheduled jobs run once per cluster (SPEC §3): the instance that takes a job's row runs it and holds it until
-- tenu_jusqu_a, so the other instances, firing on the same schedule, skip that run (fr.cdapgateway.cluster.ClusterJobs).
create table cluster_job (
    nom            varchar(64) primary key,
    tenu_par       varchar(128) not null,
    tenu_jusqu_a   timestamp with time zone not null,
    dernier_debut  timestamp with time zone not null
);

-- Each instance's hold on its trace chain's name (fr.cdapgateway.trace.ChainLease): renewed while it runs, given
-- back when it stops; a second instance with a name that is held refuses to start.
create table instance_bail (
    instance   varchar(64) primary key,
    titulaire  varchar(64) not null,
    expire_le  timestamp with time zone not null
);
