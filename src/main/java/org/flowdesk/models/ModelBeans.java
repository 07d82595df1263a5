package org.flowdesk.models;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The beans the engine's expressions may reach, by name: FlowDesk's steps and the
 * {@link ModelHelper helpers}, looked up when an expression first names one (the engine is
 * configured before those beans exist). Any other name is not a bean to a model, so
 * {@code ${dataSource.connection}} finds nothing, as the trust boundary asks: models reach only the
 * beans that are meant for them.
 */
public final class ModelBeans extends AbstractMap<Object, Object> {

  private final ListableBeanFactory beans;
  private final Set<String> allowed;

  ModelBeans(ListableBeanFactory beans, Set<String> allowed) {
    this.beans = beans;
    this.allowed = Set.copyOf(allowed);
  }

  /** The names models may call. */
  public Set<String> names() {
    return allowed;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String key && allowed.contains(key);
  }

  @Override
  public Object get(Object name) {
    return containsKey(name) ? beans.getBean((String) name) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return allowed.stream().map(name -> Map.entry((Object) name, beans.getBean(name)))
        .collect(Collectors.toUnmodifiableSet());
  }
}
