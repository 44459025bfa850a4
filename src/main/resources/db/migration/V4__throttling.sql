-- Token buckets shared by the instances of a cluster (bucket4j PostgreSQL proxy manager, SPEC §10).
-- On H2 (demo, single instance) the buckets live in memory and this table stays empty.
create table bucket (
    id          varchar(200) primary key,
    state       bytea,
    expires_at  bigint
);
