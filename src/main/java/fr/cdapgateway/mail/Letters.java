package fr.cdapgateway.mail;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders a letter's French text and HTML from {@code mail/<template>.txt} and {@code mail/<template>.html}. */
@Component
class Letters {

    record Rendered(String text, String html) {
    }

    // Spring's engine: expressions in SpEL, as in the console's pages (the plain engine needs OGNL)
    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    Letters() {
        engine.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver(".html", TemplateMode.HTML, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    Rendered render(Letter letter) {
        Context context = new Context(Locale.FRANCE, letter.model());
        context.setVariable("sujet", letter.subject());
        return new Rendered(engine.process(letter.template() + ".txt", context),
                engine.process(letter.template() + ".html", context));
    }
}
