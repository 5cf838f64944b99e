package fr.guichet.query.setup;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the box office's and the director's home pages at /manager/ and /director/ (static files
 * under static/manager and static/director).
 */
@Configuration(proxyBeanMethods = false)
class StaffPages {

  @Bean
  RouterFunction<ServerResponse> staffHomePages() {
    RouterFunctions.Builder routes = RouterFunctions.route();
    for (String area : new String[] {"manager", "director"}) {
      ClassPathResource page = new ClassPathResource("static/" + area + "/index.html");
      routes.GET(
          "/" + area + "/",
          request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
      routes.GET(
          "/" + area,
          request -> ServerResponse.permanentRedirect(URI.create("/" + area + "/")).build());
    }
    return routes.build();
  }
}
