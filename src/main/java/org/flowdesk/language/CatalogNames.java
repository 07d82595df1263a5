package org.flowdesk.language;

import java.util.Optional;

/**
 * The catalog's entries by the names its models give them: a text written with an entry's name ("Onboard a new
 * employee cannot be ordered: …") reads the entry's name in another language by its id, from
 * {@code catalog/i18n/<code>.yaml}. The catalog answers it; the language package does not know the catalog.
 */
public interface CatalogNames {

  /** The section of request items and that of services, as {@code catalog/i18n} names them. */
  String REQUEST_ITEMS = "requestItems";
  String SERVICES = "services";

  /** The id of the entry of the section ({@link #REQUEST_ITEMS}, {@link #SERVICES}) that the catalog names so. */
  Optional<String> idOf(String section, String name);
}
