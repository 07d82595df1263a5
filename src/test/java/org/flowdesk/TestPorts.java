package org.flowdesk;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * The fixed ports of the test servers the suite runs itself: GreenMail's SMTP and IMAP and the provisioning
 * system of {@code application-test.yaml}. Two suites on one machine at once (CI runs the H2 and the
 * PostgreSQL suites side by side, see {@code .ci/run}) give one of them other ports with
 * {@code -Dflowdesk.test.smtp-port}, {@code -Dflowdesk.test.imap-port} and {@code -Dflowdesk.test.provisioning-port};
 * the Spring properties that name these ports read the same system properties, with the same defaults.
 */
public final class TestPorts {

  public static final int SMTP = Integer.getInteger("flowdesk.test.smtp-port", 3025);
  public static final int IMAP = Integer.getInteger("flowdesk.test.imap-port", 3143);
  public static final int PROVISIONING = Integer.getInteger("flowdesk.test.provisioning-port", 18399);

  private TestPorts() {
  }

  /** GreenMail's SMTP server on the suite's SMTP port. */
  public static ServerSetup smtp() {
    return new ServerSetup(SMTP, null, ServerSetup.PROTOCOL_SMTP);
  }

  /** GreenMail's SMTP and IMAP servers on the suite's ports. */
  public static ServerSetup[] smtpAndImap() {
    return new ServerSetup[] {smtp(), new ServerSetup(IMAP, null, ServerSetup.PROTOCOL_IMAP)};
  }
}
