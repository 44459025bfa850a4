-- The sealed registry of trace segments (issue 11): one row per instance and day, written when the day's first
-- trace is committed, each chained by HMAC to the instance's previous day. Deleting a whole day -- its traces and
-- its seal -- breaks the next day's link, so the verification reports the missing day. Purged days keep their
-- row (purge_le), so the chain of days stays verifiable after retention. Days are chained in the order they were
-- registered (ordre), which is the order of the days except for a late trace of a day that had none before.
create table trace_registre (
    instance   varchar(64) not null,
    segment    date        not null,
    ordre      bigint      not null,
    precedent  date,
    maillon    varchar(64) not null,
    purge_le   timestamp with time zone,
    primary key (instance, segment),
    unique (instance, ordre)
);

-- A rank is used once per chain segment: a batch that reused the ranks of a commit it wrongly thought failed
-- is refused by the database instead of forking the chain.
drop index trace_chaine;
create unique index trace_rang on trace (instance, segment, rang);
