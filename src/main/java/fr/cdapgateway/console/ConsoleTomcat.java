package fr.cdapgateway.console;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses before any page can (a request line with broken bytes, a malformed escape, a header it
 * cannot read) gets a short page in French with a reference, the console's security headers and nothing about the
 * server, instead of Tomcat's own English page.
 */
@Component
class ConsoleTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // with HTTPS, the server's order of suites wins (the strongest of ApiTls.CIPHER_SUITES first), as on the API port
        factory.addConnectorCustomizers(connector -> {
            for (SSLHostConfig ssl : connector.findSslHostConfigs()) {
                ssl.setHonorCipherOrder(true);
            }
        });
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(FrenchErrorReport.class.getName());
            }
        });
    }

    /** Tomcat's error report, in the console's words. */
    public static class FrenchErrorReport extends ErrorReportValve {

        private static final Logger LOG = LoggerFactory.getLogger(FrenchErrorReport.class);

        public FrenchErrorReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String reference = UUID.randomUUID().toString();
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-store");
                response.setHeader("Content-Security-Policy", ConsoleSecurity.CSP);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("X-Request-ID", reference);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Demande "
                            + "incorrecte — Console CDAP</title></head><body><main><h1>Demande incorrecte</h1>"
                            + "<p>Cette adresse ou cette demande n'a pas pu être lue. Revenez à "
                            + "<a href=\"/\">l'accueil de la console</a>.</p><p>Référence pour le support : "
                            + reference + ".</p></main></body></html>");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                LOG.debug("console: the error report could not be written ({})", e.getClass().getSimpleName());
            }
        }
    }
}
