package org.flowdesk.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The ticket statuses a step writes, on the {@code @Bean} method of a delegate or listener that
 * models call. A process that calls the step must declare these statuses, or the deployment is
 * refused: the models, not Java, say what each status is called and whether it counts as open.
 * A step that writes the status its model passes in ({@code changeStatus}) has no annotation;
 * the lint checks the model's {@code status} input instead.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SetsStatus {
  String[] value();
}
