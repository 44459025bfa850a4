package fr.cdapgateway.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One person's browser on the console, over the application's real filter chain (Spring Session, Spring
 * Security, MVC): it keeps the session cookie the server sets, and posts forms with the CSRF token of the last
 * page it read — or without one, to check the refusal.
 */
final class ConsoleClient {

    static final String COOKIE = "CDAP_CONSOLE";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SET_COOKIE = Pattern.compile(COOKIE + "=([^;]*)");

    private final MockMvc mvc;
    private String session;
    private String page = "";

    ConsoleClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    MockHttpServletResponse get(String path) throws Exception {
        return send(MockMvcRequestBuilders.get(path));
    }

    /** Posts a form with the CSRF token of the last page read; {@code fields} are name, value pairs. */
    MockHttpServletResponse post(String path, String... fields) throws Exception {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no form with a CSRF token on the last page");
        }
        MockHttpServletRequestBuilder request = form(path, fields).param("_csrf", token.group(1));
        return send(request);
    }

    MockHttpServletResponse postWithoutCsrf(String path, String... fields) throws Exception {
        return send(form(path, fields));
    }

    MockHttpServletResponse signIn(String login, String password) throws Exception {
        get("/connexion");
        return post("/connexion", "identifiant", login, "motDePasse", password);
    }

    String page() {
        return page;
    }

    /** The id of the server-side session this browser holds (the cookie carries it in base64). */
    String sessionId() {
        return session == null ? null : new String(Base64.getDecoder().decode(session), StandardCharsets.UTF_8);
    }

    String cookie() {
        return session;
    }

    void cookie(String value) {
        this.session = value;
    }

    private static MockHttpServletRequestBuilder form(String path, String... fields) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(new Cookie(COOKIE, session));
        }
        org.springframework.test.web.servlet.MvcResult result = mvc.perform(request).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            // a streamed answer (an export written as it is read): the dispatch that writes it
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(
                    result)).andReturn();
        }
        MockHttpServletResponse response = result.getResponse();
        List<String> setCookies = response.getHeaders("Set-Cookie");
        for (String header : setCookies) {
            Matcher value = SET_COOKIE.matcher(header);
            if (value.find()) {
                session = value.group(1).isEmpty() || header.contains("Max-Age=0") ? null : value.group(1);
            }
        }
        page = response.getContentAsString(StandardCharsets.UTF_8);
        return response;
    }
}
