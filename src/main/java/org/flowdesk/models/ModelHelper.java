package org.flowdesk.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean that models may call in their expressions ({@code ${ticketTitle.of(…)}}), beside the
 * steps (delegates and listeners). The engine's expressions reach these beans and the steps, and
 * no other Spring bean ({@link ModelBeans}); the lint refuses a model that names another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelHelper {
}
