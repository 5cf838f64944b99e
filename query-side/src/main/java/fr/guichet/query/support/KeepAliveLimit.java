package fr.guichet.query.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty 1.3.7 can stop reading a kept-alive HTTP/1.1 connection when the next request
 * arrives before the previous one has fully terminated (reactor/reactor-netty#4347, #4361, fixed
 * after the versions served here): the next request then hangs until the client gives up. It hung a
 * CI run twice. Until the fixed version can be used, the server answers at most {@code
 * guichet.http.max-keep-alive-requests} requests per connection (default 1: "Connection: close"
 * after each answer); server-sent event streams are unaffected. Set it to -1 to restore unlimited
 * keep-alive once Reactor Netty is upgraded.
 */
@Configuration(value = "querySideKeepAliveLimitConfiguration", proxyBeanMethods = false)
class KeepAliveLimit {

  @Bean
  NettyServerCustomizer querySideKeepAliveLimit(
      @Value("${guichet.http.max-keep-alive-requests:1}") int maxKeepAliveRequests) {
    return server -> server.maxKeepAliveRequests(maxKeepAliveRequests);
  }
}
