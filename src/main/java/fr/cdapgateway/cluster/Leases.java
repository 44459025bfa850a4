package fr.cdapgateway.cluster;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.SqlTime;

/**
 * A lease on a named row of {@code bail}, shared by every instance of a cluster: whoever takes it holds it until
 * it expires, renews it, or gives it back. One conditional update that only one holder can win (or the first
 * insert, where no row is yet), the same on PostgreSQL and H2; no database lock is held in between. Used for a
 * job run once per cluster ({@link ClusterJobs}) and for an instance's trace chain name.
 */
@Component
public class Leases {

    private final JdbcClient jdbc;

    public Leases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lease if it is free, expired or already this holder's, until {@code until}; whether it did. */
    public boolean take(String name, String holder, Instant now, Instant until) {
        int taken = jdbc.sql("""
                        update bail set titulaire = :holder, expire_le = :until, pris_le = :now
                         where nom = :name and (expire_le <= :now or titulaire = :holder)""")
                .param("holder", holder).param("until", SqlTime.utc(until)).param("now", SqlTime.utc(now))
                .param("name", name).update();
        if (taken == 1) {
            return true;
        }
        try {
            // only where no row is: a lease held elsewhere is no database error (a race still ends in one)
            return jdbc.sql("""
                            insert into bail (nom, titulaire, expire_le, pris_le)
                            select :name, :holder, :until, :now
                             where not exists (select 1 from bail where nom = :name)""")
                    .param("name", name).param("holder", holder).param("until", SqlTime.utc(until))
                    .param("now", SqlTime.utc(now)).update() == 1;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    /** Extends this holder's lease to {@code until}; false if another holder has it now. */
    public boolean renew(String name, String holder, Instant until) {
        return jdbc.sql("update bail set expire_le = :until where nom = :name and titulaire = :holder")
                .param("until", SqlTime.utc(until)).param("name", name).param("holder", holder).update() == 1;
    }

    /** Gives this holder's lease back: it expires at {@code at} (now, or when it was taken). */
    public void giveBack(String name, String holder, Instant at) {
        jdbc.sql("update bail set expire_le = :at where nom = :name and titulaire = :holder")
                .param("at", SqlTime.utc(at)).param("name", name).param("holder", holder).update();
    }
}
