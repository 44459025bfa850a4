package fr.cdapgateway.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.ops.MaintenanceCalendar;

/** The console's MVC wiring: the session guard on every page, and what every page shows (who, request id). */
@Configuration
class ConsoleWeb implements WebMvcConfigurer {

    private final ConsoleSessionGuard guard;

    ConsoleWeb(ConsoleSessionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard).excludePathPatterns("/css/**", "/js/**", "/favicon.svg", "/connexion");
    }

    /** Attributes of every page: the person signed in ({@code moi}) and the request id shown for support. */
    @ControllerAdvice(basePackageClasses = ConsoleWeb.class)
    static class PageAttributes {

        private final MaintenanceCalendar calendar;

        PageAttributes(MaintenanceCalendar calendar) {
            this.calendar = calendar;
        }

        /**
         * The next planned maintenance of a partner's CAF, shown in a banner on every page of its people (SPEC §14.6);
         * CAF admins see their windows on their own page.
         */
        @ModelAttribute("prochaineMaintenance")
        Maintenance nextMaintenance() {
            return ConsolePrincipal.current().filter(p -> !p.cafAdmin())
                    .flatMap(p -> calendar.upcoming().stream().filter(w -> w.concerns(p.caf())).findFirst())
                    .orElse(null);
        }

        @ModelAttribute("moi")
        ConsolePrincipal moi() {
            return ConsolePrincipal.current().orElse(null);
        }

        /** The page's path: the menu marks the link of the page a person is on (aria-current). */
        @ModelAttribute("cheminCourant")
        String currentPath(HttpServletRequest request) {
            return request.getRequestURI();
        }

        @ModelAttribute("requestId")
        String requestId(HttpServletRequest request) {
            return ConsoleTraces.requestId(request);
        }

        /** This page's address without its page number: the pager's links add theirs. */
        @ModelAttribute("pageBase")
        String pageBase(HttpServletRequest request) {
            return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("page").build().toUriString();
        }
    }
}
