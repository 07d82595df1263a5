package org.flowdesk.knowledge;

import java.time.Instant;

/**
 * A knowledge article's record: its working copy (what its author edits), where it is in its life
 * ({@link #status}) and the version readers see ({@code publishedVersion}, null until published).
 */
record Article(String id, String title, String body, String service, String category, String audience,
    String language, String keywords, String author, String status, Integer publishedVersion, String sourceTicket,
    String reviewNote, String reviewedBy, long views, Instant createdAt, Instant updatedAt, Instant publishedAt,
    String kind) {

  static final String DRAFT = "draft";
  static final String IN_REVIEW = "in_review";
  static final String PUBLISHED = "published";
  static final String DUE_FOR_REVIEW = "due_for_review";
  static final String RETIRED = "retired";
  /** What an agent writes and the owner group reviews. */
  static final String KIND_ARTICLE = "article";
  /** A problem's workaround, written when the problem becomes a known error and retired when it is fixed. */
  static final String KIND_KNOWN_ERROR = "known_error";

  /** Readers find it: published, due for review included (the published version stays while it is revised). */
  boolean isReadable() {
    return publishedVersion != null && !RETIRED.equals(status);
  }

  /** What an article's author writes. */
  record Text(String title, String body, String category, String audience, String language, String keywords) {
  }

  /** One published version as it was published. */
  record Version(int version, String title, String body, String category, String keywords, Instant publishedAt,
      String approvedBy) {
  }
}
