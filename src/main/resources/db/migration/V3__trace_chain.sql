-- Tamper-evident traces (SPEC §9): each instance keeps its own HMAC-SHA256 chain, in daily segments.
-- lien = HMAC(key, previous lien || canonical content); rang = position in the (instance, segment) chain.
alter table trace add column instance varchar(64);
alter table trace add column segment date;
alter table trace add column rang bigint;
alter table trace add column lien varchar(64);
create index trace_chaine on trace (instance, segment, rang);
create index trace_horodatage on trace (horodatage);

-- The sealed end of each chain segment: count and last link under an HMAC, so removing the last records of
-- a segment is detected as well as removing one in the middle.
create table trace_segment (
    instance      varchar(64) not null,
    segment       date        not null,
    dernier_rang  bigint      not null,
    dernier_lien  varchar(64) not null,
    sceau         varchar(64) not null,
    primary key (instance, segment)
);
