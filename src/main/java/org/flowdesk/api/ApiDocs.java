package org.flowdesk.api;

/**
 * What controllers refer to in their OpenAPI annotations: the API's version and the shared
 * error responses ({@code application/problem+json}) that {@link OpenApiConfiguration} declares.
 */
public final class ApiDocs {

  /** The version of the API that the document describes; see the README on what changes are compatible. */
  public static final String VERSION = "1.0.0";

  public static final String BAD_REQUEST = "#/components/responses/BadRequest";
  public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
  public static final String FORBIDDEN = "#/components/responses/Forbidden";
  public static final String NOT_FOUND = "#/components/responses/NotFound";
  public static final String CONFLICT = "#/components/responses/Conflict";
  public static final String UNPROCESSABLE = "#/components/responses/Unprocessable";
  public static final String TOO_LARGE = "#/components/responses/TooLarge";
  public static final String UNSUPPORTED_TYPE = "#/components/responses/UnsupportedType";

  /** The response header of a created ticket. */
  public static final String LOCATION_DESCRIPTION = "Where the new ticket is: /api/tickets/{number}";

  private ApiDocs() {
  }
}
