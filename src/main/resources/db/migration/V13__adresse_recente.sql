-- The last client address of each login, shared by the instances of a cluster so that account sharing is seen
-- whichever instances served the two calls (SPEC §7; fr.cdapgateway.throttle.LastAddresses). Written only when an
-- instance sees a login from a new address; rows older than the sharing window are deleted by the clean-up job.
create table adresse_recente (
    login    varchar(100) primary key,
    adresse  varchar(64) not null,
    vue_le   timestamp with time zone not null
);
