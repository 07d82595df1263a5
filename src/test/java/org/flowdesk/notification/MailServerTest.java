package org.flowdesk.notification;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Spring Boot test against the mail servers GreenMail runs on its test ports (SMTP 3025,
 * IMAP 3143, or those {@link org.flowdesk.TestPorts} is given). The test classes share one
 * context: each class starts and stops its own GreenMail, and the mailbox is read only when a
 * test calls {@link MailInbox#poll()} (the interval is an hour).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "flowdesk.mail.enabled=true", "flowdesk.mail.from=desk@flowdesk.test",
    "flowdesk.mail.reply-to=desk@flowdesk.test",
    "flowdesk.mail.group-addresses.service-desk-managers=sd-managers@flowdesk.test",
    "flowdesk.mail.group-languages.service-desk-managers=de",
    "spring.mail.host=localhost", "spring.mail.port=${flowdesk.test.smtp-port:3025}",
    "flowdesk.mail.inbound.enabled=true", "flowdesk.mail.inbound.host=localhost",
    "flowdesk.mail.inbound.port=${flowdesk.test.imap-port:3143}", "flowdesk.mail.inbound.username=desk",
    "flowdesk.mail.inbound.password=secret", "flowdesk.mail.inbound.interval=1h"})
@ActiveProfiles("test")
@interface MailServerTest {
}
