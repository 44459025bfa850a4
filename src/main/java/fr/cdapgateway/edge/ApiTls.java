package fr.cdapgateway.edge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS on the API port (every call carries a password): the certificate chain and the PKCS#8 private key come
 * as PEM files ({@code gateway.api.tls.certificate}, {@code gateway.api.tls.private-key}), TLS 1.2 and 1.3 only,
 * with the suites of ANSSI's TLS recommendations (ANSSI-PA-035) and Mozilla's "intermediate" profile: forward secrecy
 * (ECDHE) and authenticated encryption (GCM, ChaCha20-Poly1305) on TLS 1.2, TLS 1.3's own; no static RSA, no CBC.
 * A client may not renegotiate (a lever for denial of service): the JVM refuses client-initiated renegotiation,
 * on this port and the console's alike.
 * Without them the port speaks plain HTTP, which the prod profile accepts only when a TLS-terminating proxy is
 * declared in front ({@code gateway.api.tls.terminating-proxy}).
 */
@Configuration(proxyBeanMethods = false)
class ApiTls {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** TLS 1.3's suites, then TLS 1.2's: ECDHE and AEAD only, the stronger first (the server's order). */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * The JVM reads this when it first serves a TLS handshake (sun.security.ssl.ServerHandshakeContext): set before
     * either port serves one, it holds for both (the console's Tomcat included).
     */
    static void rejectClientInitiatedRenegotiation() {
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    @Bean
    SSLContextParameters apiTlsContext(@Value("${gateway.api.tls.certificate:}") String certificate,
                                       @Value("${gateway.api.tls.private-key:}") String privateKey)
            throws GeneralSecurityException, IOException {
        SSLContextParameters parameters = new SSLContextParameters();
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(PROTOCOLS);
        parameters.setSecureSocketProtocols(protocols);
        CipherSuitesParameters suites = new CipherSuitesParameters();
        suites.setCipherSuite(CIPHER_SUITES);
        parameters.setCipherSuites(suites);
        rejectClientInitiatedRenegotiation();
        if (!certificate.isBlank() && !privateKey.isBlank()) {
            KeyStoreParameters store = new KeyStoreParameters();
            store.setKeyStore(keyStore(Path.of(certificate), Path.of(privateKey)));
            KeyManagersParameters keys = new KeyManagersParameters();
            keys.setKeyStore(store);
            keys.setKeyPassword(new String(IN_MEMORY));
            parameters.setKeyManagers(keys);
        }
        return parameters;
    }

    /** A key store in memory holding the PEM key and its certificate chain. */
    static KeyStore keyStore(Path certificatePem, Path privateKeyPem) throws GeneralSecurityException, IOException {
        List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificatePem))));
        if (chain.isEmpty()) {
            throw new IllegalStateException("gateway.api.tls.certificate: no certificate in " + certificatePem);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("api", privateKey(privateKeyPem, chain.get(0).getPublicKey().getAlgorithm()), IN_MEMORY,
                chain.toArray(Certificate[]::new));
        return store;
    }

    private static PrivateKey privateKey(Path pem, String algorithm) throws GeneralSecurityException, IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new IllegalStateException("gateway.api.tls.private-key: " + pem + " must hold a PKCS#8 key "
                    + "(-----BEGIN PRIVATE KEY-----; convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
