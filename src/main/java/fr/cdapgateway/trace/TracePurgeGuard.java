package fr.cdapgateway.trace;

/**
 * What must read the traces before the purge removes them (the usage statistics of SPEC §14.7): the purge calls
 * every guard first, so no day leaves the traces uncounted.
 */
public interface TracePurgeGuard {

    void beforePurge();
}
