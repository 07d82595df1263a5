package org.flowdesk;

import java.io.IOException;
import java.util.regex.Pattern;

import org.flowdesk.api.ProblemResponses;
import org.flowdesk.attachment.AttachmentProperties;
import org.flowdesk.cmdb.CmdbProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies over 1 MB with 413, whether they announce their length or not, before
 * anything reads them: at every door, FlowDesk's API, Camunda's REST API and the webapps' API.
 * Uploads (multipart/form-data to the calls that take files) may be as large as
 * {@code flowdesk.attachments.max-request-size}; the servlet container keeps their files on disk. A CMDB import
 * ({@code POST /api/cis/import}) may be as large as {@code flowdesk.cmdb.import-max-size}: the import writes the
 * body to a file as it comes and refuses one without a length once it is larger.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final int MAX_BODY = 1024 * 1024;

  /**
   * The calls that take files: report, order, comment, attach (to a ticket or a knowledge article), and those
   * whose form may have file pickers: a task's completion, a change raised (also for a problem).
   */
  private static final Pattern UPLOADS = Pattern.compile("/api/(incidents|requests|changes|tickets/[^/]+/(attachments"
      + "|comments)|articles/[^/]+/attachments|tasks/[^/]+/complete|problems/[^/]+/changes)/?");

  private static final String CMDB_IMPORT = "/api/cis/import";

  private final long maxUpload;
  private final long maxImport;

  RequestSizeLimitFilter(AttachmentProperties attachments, CmdbProperties cmdb) {
    this.maxUpload = attachments.maxRequestSize().toBytes();
    this.maxImport = cmdb.importMaxSize().toBytes();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return !uri.startsWith("/api/") && !uri.startsWith("/engine-rest/") && !uri.startsWith("/camunda/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Without a length (chunked), the multipart parser stops an upload at the same limit
    // (spring.servlet.multipart.max-request-size), and the import its copy to a file: to disk, never to memory.
    String larger = isUpload(request) ? "Uploads may be at most " + maxUpload / (1024 * 1024) + " MB in all."
        : isImport(request) ? "A CMDB import may be at most " + maxImport / (1024 * 1024) + " MB." : null;
    if (larger != null) {
      if (request.getContentLengthLong() > (isUpload(request) ? maxUpload : maxImport)) {
        tooLarge(request, response, larger);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY) {
      tooLarge(request, response);
      return;
    }
    if (request.getContentLengthLong() >= 0) {
      chain.doFilter(request, response);
      return;
    }
    // No length announced (chunked): read at most one byte more than allowed to find out.
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      tooLarge(request, response);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    tooLarge(request, response, "Request bodies may be at most 1 MB.");
  }

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    response.setHeader("Connection", "close");
    ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", detail);
  }

  private static boolean isImport(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && CMDB_IMPORT.equals(request.getRequestURI().substring(request.getContextPath().length()));
  }

  private static boolean isUpload(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod()) && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
        && UPLOADS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }
}
