package org.flowdesk;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Requests that Tomcat refuses before any FlowDesk code runs (an encoded slash or NUL in the
 * address, a malformed request line) are answered as problem details too, not as Tomcat's
 * HTML error page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
            + ",\"detail\":\"The request could not be understood: check its address and headers.\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was already written; nothing more to say.
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
      return factory -> factory.addContextCustomizers(context -> {
        if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
          host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
      });
    }
  }
}
