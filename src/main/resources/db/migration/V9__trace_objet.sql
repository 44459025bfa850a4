-- A trace read records the filters it used (SPEC §9) in its objet: room for all of them.
alter table trace alter column objet set data type varchar(500);
