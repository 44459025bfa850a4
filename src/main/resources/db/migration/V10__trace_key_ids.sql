-- Key rotation (issue 11): each day's seal and registry row name the key that chained it (null: before key ids,
-- read as "k1"); old keys stay configured read-only to verify their days.
alter table trace_segment add column cle varchar(40);
alter table trace_registre add column cle varchar(40);
