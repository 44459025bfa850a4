-- Each secondary index of the trace table is paid on every request (a third of the gateway's CPU went into
-- writing traces on H2). Searches by date range go through convention or user first; the plain timestamp
-- index is not worth its cost.
drop index trace_horodatage;
