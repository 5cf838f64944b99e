package fr.guichet.command.pricing;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Serves the pricing admin page at /admin/pricing/ (static files under static/admin/pricing). */
@Configuration(proxyBeanMethods = false)
class AdminPages {

  @Bean
  RouterFunction<ServerResponse> pricingAdminPage() {
    ClassPathResource page = new ClassPathResource("static/admin/pricing/index.html");
    return RouterFunctions.route(
            GET("/admin/pricing/"),
            request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
        .andRoute(
            GET("/admin/pricing"),
            request ->
                ServerResponse.permanentRedirect(java.net.URI.create("/admin/pricing/")).build());
  }
}
