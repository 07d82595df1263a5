package org.flowdesk.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring Boot test that edits the models as a process designer would (through
 * {@link EditableModels#files()}) and deploys them through the admin endpoint. Every class so
 * annotated shares one application context, whose models folder is a copy of the project's;
 * {@link EditableModels} puts files and engine back after each test, so no class needs a
 * context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = EditableModels.Folder.class)
@ExtendWith(EditableModels.class)
public @interface EditableModelsTest {
}
