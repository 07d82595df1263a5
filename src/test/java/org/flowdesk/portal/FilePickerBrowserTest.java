package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.attachment.FilePickers;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

/**
 * A file picker a designer put into an item's form and into the fulfilment step's form, used in Chromium:
 * the portal sends the chosen file with the order and with the step, the ticket shows it among its files
 * and as the field's answer. Shares the context of the tests that edit the models.
 */
@EditableModelsTest
class FilePickerBrowserTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  @Test
  void aRequesterOrdersWithThePhotoTheFormAsksForAndTheFulfillerSendsTheReceipt() throws Exception {
    FilePickers.photoInTheItemForm(MODELS);
    FilePickers.receiptInTheStepForm(MODELS);
    new ApiClient(rest).call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);

    Page alice = browser.as("alice");
    PortalBrowserTest.go(alice, "/catalog/desk-repair");
    alice.getByLabel(Pattern.compile("^Where")).fill("Desk 7, second floor");
    alice.getByLabel(Pattern.compile("^What")).fill("The chair's arm broke off");
    // The form's own check: the photo is required.
    PortalBrowserTest.button(alice, "Order").click();
    assertThat(alice.locator(".error-summary")).containsText("Photo of the damage is required: attach a file");
    alice.locator(".fjs-form-field-filepicker input[type=file]").setInputFiles(
        new FilePayload("chair.png", "image/png", PortalAttachmentBrowserTest.png()));
    assertThat(alice.locator(".fjs-form-field-filepicker")).containsText("chair.png");
    Browser.screenshot(alice, "filepicker-1-order");
    PortalBrowserTest.button(alice, "Order").click();
    String number = PortalBrowserTest.ticketNumber(alice);
    assertThat(alice.locator(".attachments a")).hasText(new String[] {"chair.png"});
    assertThat(alice.locator("main")).containsText("Photo of the damage");

    Page fred = browser.as("fred");
    PortalBrowserTest.doTask(fred, number, "Do the job", page -> {
      page.getByLabel(Pattern.compile("^What was done")).fill("New arm fitted");
      page.locator(".fjs-form-field-filepicker input[type=file]").setInputFiles(
          new FilePayload("receipt.pdf", "application/pdf", PortalAttachmentBrowserTest.PDF));
    });
    assertThat(fred.locator(".attachments a")).hasText(new String[] {"chair.png", "receipt.pdf"});
    assertThat(fred.locator(".timeline")).containsText("Contractor's receipt: receipt.pdf");
    Browser.screenshot(fred, "filepicker-2-step-done");
  }
}
