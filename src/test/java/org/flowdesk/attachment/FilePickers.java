package org.flowdesk.attachment;

import org.flowdesk.models.ModelsFixture;

/** The file pickers a designer adds to the facilities forms in the tests, as the Modeler would write them. */
public final class FilePickers {

  private FilePickers() {
  }

  /** A required "Photo of the damage" (images) after the last field of the desk repair's form. */
  public static void photoInTheItemForm(ModelsFixture models) {
    models.replace("forms/item-facilities-job.form", "\"maxLength\": 5000\n      }\n    }", "\"maxLength\": 5000\n      }\n    },"
        + " {\"id\": \"Field_Photo\", \"key\": \"photo\", \"label\": \"Photo of the damage\", \"type\": \"filepicker\","
        + " \"accept\": \"image/*\", \"validate\": {\"required\": true}}");
  }

  /** A required "Contractor's receipt" (PDF) first in the form of the facilities job's step. */
  public static void receiptInTheStepForm(ModelsFixture models) {
    models.replace("forms/fulfil-facilities-job.form", "\"components\": [", "\"components\": ["
        + " {\"id\": \"Field_Receipt\", \"key\": \"receipt\", \"label\": \"Contractor's receipt\", \"type\": \"filepicker\","
        + " \"accept\": \".pdf\", \"validate\": {\"required\": true}},");
  }
}
