-- One lease on a table row, one table (fr.cdapgateway.cluster.Leases): a job run once per cluster ("job:<name>",
-- held by the run that took it) and an instance's trace chain name ("chaine:<instance>", held by the running
-- process) were two copies of the same mechanism over two tables.
create table bail (
    nom         varchar(80) primary key,
    titulaire   varchar(128) not null,
    expire_le   timestamp with time zone not null,
    pris_le     timestamp with time zone not null
);

insert into bail (nom, titulaire, expire_le, pris_le)
    select 'job:' || nom, tenu_par, tenu_jusqu_a, dernier_debut from cluster_job;
insert into bail (nom, titulaire, expire_le, pris_le)
    select 'chaine:' || instance, titulaire, expire_le, expire_le from instance_bail;

drop table cluster_job;
drop table instance_bail;
