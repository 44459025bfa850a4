package fr.cdapgateway.api;

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

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS on the API port (every call carries a password): the certificate chain and the PKCS#8 private key come
 * as PEM files ({@code gateway.api.tls.certificate}, {@code gateway.api.tls.private-key}), TLS 1.2 and 1.3 only.
 * Without them the port speaks plain HTTP, which the prod profile accepts only when a TLS-terminating proxy is
 * declared in front ({@code gateway.api.tls.terminating-proxy}).
 */
@Configuration(proxyBeanMethods = false)
class ApiTls {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    @Bean
    SSLContextParameters apiTlsContext(@Value("${gateway.api.tls.certificate:}") String certificate,
                                       @Value("${gateway.api.tls.private-key:}") String privateKey)
            throws GeneralSecurityException, IOException {
        SSLContextParameters parameters = new SSLContextParameters();
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        parameters.setSecureSocketProtocols(protocols);
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
