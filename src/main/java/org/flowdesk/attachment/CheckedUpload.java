package org.flowdesk.attachment;

/** An upload that passed every check: its safe name, its exact size and its sniffed type. */
public record CheckedUpload(Upload upload, String name, long size, String contentType) {
}
