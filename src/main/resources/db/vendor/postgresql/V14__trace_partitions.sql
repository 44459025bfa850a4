-- PostgreSQL only (H2 keeps the plain table): the trace table partitioned by day (issue 14). A partition is one
-- UTC day, the day of the chain segments it holds, so the six-month retention drops whole partitions instead of
-- a mass DELETE, and a search by period reads only its days. Partitions are created by the gateway ahead of
-- their day (TracePartitions); the ones below take the traces already written.
--
-- A partition key must be in every unique index and cannot be null: the sequence number stays unique through its
-- own sequence (an identity column on a partitioned table needs PostgreSQL 17), and a row written before the
-- chain existed (no segment) goes to the day of its timestamp, where the verification still reports it unchained.
create sequence trace_numero;
select setval('trace_numero', coalesce((select max(sequence) from trace), 0) + 1, false);

update trace set segment = (horodatage at time zone 'UTC')::date where segment is null;

create table trace_par_jour (
    sequence            bigint       not null default nextval('trace_numero'),
    horodatage          timestamp with time zone not null,
    request_id          varchar(100) not null,
    utilisateur         varchar(100),
    convention          varchar(40),
    service             varchar(20),
    profil              varchar(10),
    action              varchar(40)  not null,
    numero_allocataire  varchar(7),
    motif               varchar(60),
    statut              integer      not null,
    code                varchar(60),
    duree_ms            integer      not null,
    adresse_client      varchar(64),
    user_agent          varchar(256),
    indicateurs         varchar(500),
    objet               varchar(500),
    instance            varchar(64),
    segment             date         not null,
    rang                bigint,
    lien                varchar(64)
) partition by range (segment);

do $$
declare
    jour date;
begin
    for jour in select distinct segment from trace loop
        execute format('create table %I partition of trace_par_jour for values from (%L) to (%L)',
                       'trace_' || to_char(jour, 'YYYYMMDD'), jour, jour + 1);
    end loop;
end
$$;

insert into trace_par_jour (sequence, horodatage, request_id, utilisateur, convention, service, profil, action,
                            numero_allocataire, motif, statut, code, duree_ms, adresse_client, user_agent,
                            indicateurs, objet, instance, segment, rang, lien)
select sequence, horodatage, request_id, utilisateur, convention, service, profil, action, numero_allocataire,
       motif, statut, code, duree_ms, adresse_client, user_agent, indicateurs, objet, instance, segment, rang, lien
  from trace;

drop table trace;
alter table trace_par_jour rename to trace;
alter sequence trace_numero owned by trace.sequence;

-- the same indexes as before, each one partitioned alike
alter table trace add constraint trace_pkey primary key (sequence, segment);
create unique index trace_rang on trace (instance, segment, rang);
create index trace_request_id on trace (request_id);
create index trace_convention_horodatage on trace (convention, horodatage);
create index trace_utilisateur_horodatage on trace (utilisateur, horodatage);
