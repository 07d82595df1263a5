package org.flowdesk.search;

import java.util.ArrayList;
import java.util.List;

import org.flowdesk.TextQuery;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/search")
@Tag(name = "Search", description = "One search over the caller's visible tickets, knowledge articles, catalog "
    + "services and items, ranked by relevance with the matched words marked.")
class SearchController {

  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final Search search;

  SearchController(Search search) {
    this.search = search;
  }

  @Schema(name = "TextPart", description = "A piece of a title or excerpt; match: one of the words searched for")
  record Part(String text, boolean match) {
  }

  @Schema(name = "SearchHit", description = "Something that matched: a ticket (ref its number), an article, a service "
      + "or a catalog item (ref its id)")
  record Hit(@Schema(description = "ticket, article, service or item", example = "ticket") String kind,
      @Schema(description = "The ticket's number or the entry's id", example = "INC-000042") String ref,
      @Schema(description = "A ticket's type (incident, request, change); null for the other kinds") String type,
      @Schema(description = "The title as written") String title,
      @Schema(description = "The title in parts, the matched words marked") List<Part> titleParts,
      @Schema(description = "Some words of the text around the matches, marked") List<Part> excerpt,
      String service,
      @Schema(description = "A ticket's status, an article's or service's lifecycle") String status,
      @Schema(description = "An article's or entry's language (en, de); null for tickets") String language) {
  }

  @Schema(name = "SearchPage", description = "One page of matches, best first, and how many match in all")
  record Page(List<Hit> items, int page, int size, long total) {
  }

  @Operation(operationId = "search", summary = "Search",
      description = "Words (all must match; stemmed in the text's language, so printers finds printer), "
          + "\"exact phrases\", -excluded words and or. Only what the caller may see is "
          + "searched: tickets they may see (public comments; internal ones of tickets they work), articles for "
          + "their audience, catalog services and the items they may order. A short query that finds nothing is "
          + "tried again with typos corrected.")
  @ApiResponse(responseCode = "200", description = "A page of matches")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping
  Page search(Authentication caller,
      @Parameter(description = "What to look for", example = "printer -toner", required = true)
      @RequestParam @NotBlank @Size(max = TextQuery.MAX_LENGTH)
      @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String q,
      @Parameter(description = "Only this kind: ticket, article, service or item")
      @RequestParam(required = false) @Pattern(regexp = "ticket|article|service|item",
          message = "must be ticket, article, service or item") String kind,
      @Parameter(description = "Only matches of this service (its id)", example = "vpn")
      @RequestParam(required = false) @Size(max = 64) String service,
      @Parameter(description = "Only matches in this status: a ticket's that the models declare (GET "
          + "/api/vocabulary), published for articles, or a service's lifecycle (pipeline, catalog, retired)")
      @RequestParam(required = false) @Size(max = 64) String status,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(49) int page,
      @Parameter(description = "Matches per page") @RequestParam(defaultValue = "20") @Min(1) @Max(50) int size) {
    Search.Result result = search.search(CurrentUser.of(caller), q, kind, service, status, page, size);
    return new Page(result.items().stream().map(SearchController::hit).toList(), page, size, result.total());
  }

  private static Hit hit(Search.Found found) {
    List<Part> title = parts(found.markedTitle());
    return new Hit(found.kind(), found.ref(), found.type(),
        String.join("", title.stream().map(Part::text).toList()), title, parts(found.markedExcerpt()),
        found.service(), found.status(), found.language());
  }

  /** The text between the marks as matched parts, the rest as plain ones. */
  static List<Part> parts(String marked) {
    List<Part> parts = new ArrayList<>();
    if (marked == null) {
      return parts;
    }
    boolean match = false;
    StringBuilder text = new StringBuilder();
    for (char c : marked.toCharArray()) {
      if (c == TextQuery.MARK_START || c == TextQuery.MARK_END) {
        if (!text.isEmpty()) {
          parts.add(new Part(text.toString(), match));
          text.setLength(0);
        }
        match = c == TextQuery.MARK_START;
      } else {
        text.append(c);
      }
    }
    if (!text.isEmpty()) {
      parts.add(new Part(text.toString(), match));
    }
    return parts;
  }
}
