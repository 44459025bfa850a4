package bench.scg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud Gateway in front of the simulator, as a Java team would set it up for the same job: HTTP Basic on
 * the demo users' passwords stored as salted SHA-256 (a fast hash, like nginx's {SSHA}), a rate limit per user far
 * above the load (like nginx's limit_req), reactor-netty's access log, and the backend's service headers.
 */
@SpringBootApplication
public class PeerGateway {

    private static final String[] USERS = {"niort.agent1", "niort.agent2", "cherbourg.agent1", "dep79.social"};

    public static void main(String[] args) {
        SpringApplication.run(PeerGateway.class, args);
    }

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, RateLimiter<Object> limiter, @Value("${peer.backend-url}") String backend) {
        return builder.routes()
                .route("quotient-familial", r -> r.path("/api/v1/dossiers/{numero}/quotient-familial")
                        .filters(f -> f.requestRateLimiter(c -> c.setRateLimiter(limiter))
                                .setPath("/dossiers/{numero}")
                                .setRequestHeader("Authorization", "Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=")
                                .setRequestHeader("Accept", "application/json")
                                .setRequestHeader("X-Utilisateur", "niort.agent1")
                                .setRequestHeader("X-Convention", "79-2017-19")
                                .setRequestHeader("X-Profil", "T2"))
                        .uri(backend))
                .build();
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, MapReactiveUserDetailsService users, PasswordEncoder encoder) {
        var authentication = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        authentication.setPasswordEncoder(encoder);
        // a fast hash needs no hop to another thread (the default moves every check to boundedElastic)
        authentication.setScheduler(Schedulers.immediate());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(e -> e.anyExchange().authenticated())
                .httpBasic(b -> b.authenticationManager(authentication))
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users(PasswordEncoder encoder, @Value("${peer.password}") String password) {
        return new MapReactiveUserDetailsService(Stream.of(USERS)
                .map(login -> User.withUsername(login).password(encoder.encode(password)).roles("AGENT").build())
                .toList());
    }

    @Bean
    PasswordEncoder saltedSha256() {
        return new SaltedSha256();
    }

    @Bean
    RateLimiter<Object> perUserLimiter(@Value("${peer.rate-per-second}") long ratePerSecond) {
        return new PerUserLimiter(ratePerSecond);
    }

    /** base64(sha256(password + salt) + salt), 8 bytes of salt. */
    static final class SaltedSha256 implements PasswordEncoder {

        private final SecureRandom random = new SecureRandom();

        @Override
        public String encode(CharSequence raw) {
            byte[] salt = new byte[8];
            random.nextBytes(salt);
            return Base64.getEncoder().encodeToString(concat(digest(raw, salt), salt));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            byte[] stored = Base64.getDecoder().decode(encoded);
            byte[] salt = java.util.Arrays.copyOfRange(stored, 32, stored.length);
            return MessageDigest.isEqual(concat(digest(raw, salt), salt), stored);
        }

        private static byte[] digest(CharSequence raw, byte[] salt) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(raw.toString().getBytes(StandardCharsets.UTF_8));
                return sha.digest(salt);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    /** A token bucket per user in memory (the stock limiter needs Redis): one second's worth of requests. */
    static final class PerUserLimiter implements RateLimiter<Object> {

        private final long ratePerSecond;
        private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

        PerUserLimiter(long ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
        }

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            long now = System.nanoTime();
            long[] bucket = buckets.computeIfAbsent(id, k -> new long[] {ratePerSecond, now});
            boolean allowed;
            synchronized (bucket) {
                long refill = (now - bucket[1]) * ratePerSecond / 1_000_000_000L;
                if (refill > 0) {
                    bucket[0] = Math.min(ratePerSecond, bucket[0] + refill);
                    bucket[1] = now;
                }
                allowed = bucket[0] > 0;
                if (allowed) {
                    bucket[0]--;
                }
            }
            return Mono.just(new Response(allowed, Map.of()));
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of();
        }

        @Override
        public Class<Object> getConfigClass() {
            return Object.class;
        }

        @Override
        public Object newConfig() {
            return new Object();
        }
    }
}
