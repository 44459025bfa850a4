-- A request may now also ask for a member to join a group that holds habilitations (CENTRALISE mode): the
-- nature column is rebuilt with the wider check (its generated constraint name differs between H2 and
-- PostgreSQL, so the column is replaced rather than the constraint dropped by name).
alter table demande add column nature_demande varchar(12);
update demande set nature_demande = nature;
alter table demande drop column nature;
alter table demande rename column nature_demande to nature;
alter table demande alter column nature set not null;
alter table demande add constraint demande_nature check (nature in ('ATTRIBUTION', 'RETRAIT', 'ADHESION'));

-- A maintenance window belongs to the CAF that declared it (null: every CAF, from configuration) and can be
-- cancelled; a cancelled window stays for the record.
alter table maintenance add column caf varchar(3);
alter table maintenance add column annulee_le timestamp with time zone;
alter table maintenance add column annulee_par varchar(100);
