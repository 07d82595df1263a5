package org.flowdesk.portal;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The portal's script and stylesheet: their names carry a hash of their content (portal/build.mjs),
 * so a browser keeps them for a year without asking again, and gets them compressed (Brotli or gzip,
 * written at build time) as its Accept-Encoding says.
 */
@Configuration(proxyBeanMethods = false)
class PortalResources implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/portal/**")
        .addResourceLocations("classpath:/static/portal/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
        .resourceChain(true)
        .addResolver(new EncodedResourceResolver())
        .addResolver(new PathResourceResolver());
  }
}
