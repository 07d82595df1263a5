package org.flowdesk.cmdb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The CMDB's settings.
 *
 * @param importMaxSize the largest file {@code POST /api/cis/import} takes (other request bodies stay at 1 MB); a
 *     row of the export is 100 to 300 bytes, so the default takes the 100,000 rows of the benchmark several times
 */
@ConfigurationProperties("flowdesk.cmdb")
public record CmdbProperties(@DefaultValue("64MB") DataSize importMaxSize) {
}
